// The 年度绩效 model against a small real DuckDB warehouse (test/support/dashboard-fixture-a.ts): the marts' public
// columns, real SQL from queries/pages, nothing mocked. Expected values are recomputed from the fixture's rows.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScoredYear, getPerformance, riskReasons, sumYuan } from "~/models/performance.server";
import { AT_RISK_PAGE_SIZE } from "~/domain/performance";
import { openWarehouse } from "../../../etl/db.js";
import { fixtureRows, writeDashboardFixture } from "../../support/dashboard-fixture-a";
import { ALL_DEPARTMENTS } from "~/models/scope.server";

let dir: string;
const rows = fixtureRows();
const scores2024 = rows.int_project_score.filter((r) => r.year === 2024);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-perf-"));
  process.env.WAREHOUSE = path.join(dir, "warehouse.duckdb");
  await writeDashboardFixture(process.env.WAREHOUSE);
});
afterAll(async () => {
  delete process.env.WAREHOUSE;
  await rm(dir, { recursive: true, force: true });
});

const all = { year: null, dept: null, kind: null, grade: null, project: null };

describe("getPerformance", () => {
  it("opens on the latest year with final scores, with every scored year in the trend", async () => {
    const v = await getPerformance(all, ALL_DEPARTMENTS);
    expect(v.year).toBe(2024);
    expect(v.defaultYear).toBe(2024);
    expect(v.yearIsScored).toBe(true);
    expect(v.yearIsProvisional).toBe(false);
    expect(v.asOf).toBe("2025-03-31");
    expect(v.years.map((y) => [y.year, y.provisional])).toEqual([[2023, false], [2024, false], [2025, true]]);
  });

  it("shows a running year's scores as provisional, and counts no missed target in it", async () => {
    const v = await getPerformance({ ...all, year: 2025 }, ALL_DEPARTMENTS);
    expect(v.yearIsScored).toBe(true);
    expect(v.yearIsProvisional).toBe(true);
    expect(v.atRisk.every((p) => p.missedTargets === 0)).toBe(true);
  });

  it("falls back to the latest provisional year when no year is closed", () => {
    expect(defaultScoredYear([{ year: 2025, meanScore: 70, projectsScored: 1, poor: 0, provisional: true }])).toBe(2025);
    expect(defaultScoredYear([])).toBeNull();
  });

  it("counts scored projects, their mean and the 差 grades the way the scores say", async () => {
    const v = await getPerformance(all, ALL_DEPARTMENTS);
    const totals = scores2024.map((r) => Number(r.total_score));
    expect(v.kpis.projectsScored).toBe(totals.length);
    expect(v.kpis.meanScore).toBeCloseTo(totals.reduce((s, x) => s + x, 0) / totals.length, 2);
    expect(v.kpis.poor).toBe(scores2024.filter((r) => r.grade === "差").length);
    // project-years include the ones not yet scored
    expect(v.kpis.projects).toBeGreaterThan(v.kpis.projectsScored);
    expect(v.grades.scored).toBe(totals.length);
    expect(v.grades.unscored).toBe(v.kpis.projects - totals.length);
    expect(v.rankingTotal).toBe(totals.length);
  });

  it("ranks scored projects best first and applies the grade filter to the ranking only", async () => {
    const v = await getPerformance({ ...all, grade: "差" }, ALL_DEPARTMENTS);
    expect(v.ranking.every((p) => p.grade === "差")).toBe(true);
    expect(v.ranking.length).toBe(v.kpis.poor);
    expect(v.grades.counts.find((c) => c.grade === "优")!.count).toBeGreaterThan(0); // the distribution sees every grade
    const scores = v.ranking.map((p) => p.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(v.ranking.map((p) => p.rank)).toEqual(v.ranking.map((_, i) => i + 1));
  });

  it("puts at risk the 差, the missed targets and the suspended O&M, and sums their O&M money exactly", async () => {
    const v = await getPerformance(all, ALL_DEPARTMENTS);
    const poor = scores2024.filter((r) => r.grade === "差").map((r) => r.project_id);
    const suspendedIds = rows.mart_fund_status.filter((r) => r.year === 2024 && r.om_status === "suspended").map((r) => r.project_id);
    const missed = rows.mart_indicators
      .filter((r) => r.year === 2024 && String(r.indicator).startsWith("targets:") && r.has_data && Number(r.points) < Number(r.max_points))
      .map((r) => r.project_id);
    const rectified = rows.mart_flags.filter((r) => r.year === 2024 && String(r.rule_id).startsWith("ART34_")).map((r) => r.project_id);
    const expected = [...new Set([...poor, ...suspendedIds, ...missed, ...rectified])].sort();
    expect(v.atRisk.map((p) => p.projectId).sort()).toEqual(expected);
    for (const p of v.atRisk) expect(p.riskReasons.length, p.projectId).toBeGreaterThan(0);
    const suspended = v.atRisk.find((p) => p.projectId === "SX2022-005")!;
    expect(suspended.omFundStatus).toBe("suspended");
    expect(suspended.riskReasons.some((r) => r.startsWith("运维经费暂停安排，自 2023-02-01 起"))).toBe(true);
    // exact: the fen of each at-risk project's O&M money, summed as integers
    const fen = v.atRisk.reduce((s, p) => s + Math.round(Number(p.omAtStakeYuan) * 100), 0);
    expect(v.kpis.fundsAtRiskYuan).toBe(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`);
    expect(v.kpis.atRisk).toBe(v.atRisk.length);
  });

  it("narrows to a department and kind, and says which year has no scores", async () => {
    const v = await getPerformance({ ...all, dept: "D330600101", kind: "新建" }, ALL_DEPARTMENTS);
    const expected = rows.dim_project.filter((p) => p.dept_code === "D330600101" && p.kind === "新建" && Number(p.year) <= 2024);
    expect(v.kpis.projects).toBe(expected.length);
    expect(v.ranking.every((r) => expected.some((p) => p.project_id === r.key))).toBe(true);
    expect(v.years.map((y) => y.year)).toEqual([2023, 2024, 2025]); // every scored year stays on the trend
    const unscored = await getPerformance({ ...all, year: 2022 }, ALL_DEPARTMENTS);
    expect(unscored.year).toBe(2022);
    expect(unscored.yearIsScored).toBe(false);
    const none = await getPerformance({ ...all, year: 2019 }, ALL_DEPARTMENTS);
    expect(none.kpis.projects).toBe(0);
    expect(none.ranking).toEqual([]);
  });

  it("compares a project's six dimensions with the median of its kind that year", async () => {
    const v = await getPerformance({ ...all, project: "SX2022-005" }, ALL_DEPARTMENTS);
    expect(v.radar?.projectId).toBe("SX2022-005");
    expect(v.radar?.kind).toBe("新建");
    expect(v.radar?.rows).toHaveLength(6);
    const newBuilds = new Set(rows.dim_project.filter((p) => p.kind === "新建").map((p) => p.project_id));
    const ops = rows.mart_scores
      .filter((s) => s.year === 2024 && s.dimension === "operation" && s.scorable && newBuilds.has(s.project_id))
      .map((s) => Number(s.score))
      .sort((a, b) => a - b);
    const median = ops.length % 2 ? ops[(ops.length - 1) / 2] : (ops[ops.length / 2 - 1] + ops[ops.length / 2]) / 2;
    const op = v.radar!.rows.find((r) => r.dimension === "operation")!;
    expect(op.peerMedian).toBeCloseTo(median, 2);
    expect(op.peers).toBe(ops.length);
  });

  it("defaults the radar to the top of the ranking, and ignores a project not scored that year", async () => {
    const v = await getPerformance({ ...all, project: "SX2025-001" }, ALL_DEPARTMENTS);
    expect(v.radar?.projectId).toBe(v.ranking[0].key);
    expect(v.radarChoices.map((c) => c.projectId)).toContain(v.ranking[0].key);
  });

  it("ranks departments with their self-evaluation gap (Art. 33)", async () => {
    const v = await getPerformance(all, ALL_DEPARTMENTS);
    const health = v.departments.find((d) => d.deptCode === "D330600103")!;
    const gaps = rows.mart_evaluation_gap.filter((g) => g.year === 2024 && g.dept_code === "D330600103").map((g) => Number(g.gap));
    expect(health.meanGap).toBeCloseTo(gaps.reduce((s, x) => s + x, 0) / gaps.length, 2);
  });

  it("explains risk in the words of the measures", () => {
    const base = {
      projectId: "X", name: "甲", deptCode: "D", deptName: "单位", kind: "新建", approvedYuan: null, totalScore: 55.59,
      grade: "差" as const, omFundStatus: "suspended", constructionFundStatus: "ok", flagCount: 1,
      omReasons: "第三十条：未按期编制数据目录", omSince: "2023-02-01", omLiftedOn: null, omAtStakeYuan: "0.00",
      missedTargets: 1, targetsMissed: ["绩效目标：网上办件量（方向 >=：目标 12000件，实际 9000件，未实现）"],
      rectificationFlags: 0, rectificationEvidence: [], atRisk: true,
    };
    expect(riskReasons(base)).toEqual([
      "绩效等级为差（总分 55.6）：须限期整改，整改不到位停止安排运维经费（第三十四条）",
      "1 项绩效目标未实现：绩效目标：网上办件量（方向 >=：目标 12000件，实际 9000件，未实现），须限期整改（第三十四条）",
      "运维经费暂停安排，自 2023-02-01 起：第三十条：未按期编制数据目录",
    ]);
  });

  it("sums money exactly", () => {
    expect(sumYuan(["0.10", "0.20", "1234567.89"])).toBe("1234568.19");
    expect(sumYuan([])).toBe("0.00");
  });
});

describe("getPerformance's projects at risk, page by page", () => {
  // The fixture with every 2024 project-year copied 12 times over as a 差 project: far more than one page at risk.
  let many: string;
  let restore: string | undefined;
  beforeAll(async () => {
    many = path.join(dir, "many-at-risk.duckdb");
    await writeDashboardFixture(many);
    const wh = await openWarehouse(many);
    try {
      await wh.conn.run(`
        INSERT INTO mart_project_year
        SELECT p.* REPLACE (p.project_id || '-C' || lpad(c.i::VARCHAR, 2, '0') AS project_id, '差' AS grade)
        FROM mart_project_year p, range(12) c(i) WHERE p.year = 2024`);
    } finally {
      wh.close();
    }
    restore = process.env.WAREHOUSE;
    process.env.WAREHOUSE = many;
  });
  afterAll(() => {
    process.env.WAREHOUSE = restore;
  });

  it("shows a page at a time in the list's order, counts and sums them all, and clamps a page past the end", async () => {
    const first = await getPerformance(all, ALL_DEPARTMENTS);
    expect(first.atRiskTotal).toBeGreaterThan(2 * AT_RISK_PAGE_SIZE);
    expect(first.atRiskPages).toBe(Math.ceil(first.atRiskTotal / AT_RISK_PAGE_SIZE));
    expect(first.atRiskPage).toBe(1);
    const seen = [...first.atRisk];
    for (let page = 2; page <= first.atRiskPages; page++) {
      const v = await getPerformance({ ...all, riskPage: page }, ALL_DEPARTMENTS);
      expect(v.atRiskPage).toBe(page);
      expect(v.atRisk.length).toBe(page < first.atRiskPages ? AT_RISK_PAGE_SIZE : first.atRiskTotal - (page - 1) * AT_RISK_PAGE_SIZE);
      // the KPIs are the whole list's on every page
      expect(v.kpis).toEqual(first.kpis);
      seen.push(...v.atRisk);
    }
    expect(first.atRisk.length).toBe(AT_RISK_PAGE_SIZE);
    expect(seen.length).toBe(first.atRiskTotal);
    expect(new Set(seen.map((p) => p.projectId)).size).toBe(seen.length);
    // the query's order carries across pages: lowest score first, unscored last
    const scores = seen.map((p) => p.totalScore ?? Infinity);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(first.kpis.atRisk).toBe(first.atRiskTotal);
    const fen = seen.reduce((s, p) => s + Math.round(Number(p.omAtStakeYuan) * 100), 0);
    expect(first.kpis.fundsAtRiskYuan).toBe(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`);
    const past = await getPerformance({ ...all, riskPage: first.atRiskPages + 3 }, ALL_DEPARTMENTS);
    expect(past.atRiskPage).toBe(first.atRiskPages);
    expect(past.atRisk.map((p) => p.projectId)).toEqual(seen.slice((first.atRiskPages - 1) * AT_RISK_PAGE_SIZE).map((p) => p.projectId));
  });
});
