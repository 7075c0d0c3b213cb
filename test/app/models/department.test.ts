// The 单位 models against the fixture warehouse (real DuckDB, real queries/pages SQL).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDepartment, latestYear, listDepartments } from "~/models/department.server";
import { writeDashboardFixture } from "../../support/dashboard-fixture-a";
import { ALL_DEPARTMENTS } from "~/models/scope.server";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-dept-"));
  process.env.WAREHOUSE = path.join(dir, "warehouse.duckdb");
  await writeDashboardFixture(process.env.WAREHOUSE);
});
afterAll(async () => {
  delete process.env.WAREHOUSE;
  await rm(dir, { recursive: true, force: true });
});

describe("listDepartments", () => {
  it("shows every department in the latest scored year, best mean first", async () => {
    const l = await listDepartments({ year: null }, ALL_DEPARTMENTS);
    expect(l.year).toBe(2024);
    expect(l.departments).toHaveLength(7);
    const means = l.departments.map((d) => d.meanScore as number);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    const transport = l.departments.find((d) => d.deptCode === "D330600107")!;
    expect(transport).toMatchObject({ reviewStatus: "restricted" });
    expect(transport.reviewReasons).toContain("第七条（六）");
  });

  it("lists departments with no project that year with zero projects", async () => {
    const l = await listDepartments({ year: 2025 }, ALL_DEPARTMENTS);
    expect(l.departments.find((d) => d.deptCode === "D330600105")).toMatchObject({ projects: 1 });
    const early = await listDepartments({ year: 2022 }, ALL_DEPARTMENTS);
    expect(early.departments.find((d) => d.deptCode === "D330600106")).toMatchObject({ projects: 0, meanScore: null });
  });

  it("picks the latest scored year", () => {
    expect(latestYear([{ year: 2024, departments: 3, departmentsScored: 2, provisional: false }, { year: 2025, departments: 3, departmentsScored: 0, provisional: false }])).toBe(2024);
    // a running year's scores are provisional: the page opens on the last closed year
    expect(latestYear([{ year: 2024, departments: 3, departmentsScored: 2, provisional: false }, { year: 2025, departments: 3, departmentsScored: 3, provisional: true }])).toBe(2024);
    expect(latestYear([])).toBeNull();
  });
});

describe("getDepartment", () => {
  it("returns null for an unknown department", async () => {
    expect(await getDepartment({ deptCode: "NOPE", year: null }, ALL_DEPARTMENTS)).toBeNull();
  });

  it("gives a department's history, its projects and flags in a year, and review status with reasons", async () => {
    const d = (await getDepartment({ deptCode: "D330600104", year: 2025 }, ALL_DEPARTMENTS))!;
    expect(d.deptName).toBe("市人力资源和社会保障局");
    expect(d.history.map((h) => h.year)).toEqual([2022, 2023, 2024, 2025]);
    expect(d.current).toMatchObject({ year: 2025, reviewStatus: "deferred" });
    expect(d.current?.reviewReasons).toContain("第三十四条");
    const d2024 = (await getDepartment({ deptCode: "D330600104", year: null }, ALL_DEPARTMENTS))!;
    expect(d2024.year).toBe(2024);
    expect(d2024.flags.map((f) => f.ruleId)).toEqual(["ART34_RECTIFICATION_FAILED"]);
    expect(d2024.projects.map((p) => p.projectId).sort()).toEqual(["SX2022-005", "SX2023-004"]);
    expect(d2024.projects.find((p) => p.projectId === "SX2022-005")).toMatchObject({ grade: "差", omFundStatus: "suspended" });
  });
});
