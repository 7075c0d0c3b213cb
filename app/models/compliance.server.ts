// 合规: the flags the measures raise (rules.md), as of the warehouse's evaluation date — counted by article, by
// department, department × article and by year for the charts, listed with evidence for the table, and the
// departments whose reviews are deferred (Art. 34) or restricted (Art. 7(6)). Four queries over the public marts.
import { withWarehouse, type Params, type Row, type WarehouseReader } from "~/db.server";
import { scopedReader, scopeKey, type Scope } from "./scope.server";
import type { FilterOption } from "~/components/FilterBar";
import type { DeptCount, RuleCount } from "~/charts/flags-by-article";
import type { DeptRuleCount } from "~/charts/flags-heatmap";
import type { YearSeverityCount } from "~/charts/flags-trend";
import { compareRules, ruleLabel } from "~/domain/rules";
import { assessFreshness } from "~/domain/status";
import { cachedView } from "./view-cache.server";
import { text } from "./row.server";
import { settle, type Missing } from "./section.server";

export type { Missing } from "./section.server";

export const FLAGS_PAGE_SIZE = 50;

export interface FlagItem {
  flagId: string;
  projectId: string;
  projectName: string;
  deptCode: string;
  deptName: string;
  year: number;
  ruleId: string;
  article: string;
  severity: string;
  evidence: string;
  consequence: string;
  recordRef: string | null;
  eventDate: string | null;
  dueDate: string | null;
  asOf: string | null;
}

export interface ReviewItem {
  deptCode: string;
  deptName: string;
  year: number;
  status: string;
  reasons: string | null;
  projects: number;
  flags: number;
}

export interface ComplianceView {
  /** The date the flags were evaluated at (mart_flags.as_of, else meta_build.as_of). */
  asOf: string | null;
  builtAt: string | null;
  /** Why the evaluation date should not be trusted today (more than 7 days old); empty when fresh. */
  staleReasons: string[];
  year: number | null;
  dept: string | null;
  rule: string | null;
  options: { years: FilterOption[]; depts: FilterOption[]; rules: FilterOption[] };
  /** Flags in the whole warehouse, whatever the filters. */
  allFlags: number;
  /** Matching every filter: distinct projects, and flags of severity 严重. */
  matchingProjects: number;
  severeFlags: number;
  byRule: RuleCount[];
  byDept: DeptCount[];
  heat: DeptRuleCount[];
  trend: YearSeverityCount[];
  flags: FlagItem[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  reviews: ReviewItem[];
  /** Relations this warehouse lacks, and the page queries that could not run: their sections say so. */
  missing: Missing;
}





interface CubeRow {
  year: number;
  deptCode: string;
  deptName: string;
  ruleId: string;
  article: string;
  severity: string;
  projectId: string;
  flags: number;
}

/** Groups cube rows by `keyOf`, summing flags and counting distinct projects exactly. */
function rollUp<K>(rows: CubeRow[], keyOf: (r: CubeRow) => string, make: (first: CubeRow, flags: number, projects: number) => K): K[] {
  const groups = new Map<string, { first: CubeRow; flags: number; projects: Set<string> }>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = groups.get(k) ?? { first: r, flags: 0, projects: new Set<string>() };
    g.flags += r.flags;
    g.projects.add(r.projectId);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => make(g.first, g.flags, g.projects.size));
}

export async function getComplianceView({
  year,
  dept,
  rule,
  page,
  now = new Date(),
}: {
  year: number | null;
  dept: string | null;
  rule: string | null;
  page: number;
  now?: Date;
}, scope: Scope): Promise<ComplianceView> {
  return withWarehouse(async (raw) => {
    const db = scopedReader(raw, scope);
    const view = await cachedView("compliance", db.identity, { scope: scopeKey(scope), year, dept, rule, page }, () => readComplianceView(db, { year, dept, rule, page }));
    // the evaluation date's age depends on today, not on the warehouse: judged on every request
    return {
      ...view,
      staleReasons: view.asOf || view.builtAt ? assessFreshness({ asOf: view.asOf, builtAt: view.builtAt, missingSources: [], now }).reasons : [],
    };
  });
}

async function readComplianceView(
  db: WarehouseReader,
  { year, dept, rule, page }: { year: number | null; dept: string | null; rule: string | null; page: number },
): Promise<ComplianceView> {
  const missing: Missing = { relations: [], queries: [] };
  // the four queries are independent: asked for together, they run in parallel (app/db.server.ts)
  const wanted = Math.max(1, Math.floor(page));
  const list = (p: number) => db.query("pages/compliance-flags", { year, dept, rule, limit: FLAGS_PAGE_SIZE, offset: (p - 1) * FLAGS_PAGE_SIZE });
  const optionQuery = db.query("pages/compliance-options", {});
  const cubeQuery = db.query("pages/compliance-flag-counts", {});
  const listQuery = list(wanted);
  const reviewQuery = db.query("pages/compliance-review-status", { year, dept });
  const optionRows = await settle("pages/compliance-options", optionQuery, (r) => r, missing);
  const opt = (kind: string) => optionRows.filter((r) => r.kind === kind);
  const cube = await settle("pages/compliance-flag-counts", cubeQuery, (r): CubeRow => ({
    year: Number(r.year),
    deptCode: String(r.dept_code),
    deptName: String(r.dept_name ?? r.dept_code),
    ruleId: String(r.rule_id),
    article: String(r.article ?? ""),
    severity: String(r.severity ?? ""),
    projectId: String(r.project_id),
    flags: Number(r.flags),
  }), missing);

  // Each chart ignores its own dimension's filter, so it shows the choices it can switch to.
  const match = (r: CubeRow, ignore: "none" | "year" | "dept" | "rule" | "dept+rule") =>
    (ignore === "year" || year === null || r.year === year) &&
    (ignore === "dept" || ignore === "dept+rule" || dept === null || r.deptCode === dept) &&
    (ignore === "rule" || ignore === "dept+rule" || rule === null || r.ruleId === rule);

  const byRule = rollUp(cube.filter((r) => match(r, "rule")), (r) => r.ruleId, (f, flags, projects): RuleCount => ({
    ruleId: f.ruleId, article: f.article, severity: f.severity, flags, projects,
  }));
  const byDept = rollUp(cube.filter((r) => match(r, "dept")), (r) => r.deptCode, (f, flags, projects): DeptCount => ({
    deptCode: f.deptCode, deptName: f.deptName, flags, projects,
  }));
  const heat = rollUp(cube.filter((r) => match(r, "dept+rule")), (r) => `${r.deptCode}|${r.ruleId}`, (f, flags): DeptRuleCount => ({
    deptCode: f.deptCode, deptName: f.deptName, ruleId: f.ruleId, flags,
  }));
  const trend = rollUp(cube.filter((r) => match(r, "year")), (r) => `${r.year}|${r.severity}`, (f, flags): YearSeverityCount => ({
    year: f.year, severity: f.severity, flags,
  }));

  const matching = cube.filter((r) => match(r, "none"));

  let flagRows = await settle("pages/compliance-flags", listQuery, (r) => r, missing);
  let shownPage = wanted;
  if (flagRows.length === 0 && wanted > 1) {
    // a page past the end (the filters changed under it): show the first page instead of an empty list
    shownPage = 1;
    flagRows = await settle("pages/compliance-flags", list(1), (r) => r, missing);
  }
  const total = Number(flagRows[0]?.total ?? 0);

  const reviews = await settle("pages/compliance-review-status", reviewQuery, (r): ReviewItem => ({
    deptCode: String(r.dept_code),
    deptName: String(r.dept_name ?? r.dept_code),
    year: Number(r.year),
    status: String(r.review_status),
    reasons: text(r, "review_reasons"),
    projects: Number(r.projects ?? 0),
    flags: Number(r.flags ?? 0),
  }), missing);

  const asOf = text(optionRows[0] ?? {}, "flags_as_of") ?? text(optionRows[0] ?? {}, "build_as_of");
  const builtAt = text(optionRows[0] ?? {}, "built_at");
  return {
    asOf,
    builtAt,
    staleReasons: [],
    year,
    dept,
    rule,
    options: {
      years: opt("year").map((r) => ({ value: String(r.value), label: String(r.label) })),
      depts: opt("dept").map((r) => ({ value: String(r.value), label: String(r.label) })),
      rules: opt("rule")
        .map((r) => String(r.value))
        .sort(compareRules)
        .map((id) => ({ value: id, label: ruleLabel(id) })),
    },
    allFlags: cube.reduce((t, r) => t + r.flags, 0),
    matchingProjects: new Set(matching.map((r) => r.projectId)).size,
    severeFlags: matching.filter((r) => r.severity === "严重").reduce((t, r) => t + r.flags, 0),
    byRule,
    byDept,
    heat,
    trend,
    flags: flagRows.map((r) => ({
      flagId: String(r.flag_id),
      projectId: String(r.project_id),
      projectName: String(r.project_name ?? r.project_id),
      deptCode: String(r.dept_code),
      deptName: String(r.dept_name ?? r.dept_code),
      year: Number(r.year),
      ruleId: String(r.rule_id),
      article: String(r.article ?? ""),
      severity: String(r.severity ?? ""),
      evidence: String(r.evidence ?? ""),
      consequence: String(r.consequence ?? ""),
      recordRef: text(r, "record_ref"),
      eventDate: text(r, "event_date"),
      dueDate: text(r, "due_date"),
      asOf: text(r, "as_of"),
    })),
    total,
    page: shownPage,
    pages: Math.max(1, Math.ceil(total / FLAGS_PAGE_SIZE)),
    pageSize: FLAGS_PAGE_SIZE,
    reviews,
    missing,
  };
}
