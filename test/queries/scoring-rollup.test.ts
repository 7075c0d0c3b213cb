// From indicators to dimension scores, totals and grades: coverage and no-data rules, the total by hand from
// mart_indicators and the weights table, a weights change that re-scores with no code change, grade boundaries,
// self against independent evaluation, and the Art. 34 rectification list. Real DuckDB and the real SQL files.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSqlFile } from "../../etl/db.js";
import { loadScoringConfig, SCORING_CONFIG_DIR } from "../../etl/warehouse/reference.js";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";
import {
  addMonths,
  addProject,
  buildScoring,
  indicator,
  score,
  scoringFile,
  total,
} from "./scoring-fixtures.js";

const DIMENSIONS = ["operation", "integration", "cost_effectiveness", "effectiveness", "security", "innovation"];

/** round half up to 2 decimals the way 80-dimension-scores.sql does (via DECIMAL(18,6)) */
const roundHalfUp2 = (x: number) => Math.round(Math.round(x * 1e6) / 1e4) / 100;
/** truncate to 2 decimals the way 85-project-score.sql does */
const truncate2 = (x: number) => Math.floor(x * 100 + 1e-6) / 100;

/** A department's check by hand: only mart_indicators and the reference tables, none of the scoring SQL. */
async function recomputeByHand(wh: TestWarehouse, projectId: string, year: number) {
  const indicators = await wh.query(
    "SELECT dimension, points, max_points, has_data, weights_version FROM mart_indicators WHERE project_id = $p AND year = $y",
    { p: projectId, y: year },
  );
  const version = indicators[0].weights_version as string;
  const weights = Object.fromEntries(
    (await wh.query("SELECT dimension, weight FROM ref_scoring_weights WHERE version = $v", { v: version })).map(
      (r) => [r.dimension as string, r.weight as number],
    ),
  );
  const rules = Object.fromEntries(
    (await wh.query("SELECT param, value FROM ref_scoring_thresholds WHERE version = $v AND dimension = 'total'", { v: version }))
      .map((r) => [r.param as string, r.value as number]),
  );
  const dims: Record<string, { score: number | null; coverage: number }> = {};
  for (const d of DIMENSIONS) {
    const rows = indicators.filter((r) => r.dimension === d);
    const withData = rows.filter((r) => r.has_data);
    const coverage = rows.length ? withData.length / rows.length : 0;
    const scorable = withData.length > 0 && coverage >= rules.min_coverage;
    const pts = withData.reduce((s, r) => s + (r.points as number), 0);
    const max = withData.reduce((s, r) => s + (r.max_points as number), 0);
    dims[d] = { score: scorable ? roundHalfUp2((pts / max) * 100) : null, coverage };
  }
  const scorable = DIMENSIONS.filter((d) => dims[d].score !== null);
  const allWeight = DIMENSIONS.reduce((s, d) => s + weights[d], 0);
  const scorableWeight = scorable.reduce((s, d) => s + weights[d], 0);
  let totalScore: number | null = null;
  if (scorable.length >= rules.min_scorable_dimensions && scorableWeight / allWeight >= rules.min_scorable_weight_share) {
    totalScore = truncate2(scorable.reduce((s, d) => s + weights[d] * (dims[d].score as number), 0) / scorableWeight);
  }
  const grade =
    totalScore === null ? null : totalScore >= rules["优"] ? "优" : totalScore >= rules["良"] ? "良" : totalScore >= rules["中"] ? "中" : "差";
  return { version, dims, totalScore, grade, scorable: scorable.length };
}

/** A project with evidence in every dimension (and a few honest gaps), 2023–2024. */
async function richProject(wh: TestWarehouse, id: string, k: number) {
  await addProject(wh, {
    id, kind: "升级改造", dept: "D07", goLive: "2022-06-01", approvedYuan: 1_000_000, internetFacing: true,
    pilotLevel: "省级", system: { catalog_items: 6 * k, shared_interfaces: k, consumed_interfaces: 4, catalog_compiled_on: "2022-07-01" },
  });
  await wh.insert("stg_contracts", [
    { contract_id: `C-${id}`, project_id: id, signed_on: "2022-05-10", amount_yuan: 940_000 + 40_000 * k },
  ]);
  await wh.insert("stg_payments", [
    { payment_id: `P-${id}-1`, project_id: id, paid_on: "2022-12-01", amount_yuan: 500_000 + 100_000 * k, fund_type: "建设" },
    { payment_id: `P-${id}-2`, project_id: id, paid_on: "2023-06-01", amount_yuan: 30_000 * k, fund_type: "运维" },
    { payment_id: `P-${id}-3`, project_id: id, paid_on: "2024-06-01", amount_yuan: 35_000 * k, fund_type: "运维" },
  ]);
  for (const year of [2023, 2024]) {
    await addMonths(wh, id, year, (m) => ({
      availability_pct: 99.6 - 0.15 * k - (m === 7 ? 0.5 : 0),
      major_incidents: m === 2 || (m === 9 && k > 1) ? 1 : 0,
      mean_restore_hours: m === 2 || (m === 9 && k > 1) ? 3 * k : null,
      active_users: (year === 2023 ? 1000 : 1000 - 120 * k) + m,
      transactions: (year === 2023 ? 20_000 : 21_000) * k,
    }));
    await wh.insertBills([
      {
        charge_period_start: `${year}-05-01 16:00:00`, charge_period_end: `${year}-05-02 16:00:00`,
        charge_category: "Usage", billed_cost: 9_000 * k, effective_cost: 9_000 * k, billing_currency: "CNY",
        resource_id: `R-${id}`, project_id: id, cpu_utilization: 0.08 * k, charge_date: `${year}-05-02`,
        source_file: "cloud_billing/t.csv",
      },
    ]);
    await wh.insert("stg_perf_targets", [
      { project_id: id, year, indicator: "年办件量", target_value: 240_000, unit: "件", direction: ">=" },
      { project_id: id, year, indicator: "平均办理时长", target_value: 3, unit: "天", direction: "<=" },
      { project_id: id, year, indicator: "满意度", target_value: 95, unit: "%", direction: ">=" },
    ]);
    await wh.insert("stg_targets_actual", [
      { project_id: id, year, indicator: "年办件量", actual_value: (year === 2023 ? 240_000 : 252_000) * k },
      { project_id: id, year, indicator: "平均办理时长", actual_value: 2 + k * 0.4 },
    ]);
    await wh.insert("stg_evaluations", [
      { project_id: id, year, evaluator: "自评", operation: 95, integration: 92, cost_effectiveness: 90, effectiveness: 93, security: 96, innovation: 88 },
      { project_id: id, year, evaluator: "第三方", operation: 85, integration: 80, cost_effectiveness: 78, effectiveness: 81, security: 84, innovation: 60 + 10 * k },
    ]);
  }
  await wh.insert("stg_security", [
    { record_id: `${id}-A`, project_id: id, record_type: "安全评估报告", record_date: "2022-05-01" },
    { record_id: `${id}-B`, project_id: id, record_type: "安全方案", record_date: "2022-05-01" },
    { record_id: `${id}-C`, project_id: id, record_type: "等保测评备案", record_date: k === 3 ? "2024-02-01" : "2022-05-20" },
    { record_id: `${id}-D`, project_id: id, record_type: "密码应用评估", record_date: "2023-03-01" },
    { record_id: `${id}-V1`, project_id: id, record_type: "漏洞", record_date: "2024-01-10", severity: "高危", fix_deadline: "2024-02-10", fixed_on: "2024-02-01" },
    { record_id: `${id}-V2`, project_id: id, record_type: "漏洞", record_date: "2024-03-10", severity: "中危", fix_deadline: "2024-04-10", fixed_on: k > 1 ? "2024-05-01" : "2024-04-01" },
    { record_id: `${id}-I1`, project_id: id, record_type: "安全事件", record_date: "2024-08-08", severity: "中危" },
  ]);
}

describe("the total by hand from mart_indicators and the weights table", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-03-31" });
    for (const k of [1, 2, 3]) await richProject(wh, `R${k}`, k);
    await buildScoring(wh);
  });
  afterAll(() => wh?.close());

  for (const [id, year] of [["R1", 2024], ["R2", 2024], ["R3", 2023], ["R3", 2024]] as const) {
    it(`matches mart_scores and int_project_score for ${id} ${year}`, async () => {
      const byHand = await recomputeByHand(wh, id, year);
      expect(byHand.version).toBe("v2024.1");
      for (const d of DIMENSIONS) {
        const s = await score(wh, id, year, d);
        expect(s.score, `${d} score`).toBe(byHand.dims[d].score);
        expect(s.coverage, `${d} coverage`).toBeCloseTo(byHand.dims[d].coverage, 4);
      }
      const t = await total(wh, id, year);
      expect(byHand.totalScore).not.toBeNull();
      expect(t.total_score).toBe(byHand.totalScore);
      expect(t.grade).toBe(byHand.grade);
      expect(t.weights_version).toBe("v2024.1");
    });
  }

  it("exercises the no-data paths in the scored example (so the hand check covers re-normalisation)", async () => {
    // a satisfaction target without an actual value, a first-year trend, …
    expect((await indicator(wh, "R1", 2024, "targets:满意度")).has_data).toBe(false);
    expect((await indicator(wh, "R1", 2023, "user_trend")).has_data).toBe(false);
    expect((await indicator(wh, "R1", 2024, "cost_per_user")).has_data).toBe(true);
    const s = await score(wh, "R1", 2024, "effectiveness");
    expect(s.coverage).toBeCloseTo(4 / 5, 6);
  });

  it("writes one row per key in every scoring relation", async () => {
    for (const [table, key] of [
      ["mart_indicators", "project_id, year, indicator"],
      ["mart_scores", "project_id, year, dimension"],
      ["int_project_score", "project_id, year"],
      ["mart_evaluation_gap", "project_id, year"],
      ["int_rectification_due", "project_id, year"],
    ]) {
      const dup = await wh.query(`SELECT ${key}, count(*) FROM ${table} GROUP BY ALL HAVING count(*) > 1`);
      expect(dup, table).toEqual([]);
    }
    const rows = await wh.query("SELECT count(*)::INTEGER AS n FROM mart_scores");
    expect(rows).toEqual([{ n: 3 * 4 * 6 }]); // 3 projects × 2023, 2024, 2025 (to date), 2022 × 6 dimensions
  });

  it("marks the running year provisional", async () => {
    const rows = await wh.query("SELECT year, provisional FROM int_project_score WHERE project_id = 'R1' ORDER BY year");
    expect(rows).toEqual([
      { year: 2022, provisional: false },
      { year: 2023, provisional: false },
      { year: 2024, provisional: false },
      { year: 2025, provisional: true },
    ]);
  });
});

describe("no data and coverage", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-12-31" });
    // C1: operation 2 of 4 (availability and a zero incident count; no restore time to measure, usage unreported);
    //     innovation 1 of 2 (pilot level, no independent evaluation)
    await addProject(wh, { id: "C1", goLive: "2023-01-01", pilotLevel: "市级" });
    await addMonths(wh, "C1", 2024, { availability_pct: 99, major_incidents: 0 });
    // C2: operation 1 of 4 (availability only); innovation 0 of 2
    await addProject(wh, { id: "C2", goLive: "2023-01-01", pilotLevel: null });
    await addMonths(wh, "C2", 2024, { availability_pct: 99 });
    // security.csv arrived (one record of C1's): security is measurable for both
    await wh.insert("stg_security", [
      { record_id: "C1-A", project_id: "C1", record_type: "安全评估报告", record_date: "2022-01-01" },
    ]);
    await buildScoring(wh);
  });
  afterAll(() => wh?.close());

  it("scores a dimension at exactly half coverage on the indicators it has", async () => {
    const s = await score(wh, "C1", 2024, "operation");
    expect(s).toMatchObject({ coverage: 0.5, scorable: true });
    const av = await indicator(wh, "C1", 2024, "availability");
    const inc = await indicator(wh, "C1", 2024, "major_incidents");
    expect(s.score).toBe(roundHalfUp2((((av.points as number) + (inc.points as number)) / (av.max_points + inc.max_points)) * 100));
    const inn = await score(wh, "C1", 2024, "innovation");
    expect(inn).toMatchObject({ coverage: 0.5, scorable: true, score: 60 });
  });

  it("does not score a dimension below half coverage: score NULL, never zero", async () => {
    expect(await score(wh, "C2", 2024, "operation")).toMatchObject({ coverage: 0.25, scorable: false, score: null });
    expect(await score(wh, "C2", 2024, "innovation")).toMatchObject({ coverage: 0, scorable: false, score: null });
    const usage = await indicator(wh, "C2", 2024, "usage_months");
    expect(usage).toMatchObject({ has_data: false, points: null, raw_value: null });
    expect(usage.note).toMatch(/^无数据：/);
  });

  it("re-normalises the total over the scorable dimensions when at least 4 carry 60 % of the weight", async () => {
    // C1: operation 20 + integration 15 + security 15 + innovation 10 = 60 of 100 — exactly the minimum
    const scores = await wh.query(
      "SELECT dimension, score::DOUBLE AS score, weight FROM mart_scores WHERE project_id = 'C1' AND year = 2024 AND scorable",
    );
    expect(scores.map((r) => r.dimension).sort()).toEqual(["innovation", "integration", "operation", "security"]);
    const w = scores.reduce((s, r) => s + (r.weight as number), 0);
    expect(w).toBe(60);
    const t = await total(wh, "C1", 2024);
    expect(t.total_score).toBe(truncate2(scores.reduce((s, r) => s + (r.weight as number) * (r.score as number), 0) / w));
    expect(t.note).toBe("4 个维度可评分，权重按其合计（占 60.0%）重新归一");
  });

  it("gives no total and no grade when fewer than 4 dimensions are scorable", async () => {
    const t = await total(wh, "C2", 2024);
    expect(t).toMatchObject({ total_score: null, grade: null });
    expect(t.note).toBe("可评分维度 2 个，少于 4 个，总分与等级不计");
  });

  it("gives no total when the scorable dimensions carry under the minimum share of the weight", async () => {
    // a later version for 2024 that puts 80 % of the weight on the two dimensions C1 cannot be scored on
    await wh.conn.run(`
      INSERT INTO ref_scoring_versions VALUES ('v2099.9', DATE '2099-01-01', 2024, NULL, 'test');
      INSERT INTO ref_scoring_weights
        SELECT 'v2099.9', dimension, dimension_name,
               CASE WHEN dimension IN ('cost_effectiveness', 'effectiveness') THEN 40 ELSE 5 END
        FROM ref_scoring_weights WHERE version = 'v2024.1';
      INSERT INTO ref_scoring_thresholds
        SELECT 'v2099.9', dimension, indicator, indicator_name, seq, param, value
        FROM ref_scoring_thresholds WHERE version = 'v2024.1';`);
    await buildScoring(wh);
    const t = await total(wh, "C1", 2024);
    expect(t).toMatchObject({ total_score: null, grade: null, weights_version: "v2099.9" });
    expect(t.note).toBe("可评分维度权重合计占 20.0%，低于 60.0%，总分与等级不计");
  });
});

describe("a weights change re-scores without code changes", () => {
  let wh: TestWarehouse;
  let before: Awaited<ReturnType<typeof total>>;
  let before2023: Awaited<ReturnType<typeof total>>;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-03-31" });
    for (const k of [1, 2, 3]) await richProject(wh, `R${k}`, k);
    await buildScoring(wh);
    before = await total(wh, "R2", 2024);
    before2023 = await total(wh, "R2", 2023);
  });
  afterAll(() => wh?.close());

  it("uses a newer version inserted into the reference tables for the years it applies to", async () => {
    await wh.conn.run(`
      INSERT INTO ref_scoring_versions VALUES ('v2099.1', DATE '2099-01-01', 2024, NULL, 'test: security weighs 60');
      INSERT INTO ref_scoring_weights
        SELECT 'v2099.1', dimension, dimension_name, CASE WHEN dimension = 'security' THEN 60 ELSE weight END
        FROM ref_scoring_weights WHERE version = 'v2024.1';
      INSERT INTO ref_scoring_thresholds
        SELECT 'v2099.1', dimension, indicator, indicator_name, seq, param, value
        FROM ref_scoring_thresholds WHERE version = 'v2024.1';`);
    await buildScoring(wh);
    const after = await total(wh, "R2", 2024);
    expect(after.weights_version).toBe("v2099.1");
    expect(after.total_score).not.toBe(before.total_score);
    const byHand = await recomputeByHand(wh, "R2", 2024);
    expect(byHand.version).toBe("v2099.1");
    expect(after.total_score).toBe(byHand.totalScore);
    // every row records the version that scored it; 2023 keeps the old one
    const versions = await wh.query(
      "SELECT year, list(DISTINCT weights_version) AS v FROM mart_scores WHERE project_id = 'R2' AND year IN (2023, 2024) GROUP BY year ORDER BY year",
    );
    expect(versions).toEqual([{ year: 2023, v: ["v2024.1"] }, { year: 2024, v: ["v2099.1"] }]);
    expect((await score(wh, "R2", 2024, "security")).weight).toBe(60);
    expect(await total(wh, "R2", 2023)).toEqual(before2023);
  });

  it("re-scores from a new configuration file loaded by the real loader", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-scoring-"));
    try {
      const shipped = await readFile(path.join(SCORING_CONFIG_DIR, "v2024.1.json"), "utf8");
      await writeFile(path.join(dir, "v2024.1.json"), shipped);
      const next = JSON.parse(shipped);
      next.version = "v2025.1";
      next.published_on = "2025-01-01";
      next.applies_to_years = [2024, 2025];
      const operation = next.dimensions.find((d: { id: string }) => d.id === "operation");
      operation.weight = 50;
      operation.indicators.find((i: { id: string }) => i.id === "availability").full_at = 99.0;
      await writeFile(path.join(dir, "v2025.1.json"), JSON.stringify(next, null, 2));

      await loadScoringConfig(wh.conn, { dir });
      await buildScoring(wh);

      const av = await indicator(wh, "R3", 2024, "availability");
      // R3's availability ≈ 99.11 %: short of the shipped 99.5 line, past the new 99.0 one
      expect(av.raw_value).toBeGreaterThan(99.0);
      expect(av.raw_value).toBeLessThan(99.5);
      expect(av.points).toBe(av.max_points);
      expect(av.note).toContain("99 为满分");
      expect((await score(wh, "R3", 2024, "operation")).weight).toBe(50);
      const t = await total(wh, "R3", 2024);
      expect(t.weights_version).toBe("v2025.1");
      expect(t.total_score).toBe((await recomputeByHand(wh, "R3", 2024)).totalScore);
      expect((await total(wh, "R3", 2023)).weights_version).toBe("v2024.1");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("grades and the rounding decision", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-12-31" });
    await buildScoring(wh); // creates every scoring table, empty
  });
  afterAll(() => wh?.close());

  /** Feeds unrounded totals to the real 85-project-score.sql and 95-rectification-due.sql. */
  async function grade(totals: [string, string][]) {
    await wh.conn.run(`CREATE OR REPLACE TABLE int_project_total AS
      SELECT project_id, 2024 AS year, 'v2024.1' AS weights_version, false AS provisional, 6 AS scorable_dimensions,
             1.0 AS scorable_weight_share, total_unrounded, NULL::VARCHAR AS note
      FROM (VALUES ${totals.map(([id, expr]) => `('${id}', (${expr})::DOUBLE)`).join(", ")}) t(project_id, total_unrounded)`);
    await runSqlFile(wh.conn, scoringFile("85-project-score.sql"));
    const rows = await wh.query("SELECT project_id, total_score::VARCHAR AS total_score, grade FROM int_project_score");
    return Object.fromEntries(rows.map((r) => [r.project_id as string, [r.total_score, r.grade]]));
  }

  it("truncates to 2 decimals and grades the shown figure: 89.995 is 良, 90 is 优", async () => {
    const g = await grade([
      ["a", "100"], ["b", "90"], ["c", "89.995"], ["d", "89.99"], ["e", "80"], ["f", "79.995"], ["g", "79.99"],
      ["h", "60"], ["i", "59.999"], ["j", "59.99"], ["k", "0"], ["l", "NULL"],
      // floating-point sums that are exactly on a boundary stay on it
      ["m", "(90.01 * 20 + 89.99 * 20) / 40"], ["n", "(79.99 * 15 + 79.99 * 10) / 25"],
    ]);
    expect(g).toEqual({
      a: ["100.00", "优"],
      b: ["90.00", "优"],
      c: ["89.99", "良"],
      d: ["89.99", "良"],
      e: ["80.00", "良"],
      f: ["79.99", "中"],
      g: ["79.99", "中"],
      h: ["60.00", "中"],
      i: ["59.99", "差"],
      j: ["59.99", "差"],
      k: ["0.00", "差"],
      l: [null, null],
      m: ["90.00", "优"],
      n: ["79.99", "中"],
    });
  });

  it("opens a rectification for a closed year graded 差, not for a provisional one", async () => {
    await wh.conn.run(`CREATE OR REPLACE TABLE int_project_total AS
      SELECT * FROM (VALUES ('X1', 2024, 'v2024.1', false, 6, 1.0, 59.99::DOUBLE, NULL::VARCHAR),
                            ('X2', 2025, 'v2024.1', true, 6, 1.0, 40.0::DOUBLE, NULL::VARCHAR),
                            ('X3', 2024, 'v2024.1', false, 6, 1.0, 60.0::DOUBLE, NULL::VARCHAR))
        t(project_id, year, weights_version, provisional, scorable_dimensions, scorable_weight_share, total_unrounded, note)`);
    await runSqlFile(wh.conn, scoringFile("85-project-score.sql"));
    await runSqlFile(wh.conn, scoringFile("95-rectification-due.sql"));
    const due = await wh.query("SELECT project_id, year, reason, poor_grade, missed_targets FROM int_rectification_due");
    expect(due).toEqual([
      { project_id: "X1", year: 2024, reason: "绩效评估等级为差（总分 59.99）", poor_grade: true, missed_targets: 0 },
    ]);
  });
});

describe("self-evaluation against the independent one", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-12-31" });
    for (const id of ["E1", "E2", "E3", "E4"]) await addProject(wh, { id, dept: `D-${id}`, goLive: "2023-01-01" });
    const all = (v: number | null) => ({
      operation: v, integration: v, cost_effectiveness: v, effectiveness: v, security: v, innovation: v,
    });
    await wh.insert("stg_evaluations", [
      { project_id: "E1", year: 2024, evaluator: "自评", ...all(90) },
      { project_id: "E1", year: 2024, evaluator: "信管办", ...all(80) },
      { project_id: "E1", year: 2024, evaluator: "第三方", ...all(70) },
      { project_id: "E2", year: 2024, evaluator: "自评", ...all(85) },
      { project_id: "E2", year: 2024, evaluator: "信管办", ...all(88) },
      { project_id: "E3", year: 2024, evaluator: "自评", ...all(80), operation: 100, integration: null },
      { project_id: "E3", year: 2024, evaluator: "第三方", ...all(70), operation: 50 },
      { project_id: "E4", year: 2024, evaluator: "自评", ...all(95) },
    ]);
    await buildScoring(wh);
  });
  afterAll(() => wh?.close());

  it("prefers 第三方 over 信管办 and reports gap = self − independent", async () => {
    const rows = await wh.query(
      `SELECT project_id, dept_code, self_score::DOUBLE AS self_score, independent_score::DOUBLE AS independent_score,
              independent_evaluator, gap::DOUBLE AS gap, dimensions_compared, weights_version
       FROM mart_evaluation_gap ORDER BY project_id`,
    );
    expect(rows).toEqual([
      { project_id: "E1", dept_code: "D-E1", self_score: 90, independent_score: 70, independent_evaluator: "第三方", gap: 20, dimensions_compared: 6, weights_version: "v2024.1" },
      { project_id: "E2", dept_code: "D-E2", self_score: 85, independent_score: 88, independent_evaluator: "信管办", gap: -3, dimensions_compared: 6, weights_version: "v2024.1" },
      // weights 20/15/20/20/15/10 over the five columns both filled (integration blank in the self-evaluation):
      // self (100×20 + 80×65) ÷ 85 = 84.71, independent (50×20 + 70×65) ÷ 85 = 65.29
      { project_id: "E3", dept_code: "D-E3", self_score: 84.71, independent_score: 65.29, independent_evaluator: "第三方", gap: 19.42, dimensions_compared: 5, weights_version: "v2024.1" },
      { project_id: "E4", dept_code: "D-E4", self_score: 95, independent_score: null, independent_evaluator: null, gap: null, dimensions_compared: 0, weights_version: "v2024.1" },
    ]);
  });

  it("uses the same independent evaluation for the expert innovation indicator", async () => {
    expect((await indicator(wh, "E1", 2024, "expert_innovation")).raw_value).toBe(70);
    expect((await indicator(wh, "E2", 2024, "expert_innovation")).raw_value).toBe(88);
    expect((await indicator(wh, "E4", 2024, "expert_innovation")).has_data).toBe(false);
  });
});
