// The 项目档案 and 项目列表 models against the fixture warehouse (real DuckDB, real queries/pages SQL).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toFen } from "~/charts/money";
import { defaultYear, getProjectDossier, listProjects, shownScoreYear } from "~/models/project.server";
import { writeDashboardFixture } from "../../support/dashboard-fixture-a";
import { ALL_DEPARTMENTS } from "~/models/scope.server";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-project-"));
  process.env.WAREHOUSE = path.join(dir, "warehouse.duckdb");
  await writeDashboardFixture(process.env.WAREHOUSE);
});
afterAll(async () => {
  delete process.env.WAREHOUSE;
  await rm(dir, { recursive: true, force: true });
});

describe("getProjectDossier", () => {
  it("returns null for a project the warehouse does not know", async () => {
    expect(await getProjectDossier({ projectId: "SX1999-999" }, ALL_DEPARTMENTS)).toBeNull();
  });

  it("gathers the profile, flags, fund status, cloud bill, scores and allocation of one project", async () => {
    const d = (await getProjectDossier({ projectId: "SX2022-005" }, ALL_DEPARTMENTS))!;
    expect(d.asOf).toBe("2025-03-31");
    expect(d.profile).toMatchObject({ name: "智慧就业服务系统", year: 2022, kind: "新建", prelimAcceptedOn: "2023-01-12", approvedYuan: "3100000.00" });
    expect(d.flags.map((f) => f.ruleId)).toEqual(["ART30_CATALOG_LATE", "ART34_RECTIFICATION_FAILED"]);
    expect(d.flags[0]).toMatchObject({ article: "30", dueDate: "2023-01-31", eventDate: "2023-01-12" });
    const y2024 = d.years.find((y) => y.year === 2024)!;
    expect(y2024).toMatchObject({ omFundStatus: "suspended", fundSince: "2023-02-01", fundLiftedOn: null });
    expect(y2024.fundRuleIds).toEqual(["ART30_CATALOG_LATE", "ART34_RECTIFICATION_FAILED"]);
    expect(d.cloud.length).toBeGreaterThan(0);
    expect(d.scoreYears).toEqual([{ year: 2025, provisional: true }, { year: 2024, provisional: false }, { year: 2023, provisional: false }]);
    // without ?year= the record opens on the latest final year, not the running one
    expect(d.score?.year).toBe(2024);
    const running = (await getProjectDossier({ projectId: "SX2022-005", year: 2025 }, ALL_DEPARTMENTS))!.score!;
    expect(running.year).toBe(2025);
    expect(running.note).toContain("暂定");
    expect(running.dimensions).toHaveLength(6);
    // in the order of Art. 32, not the alphabet
    expect(running.dimensions.map((x) => x.dimension)).toEqual(["operation", "integration", "cost_effectiveness", "effectiveness", "security", "innovation"]);
    expect(running.weightsVersion).toBe("v2024.1");
    const eff = running.dimensions.find((x) => x.dimension === "effectiveness")!;
    // one row per filed target (targets:<指标名称>), as queries/scoring/40-effectiveness.sql builds them
    expect(eff.indicators.map((i) => i.indicator)).toEqual(["targets:平均响应时间", "targets:用户满意度", "targets:网上办件量", "transaction_trend", "user_trend"]);
  });

  it("shows a lifted suspension with its dates", async () => {
    const d = (await getProjectDossier({ projectId: "SX2024-003" }, ALL_DEPARTMENTS))!;
    expect(d.years.find((y) => y.year === 2024)).toMatchObject({ omFundStatus: "suspended", fundSince: "2024-09-01", fundLiftedOn: "2024-12-16" });
  });

  it("keeps a dimension's 'no data' indicators and its coverage", async () => {
    const latest = (await getProjectDossier({ projectId: "SX2023-003" }, ALL_DEPARTMENTS))!.scoreYears[0].year;
    const d = (await getProjectDossier({ projectId: "SX2023-003", year: latest }, ALL_DEPARTMENTS))!;
    const sec = d.score!.dimensions.find((x) => x.dimension === "security")!;
    expect(sec.scorable).toBe(false);
    expect(sec.score).toBeNull();
    expect(sec.indicators.every((i) => !i.hasData)).toBe(true);
  });

  it("opens the scores on the year asked for when it was scored, else on the latest final year", async () => {
    const asked = async (year: number | null) => (await getProjectDossier({ projectId: "SX2022-005", year }, ALL_DEPARTMENTS))!.score!.year;
    expect(await asked(2023)).toBe(2023);
    expect(await asked(2025)).toBe(2025);
    expect(await asked(2019)).toBe(2024); // never scored: the latest final year
    expect(await asked(null)).toBe(2024);
    const y = (year: number, provisional: boolean) => ({ year, provisional, totalScore: null, grade: null, weightsVersion: null, note: null, dimensions: [] });
    // only running years scored: the latest of them
    expect(shownScoreYear([y(2025, true), y(2024, true)], null)?.year).toBe(2025);
    expect(shownScoreYear([], 2024)).toBeNull();
  });

  it("allocates the rent to the fen: each year's parts add up to the rent", async () => {
    const d = (await getProjectDossier({ projectId: "SX2022-001" }, ALL_DEPARTMENTS))!;
    expect(d.allocation.length).toBeGreaterThan(0);
    for (const a of d.allocation) {
      const sum = a.lines.reduce((s, l) => s + (toFen(l.amountYuan) ?? 0), 0);
      expect(sum, String(a.year)).toBe(toFen(a.rentYuan));
    }
    const y2024 = d.allocation.find((a) => a.year === 2024)!;
    expect(y2024.lines.map((l) => l.countyCode)).toEqual(["CITY", "330602", "330603", "330604", "330624", "330681", "330683"]);
    expect(y2024.lines[0].basis).toBe("市县4:6");
  });
});

describe("listProjects", () => {
  const none = { year: null, dept: null, kind: null, grade: null, rule: null };

  it("lists the latest scored year by default, best first, with the filter choices", async () => {
    const l = await listProjects(none, ALL_DEPARTMENTS);
    expect(l.year).toBe(2024);
    expect(l.rows.length).toBe(17);
    const scores = l.rows.filter((r) => r.totalScore !== null).map((r) => r.totalScore as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(l.years.map((y) => y.value)).toEqual(["2022", "2023", "2024", "2025"]);
    expect(l.departments).toHaveLength(7);
    expect(l.rules.map((r) => r.value)).toContain("ART30_DATA_STALE");
  });

  it("applies every filter from the URL", async () => {
    expect((await listProjects({ ...none, rule: "ART30_DATA_STALE" }, ALL_DEPARTMENTS)).rows.map((r) => r.projectId)).toEqual(["SX2024-003"]);
    const poor = await listProjects({ ...none, grade: "差" }, ALL_DEPARTMENTS);
    expect(poor.rows.length).toBeGreaterThan(0);
    expect(poor.rows.every((r) => r.grade === "差")).toBe(true);
    const dept = await listProjects({ ...none, year: 2023, dept: "D330600107", kind: "新建" }, ALL_DEPARTMENTS);
    expect(dept.rows.map((r) => r.projectId)).toEqual(["SX2023-006"]);
    expect(dept.rows[0].ruleIds).toEqual(["ART16_CONTRACT_FILING_LATE", "ART22_PAID_WITHOUT_REVIEW"]);
    expect((await listProjects({ ...none, year: 2019 }, ALL_DEPARTMENTS)).rows).toEqual([]);
  });

  it("pages the list, and says so when a page is past the end", async () => {
    const l = await listProjects(none, ALL_DEPARTMENTS);
    expect(l).toMatchObject({ page: 1, pages: 1, total: 17 });
    const past = await listProjects({ ...none, page: 2 }, ALL_DEPARTMENTS);
    expect(past.rows).toEqual([]);
    expect(past.page).toBe(2);
  });

  it("defaults to the latest scored year, else the latest year", () => {
    expect(defaultYear([{ value: "2024", label: "", n: 3 }, { value: "2025", label: "", n: 0 }])).toBe(2024);
    expect(defaultYear([{ value: "2024", label: "", n: 0 }, { value: "2025", label: "", n: 0 }])).toBe(2025);
    expect(defaultYear([])).toBeNull();
  });
});
