// 单位: every department in a year (projects, mean score, flags, review status with reasons, self-evaluation gap), and
// one department's record — its years, its projects, their scores and flags. Public marts only, bound parameters.
import { withWarehouse, type Row } from "~/db.server";
import { scopedReader, scopeKey, type Scope } from "./scope.server";
import { isGrade, type Grade } from "~/domain/performance";
import { bool, count, date, money, num, text } from "./row.server";

export interface DepartmentYear {
  deptCode: string;
  deptName: string;
  year: number | null;
  projects: number;
  meanScore: number | null;
  flags: number;
  reviewStatus: string | null;
  reviewReasons: string | null;
  selfScoreGap: number | null;
  /** The year had not closed at the as-of date: its scores are to date. */
  provisional: boolean;
}

export interface YearChoice {
  year: number;
  departments: number;
  departmentsScored: number;
  provisional: boolean;
}

export interface DepartmentList {
  asOf: string | null;
  years: YearChoice[];
  /** The year shown: the one asked for, else `defaultYear`. */
  year: number | null;
  /** The latest year with final scores, else the latest year with data (what a URL without ?year= shows). */
  defaultYear: number | null;
  /** Every department; those without a project that year have projects 0 and a NULL mean. */
  departments: DepartmentYear[];
}

function toDepartmentYear(r: Row): DepartmentYear {
  return {
    deptCode: String(r.dept_code),
    deptName: String(r.dept_name),
    year: num(r, "year"),
    projects: count(r, "projects"),
    meanScore: num(r, "mean_score"),
    flags: count(r, "flags"),
    reviewStatus: text(r, "review_status"),
    reviewReasons: text(r, "review_reasons"),
    selfScoreGap: num(r, "self_score_gap"),
    provisional: bool(r, "provisional"),
  };
}

export function latestYear(years: readonly YearChoice[]): number | null {
  const scored = years.filter((y) => y.departmentsScored > 0 && !y.provisional);
  const pick = scored.length > 0 ? scored : years;
  return pick.length > 0 ? Math.max(...pick.map((y) => y.year)) : null;
}

export async function listDepartments({ year }: { year: number | null }, scope: Scope): Promise<DepartmentList> {
  return withWarehouse(async (raw) => {
    const db = scopedReader(raw, scope);
    // a year in the URL needs nothing from the year list: both queries run in parallel (app/db.server.ts)
    const yearQuery = db.query("pages/department-years");
    const asked = year === null ? null : db.query("pages/department-list", { year });
    const yearRows = await yearQuery;
    const years = yearRows.map((r) => ({
      year: count(r, "year"),
      departments: count(r, "departments"),
      departmentsScored: count(r, "departments_scored"),
      provisional: bool(r, "provisional"),
    }));
    const fallback = latestYear(years);
    const shown = year ?? fallback;
    const departments =
      shown === null ? [] : (await (asked ?? db.query("pages/department-list", { year: shown }))).map((r) => ({ ...toDepartmentYear(r), year: shown }));
    return { asOf: yearRows[0] ? date(yearRows[0], "as_of") : null, years, year: shown, defaultYear: fallback, departments };
  });
}

export interface DepartmentProject {
  projectId: string;
  name: string;
  kind: string;
  approvedYuan: string | null;
  totalScore: number | null;
  grade: Grade | null;
  omFundStatus: string;
  constructionFundStatus: string;
  flagCount: number;
  fundReasons: string | null;
  selfScore: number | null;
  gap: number | null;
}

export interface DepartmentFlag {
  flagId: string;
  projectId: string;
  projectName: string;
  ruleId: string;
  article: string;
  severity: string;
  evidence: string;
  consequence: string;
  eventDate: string | null;
  dueDate: string | null;
}

export interface DepartmentDetail {
  asOf: string | null;
  deptCode: string;
  deptName: string;
  projectsAllYears: number;
  /** Its record year by year (empty when it has no project-years yet). */
  history: DepartmentYear[];
  year: number | null;
  /** The latest year with a mean score, else the latest year on record (what a URL without ?year= shows). */
  defaultYear: number | null;
  current: DepartmentYear | null;
  projects: DepartmentProject[];
  flags: DepartmentFlag[];
}

/** One department in a year, or null when the warehouse does not know the department. Three queries. */
export async function getDepartment(
  { deptCode, year }: { deptCode: string; year: number | null },
  scope: Scope,
): Promise<DepartmentDetail | null> {
  return withWarehouse(async (raw) => {
    const db = scopedReader(raw, scope);
    // with a year in the URL the year's projects and flags need nothing from the profile: the three run in parallel
    // (app/db.server.ts); an unknown department (or one outside the caller's scope) still answers null, unread
    const yearQueries = (y: number) => {
      const params = { dept: deptCode, year: y };
      return { projects: db.query("pages/department-projects", params), flags: db.query("pages/department-flags", params) };
    };
    const profileQuery = db.query("pages/department-profile", { dept: deptCode });
    const early = year === null ? null : yearQueries(year);
    const profile = await profileQuery;
    if (profile.length === 0) return null;
    const history = profile.filter((r) => r.year !== null && r.year !== undefined).map(toDepartmentYear);
    const scored = history.filter((h) => h.meanScore !== null && !h.provisional);
    const fallback = (scored.length > 0 ? scored : history)
      .map((h) => h.year as number)
      .reduce<number | null>((m, y) => (m === null || y > m ? y : m), null);
    const shown = year ?? fallback;
    const base = {
      asOf: date(profile[0], "as_of"),
      deptCode: String(profile[0].dept_code),
      deptName: String(profile[0].dept_name),
      projectsAllYears: count(profile[0], "projects_all_years"),
      history,
      year: shown,
      defaultYear: fallback,
      current: history.find((h) => h.year === shown) ?? null,
    };
    if (shown === null) return { ...base, projects: [], flags: [] };
    const q = early ?? yearQueries(shown);
    const projects = (await q.projects).map((r): DepartmentProject => {
      const g = text(r, "grade");
      return {
        projectId: String(r.project_id),
        name: String(r.name),
        kind: String(r.kind),
        approvedYuan: money(r, "approved_yuan"),
        totalScore: num(r, "total_score"),
        grade: isGrade(g) ? g : null,
        omFundStatus: text(r, "om_fund_status") ?? "eligible",
        constructionFundStatus: text(r, "construction_fund_status") ?? "ok",
        flagCount: count(r, "flag_count"),
        fundReasons: text(r, "fund_reasons"),
        selfScore: num(r, "self_score"),
        gap: num(r, "gap"),
      };
    });
    const flags = (await q.flags).map((r): DepartmentFlag => ({
      flagId: String(r.flag_id),
      projectId: String(r.project_id),
      projectName: text(r, "project_name") ?? String(r.project_id),
      ruleId: String(r.rule_id),
      article: text(r, "article") ?? "",
      severity: text(r, "severity") ?? "",
      evidence: text(r, "evidence") ?? "",
      consequence: text(r, "consequence") ?? "",
      eventDate: date(r, "event_date"),
      dueDate: date(r, "due_date"),
    }));
    return { ...base, projects, flags };
  });
}
