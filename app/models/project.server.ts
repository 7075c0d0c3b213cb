// 项目档案 and 项目列表. The dossier answers, for one project: where it stands on its life line and which deadlines it
// met, which rules it broke (evidence, article), what that did to its funds, what it costs on the cloud each month,
// how its score came about down to the indicator, and who pays its cloud rent (Art. 23). The list is the filterable
// table every chart drills down to. Only public marts, only bound parameters.
import { withWarehouse, type Row, type WarehouseReader } from "~/db.server";
import { scopedReader, scopeKey, type Scope } from "./scope.server";
import { DIMENSIONS, isGrade, type Grade } from "~/domain/performance";
import type { CloudMonthRow } from "~/charts/cloud-monthly";
import type { LifelineFlag, LifelineMilestone, LifelineProject, MilestoneStatus } from "~/charts/project-lifeline";
import { bool, count, date, list, money, num, text } from "./row.server";

export interface ProjectProfile extends LifelineProject {
  projectId: string;
  name: string;
  deptCode: string;
  deptName: string;
  kind: string;
  allocClass: string | null;
  cityWide: boolean;
  leadDeptCode: string | null;
  deployment: string | null;
  internetFacing: boolean;
  mlpsLevel: number | null;
  pilotLevel: string | null;
}

export interface ProjectYear {
  year: number;
  approvedYuan: string | null;
  contractedYuan: string | null;
  paidConstructionYuan: string | null;
  paidOmYuan: string | null;
  cloudCostYuan: string | null;
  totalScore: number | null;
  grade: Grade | null;
  weightsVersion: string | null;
  provisional: boolean;
  omFundStatus: string;
  constructionFundStatus: string;
  flagCount: number;
  fundReasons: string | null;
  fundRuleIds: string[];
  fundSince: string | null;
  fundLiftedOn: string | null;
  omAtStakeYuan: string | null;
}

export interface ProjectFlag extends LifelineFlag {
  year: number;
  severity: string;
  consequence: string;
  recordRef: string | null;
}

/** One milestone of the life line (mart_project_milestones). */
export interface ProjectMilestone extends LifelineMilestone {
  /** The year the milestone counts in (as mart_flags.year would for its flag); null when it has not happened. */
  year: number | null;
}

export interface IndicatorScore {
  indicator: string;
  name: string;
  rawValue: number | null;
  target: number | null;
  points: number | null;
  maxPoints: number | null;
  hasData: boolean;
  note: string | null;
}

export interface DimensionScore {
  dimension: string;
  name: string;
  score: number | null;
  weight: number | null;
  coverage: number | null;
  scorable: boolean;
  indicators: IndicatorScore[];
}

export interface YearScore {
  year: number;
  totalScore: number | null;
  grade: Grade | null;
  weightsVersion: string | null;
  provisional: boolean;
  /** Why the total is what it is (or missing), from int_project_score.note. */
  note: string | null;
  dimensions: DimensionScore[];
}

export interface AllocationLine {
  countyCode: string;
  countyName: string;
  allocable: boolean;
  share: string | null;
  amountYuan: string | null;
  basis: string | null;
  note: string | null;
}

export interface AllocationYear {
  year: number;
  rentYuan: string | null;
  allocClass: string | null;
  lines: AllocationLine[];
}

export interface ProjectDossier {
  asOf: string | null;
  profile: ProjectProfile;
  years: ProjectYear[];
  flags: ProjectFlag[];
  /** The life line's milestones, deadlines and whether each was met (empty when the warehouse predates the mart). */
  milestones: ProjectMilestone[];
  /** False when the warehouse was built before mart_project_milestones existed: the page asks for a rebuild. */
  milestonesAvailable: boolean;
  cloud: CloudMonthRow[];
  /** Every scored year, newest first (the page's year tabs). */
  scoreYears: { year: number; provisional: boolean }[];
  /** The year the page opens down to the indicator (shownScoreYear), whole; null when no year was scored. Only this
   *  year's indicators are sent: the other years are a link away, and all of them were most of the page's data. */
  score: YearScore | null;
  allocation: AllocationYear[];
}

function toProfile(r: Row): ProjectProfile {
  return {
    projectId: String(r.project_id),
    name: String(r.name),
    deptCode: String(r.dept_code),
    deptName: String(r.dept_name),
    year: count(r, "year"),
    kind: String(r.kind),
    allocClass: text(r, "alloc_class"),
    cityWide: bool(r, "city_wide"),
    leadDeptCode: text(r, "lead_dept_code"),
    deployment: text(r, "deployment"),
    internetFacing: bool(r, "internet_facing"),
    mlpsLevel: num(r, "mlps_level"),
    pilotLevel: text(r, "pilot_level"),
    approvedYuan: money(r, "approved_yuan"),
    goLiveOn: date(r, "go_live_on"),
    shutdownOn: date(r, "shutdown_on"),
    prelimAcceptedOn: date(r, "prelim_accepted_on"),
    finalAcceptedOn: date(r, "final_accepted_on"),
  };
}

function gradeOf(r: Row): Grade | null {
  const g = text(r, "grade");
  return isGrade(g) ? g : null;
}

function toYear(r: Row): ProjectYear {
  return {
    year: count(r, "year"),
    approvedYuan: money(r, "approved_yuan"),
    contractedYuan: money(r, "contracted_yuan"),
    paidConstructionYuan: money(r, "paid_construction_yuan"),
    paidOmYuan: money(r, "paid_om_yuan"),
    cloudCostYuan: money(r, "cloud_cost_yuan"),
    totalScore: num(r, "total_score"),
    grade: gradeOf(r),
    weightsVersion: text(r, "weights_version"),
    provisional: bool(r, "provisional"),
    omFundStatus: text(r, "om_fund_status") ?? "eligible",
    constructionFundStatus: text(r, "construction_fund_status") ?? "ok",
    flagCount: count(r, "flag_count"),
    fundReasons: text(r, "fund_reasons"),
    fundRuleIds: list(r, "fund_rule_ids"),
    fundSince: date(r, "fund_since"),
    fundLiftedOn: date(r, "fund_lifted_on"),
    omAtStakeYuan: money(r, "om_at_stake_yuan"),
  };
}

function toFlag(r: Row): ProjectFlag {
  return {
    flagId: String(r.flag_id),
    year: count(r, "year"),
    ruleId: String(r.rule_id),
    article: text(r, "article") ?? "",
    severity: text(r, "severity") ?? "",
    evidence: text(r, "evidence") ?? "",
    consequence: text(r, "consequence") ?? "",
    recordRef: text(r, "record_ref"),
    eventDate: date(r, "event_date"),
    dueDate: date(r, "due_date"),
  };
}

const MILESTONE_STATUSES: readonly MilestoneStatus[] = ["met", "late", "open", "missing", "done", "pending"];

function toMilestone(r: Row): ProjectMilestone {
  const status = text(r, "status");
  return {
    year: num(r, "year"),
    stage: String(r.stage),
    stageName: text(r, "stage_name") ?? String(r.stage),
    article: text(r, "article"),
    recordRef: text(r, "record_ref") ?? "",
    event: text(r, "event"),
    eventDate: date(r, "event_date"),
    dueDate: date(r, "due_date"),
    doneDate: date(r, "done_date"),
    status: MILESTONE_STATUSES.find((s) => s === status) ?? "pending",
    workdaysLate: num(r, "workdays_late"),
    daysLate: num(r, "days_late"),
    note: text(r, "note") ?? "",
    flagId: text(r, "flag_id"),
  };
}

/** A warehouse built by an earlier version has no mart_project_milestones: DuckDB's catalog error names it. */
function isMissingMilestonesMart(err: unknown): boolean {
  const m = err instanceof Error ? err.message : String(err);
  return /mart_project_milestones/.test(m) && /does not exist/i.test(m);
}

/** The project's milestones, or `null` when the warehouse has no milestones mart yet. */
async function readMilestones(pending: Promise<Row[]>): Promise<ProjectMilestone[] | null> {
  try {
    return (await pending).map(toMilestone);
  } catch (err) {
    if (isMissingMilestonesMart(err)) return null;
    throw err;
  }
}

/** Indicator rows (one per project × year × dimension × indicator) → years → dimensions → indicators. */
export function groupScores(rows: readonly Row[]): YearScore[] {
  const years = new Map<number, YearScore>();
  for (const r of rows) {
    const y = count(r, "year");
    let ys = years.get(y);
    if (!ys) {
      ys = {
        year: y,
        totalScore: num(r, "total_score"),
        grade: gradeOf(r),
        weightsVersion: text(r, "weights_version"),
        provisional: bool(r, "provisional"),
        note: text(r, "score_note"),
        dimensions: [],
      };
      years.set(y, ys);
    }
    const dimId = String(r.dimension);
    let dim = ys.dimensions.find((d) => d.dimension === dimId);
    if (!dim) {
      dim = {
        dimension: dimId,
        name: text(r, "dimension_name") ?? dimId,
        score: num(r, "score"),
        weight: num(r, "weight"),
        coverage: num(r, "coverage"),
        scorable: bool(r, "scorable"),
        indicators: [],
      };
      ys.dimensions.push(dim);
    }
    if (r.indicator !== null && r.indicator !== undefined) {
      dim.indicators.push({
        indicator: String(r.indicator),
        name: text(r, "indicator_name") ?? String(r.indicator),
        rawValue: num(r, "raw_value"),
        target: num(r, "target"),
        points: num(r, "points"),
        maxPoints: num(r, "max_points"),
        hasData: bool(r, "has_data"),
        note: text(r, "note"),
      });
    }
  }
  // the six dimensions in the order of Art. 32 (scoring.md), whatever order the rows came in
  const rank = (id: string) => {
    const i = DIMENSIONS.findIndex((d) => d.id === id);
    return i < 0 ? DIMENSIONS.length : i;
  };
  for (const ys of years.values()) ys.dimensions.sort((a, b) => rank(a.dimension) - rank(b.dimension));
  return [...years.values()].sort((a, b) => b.year - a.year);
}

export function groupAllocation(rows: readonly Row[]): AllocationYear[] {
  const years = new Map<number, AllocationYear>();
  for (const r of rows) {
    const y = count(r, "year");
    let ay = years.get(y);
    if (!ay) {
      ay = { year: y, rentYuan: money(r, "rent_yuan"), allocClass: text(r, "alloc_class"), lines: [] };
      years.set(y, ay);
    }
    ay.lines.push({
      countyCode: String(r.county_code),
      countyName: text(r, "county_name") ?? String(r.county_code),
      allocable: bool(r, "allocable"),
      share: text(r, "share"),
      amountYuan: money(r, "amount_yuan"),
      basis: text(r, "basis"),
      note: text(r, "note"),
    });
  }
  return [...years.values()].sort((a, b) => b.year - a.year);
}

/** The year a project's record opens its scores on: the one asked for when it was scored, else the latest final year,
 *  else the latest (provisional) one. `scores` newest first. */
export function shownScoreYear(scores: readonly YearScore[], asked: number | null): YearScore | null {
  return scores.find((s) => s.year === asked) ?? scores.find((s) => !s.provisional) ?? scores[0] ?? null;
}

/** Everything the dossier shows, or null when the warehouse does not know the project. Seven queries. */
export async function getProjectDossier(
  { projectId, year = null }: { projectId: string; year?: number | null },
  scope: Scope,
): Promise<ProjectDossier | null> {
  return withWarehouse(async (raw) => {
    const db = scopedReader(raw, scope);
    const params = { project: projectId };
    // Every query reads only the project id: all seven are asked for at once and run in parallel (app/db.server.ts),
    // and read in the order the dossier is built; an unknown project (or one outside the caller's scope) still
    // answers null, the other six unread.
    const [profileQuery, yearsQuery, flagsQuery, milestonesQuery, cloudQuery, scoresQuery, allocationQuery] = [
      "pages/project-profile",
      "pages/project-years",
      "pages/project-flags",
      "pages/project-milestones",
      "pages/project-cloud-monthly",
      "pages/project-scores",
      "pages/project-allocation",
    ].map((name) => db.query(name, params));
    const profileRows = await profileQuery;
    if (profileRows.length === 0) return null;
    const years = (await yearsQuery).map(toYear);
    const flags = (await flagsQuery).map(toFlag);
    const milestones = await readMilestones(milestonesQuery);
    const cloud = (await cloudQuery).map((r) => ({
      month: date(r, "month") ?? "",
      serviceName: text(r, "service_name") ?? "未标明服务",
      billedYuan: money(r, "billed_cost_yuan") ?? "0",
    }));
    const scores = groupScores(await scoresQuery);
    const allocation = groupAllocation(await allocationQuery);
    const score = shownScoreYear(scores, year);
    return {
      asOf: date(profileRows[0], "as_of"),
      profile: toProfile(profileRows[0]),
      years,
      flags,
      milestones: milestones ?? [],
      milestonesAvailable: milestones !== null,
      cloud,
      scoreYears: scores.map((s) => ({ year: s.year, provisional: s.provisional })),
      score,
      allocation,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 项目列表

export interface ProjectListFilters {
  year: number | null;
  dept: string | null;
  kind: string | null;
  grade: string | null;
  rule: string | null;
  /** 1-based page of PAGE_SIZE rows. */
  page?: number;
}

export const PAGE_SIZE = 100;

export interface ProjectListRow {
  projectId: string;
  name: string;
  deptCode: string;
  deptName: string;
  kind: string;
  approvedYuan: string | null;
  paidOmYuan: string | null;
  cloudCostYuan: string | null;
  totalScore: number | null;
  grade: Grade | null;
  omFundStatus: string;
  constructionFundStatus: string;
  flagCount: number;
  ruleIds: string[];
}

export interface FilterChoice {
  value: string;
  label: string;
  n: number;
  /** Years only: the year's scores are provisional (it had not closed at the as-of date). */
  provisional?: boolean;
}

export interface ProjectList {
  asOf: string | null;
  /** The year listed: the one asked for, else `defaultYear`. */
  year: number | null;
  /** The latest year with final scores, else the latest with any project (what a URL without ?year= shows). */
  defaultYear: number | null;
  years: FilterChoice[];
  departments: FilterChoice[];
  rules: FilterChoice[];
  rows: ProjectListRow[];
  /** Matching project-years in all pages. */
  total: number;
  page: number;
  pages: number;
}

function toListRow(r: Row): ProjectListRow {
  return {
    projectId: String(r.project_id),
    name: String(r.name),
    deptCode: String(r.dept_code),
    deptName: String(r.dept_name),
    kind: String(r.kind),
    approvedYuan: money(r, "approved_yuan"),
    paidOmYuan: money(r, "paid_om_yuan"),
    cloudCostYuan: money(r, "cloud_cost_yuan"),
    totalScore: num(r, "total_score"),
    grade: gradeOf(r),
    omFundStatus: text(r, "om_fund_status") ?? "eligible",
    constructionFundStatus: text(r, "construction_fund_status") ?? "ok",
    flagCount: count(r, "flag_count"),
    ruleIds: list(r, "rule_ids"),
  };
}

/** The default year of a list: the latest year that has scores, else the latest year with any project. */
export function defaultYear(years: readonly FilterChoice[]): number | null {
  const scored = years.filter((y) => y.n > 0).map((y) => Number(y.value));
  const all = years.map((y) => Number(y.value));
  const pick = scored.length > 0 ? scored : all;
  return pick.length > 0 ? Math.max(...pick) : null;
}

export async function listProjects({ year, dept, kind, grade, rule, page = 1 }: ProjectListFilters, scope: Scope): Promise<ProjectList> {
  return withWarehouse(async (reader) => {
    const db = scopedReader(reader, scope);
    const p = Math.max(1, Math.floor(page));
    const listFor = (y: number) => db.query("pages/project-list", { year: y, dept, kind, grade, rule, limit: PAGE_SIZE, offset: (p - 1) * PAGE_SIZE });
    // a year in the URL needs nothing from the options: both queries run in parallel (app/db.server.ts)
    const optionQuery = db.query("pages/project-list-options");
    const asked = year === null ? null : listFor(year);
    const options = await optionQuery;
    const facet = (f: string): FilterChoice[] =>
      options
        .filter((o) => o.facet === f)
        .map((o) => ({ value: String(o.value), label: String(o.label), n: count(o, "n"), provisional: bool(o, "provisional") }));
    const years = facet("year");
    const fallback = defaultYear(years);
    const shown = year ?? fallback;
    const raw = shown === null ? [] : await (asked ?? listFor(shown));
    const total = raw[0] ? count(raw[0], "total") : 0;
    return {
      asOf: options[0] ? date(options[0], "as_of") : null,
      year: shown,
      defaultYear: fallback,
      years,
      departments: facet("dept"),
      rules: facet("rule"),
      rows: raw.map(toListRow),
      total,
      page: p,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    };
  });
}
