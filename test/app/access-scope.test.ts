// The scope is in the SQL: every page query takes $scope_dept, the scoped reader refuses a caller binding it, and the
// data API's WHERE keeps a department to its own rows or refuses the relation.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mayExport } from "../../app/auth/roles";
import { buildExportQuery, scopeCondition, ExportRequestError } from "../../app/export/request.server";
import { scopedDept, scopedReader } from "../../app/models/scope.server";

const rel = (name: string, cols: string[]) => ({ name, columns: cols.map((c) => ({ name: c, type: "VARCHAR" })) });

describe("department scope", () => {
  it("every page query takes $scope_dept", () => {
    const dir = path.resolve("queries/pages");
    const missing = readdirSync(dir).filter((f) => !readFileSync(path.join(dir, f), "utf8").replace(/--.*$/gm, "").includes("$scope_dept"));
    expect(missing).toEqual([]);
  });

  it("the scoped reader binds the scope and will not let a caller bind it", async () => {
    const seen: unknown[] = [];
    const db = scopedReader({ identity: "x", query: async (_n, p) => (seen.push(p), []) }, { dept: "D01" });
    await db.query("pages/x", { year: 2024 });
    expect(seen).toEqual([{ year: 2024, scope_dept: "D01" }]);
    expect(() => db.query("pages/x", { scope_dept: null })).toThrow();
  });

  it("a department's page filter is its own department; another one is a 403", () => {
    expect(scopedDept({ dept: null }, "D02")).toBe("D02");
    expect(scopedDept({ dept: "D01" }, null)).toBe("D01");
    expect(() => scopedDept({ dept: "D01" }, "D02")).toThrow(Response);
  });

  it("the data API filters on dept_code, else on project_id, refuses what cannot be scoped", () => {
    const scope = { dept: "D01" };
    const q = buildExportQuery({ relation: rel("mart_flags", ["flag_id", "dept_code"]), filters: { year: 2024 }, limit: null, scope });
    expect(q.sql).toContain(`"dept_code" = $scope_dept::VARCHAR`);
    expect(q.params.scope_dept).toBe("D01");
    expect(scopeCondition({ relation: rel("mart_scores", ["project_id"]), filters: {}, scope })).toContain("SELECT project_id FROM dim_project");
    expect(scopeCondition({ relation: rel("dim_county", ["county_code"]), filters: {}, scope })).toBeNull();
    for (const name of ["mart_county_year", "etl_batches", "etl_rejects"]) {
      expect(() => scopeCondition({ relation: rel(name, ["county_code"]), filters: {}, scope })).toThrow(ExportRequestError);
    }
    expect(() => scopeCondition({ relation: rel("mart_flags", ["dept_code"]), filters: { dept: "D02" }, scope })).toThrow(ExportRequestError);
    expect(scopeCondition({ relation: rel("mart_county_year", ["county_code"]), filters: {}, scope: { dept: null } })).toBeNull();
  });

  it("finance exports only the finance relations; leader and admin export nothing", () => {
    expect(mayExport("finance", "mart_fund_status")).toBe(true);
    expect(mayExport("finance", "mart_flags")).toBe(false);
    expect(mayExport("analyst", "mart_flags")).toBe(true);
    expect(mayExport("leader", "mart_project_year")).toBe(false);
    expect(mayExport("admin", "mart_project_year")).toBe(false);
  });
});
