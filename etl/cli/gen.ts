// npm run gen -- --out DIR [--scale city|province] [--seed N] [--years 2021-2025]
// Writes a complete, deterministic sample inbox (data-contract.md) with planted violations of every rule of
// rules.md; the intended violations go to DIR/_generator/violations.csv.
import { GEN_USAGE, parseGenArgs } from "../gen/cli-args.js";
import { generateInbox, validateYears } from "../gen/index.js";

async function main(): Promise<number> {
  const parsed = parseGenArgs(process.argv.slice(2));
  if (parsed.kind === "help") {
    process.stdout.write(`${GEN_USAGE}\n`);
    return 0;
  }
  if (parsed.kind === "error") {
    process.stderr.write(`${parsed.message}\n\n${GEN_USAGE}\n`);
    return 2;
  }
  const { options } = parsed;
  if (options.years) {
    try {
      validateYears(options.years);
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      return 2;
    }
  }
  const summary = await generateInbox({ ...options, log: (m) => process.stderr.write(`${m}\n`) });
  const bills = Object.entries(summary.files).filter(([f]) => f.startsWith("cloud_billing/"));
  const billRows = bills.reduce((s, [, n]) => s + n, 0);
  process.stdout.write(
    `wrote ${summary.out} (scale ${summary.scale}, seed ${summary.seed}, years ${summary.years.join("-")}) in ${(summary.ms / 1000).toFixed(1)} s\n` +
      `  ${summary.projects} projects; ${billRows} bill rows in ${bills.length} monthly files\n` +
      `  violations, projects per rule: ${Object.entries(summary.violations).map(([r, n]) => `${r} ${n}`).join(", ")}\n` +
      `  ${summary.nearMisses} near-miss cases; manifest in _generator/\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
