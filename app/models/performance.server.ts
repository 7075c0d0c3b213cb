// 年度绩效 (scoring.md "What leadership sees"): for one year — KPIs, the grade distribution, projects and departments
// ranked by total score, the year-on-year trend, one project's six-dimension radar against the median of its kind,
// the projects whose funding the result puts at risk (Art. 34, rules.md), and departments ranked by how far their
// self-evaluations exceed the independent ones (Art. 33). Five queries, all against public marts, all bound.
// The page gets what it draws, not every project-year: the counts, the ranking's head and tail, the projects at risk.
import { withWarehouse, type Row } from "~/db.server";
import { pageWithin } from "~/filters";
import { scopedReader, scopeKey, type Scope } from "./scope.server";
import { articleLabel, AT_RISK_PAGE_SIZE, formatScore, isGrade, type Grade } from "~/domain/performance";
import type { GradeTally } from "~/charts/grade-distribution";
import { fenToDecimal, toFen } from "~/charts/money";
import type { RadarRow } from "~/charts/radar";
import { RANKING_LIMIT, type RankedItem } from "~/charts/score-ranking";
import type { YearPoint } from "~/charts/year-trend";
import { bool, count, date, list, money, num, text } from "./row.server";

export interface PerformanceFilters {
  year: number | null;
  dept: string | null;
  kind: string | null;
  grade: Grade | null;
  /** The project the radar shows; defaults to the top of the ranking. */
  project: string | null;
  /** The page of the projects at risk (1 when absent). */
  riskPage?: number;
}

export interface PerformanceProject {
  projectId: string;
  name: string;
  deptCode: string;
  deptName: string;
  kind: string;
  approvedYuan: string | null;
  totalScore: number | null;
  grade: Grade | null;
  omFundStatus: string;
  constructionFundStatus: string;
  flagCount: number;
  omReasons: string | null;
  omSince: string | null;
  omLiftedOn: string | null;
  omAtStakeYuan: string;
  missedTargets: number;
  /** Each missed target with its direction, target and actual value. */
  targetsMissed: string[];
  rectificationFlags: number;
  rectificationEvidence: string[];
  atRisk: boolean;
}

export interface AtRiskProject extends PerformanceProject {
  /** Why the funding is at risk, one sentence per cause, each citing its article. */
  riskReasons: string[];
}

export interface PerformanceDepartment {
  deptCode: string;
  deptName: string;
  projects: number;
  projectsScored: number;
  meanScore: number | null;
  poor: number;
  flags: number;
  gapProjects: number;
  meanSelfScore: number | null;
  meanIndependentScore: number | null;
  meanGap: number | null;
}

export interface PerformanceKpis {
  projects: number;
  projectsScored: number;
  meanScore: number | null;
  poor: number;
  atRisk: number;
  /** O&M funds paid or requested that year on the projects at risk (DECIMAL text, yuan, summed exactly). */
  fundsAtRiskYuan: string;
}

export interface PerformanceRadar {
  projectId: string;
  name: string;
  kind: string;
  weightsVersion: string | null;
  rows: RadarRow[];
}

export interface PerformanceView {
  asOf: string | null;
  /** Every year with scores, with the filtered mean, count and 差 count (the trend). */
  years: YearPoint[];
  /** The year shown: the one asked for, else `defaultYear`; null when nothing is scored at all. */
  year: number | null;
  /** The latest closed year with scores, else the latest (provisional) one: what a URL without ?year= shows. */
  defaultYear: number | null;
  yearIsScored: boolean;
  /** The year shown had not closed at the as-of date: its scores are to date and order nothing yet. */
  yearIsProvisional: boolean;
  kpis: PerformanceKpis;
  /** Grades of all project-years of the year under dept/kind (the grade filter does not narrow it). */
  grades: GradeTally;
  /** Scored projects under every filter, grade included, ranked — the head and tail the chart draws. */
  ranking: RankedItem[];
  /** How many projects the full ranking has. */
  rankingTotal: number;
  /** One page of the projects at risk (AT_RISK_PAGE_SIZE), in the query's order; the KPIs count them all. */
  atRisk: AtRiskProject[];
  /** How many projects are at risk, the page shown and how many pages there are. */
  atRiskTotal: number;
  atRiskPage: number;
  atRiskPages: number;
  departments: PerformanceDepartment[];
  radar: PerformanceRadar | null;
  /** Projects the radar can show (those on the ranking chart, at risk, or asked for). */
  radarChoices: { projectId: string; name: string }[];
}

/** The reasons a project's funding is at risk, in the words of the measures (Art. 30, 34; rules.md consequences). */
export function riskReasons(p: PerformanceProject): string[] {
  const out: string[] = [];
  if (p.grade === "差") {
    out.push(`绩效等级为差（总分 ${formatScore(p.totalScore)}）：须限期整改，整改不到位停止安排运维经费（${articleLabel("34")}）`);
  }
  if (p.missedTargets > 0) {
    const which = p.targetsMissed.length > 0 ? `：${[...p.targetsMissed].sort().join("；")}` : "";
    out.push(`${p.missedTargets} 项绩效目标未实现${which}，须限期整改（${articleLabel("34")}）`);
  }
  for (const e of [...p.rectificationEvidence].sort()) out.push(`整改情况：${e}`);
  if (p.omFundStatus === "suspended") {
    const since = p.omSince ? `，自 ${p.omSince} 起` : "";
    const lifted = p.omLiftedOn ? `，${p.omLiftedOn} 已解除` : "";
    out.push(`运维经费暂停安排${since}${lifted}：${p.omReasons ?? "原因见合规页"}`);
  }
  return out;
}

/** The year's O&M money a project has at stake (0 when it has none). */
function omAtStake(r: Row): string {
  return money(r, "om_at_stake_yuan") ?? "0.00";
}

function toProject(r: Row): PerformanceProject {
  const grade = text(r, "grade");
  return {
    projectId: String(r.project_id),
    name: String(r.name),
    deptCode: String(r.dept_code),
    deptName: String(r.dept_name),
    kind: String(r.kind),
    approvedYuan: money(r, "approved_yuan"),
    totalScore: num(r, "total_score"),
    grade: isGrade(grade) ? grade : null,
    omFundStatus: text(r, "om_fund_status") ?? "eligible",
    constructionFundStatus: text(r, "construction_fund_status") ?? "ok",
    flagCount: count(r, "flag_count"),
    omReasons: text(r, "om_reasons"),
    omSince: date(r, "om_since"),
    omLiftedOn: date(r, "om_lifted_on"),
    omAtStakeYuan: omAtStake(r),
    missedTargets: count(r, "missed_targets"),
    targetsMissed: list(r, "targets_missed"),
    rectificationFlags: count(r, "rectification_flags"),
    rectificationEvidence: list(r, "rectification_evidence"),
    atRisk: bool(r, "at_risk"),
  };
}

function toDepartment(r: Row): PerformanceDepartment {
  return {
    deptCode: String(r.dept_code),
    deptName: String(r.dept_name),
    projects: count(r, "projects"),
    projectsScored: count(r, "projects_scored"),
    meanScore: num(r, "mean_score"),
    poor: count(r, "poor"),
    flags: count(r, "flags"),
    gapProjects: count(r, "gap_projects"),
    meanSelfScore: num(r, "mean_self_score"),
    meanIndependentScore: num(r, "mean_independent_score"),
    meanGap: num(r, "mean_gap"),
  };
}

interface TrendRow extends YearPoint {
  projects: number;
  grades: GradeTally;
}

function toTrendRow(r: Row): TrendRow {
  const scored = count(r, "projects_scored");
  const projects = count(r, "projects");
  return {
    year: count(r, "year"),
    meanScore: num(r, "mean_score"),
    projectsScored: scored,
    poor: count(r, "poor"),
    provisional: bool(r, "provisional"),
    projects,
    grades: {
      counts: [
        { grade: "优", count: count(r, "excellent") },
        { grade: "良", count: count(r, "good") },
        { grade: "中", count: count(r, "fair") },
        { grade: "差", count: count(r, "poor") },
      ],
      scored,
      unscored: projects - scored,
    },
  };
}

const NO_GRADES: GradeTally = {
  counts: [
    { grade: "优", count: 0 },
    { grade: "良", count: 0 },
    { grade: "中", count: 0 },
    { grade: "差", count: 0 },
  ],
  scored: 0,
  unscored: 0,
};

/** The year a page opens on: the latest year whose scores are final, else the latest year with any. */
export function defaultScoredYear(years: readonly YearPoint[]): number | null {
  const closed = years.filter((y) => !y.provisional);
  const pick = closed.length > 0 ? closed : years;
  return pick.length > 0 ? Math.max(...pick.map((y) => y.year)) : null;
}

/** Exact sum of DECIMAL yuan texts (in fen). */
export function sumYuan(values: readonly string[]): string {
  return fenToDecimal(values.reduce((s, v) => s + (toFen(v) ?? 0), 0));
}

const EMPTY_KPIS: PerformanceKpis = { projects: 0, projectsScored: 0, meanScore: null, poor: 0, atRisk: 0, fundsAtRiskYuan: "0.00" };

export async function getPerformance({ year, dept, kind, grade, project, riskPage = 1 }: PerformanceFilters, scope: Scope): Promise<PerformanceView> {
  return withWarehouse(async (raw) => {
    const db = scopedReader(raw, scope);
    // The queries are asked for as soon as their parameters are known and run in parallel (app/db.server.ts): with a
    // year in the URL the year's queries need nothing from the trend (read for the default year and the year's
    // counts), and the radar of a project in the URL needs nothing from the ranking. The rows are still read in the
    // order the page is built, so a failing query fails the page as it did; a year without scores reads nothing of
    // what was asked for it.
    const trendRows = db.query("pages/performance-year-trend", { dept, kind });
    const rankingFor = (y: number) => db.query("pages/performance-ranking", { year: y, dept, kind, grade, half: RANKING_LIMIT / 2 });
    const atRiskFor = (y: number) => db.query("pages/performance-at-risk", { year: y, dept, kind });
    const departmentsFor = (y: number) => db.query("pages/performance-departments", { year: y, kind });
    const radarFor = (y: number, id: string) => db.query("pages/performance-radar", { year: y, project: id });
    const early =
      year === null
        ? null
        : {
            ranking: rankingFor(year),
            atRisk: atRiskFor(year),
            departments: departmentsFor(year),
            radar: project ? radarFor(year, project) : null,
          };
    const trend = (await trendRows).map((r) => ({ r, t: toTrendRow(r) }));
    const asOf = date(trend[0]?.r ?? {}, "as_of");
    const years: YearPoint[] = trend.map(({ t }) => ({
      year: t.year,
      meanScore: t.meanScore,
      projectsScored: t.projectsScored,
      poor: t.poor,
      provisional: t.provisional,
    }));
    const fallback = defaultScoredYear(years);
    const shown = year ?? fallback;
    const point = trend.find(({ t }) => t.year === shown)?.t;
    const view: PerformanceView = {
      asOf,
      years,
      year: shown,
      defaultYear: fallback,
      yearIsScored: point !== undefined,
      yearIsProvisional: point?.provisional ?? false,
      kpis: EMPTY_KPIS,
      grades: NO_GRADES,
      ranking: [],
      rankingTotal: 0,
      atRisk: [],
      atRiskTotal: 0,
      atRiskPage: 1,
      atRiskPages: 1,
      departments: [],
      radar: null,
      radarChoices: [],
    };
    // a year without scores shows an empty state: nothing more to read
    if (shown === null || !point) return view;

    const rankingQuery = early?.ranking ?? rankingFor(shown);
    const atRiskQuery = early?.atRisk ?? atRiskFor(shown);
    const departmentsQuery = early?.departments ?? departmentsFor(shown);
    const askedRadar = project ? (early?.radar ?? radarFor(shown, project)) : null;

    const rankingRows = await rankingQuery;
    const ranking = rankingRows.map(
      (r): RankedItem => ({
        key: String(r.project_id),
        name: String(r.name),
        score: num(r, "total_score"),
        grade: text(r, "grade"),
        detail: text(r, "dept_name") ?? "",
        rank: count(r, "rank"),
      }),
    );
    // the radar shows the project asked for if it was scored that year, else the top of the ranking; its choices are
    // what the page shows (the ranking and the projects at risk), so a choice is always something on screen
    const top = ranking[0]?.key;
    // without a project in the URL the top of the ranking is the radar: asked for now, read after the other sections
    const topRadar = top && !project ? radarFor(shown, top) : null;
    const atRiskRows = await atRiskQuery;
    const { page: atRiskPage, pages: atRiskPages } = pageWithin(atRiskRows.length, AT_RISK_PAGE_SIZE, riskPage);
    const atRisk = atRiskRows
      .slice((atRiskPage - 1) * AT_RISK_PAGE_SIZE, atRiskPage * AT_RISK_PAGE_SIZE)
      .map(toProject)
      .map((p) => ({ ...p, riskReasons: riskReasons(p) }));
    const departments = (await departmentsQuery).map(toDepartment);
    const kpis: PerformanceKpis = {
      projects: point.projects,
      projectsScored: point.projectsScored,
      meanScore: point.meanScore,
      poor: point.poor,
      atRisk: atRiskRows.length,
      fundsAtRiskYuan: sumYuan(atRiskRows.map(omAtStake)),
    };

    let radar: PerformanceRadar | null = null;
    const candidates: [string, () => Promise<Row[]>][] = [];
    if (project && askedRadar) candidates.push([project, () => askedRadar]);
    if (top) candidates.push([top, () => topRadar ?? radarFor(shown, top)]);
    for (const [id, read] of candidates) {
      const rows = await read();
      if (rows.length > 0 && rows.some((r) => r.score !== null)) {
        radar = {
          projectId: id,
          name: String(rows[0].name),
          kind: String(rows[0].kind),
          weightsVersion: text(rows[0], "weights_version"),
          rows: rows.map((r) => ({
            dimension: String(r.dimension),
            score: num(r, "score"),
            peerMedian: num(r, "peer_median"),
            peers: count(r, "peers"),
            coverage: num(r, "coverage"),
            scorable: bool(r, "scorable"),
          })),
        };
        break;
      }
    }
    const choices = new Map<string, string>();
    if (radar) choices.set(radar.projectId, radar.name);
    for (const r of ranking) choices.set(r.key, r.name);
    for (const p of atRisk) if (p.totalScore !== null) choices.set(p.projectId, p.name);
    return {
      ...view,
      kpis,
      grades: point.grades,
      ranking,
      rankingTotal: rankingRows[0] ? count(rankingRows[0], "total") : 0,
      atRisk,
      atRiskTotal: atRiskRows.length,
      atRiskPage,
      atRiskPages,
      departments,
      radar,
      radarChoices: [...choices].map(([projectId, name]) => ({ projectId, name })),
    };
  });
}
