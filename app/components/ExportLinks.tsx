// The 导出 control under a table or a chart: "导出（项目年度汇总）：CSV · Excel · Parquet · Arrow", each a download of
// the mart behind the view from the data API (docs/api.md) with the filters the view is drawn under. Shown only to a
// role the API would serve: the same rules as app/auth/roles.ts mayExport and request.server.ts scopeCondition,
// mirrored here so a link is never shown that would answer 403 — the server keeps enforcing them.
import { useRouteLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { mayExport, type Role } from "~/auth/roles";
import {
  acceptsFilter,
  exportHref,
  RELATION_KEY_COLUMNS,
  relationTitle,
  type ExportFilterKey,
  type ExportFormat,
  type ExportRelation,
} from "~/export/labels";

/** The filters a view is drawn under, as the page resolved them (the effective year, not only what the URL says). */
export type ExportFilters = Partial<Record<ExportFilterKey, string | number | null | undefined>>;

/** Which mart a view shows, under which filters: what a page hands to ExportLinks or to Chart's `exportData`. */
export interface ExportSource {
  relation: ExportRelation;
  filters?: ExportFilters;
  /** Page filters no export parameter can carry (e.g. "数据来源"): named in the note so the download's scope is plain. */
  unfiltered?: readonly string[];
}

export interface ExportLinksProps extends ExportSource {
  /** What the table or chart shows, for the screen-reader names of the links: "违规标记明细". */
  label: string;
}

/** The signed-in user as the root loader gives it to every page. */
export interface Exporter {
  role: Role;
  deptCode: string | null;
}

export interface ExportLink {
  format: ExportFormat;
  text: string;
  href: string;
  ariaLabel: string;
}

export interface ExportPlan {
  /** The relation's Chinese title. */
  title: string;
  /** "2024年、单位 D01": the filters the download carries. */
  scope: string;
  /** "未按区县筛选": page filters the download does not apply, or null. */
  note: string | null;
  links: ExportLink[];
}

/** The formats offered, in this order (JSON is for programs: docs/api.md). */
export const LINK_FORMATS: readonly { id: ExportFormat; text: string }[] = [
  { id: "csv", text: "CSV" },
  { id: "xlsx", text: "Excel" },
  { id: "parquet", text: "Parquet" },
  { id: "arrow", text: "Arrow" },
];

const FILTER_NAMES: Record<ExportFilterKey, string> = {
  year: "年度",
  dept: "单位",
  county: "区县",
  kind: "项目类型",
  rule: "违规规则",
  grade: "等级",
  project: "项目",
};

const ORDER: readonly ExportFilterKey[] = ["project", "year", "dept", "county", "kind", "rule", "grade"];

/** Relations without a department or project column a department user may still fetch (request.server.ts). */
const UNSCOPED_PUBLIC: readonly string[] = ["dim_county", "meta_build"];

function filterWords(key: ExportFilterKey, value: string): string {
  switch (key) {
    case "year":
      return `${value}年`;
    case "county":
      return value === "CITY" ? "市本级" : `区县 ${value}`;
    case "grade":
      return `等级${value}`;
    case "kind":
      return `${value}类`;
    default:
      return `${FILTER_NAMES[key]} ${value}`;
  }
}

/** Whether the API would serve `relation` to `user` at all, with a page's `dept` filter (roles.ts mayExport, and
 *  request.server.ts scopeCondition for a department user: a relation its scope can restrict, its own dept only). */
export function mayExportView(user: Exporter | null | undefined, relation: ExportRelation, dept?: string | null): boolean {
  if (!user || !mayExport(user.role, relation)) return false;
  if (user.role !== "department") return true;
  if (dept && dept !== user.deptCode) return false;
  const columns: readonly string[] = RELATION_KEY_COLUMNS[relation];
  return columns.includes("dept_code") || columns.includes("project_id") || UNSCOPED_PUBLIC.includes(relation);
}

/** The links for one view, or null when the user may not export it. Pure, for the component and its tests. */
export function planExportLinks(user: Exporter | null | undefined, { relation, filters = {}, unfiltered = [], label }: ExportLinksProps): ExportPlan | null {
  const given = ORDER.flatMap((k) => {
    const v = filters[k];
    return v === null || v === undefined || v === "" ? [] : [[k, String(v)] as const];
  });
  const dept = given.find(([k]) => k === "dept")?.[1] ?? null;
  if (!mayExportView(user, relation, dept)) return null;

  // a project fixes the department: with project carried, dept is neither carried nor "unfiltered" (it still decides
  // above whether a department user may have the link)
  const byProject = given.some(([k]) => k === "project") && acceptsFilter(relation, "project");
  const implied = (k: ExportFilterKey) => k === "dept" && (byProject || user?.role === "department");
  const carried = given.filter(([k]) => acceptsFilter(relation, k) && !(k === "dept" && byProject));
  // a department user's download is restricted to its department by the server whatever the relation, so a dept
  // the relation cannot filter on is not "unfiltered" for it
  const dropped = given.filter(([k]) => !acceptsFilter(relation, k) && !implied(k));
  const missed = [...dropped.map(([k]) => FILTER_NAMES[k]), ...unfiltered];
  const search = new URLSearchParams(carried.map(([k, v]) => [k, v]));
  const title = relationTitle(relation);
  const scope = carried.map(([k, v]) => filterWords(k, v)).join("、");
  const what = `${title}${scope ? `，${scope}` : ""}`;
  return {
    title,
    scope,
    note: missed.length > 0 ? `未按${missed.join("、")}筛选` : null,
    links: LINK_FORMATS.map((f) => ({
      format: f.id,
      text: f.text,
      href: exportHref(relation, search, f.id, RELATION_KEY_COLUMNS[relation]),
      ariaLabel: `导出${label}（${what}）为 ${f.text} 文件`,
    })),
  };
}

/** The control for a given user: what ExportLinks renders, and what the tests render without a router. */
export function ExportLinksView({ user, ...props }: ExportLinksProps & { user: Exporter | null | undefined }) {
  const plan = planExportLinks(user, props);
  if (!plan) return null;
  return (
    <div
      className="export-links"
      role="group"
      aria-label={`导出${props.label}`}
      data-testid="export-links"
      data-relation={props.relation}
      title={`下载数据集“${plan.title}”（${props.relation}）${plan.scope ? `，筛选：${plan.scope}` : "，不筛选"}`}
    >
      <span className="export-title">导出（{plan.title}）：</span>
      {plan.links.map((l, i) => (
        <Fragment key={l.format}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <a href={l.href} download aria-label={l.ariaLabel} rel="nofollow">
            {l.text}
          </a>
        </Fragment>
      ))}
      {plan.note && <span className="export-note">（{plan.note}）</span>}
    </div>
  );
}

/** The 导出 control for the signed-in user (from the root loader, like the navigation). */
export function ExportLinks(props: ExportLinksProps) {
  const root = useRouteLoaderData("root") as { user?: Exporter | null } | undefined;
  return <ExportLinksView user={root?.user ?? null} {...props} />;
}
