// Builders for the scoring tests: a project in use with the minimum every staging table needs, and monthly
// operations. Rows go through TestWarehouse.insert (bound values) into the real staging schema.
import type { DuckDBValue } from "@duckdb/node-api";
import path from "node:path";
import { QUERIES_DIR, runSqlFile } from "../../etl/db.js";
import { martFiles } from "../../etl/warehouse/marts.js";
import type { TestWarehouse } from "../support/warehouse.js";

/** Runs the real reference and scoring stages (queries/reference, queries/scoring) in the runner's order. Scoring reads
 *  nothing from the flags and allocation stages, so its tests do not depend on them. */
export async function buildScoring(wh: TestWarehouse): Promise<void> {
  for (const file of await martFiles()) {
    const stage = path.basename(path.dirname(file));
    if (stage === "reference" || stage === "scoring") await runSqlFile(wh.conn, file);
  }
}

/** The real SQL file of the scoring stage, e.g. scoringFile("85-project-score.sql"). */
export function scoringFile(name: string): string {
  return path.join(QUERIES_DIR, "scoring", name);
}

export interface ProjectSpec {
  id: string;
  kind?: string;
  dept?: string;
  applyYear?: number;
  goLive?: string | null;
  shutdown?: string | null;
  /** 核准价 in yuan (a passing 领导小组审查 review); null = no approved price */
  approvedYuan?: number | null;
  deployment?: string | null;
  internetFacing?: boolean;
  mlpsLevel?: number;
  pilotLevel?: string | null;
  classified?: boolean;
  /** the project's one system on the public data platform */
  system?: Partial<Record<"catalog_items" | "shared_interfaces" | "consumed_interfaces", number>> & {
    catalog_compiled_on?: string | null;
    duplicate_collection?: boolean;
  };
}

export async function addProject(wh: TestWarehouse, spec: ProjectSpec): Promise<void> {
  const applyYear = spec.applyYear ?? 2022;
  await wh.insert("stg_projects", [
    {
      project_id: spec.id,
      name: `项目${spec.id}`,
      dept_code: spec.dept ?? "D01",
      dept_name: `单位${spec.dept ?? "D01"}`,
      apply_year: applyYear,
      apply_date: `${applyYear}-03-01`,
      kind: spec.kind ?? "新建",
      deployment: spec.deployment === undefined ? "政务云" : spec.deployment,
      internet_facing: spec.internetFacing ?? false,
      mlps_level: spec.mlpsLevel ?? 1,
      classified: spec.classified ?? false,
      pilot_level: spec.pilotLevel === undefined ? "无" : spec.pilotLevel,
    },
  ]);
  if (spec.approvedYuan !== null) {
    await wh.insert("stg_reviews", [
      {
        project_id: spec.id,
        stage: "领导小组审查",
        review_date: `${applyYear}-05-01`,
        conclusion: "通过",
        approved_yuan: spec.approvedYuan ?? 1_000_000,
      },
    ]);
  }
  if (spec.goLive !== null) {
    const sys = spec.system ?? {};
    await wh.insert("stg_systems", [
      {
        system_id: `${spec.id}-S1`,
        project_id: spec.id,
        name: `系统${spec.id}`,
        go_live_on: spec.goLive ?? `${applyYear}-12-01`,
        shutdown_on: spec.shutdown ?? null,
        catalog_compiled_on: sys.catalog_compiled_on === undefined ? `${applyYear}-12-15` : sys.catalog_compiled_on,
        catalog_items: sys.catalog_items ?? 0,
        shared_interfaces: sys.shared_interfaces ?? 0,
        consumed_interfaces: sys.consumed_interfaces ?? 0,
        duplicate_collection: sys.duplicate_collection ?? false,
      },
    ]);
  }
}

export interface MonthValues {
  availability_pct?: number | null;
  major_incidents?: number | null;
  mean_restore_hours?: number | null;
  active_users?: number | null;
  transactions?: number | null;
}

/** One operations.csv row per month of the year (months 1..months), the same values each month unless a function. */
export async function addMonths(
  wh: TestWarehouse,
  projectId: string,
  year: number,
  values: MonthValues | ((month: number) => MonthValues),
  months = 12,
): Promise<void> {
  const rows: Record<string, DuckDBValue>[] = [];
  for (let m = 1; m <= months; m++) {
    const v = typeof values === "function" ? values(m) : values;
    rows.push({
      project_id: projectId,
      month: `${year}-${String(m).padStart(2, "0")}-01`,
      availability_pct: v.availability_pct ?? null,
      major_incidents: v.major_incidents ?? null,
      mean_restore_hours: v.mean_restore_hours ?? null,
      active_users: v.active_users ?? null,
      transactions: v.transactions ?? null,
    });
  }
  await wh.insert("stg_operations", rows);
}

export type Indicator = {
  project_id: string;
  year: number;
  dimension: string;
  indicator: string;
  raw_value: number | null;
  target: number | null;
  points: number | null;
  max_points: number;
  has_data: boolean;
  note: string;
};

export async function indicator(wh: TestWarehouse, projectId: string, year: number, id: string): Promise<Indicator> {
  const rows = await wh.query(
    "SELECT * FROM mart_indicators WHERE project_id = $p AND year = $y AND indicator = $i",
    { p: projectId, y: year, i: id },
  );
  if (rows.length !== 1) throw new Error(`expected one ${id} row for ${projectId} ${year}, got ${rows.length}`);
  return rows[0] as Indicator;
}

export async function score(wh: TestWarehouse, projectId: string, year: number, dimension: string) {
  const rows = await wh.query(
    "SELECT score::DOUBLE AS score, coverage, scorable, weight, weights_version FROM mart_scores WHERE project_id = $p AND year = $y AND dimension = $d",
    { p: projectId, y: year, d: dimension },
  );
  if (rows.length !== 1) throw new Error(`expected one ${dimension} row for ${projectId} ${year}, got ${rows.length}`);
  return rows[0] as { score: number | null; coverage: number; scorable: boolean; weight: number; weights_version: string };
}

export async function total(wh: TestWarehouse, projectId: string, year: number) {
  const rows = await wh.query(
    "SELECT total_score::DOUBLE AS total_score, grade, weights_version, note FROM int_project_score WHERE project_id = $p AND year = $y",
    { p: projectId, y: year },
  );
  if (rows.length !== 1) throw new Error(`expected one total for ${projectId} ${year}, got ${rows.length}`);
  return rows[0] as { total_score: number | null; grade: string | null; weights_version: string; note: string | null };
}

/** The linear rule of mart_indicators, for expectations: max × clamp((raw − zero) ÷ (full − zero), 0, 1). */
export function linear(raw: number, p: { max_points: number; full_at: number; zero_at: number }): number {
  const r = Math.max(0, Math.min(1, (raw - p.zero_at) / (p.full_at - p.zero_at)));
  return Math.round(p.max_points * r * 1e4) / 1e4;
}

export async function params(wh: TestWarehouse, indicatorId: string, version = "v2024.1") {
  // from the loaded reference table, so it works before the scoring stage has run
  const rows = await wh.query(
    `SELECT max(value) FILTER (WHERE param = 'max_points') AS max_points,
            max(value) FILTER (WHERE param = 'full_at') AS full_at,
            max(value) FILTER (WHERE param = 'zero_at') AS zero_at,
            max(value) FILTER (WHERE param = 'min_peers') AS min_peers,
            max(value) FILTER (WHERE param = 'window_years') AS window_years
     FROM ref_scoring_thresholds WHERE version = $v AND indicator = $i HAVING count(*) > 0`,
    { v: version, i: indicatorId },
  );
  if (rows.length !== 1) throw new Error(`no params for ${indicatorId}`);
  return rows[0] as { max_points: number; full_at: number; zero_at: number; min_peers: number | null; window_years: number | null };
}
