// Arguments of `npm run gen` (data-contract.md "Command line"), parsed without side effects so they can be tested.
import type { GenOptions, Scale } from "./index.js";
import { DEFAULT_SEED, FIRST_BUDGET_YEAR, LAST_BUDGET_YEAR } from "./timeline.js";

export const GEN_USAGE = `usage: npm run gen -- --out DIR [--scale city|province] [--seed N] [--years ${FIRST_BUDGET_YEAR}-${LAST_BUDGET_YEAR}]
  --out DIR        inbox folder to write (created if missing; the generator's own files in it are replaced)
  --scale          city (default: ~60 departments, ~150 projects a year) or province (~20,000 projects, ~50 M bill rows)
  --seed N         random seed (default ${DEFAULT_SEED}); the same seed writes byte-identical files
  --years A-B      budget years (default ${FIRST_BUDGET_YEAR}-${LAST_BUDGET_YEAR})`;

export type ParsedArgs = { kind: "run"; options: GenOptions } | { kind: "help" } | { kind: "error"; message: string };

export function parseGenArgs(argv: readonly string[]): ParsedArgs {
  let out: string | undefined;
  let scale: Scale | undefined;
  let seed: number | undefined;
  let years: [number, number] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string | null => {
      const v = inline ?? argv[++i];
      return v === undefined || v.startsWith("--") ? null : v;
    };
    if (flag === "-h" || flag === "--help") return { kind: "help" };
    if (flag !== "--out" && flag !== "--scale" && flag !== "--seed" && flag !== "--years") {
      return { kind: "error", message: `unknown argument ${arg}` };
    }
    const v = takeValue();
    if (v === null) return { kind: "error", message: `${flag} needs a value` };
    if (flag === "--out") out = v;
    else if (flag === "--scale") {
      if (v !== "city" && v !== "province") return { kind: "error", message: `--scale must be city or province, got ${v}` };
      scale = v;
    } else if (flag === "--seed") {
      if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) return { kind: "error", message: `--seed must be a whole number below 2^32, got ${v}` };
      seed = Number(v);
    } else {
      const m = /^(\d{4})-(\d{4})$/.exec(v);
      if (!m) return { kind: "error", message: `--years must look like ${FIRST_BUDGET_YEAR}-${LAST_BUDGET_YEAR}, got ${v}` };
      years = [Number(m[1]), Number(m[2])];
    }
  }
  if (!out) return { kind: "error", message: "--out is required" };
  return { kind: "run", options: { out, scale, seed, years } };
}
