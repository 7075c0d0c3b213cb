// The server's warm-up (app/warm-up.server.tsx). First a rehearsal (docs/decisions/008-first-render.md): every page's
// default view read and rendered, nothing of it kept — afterwards the process is compiled, and a view's first request
// still reads the warehouse and draws its charts itself. Then the views users open first are prepared, and kept
// (docs/decisions/011-prepared-views.md): every page's default view and its view of each year it offers.
import { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { silentReporter } from "../../etl/load/reporter.js";
import { buildWarehouse } from "../../etl/warehouse/build.js";
import { chartsKept, renderChartSvg } from "~/charts/echarts";
import { getComplianceView } from "~/models/compliance.server";
import { listDepartments } from "~/models/department.server";
import { getFinanceView } from "~/models/finance.server";
import { getPerformance } from "~/models/performance.server";
import { getProjectDossier, listProjects } from "~/models/project.server";
import { getAnnualReport, getReportYears } from "~/models/report.server";
import { ALL_DEPARTMENTS } from "~/models/scope.server";
import { rehearse, rehearsing } from "~/rehearsal.server";
import { keepWarm, warmUp } from "~/warm-up.server";
import { useTinyWarehouse } from "../support/tiny-inbox.js";

/** Counts the page queries sent to DuckDB from now on (each takes the caller's scope; the ETL's statements do not). */
function countStatements(): { n: number } {
  const seen = { n: 0 };
  const run = DuckDBConnection.prototype.runAndReadAll;
  vi.spyOn(DuckDBConnection.prototype, "runAndReadAll").mockImplementation(function (this: DuckDBConnection, ...args) {
    if (String(args[0]).includes("$scope_dept")) seen.n += 1;
    return run.apply(this, args);
  });
  return seen;
}

const noWait = async () => {};

afterEach(() => vi.restoreAllMocks());

describe("a rehearsal", () => {
  const option = {
    xAxis: { type: "category", data: ["优", "良", "中", "差"] },
    yAxis: { type: "value" },
    series: [{ type: "bar", data: [3, 9, 4, 1] }],
  };

  it("is known inside and only inside", async () => {
    expect(rehearsing()).toBe(false);
    expect(await rehearse(async () => rehearsing())).toBe(true);
    expect(rehearsing()).toBe(false);
  });

  it("draws charts afresh and keeps none of them", async () => {
    const a = await rehearse(async () => renderChartSvg(option, 400, 240));
    const b = await rehearse(async () => renderChartSvg(option, 400, 240));
    // every drawing gets ECharts' next instance id: a fresh drawing never equals another
    expect(a).not.toBe(b);
    const kept = renderChartSvg(option, 400, 240);
    expect(kept).not.toBe(a);
    expect(kept).not.toBe(b);
    expect(renderChartSvg(option, 400, 240)).toBe(kept);
    expect(await rehearse(async () => renderChartSvg(option, 400, 240))).not.toBe(kept);
  });
});

describe.skipIf(!inject("sampleDb"))("the warm-up on the sample warehouse", () => {
  beforeAll(() => {
    process.env.WAREHOUSE = inject("sampleDb");
  });
  afterAll(() => {
    delete process.env.WAREHOUSE;
  });

  it("rehearses: reads and renders every default view, and keeps nothing of them", async () => {
    const errors = vi.spyOn(console, "error");
    const warming = countStatements();
    const charts = chartsKept();
    await warmUp({ idle: noWait, compile: true, prepare: false });
    expect(errors).not.toHaveBeenCalled();
    expect(chartsKept()).toBe(charts); // drawn, not kept
    // every page's default view was read, twice over for the pages that read several queries
    expect(warming.n).toBeGreaterThan(20);

    vi.restoreAllMocks();
    const first = countStatements();
    const all = { year: null, dept: null, kind: null, grade: null, project: null };
    await getPerformance(all, ALL_DEPARTMENTS);
    expect(first.n).toBeGreaterThan(0); // the default view was not left in the result cache
    const afterPerformance = first.n;
    await getComplianceView({ year: null, dept: null, rule: null, page: 1 }, ALL_DEPARTMENTS);
    expect(first.n).toBeGreaterThan(afterPerformance); // nor in the view cache

    // the request's own reading is remembered as always
    const again = first.n;
    await getPerformance(all, ALL_DEPARTMENTS);
    expect(first.n).toBe(again);
  });

  it("prepares every page's default view and its view of each year: their first request reads nothing", async () => {
    const errors = vi.spyOn(console, "error");
    const charts = chartsKept();
    await warmUp({ idle: noWait, compile: false, prepare: true });
    expect(errors).not.toHaveBeenCalled();
    // six charts on 年度绩效 alone, for the default view and each of its years (some shared between the two)
    expect(chartsKept() - charts).toBeGreaterThan(20);

    const perf = { year: null, dept: null, kind: null, grade: null, project: null, riskPage: 1 };
    const reads = countStatements();
    const performance = await getPerformance(perf, ALL_DEPARTMENTS);
    const finance = await getFinanceView({ year: null, dept: null, county: null }, ALL_DEPARTMENTS);
    const compliance = await getComplianceView({ year: null, dept: null, rule: null, page: 1 }, ALL_DEPARTMENTS);
    const departments = await listDepartments({ year: null }, ALL_DEPARTMENTS);
    const projects = await listProjects({ year: null, dept: null, kind: null, grade: null, rule: null, page: 1 }, ALL_DEPARTMENTS);
    const reportYears = await getReportYears(ALL_DEPARTMENTS);
    expect(performance.years.length).toBeGreaterThan(1);
    for (const { year } of performance.years) await getPerformance({ ...perf, year }, ALL_DEPARTMENTS);
    for (const { value } of finance.options.years) await getFinanceView({ year: Number(value), dept: null, county: null }, ALL_DEPARTMENTS);
    for (const { value } of compliance.options.years) {
      await getComplianceView({ year: Number(value), dept: null, rule: null, page: 1 }, ALL_DEPARTMENTS);
    }
    for (const { year } of departments.years) await listDepartments({ year }, ALL_DEPARTMENTS);
    for (const { value } of projects.years) {
      await listProjects({ year: Number(value), dept: null, kind: null, grade: null, rule: null, page: 1 }, ALL_DEPARTMENTS);
    }
    for (const year of reportYears) expect(await getAnnualReport({ year }, ALL_DEPARTMENTS)).not.toBeNull();
    // the records of the projects those pages link to first: 年度绩效's at-risk and ranked ones, the list's first rows
    const atRiskOrRanked = performance.radarChoices.map((c) => c.projectId);
    const listed = projects.rows.map((r) => r.projectId);
    expect(atRiskOrRanked.length).toBeGreaterThan(10);
    expect(listed.length).toBeGreaterThan(10);
    for (const projectId of [atRiskOrRanked[0], atRiskOrRanked[9], listed[0], listed[9]]) {
      expect(await getProjectDossier({ projectId, year: null }, ALL_DEPARTMENTS)).not.toBeNull();
    }
    // a year tab of the record reads nothing either: its queries do not take the year
    await getProjectDossier({ projectId: listed[0], year: 2023 }, ALL_DEPARTMENTS);
    expect(reads.n).toBe(0);

    // a view nobody prepared is read when it is asked for
    await getPerformance({ ...perf, kind: "新建" }, ALL_DEPARTMENTS);
    expect(reads.n).toBeGreaterThan(0);
  });

  it("prepares a department user's own views for the departments it is given, and no other department's", async () => {
    const list = await listDepartments({ year: null }, ALL_DEPARTMENTS);
    const [mine, other] = list.departments.filter((d) => d.projects > 0).map((d) => d.deptCode);
    expect(other).toBeDefined();
    const errors = vi.spyOn(console, "error");
    await warmUp({ idle: noWait, compile: false, prepare: true, departments: async () => [mine] });
    expect(errors).not.toHaveBeenCalled();

    // what the loaders ask for a department user: their own department, in their own scope
    const asked = (dept: string) => ({ year: null, dept, kind: null, grade: null, project: null, riskPage: 1 });
    const reads = countStatements();
    const own = await getPerformance(asked(mine), { dept: mine });
    for (const { year } of own.years) await getPerformance({ ...asked(mine), year }, { dept: mine });
    await getFinanceView({ year: null, dept: mine, county: null }, { dept: mine });
    await getComplianceView({ year: null, dept: mine, rule: null, page: 1 }, { dept: mine });
    await listProjects({ year: null, dept: mine, kind: null, grade: null, rule: null, page: 1 }, { dept: mine });
    expect(reads.n).toBe(0);

    await getPerformance(asked(other), { dept: other });
    expect(reads.n).toBeGreaterThan(0);
  });

  it("prepares nothing for departments when the account store cannot say which", async () => {
    const errors = vi.spyOn(console, "error");
    await warmUp({ idle: noWait, compile: false, prepare: true, departments: async () => Promise.reject(new Error("busy")) });
    expect(errors).not.toHaveBeenCalled();
  });
});

describe("the warm-up around the warehouse's life", () => {
  const suite = useTinyWarehouse("xinguan-warm-up-");

  it("ends quietly when there is no warehouse yet", async () => {
    const errors = vi.spyOn(console, "error");
    await expect(warmUp({ idle: noWait, compile: true, prepare: true })).resolves.toBeUndefined();
    expect(errors).not.toHaveBeenCalled();
  });

  it("warms the warehouse once, and again after each swap", async () => {
    await buildWarehouse({ inbox: suite.inbox, db: suite.db, asOf: "2024-06-30", reporter: silentReporter });
    const statements = countStatements();
    const { first, done, stop } = keepWarm({ idle: noWait, everyMs: 50 });
    try {
      await first;
      await done(); // the project records go on after `first`
      const once = statements.n;
      expect(once).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(statements.n).toBe(once); // the same warehouse is not warmed twice

      await buildWarehouse({ inbox: suite.inbox, db: suite.db, asOf: "2024-12-31", reporter: silentReporter });
      const deadline = Date.now() + 10_000;
      while (statements.n === once && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(statements.n).toBeGreaterThan(once);
    } finally {
      stop();
    }
  });
});
