// The 导出 control (app/components/ExportLinks.tsx): which links a role is shown, what they carry, how they read to a
// screen reader — and the client-side table of relation columns it relies on, against a built warehouse's catalog.
import { DuckDBInstance } from "@duckdb/node-api";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, inject, it } from "vitest";
import { mayExportView, planExportLinks, ExportLinksView, type Exporter } from "../../app/components/ExportLinks";
import { acceptsFilter, EXPORT_FILTER_COLUMNS, exportHref, RELATION_KEY_COLUMNS, relationTitle } from "../../app/export/labels";
import { readCatalog } from "../../app/export/catalog.server";
import { ROLES } from "../../app/auth/roles";

const analyst: Exporter = { role: "analyst", deptCode: null };
const finance: Exporter = { role: "finance", deptCode: null };
const leader: Exporter = { role: "leader", deptCode: null };
const admin: Exporter = { role: "admin", deptCode: null };
const dept: Exporter = { role: "department", deptCode: "D01" };

const query = (href: string) => Object.fromEntries(new URL(href, "http://x").searchParams);

describe("exportHref", () => {
  it("keeps the filter keys only, and only those the relation has with columns", () => {
    expect(exportHref("mart_flags", "?year=2024&dept=D01&page=3&sort=name", "csv")).toBe("/api/marts/mart_flags?year=2024&dept=D01&format=csv");
    const cols = RELATION_KEY_COLUMNS.mart_project_year;
    expect(query(exportHref("mart_project_year", "?year=2024&rule=ART16_X&kind=新建", "xlsx", cols))).toEqual({ year: "2024", kind: "新建", format: "xlsx" });
  });

  it("carries project to every relation with project_id, and to none without", () => {
    expect(exportHref("mart_flags", "?project=SX2024-0001&page=3", "csv")).toBe("/api/marts/mart_flags?project=SX2024-0001&format=csv");
    for (const [relation, cols] of Object.entries(RELATION_KEY_COLUMNS)) {
      const q = query(exportHref(relation, "?project=SX2024-0001", "csv", cols));
      expect(q.project, relation).toBe((cols as readonly string[]).includes("project_id") ? "SX2024-0001" : undefined);
      expect(acceptsFilter(relation, "project"), relation).toBe((cols as readonly string[]).includes("project_id"));
    }
    expect(EXPORT_FILTER_COLUMNS.project).toBe("project_id");
    expect(RELATION_KEY_COLUMNS.mart_project_milestones).toEqual(["project_id", "dept_code", "year"]);
    expect(acceptsFilter("mart_project_milestones", "dept")).toBe(true);
  });
});

describe("planExportLinks", () => {
  const props = { relation: "mart_project_year", filters: { year: 2024, dept: "D01", kind: "新建", grade: null }, label: "项目列表" } as const;

  it("gives CSV, Excel, Parquet and Arrow links carrying the view's filters", () => {
    const plan = planExportLinks(analyst, props)!;
    expect(plan.links.map((l) => l.text)).toEqual(["CSV", "Excel", "Parquet", "Arrow"]);
    expect(plan.links.map((l) => query(l.href).format)).toEqual(["csv", "xlsx", "parquet", "arrow"]);
    for (const l of plan.links) {
      expect(l.href.startsWith("/api/marts/mart_project_year?")).toBe(true);
      expect(query(l.href)).toMatchObject({ year: "2024", dept: "D01", kind: "新建" });
      expect(query(l.href)).not.toHaveProperty("grade");
    }
    expect(plan.title).toBe("项目年度汇总");
    expect(plan.scope).toBe("2024年、单位 D01、新建类");
    expect(plan.note).toBeNull();
    expect(plan.links[0].ariaLabel).toBe("导出项目列表（项目年度汇总，2024年、单位 D01、新建类）为 CSV 文件");
  });

  it("drops a filter the mart has no column for, and says so", () => {
    const plan = planExportLinks(analyst, { relation: "mart_allocation", filters: { year: 2024, dept: "D01", county: "CITY" }, label: "分摊" })!;
    expect(query(plan.links[0].href)).toEqual({ year: "2024", county: "CITY", format: "csv" });
    expect(plan.note).toBe("未按单位筛选");
    const data = planExportLinks(analyst, { relation: "etl_rejects", unfiltered: ["数据来源"], label: "被拒记录" })!;
    expect(query(data.links[0].href)).toEqual({ format: "csv" });
    expect(data.note).toBe("未按数据来源筛选");
  });

  it("shows nothing to roles the API refuses: leader, admin, signed out; finance only the finance relations", () => {
    for (const u of [leader, admin, null, undefined]) expect(planExportLinks(u, props)).toBeNull();
    expect(planExportLinks(finance, props)).not.toBeNull();
    expect(planExportLinks(finance, { relation: "mart_flags", label: "x" })).toBeNull();
    expect(planExportLinks(finance, { relation: "mart_county_year", label: "x" })).not.toBeNull();
  });

  it("a department user: its own department only, relations its scope can restrict only, no note for dept", () => {
    expect(mayExportView(dept, "mart_flags")).toBe(true);
    expect(mayExportView(dept, "mart_flags", "D01")).toBe(true);
    expect(mayExportView(dept, "mart_flags", "D02")).toBe(false);
    expect(mayExportView(dept, "mart_scores")).toBe(true); // through project_id
    for (const r of ["mart_county_year", "etl_batches", "etl_rejects"] as const) expect(mayExportView(dept, r)).toBe(false);
    for (const r of ["dim_county", "meta_build"] as const) expect(mayExportView(dept, r)).toBe(true);
    const plan = planExportLinks(dept, { relation: "mart_scores", filters: { year: 2024, dept: "D01" }, label: "六维得分" })!;
    expect(query(plan.links[0].href)).toEqual({ year: "2024", format: "csv" });
    expect(plan.note).toBeNull();
  });

  it("a project's downloads (项目档案): exactly that project, the department left to the project, no note", () => {
    const filters = { dept: "D01", project: "SX2024-0001" };
    for (const relation of ["mart_flags", "mart_project_milestones", "mart_cloud_monthly", "mart_fund_status", "mart_allocation"] as const) {
      for (const user of [analyst, dept]) {
        const plan = planExportLinks(user, { relation, filters, label: "x" })!;
        expect(plan, `${user.role} ${relation}`).not.toBeNull();
        for (const l of plan.links) expect(query(l.href), relation).toEqual({ project: "SX2024-0001", format: l.format });
        expect(plan.scope).toBe("项目 SX2024-0001");
        expect(plan.note, relation).toBeNull();
      }
    }
    const indicators = planExportLinks(analyst, { relation: "mart_indicators", filters: { ...filters, year: 2024 }, label: "指标" })!;
    expect(query(indicators.links[0].href)).toEqual({ year: "2024", project: "SX2024-0001", format: "csv" });
    expect(indicators.links[0].ariaLabel).toBe("导出指标（绩效指标明细，项目 SX2024-0001、2024年）为 CSV 文件");
    // another department's project page is never a department user's (the page is 404), and its dept refuses the link
    expect(planExportLinks(dept, { relation: "mart_flags", filters: { dept: "D02", project: "SX2024-0002" }, label: "x" })).toBeNull();
    // a relation without project_id cannot be narrowed to the project, and says so
    const years = planExportLinks(analyst, { relation: "mart_department_year", filters, label: "x" })!;
    expect(query(years.links[0].href)).toEqual({ dept: "D01", format: "csv" });
    expect(years.note).toBe("未按项目筛选");
    expect(relationTitle("mart_project_milestones")).toBe("项目里程碑与期限");
  });

  it("every role sees a link exactly when roles.ts mayExport and the scope rule allow it", () => {
    for (const role of ROLES) {
      for (const relation of Object.keys(RELATION_KEY_COLUMNS) as (keyof typeof RELATION_KEY_COLUMNS)[]) {
        const shown = planExportLinks({ role, deptCode: role === "department" ? "D01" : null }, { relation, label: "x" }) !== null;
        expect(shown, `${role} ${relation}`).toBe(mayExportView({ role, deptCode: "D01" }, relation));
      }
    }
  });
});

describe("ExportLinksView", () => {
  it("renders download links named for the table and format, in Chinese", () => {
    const html = renderToStaticMarkup(
      <ExportLinksView user={analyst} relation="mart_flags" filters={{ year: 2024, rule: "ART16_CONTRACT_FILING_LATE" }} label="违规标记明细" />,
    );
    expect(html).toContain("导出（合规问题清单）：");
    expect(html).toContain('role="group"');
    expect(html).toContain('aria-label="导出违规标记明细"');
    const links = [...html.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)];
    expect(links.map((m) => m[2])).toEqual(["CSV", "Excel", "Parquet", "Arrow"]);
    for (const [, attrs] of links) {
      expect(attrs).toContain('download=""');
      expect(attrs).toContain('href="/api/marts/mart_flags?year=2024&amp;rule=ART16_CONTRACT_FILING_LATE&amp;format=');
      expect(attrs).toMatch(/aria-label="导出违规标记明细（合规问题清单，2024年、违规规则 ART16_CONTRACT_FILING_LATE）为 \w+ 文件"/);
    }
  });

  it("renders a project's links with project= and without a note", () => {
    const html = renderToStaticMarkup(
      <ExportLinksView user={analyst} relation="mart_cloud_monthly" filters={{ dept: "D01", project: "SX2024-0001" }} label="政务云月度费用" />,
    );
    expect(html).toContain('href="/api/marts/mart_cloud_monthly?project=SX2024-0001&amp;format=csv"');
    expect(html).not.toContain("未按");
    expect(html).not.toContain("dept=");
  });

  it("renders nothing for a leader", () => {
    expect(renderToStaticMarkup(<ExportLinksView user={leader} relation="mart_flags" label="违规标记明细" />)).toBe("");
  });
});

const SAMPLE = inject("sampleDb");

describe.skipIf(!SAMPLE)("RELATION_KEY_COLUMNS against the warehouse", () => {
  it("lists every public relation with exactly its filter and project columns", async () => {
    const inst = await DuckDBInstance.create(SAMPLE, { access_mode: "READ_ONLY" });
    const conn = await inst.connect();
    try {
      const catalog = await readCatalog(conn);
      const keyColumns = new Set([...Object.values(EXPORT_FILTER_COLUMNS), "project_id"]);
      const actual = Object.fromEntries(
        [...catalog.values()].map((r) => [r.name, r.columns.map((c) => c.name).filter((c) => keyColumns.has(c)).sort()]),
      );
      const expected = Object.fromEntries(Object.entries(RELATION_KEY_COLUMNS).map(([k, v]) => [k, [...v].sort()]));
      expect(expected).toEqual(actual);
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });
});
