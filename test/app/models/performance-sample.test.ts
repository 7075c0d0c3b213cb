// The 年度绩效, 项目 and 单位 models on the generated sample warehouse (test/support/global-setup.ts): the real marts, the
// real SQL, at city scale. Checks what must hold whatever the generator plants: the page's figures agree with the
// marts they come from, money is exact, and every page answers.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openWarehouse, query, type Warehouse } from "../../../etl/db.js";
import { toFen } from "~/charts/money";
import { AT_RISK_PAGE_SIZE } from "~/domain/performance";
import { getDepartment, listDepartments } from "~/models/department.server";
import { getPerformance } from "~/models/performance.server";
import { getProjectDossier, listProjects } from "~/models/project.server";
import { ALL_DEPARTMENTS } from "~/models/scope.server";

describe.skipIf(!inject("sampleDb"))("pages on the sample warehouse", () => {
  let wh: Warehouse;
  beforeAll(async () => {
    process.env.WAREHOUSE = inject("sampleDb");
    wh = await openWarehouse(inject("sampleDb"), { access_mode: "READ_ONLY" });
  });
  afterAll(() => {
    wh.close();
    delete process.env.WAREHOUSE;
  });
  const all = { year: null, dept: null, kind: null, grade: null, project: null };

  it("opens 年度绩效 on the latest closed year, with KPIs that agree with int_project_score", async () => {
    const v = await getPerformance(all, ALL_DEPARTMENTS);
    const [latest] = await query(
      wh.conn,
      "SELECT max(year) AS y FROM int_project_score WHERE total_score IS NOT NULL AND NOT provisional",
    );
    expect(v.year).toBe(Number(latest.y));
    const [k] = await query(
      wh.conn,
      `SELECT count(*) AS n, avg(total_score::DOUBLE) AS mean, count(*) FILTER (WHERE grade = '差') AS poor
       FROM int_project_score WHERE year = $y AND total_score IS NOT NULL`,
      { y: v.year },
    );
    expect(v.kpis.projectsScored).toBe(Number(k.n));
    expect(v.kpis.meanScore).toBeCloseTo(Number(k.mean), 1);
    expect(v.kpis.poor).toBe(Number(k.poor));
    expect(v.grades.counts.reduce((s, c) => s + c.count, 0)).toBe(Number(k.n));
    // the chart's window: ranks ascending, scores descending
    expect(v.ranking.length).toBeLessThanOrEqual(20);
    const scores = v.ranking.map((r) => r.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(v.rankingTotal).toBe(Number(k.n));
  });

  it("lists as at risk every suspended O&M fund of the year, page by page, and sums their O&M money to the fen", async () => {
    const v = await getPerformance(all, ALL_DEPARTMENTS);
    const suspended = await query(wh.conn, "SELECT project_id FROM mart_fund_status WHERE year = $y AND om_status = 'suspended'", {
      y: v.year,
    });
    // every page of the list, each at most a page long: together exactly the KPI's count, no project twice
    const atRisk = [...v.atRisk];
    for (let page = 2; page <= v.atRiskPages; page++) {
      const next = await getPerformance({ ...all, riskPage: page }, ALL_DEPARTMENTS);
      expect(next.atRiskPage).toBe(page);
      atRisk.push(...next.atRisk);
    }
    for (const page of [v, await getPerformance({ ...all, riskPage: v.atRiskPages }, ALL_DEPARTMENTS)]) {
      expect(page.atRisk.length).toBeLessThanOrEqual(AT_RISK_PAGE_SIZE);
    }
    expect(v.atRiskPages).toBe(Math.max(1, Math.ceil(v.atRiskTotal / AT_RISK_PAGE_SIZE)));
    expect(atRisk.length).toBe(v.atRiskTotal);
    expect(v.kpis.atRisk).toBe(v.atRiskTotal);
    const ids = new Set(atRisk.map((p) => p.projectId));
    expect(ids.size).toBe(atRisk.length);
    for (const s of suspended) expect(ids.has(String(s.project_id)), String(s.project_id)).toBe(true);
    const fen = atRisk.reduce((sum, p) => sum + (toFen(p.omAtStakeYuan) ?? 0), 0);
    expect(toFen(v.kpis.fundsAtRiskYuan)).toBe(fen);
    for (const p of atRisk) expect(p.riskReasons.length, p.projectId).toBeGreaterThan(0);
    // a page past the end shows the last one
    const past = await getPerformance({ ...all, riskPage: v.atRiskPages + 5 }, ALL_DEPARTMENTS);
    expect(past.atRiskPage).toBe(v.atRiskPages);
  });

  it("compares the radar's project with the median of its kind", async () => {
    const v = await getPerformance(all, ALL_DEPARTMENTS);
    expect(v.radar?.rows).toHaveLength(6);
    expect(v.radar!.rows.every((r) => r.peers >= 1)).toBe(true);
  });

  it("opens the dossier of the most-flagged project, whose allocation adds up to its rent", async () => {
    const [top] = await query(wh.conn, "SELECT project_id FROM mart_flags GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
    const d = (await getProjectDossier({ projectId: String(top.project_id) }, ALL_DEPARTMENTS))!;
    expect(d.flags.length).toBeGreaterThan(0);
    for (const a of d.allocation) {
      expect(a.lines.reduce((s, l) => s + (toFen(l.amountYuan) ?? 0), 0), String(a.year)).toBe(toFen(a.rentYuan));
    }
    expect(await getProjectDossier({ projectId: "NO-SUCH-PROJECT" }, ALL_DEPARTMENTS)).toBeNull();
  });

  it("pages the project list and filters it by rule", async () => {
    const l = await listProjects({ year: null, dept: null, kind: null, grade: null, rule: null }, ALL_DEPARTMENTS);
    expect(l.rows.length).toBeLessThanOrEqual(100);
    expect(l.pages).toBe(Math.max(1, Math.ceil(l.total / 100)));
    const [flag] = await query(wh.conn, "SELECT rule_id, year FROM mart_flags ORDER BY flag_id LIMIT 1");
    const byRule = await listProjects({ year: Number(flag.year), dept: null, kind: null, grade: null, rule: String(flag.rule_id) }, ALL_DEPARTMENTS);
    expect(byRule.rows.length).toBeGreaterThan(0);
    expect(byRule.rows.every((r) => r.ruleIds.includes(String(flag.rule_id)))).toBe(true);
  });

  it("shows every department and one department's record", async () => {
    const l = await listDepartments({ year: null }, ALL_DEPARTMENTS);
    const [n] = await query(wh.conn, "SELECT count(*) AS n FROM dim_department");
    expect(l.departments).toHaveLength(Number(n.n));
    const busiest = [...l.departments].sort((a, b) => b.projects - a.projects)[0];
    const d = (await getDepartment({ deptCode: busiest.deptCode, year: l.year }, ALL_DEPARTMENTS))!;
    expect(d.projects).toHaveLength(busiest.projects);
  });
});
