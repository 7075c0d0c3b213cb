// `npm run gen`: writes a complete, realistic, deterministic Shaoxing inbox in exactly the formats of
// data-contract.md, with deliberate violations of every rule of rules.md and compliant near-misses around them.
// The lead's `npm start` bootstrap calls generateInbox() on a fresh clone.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeBilling, type BillFormat } from "./billing.js";
import { sampleCalendar } from "./calendar.js";
import { populationRows } from "./counties.js";
import { yearOf } from "./dates.js";
import { departments } from "./departments.js";
import { nearMissesCsv, projectsPerRule, violationsCsv } from "./manifest.js";
import { supplierPool } from "./names.js";
import { inflatingDepartments } from "./performance.js";
import { planPortfolio, type Scale } from "./portfolio.js";
import { Rng } from "./random.js";
import { buildRecords } from "./records.js";
import {
  AS_OF, BILLING_END, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, DEFAULT_SEED, EXPORT_DAY, FIRST_BUDGET_YEAR,
  LAST_BUDGET_YEAR, STABLE_UNTIL,
} from "./timeline.js";
import { newCaseContext, planCases, runOracle, type Flag } from "./violations/index.js";
import { encodeCsv } from "./writers/csv.js";
import { projectsWorkbook } from "./writers/projects-workbook.js";
import { systemsJson } from "./writers/systems-json.js";
import {
  acceptancesCsv, calendarCsv, changesCsv, cloudResourcesCsv, contractsCsv, evaluationsCsv, operationsCsv, paymentsCsv,
  populationCsv, rectificationsCsv, reviewsCsv, securityCsv, targetsActualCsv,
} from "./writers/tables.js";

export type { Scale } from "./portfolio.js";

export interface GenOptions {
  out: string;
  scale?: Scale;
  seed?: number;
  /** Budget years [from, to], inclusive. */
  years?: readonly [number, number];
  /** Progress lines for a terminal. */
  log?: (message: string) => void;
}

export interface GenSummary {
  out: string;
  seed: number;
  scale: Scale;
  years: [number, number];
  asOf: string;
  projects: number;
  /** Rows (records) written per file; `projects.xlsx#项目申报` and `projects.xlsx#绩效目标` for the sheets. */
  files: Record<string, number>;
  /** Distinct projects per rule id in `_generator/violations.csv`. */
  violations: Record<string, number>;
  nearMisses: number;
  ms: number;
}

export function validateYears(years: readonly [number, number]): void {
  const [from, to] = years;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < FIRST_BUDGET_YEAR || to > LAST_BUDGET_YEAR || to - from < 1) {
    throw new Error(
      `--years must be two or more budget years within ${FIRST_BUDGET_YEAR}-${LAST_BUDGET_YEAR} (the measures apply from ` +
        `${FIRST_BUDGET_YEAR}; the export of ${EXPORT_DAY} holds whole application cycles up to ${LAST_BUDGET_YEAR}), got ${from}-${to}`,
    );
  }
}

/** Every planted case must be what the oracle finds, and nothing else, at every as-of date the sample supports. */
function checkPlanted(flags: readonly Flag[], later: readonly Flag[], intended: ReadonlyMap<string, ReadonlySet<string>>, ambiguities: readonly string[]): void {
  const problems: string[] = [...ambiguities];
  const found = new Set(flags.map((f) => `${f.projectId} ${f.ruleId}`));
  const want = new Set([...intended].flatMap(([id, rules]) => [...rules].map((r) => `${id} ${r}`)));
  for (const k of want) if (!found.has(k)) problems.push(`planted but not found: ${k}`);
  for (const k of found) if (!want.has(k)) problems.push(`found but not planted: ${k}`);
  const key = (f: Flag): string => `${f.projectId} ${f.year} ${f.ruleId}`;
  const a = [...new Set(flags.map(key))].sort().join("\n");
  const b = [...new Set(later.map(key))].sort().join("\n");
  if (a !== b) problems.push(`flags differ between ${AS_OF} and ${STABLE_UNTIL}`);
  if (problems.length) throw new Error(`generator self-check failed:\n  ${problems.slice(0, 40).join("\n  ")}`);
}

/** Paths this generator owns inside the inbox; removed first so a rerun leaves no stale month behind. */
const OWNED = [
  "projects.xlsx", "reviews.csv", "contracts.csv", "changes.csv", "acceptances.csv", "payments.csv", "systems.json",
  "cloud_resources.csv", "cloud_billing", "operations.csv", "security.csv", "evaluations.csv", "targets_actual.csv",
  "rectifications.csv", "population.csv", "calendar.csv", "_generator",
];

export async function generateInbox(options: GenOptions): Promise<GenSummary> {
  const t0 = performance.now();
  const scale: Scale = options.scale ?? "city";
  const seed = options.seed ?? DEFAULT_SEED;
  const years: [number, number] = [...(options.years ?? [FIRST_BUDGET_YEAR, LAST_BUDGET_YEAR])] as [number, number];
  validateYears(years);
  const log = options.log ?? (() => {});
  const out = path.resolve(options.out);

  const root = new Rng(seed);
  const { rows: calendarRows, cal } = sampleCalendar(CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR);
  const depts = departments(scale);
  const plans = planPortfolio({ rng: root, cal, depts, scale, years });
  log(`planned ${plans.length} projects`);
  const ctx = newCaseContext(plans, cal, root, scale, years);
  planCases(ctx);
  const records = buildRecords({
    plans, cal, root,
    suppliers: supplierPool(root.fork("suppliers"), scale === "city" ? 80 : 400),
    edits: ctx.edits,
    rectCases: ctx.rectCases,
    inflation: inflatingDepartments(root.fork("inflation"), depts),
  });
  const oracle = runOracle(records, cal, AS_OF);
  const later = runOracle(records, cal, STABLE_UNTIL);
  checkPlanted(oracle.flags, later.flags, ctx.intended, [...oracle.ambiguities, ...later.ambiguities]);
  log(`built records; ${oracle.flags.length} flags planted`);

  await mkdir(out, { recursive: true });
  for (const p of OWNED) await rm(path.join(out, p), { recursive: true, force: true });
  const files: Record<string, number> = {};
  const rng = root.fork("writers");

  // Bills: the provider's old portal exported CSV, the current one Parquet. The first months of the span are CSV
  // (at province scale only the first: CSV is ~50 times the size of zstd Parquet).
  const formatOf = (_y: number, _m: number, index: number): BillFormat => (index < (scale === "city" ? 9 : 1) ? "csv" : "parquet");
  // DuckDB writes the bills on its own thread while this one writes the other files.
  const billing = writeBilling({
    outDir: out, projects: records, firstMonth: { y: years[0], m: 1 }, billingEnd: BILLING_END, formatOf,
    onMonth: (file, rows) => log(`  ${file}: ${rows} rows`),
  });
  billing.catch(() => undefined); // awaited below; keeps an early failure from counting as unhandled meanwhile

  const wb = await projectsWorkbook(records, rng.fork("projects.xlsx"));
  await writeFile(path.join(out, "projects.xlsx"), wb.bytes);
  files["projects.xlsx#项目申报"] = wb.counts.applications;
  files["projects.xlsx#绩效目标"] = wb.counts.targets;

  const population = populationRows(root.fork("population"), years[0] - 1, yearOf(BILLING_END) - 1);
  const csvs = [
    reviewsCsv(records), contractsCsv(records, rng.fork("contracts.csv")), changesCsv(records),
    acceptancesCsv(records, rng.fork("acceptances.csv")), paymentsCsv(records), cloudResourcesCsv(records),
    operationsCsv(records), securityCsv(records), evaluationsCsv(records), targetsActualCsv(records),
    rectificationsCsv(records), populationCsv(population), calendarCsv(calendarRows),
  ];
  for (const c of csvs) {
    await writeFile(path.join(out, c.file), encodeCsv(c.table, c.encoding));
    files[c.file] = c.table.rows.length;
  }
  const systems = systemsJson(records);
  await writeFile(path.join(out, "systems.json"), systems.text);
  files["systems.json"] = systems.count;
  log("wrote projects.xlsx, the CSV files and systems.json");
  for (const b of await billing) files[b.file] = b.rows;

  const gen = path.join(out, "_generator");
  await mkdir(gen, { recursive: true });
  const v = violationsCsv(oracle.flags);
  await writeFile(path.join(gen, "violations.csv"), v.text);
  await writeFile(path.join(gen, "near_misses.csv"), nearMissesCsv(ctx.nearMisses));
  const violations = projectsPerRule(oracle.flags);
  const manifest = {
    generator: "xinguan etl/gen",
    seed, scale, years,
    as_of: AS_OF, export_day: EXPORT_DAY, stable_until: STABLE_UNTIL, billing_end: BILLING_END,
    projects: records.length,
    counts: files,
    violations_per_rule: violations,
    violation_rows: v.rows,
    near_misses: ctx.nearMisses.length,
  };
  await writeFile(path.join(gen, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");

  return {
    out, seed, scale, years, asOf: AS_OF, projects: records.length, files, violations,
    nearMisses: ctx.nearMisses.length, ms: Math.round(performance.now() - t0),
  };
}
