// 年度绩效评估报告: one year on one printable page — headline figures, grade distribution, department ranking,
// suspended funds, county allocation and flagged projects — read from the public marts of one warehouse, with the
// charts rendered to SVG here on the server (they print as vectors and need no JavaScript). Also the PDF of that
// page, printed by headless Chromium from the app's own loopback address.
import { existsSync } from "node:fs";
import { renderChartSvg } from "~/charts/echarts";
import { reportCountiesOption } from "~/charts/report-counties";
import { reportDepartmentsHeight, reportDepartmentsOption } from "~/charts/report-departments";
import { reportGradesOption } from "~/charts/report-grades";
import { withWarehouse, type Row } from "~/db.server";
import { scopedReader, scopeKey, type Scope } from "./scope.server";
import { count, date, money, num, text } from "./row.server";

/** How many flagged projects the printed report lists; the rest are one export away. */
export const FLAGGED_SHOWN = 30;

export interface ReportSummary {
  asOf: string | null;
  builtAt: string | null;
  projects: number;
  departments: number;
  approvedYuan: string;
  contractedYuan: string;
  paidConstructionYuan: string;
  paidOmYuan: string;
  cloudCostYuan: string;
  meanScore: number | null;
  scoredProjects: number;
  flags: number;
  seriousFlags: number;
  flaggedProjects: number;
  omSuspended: number;
  constructionBlocked: number;
  omAtStakeYuan: string;
  allocatedYuan: string;
}

export interface ReportGrade {
  grade: string;
  projects: number;
}

export interface ReportDepartment {
  rank: number;
  deptCode: string;
  deptName: string;
  projects: number;
  meanScore: number | null;
  flags: number;
  reviewStatus: string | null;
  reviewReasons: string | null;
}

export interface ReportSuspension {
  projectId: string;
  name: string;
  deptName: string;
  omStatus: string;
  constructionStatus: string;
  reasons: string | null;
  since: string | null;
  liftedOn: string | null;
  omAtStakeYuan: string | null;
}

export interface ReportCounty {
  countyCode: string;
  countyName: string;
  owedYuan: string | null;
  settledYuan: string | null;
  outstandingYuan: string | null;
  projects: number;
}

export interface ReportFlagged {
  projectId: string;
  projectName: string;
  deptName: string;
  flags: number;
  serious: number;
  worstSeverity: string;
  articles: string;
}

export interface AnnualReport {
  year: number;
  years: number[];
  summary: ReportSummary;
  grades: ReportGrade[];
  departments: ReportDepartment[];
  suspensions: ReportSuspension[];
  counties: ReportCounty[];
  flagged: ReportFlagged[];
  flaggedTotal: number;
  /** Server-rendered SVG of each chart (empty string when there is nothing to draw). */
  charts: { grades: string; departments: string; counties: string };
}

const zero = (v: string | null) => v ?? "0.00";

function toSummary(r: Row): ReportSummary {
  return {
    asOf: date(r, "as_of"),
    builtAt: text(r, "built_at"),
    projects: count(r, "projects"),
    departments: count(r, "departments"),
    approvedYuan: zero(money(r, "approved_yuan")),
    contractedYuan: zero(money(r, "contracted_yuan")),
    paidConstructionYuan: zero(money(r, "paid_construction_yuan")),
    paidOmYuan: zero(money(r, "paid_om_yuan")),
    cloudCostYuan: zero(money(r, "cloud_cost_yuan")),
    meanScore: num(r, "mean_score"),
    scoredProjects: count(r, "scored_projects"),
    flags: count(r, "flags"),
    seriousFlags: count(r, "serious_flags"),
    flaggedProjects: count(r, "flagged_projects"),
    omSuspended: count(r, "om_suspended"),
    constructionBlocked: count(r, "construction_blocked"),
    omAtStakeYuan: zero(money(r, "om_at_stake_yuan")),
    allocatedYuan: zero(money(r, "allocated_yuan")),
  };
}

/** The years with data, for the year switcher and for a clear 404. */
export async function getReportYears(scope: Scope): Promise<number[]> {
  return withWarehouse(async (raw) => (await scopedReader(raw, scope).query("pages/report-years")).map((r) => Number(r.year)));
}

/** The report for `year`, or null when the warehouse has no project-year in it. */
export async function getAnnualReport({ year }: { year: number }, scope: Scope): Promise<AnnualReport | null> {
  const data = await withWarehouse(async (raw) => {
    const db = scopedReader(raw, scope);
    // the year's six queries need nothing from the year list: all seven run in parallel (app/db.server.ts), read in
    // order; a year without data still answers not found, the six unread
    const yearsQuery = db.query("pages/report-years");
    const p = { year };
    const pending = ["summary", "grades", "departments", "suspensions", "counties", "flagged"].map((q) => db.query(`pages/report-${q}`, p));
    const years = (await yearsQuery).map((r) => Number(r.year));
    if (!years.includes(year)) return { years, found: false as const };
    const [summary, grades, departments, suspensions, counties, flagged] = [
      await pending[0],
      await pending[1],
      await pending[2],
      await pending[3],
      await pending[4],
      await pending[5],
    ];
    return { years, found: true as const, summary, grades, departments, suspensions, counties, flagged };
  });
  if (!data.found) return null;

  const grades: ReportGrade[] = data.grades.map((r) => ({ grade: String(r.grade), projects: count(r, "projects") }));
  const departments: ReportDepartment[] = data.departments.map((r) => ({
    rank: count(r, "rank"),
    deptCode: String(r.dept_code),
    deptName: String(r.dept_name),
    projects: count(r, "projects"),
    meanScore: num(r, "mean_score"),
    flags: count(r, "flags"),
    reviewStatus: text(r, "review_status"),
    reviewReasons: text(r, "review_reasons"),
  }));
  const suspensions: ReportSuspension[] = data.suspensions.map((r) => ({
    projectId: String(r.project_id),
    name: String(r.name),
    deptName: String(r.dept_name),
    omStatus: String(r.om_status),
    constructionStatus: String(r.construction_status),
    reasons: text(r, "reasons"),
    since: date(r, "since"),
    liftedOn: date(r, "lifted_on"),
    omAtStakeYuan: money(r, "om_at_stake_yuan"),
  }));
  const counties: ReportCounty[] = data.counties.map((r) => ({
    countyCode: String(r.county_code),
    countyName: String(r.county_name),
    owedYuan: money(r, "owed_yuan"),
    settledYuan: money(r, "settled_yuan"),
    outstandingYuan: money(r, "outstanding_yuan"),
    projects: count(r, "projects"),
  }));
  const flaggedAll: ReportFlagged[] = data.flagged.map((r) => ({
    projectId: String(r.project_id),
    projectName: String(r.project_name),
    deptName: String(r.dept_name),
    flags: count(r, "flags"),
    serious: count(r, "serious"),
    worstSeverity: String(r.worst_severity),
    articles: String(r.articles ?? ""),
  }));

  // A4 content width is about 700 CSS px; charts are drawn at their printed size.
  const charts = {
    grades: grades.length > 0 ? renderChartSvg(reportGradesOption(grades), 340, 240) : "",
    departments: departments.some((d) => d.meanScore !== null)
      ? renderChartSvg(
          reportDepartmentsOption(departments.map((d) => ({ dept_name: d.deptName, mean_score: d.meanScore }))),
          700,
          reportDepartmentsHeight(departments.map((d) => ({ dept_name: d.deptName, mean_score: d.meanScore }))),
        )
      : "",
    counties:
      counties.length > 0
        ? renderChartSvg(
            reportCountiesOption(
              counties.map((c) => ({ county_name: c.countyName, settled_yuan: c.settledYuan, outstanding_yuan: c.outstandingYuan })),
            ),
            700,
            260,
          )
        : "",
  };

  return {
    year,
    years: data.years,
    summary: toSummary(data.summary[0] ?? {}),
    grades,
    departments,
    suspensions,
    counties,
    flagged: flaggedAll.slice(0, FLAGGED_SHOWN),
    flaggedTotal: flaggedAll.length,
    charts,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

export class ChromiumUnavailableError extends Error {}

/** The report page as the server itself serves it: its loopback address, never the host the client used. */
export function reportOrigin(): string {
  if (process.env.REPORT_ORIGIN) return process.env.REPORT_ORIGIN.replace(/\/$/, "");
  const host = process.env.HOST && !["0.0.0.0", "::", ""].includes(process.env.HOST) ? process.env.HOST : "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${process.env.PORT ?? "3000"}`;
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** Two renders at a time at most: each is a Chromium process. */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((r) => waiting.push(r));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

export class ReportPageError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Prints /report/:year to an A4 PDF with headless Chromium. The page is loaded from the server's own loopback
 * address with the caller's cookies (so it renders as the same user once sign-in is required); any request to
 * another host is refused, and JavaScript is off: the page is complete as the server renders it.
 */
export async function renderReportPdf({ year, cookie }: { year: number; cookie?: string | null }): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new ChromiumUnavailableError(`本服务器未安装 Chromium 浏览器（${executablePath}），无法生成 PDF。`);
  }
  const { chromium } = await import("playwright-core");
  return slot(async () => {
    let browser;
    try {
      browser = await chromium.launch({
        executablePath,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
      });
    } catch (err) {
      throw new ChromiumUnavailableError(`Chromium 无法启动（${executablePath}）：${(err as Error).message.split("\n")[0]}`);
    }
    try {
      const origin = reportOrigin();
      const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
      if (cookie) {
        const cookies = cookie
          .split(";")
          .map((c) => c.trim())
          .filter((c) => c.includes("="))
          .map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: origin }));
        if (cookies.length > 0) await context.addCookies(cookies);
      }
      const page = await context.newPage();
      const host = new URL(origin).host;
      await page.route("**/*", (route) => {
        const url = route.request().url();
        return /^https?:/.test(url) && new URL(url).host !== host ? route.abort() : route.continue();
      });
      const res = await page.goto(`${origin}/report/${year}`, { waitUntil: "load", timeout: 60_000 });
      if (!res || res.status() !== 200) {
        throw new ReportPageError(res?.status() ?? 502, `报告页面返回 ${res?.status() ?? "无响应"}，无法生成 PDF。`);
      }
      await page.emulateMedia({ media: "print" });
      return await page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate:
          '<div style="width:100%;font-size:8px;color:#6b7280;text-align:center;font-family:\'WenQuanYi Micro Hei\',\'Microsoft YaHei\',sans-serif">' +
          `绍兴市市级政务信息化项目 ${year} 年度绩效评估报告 · 第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
        margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
      });
    } finally {
      await browser.close();
    }
  });
}
