// A page's view as the warm-up reads and renders it (app/warm-up.server.tsx, docs/decisions/008-first-render.md and
// 011-prepared-views.md): what its loader would return for a URL — read through the page's model with exactly the
// arguments the loader passes, for a caller of a given scope — and the page rendered from it outside Remix, in a
// static router of its own that holds that data, with the renderer requests use. No session, no loader, no document.
import type { ComponentType, ReactElement } from "react";
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
// the router Remix itself renders with (@remix-run/react is built on it): a static one, with the data given
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { json } from "@remix-run/node";
import type { Scope, SessionUser } from "./auth/roles";
import { getComplianceView } from "./models/compliance.server";
import { getDataStatus } from "./models/data-quality.server";
import { getLoadSummary } from "./models/data-status.server";
import { getDepartment, listDepartments } from "./models/department.server";
import { getFinanceView } from "./models/finance.server";
import { getPerformance } from "./models/performance.server";
import { getProjectDossier, listProjects } from "./models/project.server";
import { getAnnualReport, getReportYears } from "./models/report.server";
import Overview from "./routes/_index";
import Compliance from "./routes/compliance";
import DataStatus from "./routes/data";
import Department from "./routes/departments.$deptCode";
import Departments from "./routes/departments._index";
import Finance from "./routes/finance";
import Performance from "./routes/performance";
import ProjectDossier from "./routes/projects.$projectId";
import Projects from "./routes/projects._index";
import AnnualReport from "./routes/report.$year";

/** A view of a page: the route that draws it, its URL, and what its loader returns for it. */
export interface PageView {
  id: string;
  pathname: string;
  /** `?year=…`, or "" for the page's default view */
  search: string;
  Component: ComponentType;
  data: Response;
}

/** Who the pages are rendered for: only the page's look depends on it (the navigation, the export links), never a
 *  chart's option, so what a rendering leaves in the chart cache is what any role that sees every department draws. */
const WARM_UP_USER: SessionUser = { username: "warm-up", displayName: "预热", role: "analyst", deptCode: null };

/** A page the warm-up reads: its view for a year (null: the default view, as a URL without ?year= shows it) — read
 *  through the page's model with exactly the arguments its loader passes for that URL and a caller of that scope —
 *  and, from its default view, the years its year switcher offers. */
export interface Page {
  id: string;
  pathname: (year: number | null) => string;
  Component: ComponentType;
  read: (year: number | null, scope: Scope) => Promise<unknown>;
  years: (data: unknown) => number[];
  /** Whether a department user may open it (数据 needs the data_status permission, which that role has not). */
  forDepartments: boolean;
  /** The projects its default view links to first (their records are prepared too). */
  projects?: (data: unknown) => string[];
}

const noYears = () => [];
const optionYears = (options: { value: string }[]) => options.map((o) => Number(o.value)).filter(Number.isInteger);

// `scope.dept` is what each loader passes as the department filter of a URL without `dept=` (scopedDept): null for a
// role that sees every department, the user's own department for a department user.
export const PAGES: Page[] = [
  {
    id: "routes/_index",
    pathname: () => "/",
    Component: Overview,
    read: async (_year, scope) => ({ summary: await getLoadSummary(scope), missing: null }),
    years: noYears,
    forDepartments: true,
  },
  {
    id: "routes/performance",
    pathname: () => "/performance",
    Component: Performance,
    read: async (year, scope) => ({
      view: await getPerformance({ year, dept: scope.dept, kind: null, grade: null, project: null, riskPage: 1 }, scope),
      filters: { dept: null, kind: null, grade: null },
    }),
    years: (data) => (data as { view: Awaited<ReturnType<typeof getPerformance>> }).view.years.map((y) => y.year),
    forDepartments: true,
    // the projects at risk and the head and tail of the ranking: the ones leadership opens
    projects: (data) => (data as { view: Awaited<ReturnType<typeof getPerformance>> }).view.radarChoices.map((c) => c.projectId),
  },
  {
    id: "routes/finance",
    pathname: () => "/finance",
    Component: Finance,
    read: async (year, scope) => ({ view: await getFinanceView({ year, dept: scope.dept, county: null }, scope), missing: null }),
    years: (data) => optionYears((data as { view: Awaited<ReturnType<typeof getFinanceView>> }).view.options.years),
    forDepartments: true,
  },
  {
    id: "routes/compliance",
    pathname: () => "/compliance",
    Component: Compliance,
    read: async (year, scope) => ({
      view: await getComplianceView({ year, dept: scope.dept, rule: null, page: 1 }, scope),
      missing: null,
    }),
    years: (data) => optionYears((data as { view: Awaited<ReturnType<typeof getComplianceView>> }).view.options.years),
    forDepartments: true,
  },
  {
    id: "routes/departments._index",
    pathname: () => "/departments",
    Component: Departments,
    read: async (year, scope) => ({ list: await listDepartments({ year }, scope) }),
    years: (data) => (data as { list: Awaited<ReturnType<typeof listDepartments>> }).list.years.map((y) => y.year),
    forDepartments: true,
  },
  {
    id: "routes/projects._index",
    pathname: () => "/projects",
    Component: Projects,
    read: async (year, scope) => {
      const filters = { year, dept: scope.dept, kind: null, grade: null, rule: null };
      return { list: await listProjects({ ...filters, page: 1 }, scope), filters };
    },
    years: (data) => optionYears((data as { list: Awaited<ReturnType<typeof listProjects>> }).list.years),
    forDepartments: true,
    projects: (data) => (data as { list: Awaited<ReturnType<typeof listProjects>> }).list.rows.map((r) => r.projectId),
  },
  {
    id: "routes/data",
    pathname: () => "/data",
    Component: DataStatus,
    read: async (_year, scope) => ({ view: await getDataStatus({ source: null, page: 1 }, scope), missing: null }),
    years: noYears,
    forDepartments: false,
  },
  {
    // the report has no default view of its own: /report/<year>, the latest year first
    id: "routes/report.$year",
    pathname: (year) => `/report/${year}`,
    Component: AnnualReport,
    read: async (year, scope) => (year === null ? { years: await getReportYears(scope) } : await getAnnualReport({ year }, scope)),
    years: (data) => [...((data as { years?: number[] }).years ?? [])].sort((a, b) => b - a),
    forDepartments: true,
  },
];

/** The view of `page` for `year` read as `data`, or null where a request would get none (the report's year list, a
 *  year without a report). */
export function viewOf(page: Page, year: number | null, data: unknown): PageView | null {
  if (page.id === "routes/report.$year" && year === null) return null; // only the year list was read
  if (data === null || data === undefined) return null; // a report year without data: the loader answers 404
  const search = year === null || page.id === "routes/report.$year" ? "" : `?year=${year}`;
  return { id: page.id, pathname: page.pathname(year), search, Component: page.Component, data: json(data) };
}

/** A project's record as its loader reads it for a URL without ?year= (null: the caller does not see the project). */
export async function projectView(projectId: string, scope: Scope): Promise<PageView | null> {
  const dossier = await getProjectDossier({ projectId, year: null }, scope);
  return dossier ? recordView("routes/projects.$projectId", `/projects/${projectId}`, ProjectDossier, { dossier }) : null;
}

/** A department's record as its loader reads it for a URL without ?year=. */
export async function departmentView(deptCode: string, scope: Scope): Promise<PageView | null> {
  const dept = await getDepartment({ deptCode, year: null }, scope);
  return dept ? recordView("routes/departments.$deptCode", `/departments/${deptCode}`, Department, { dept }) : null;
}

function recordView(id: string, pathname: string, Component: ComponentType, data: unknown): PageView {
  return { id, pathname, search: "", Component, data: json(data) };
}

/** The route paths with parameters (a route reads them with useParams). */
const ROUTE_PATHS: Record<string, string> = {
  "routes/report.$year": "report/:year",
  "routes/departments.$deptCode": "departments/:deptCode",
  "routes/projects.$projectId": "projects/:projectId",
};

/** Renders one view's page (without the document around it) and forgets the HTML; its charts go to the chart cache
 *  unless this is a rehearsal. */
export async function renderPage(view: PageView): Promise<void> {
  const page = { id: view.id, loader: () => view.data.clone(), Component: view.Component };
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ user: WARM_UP_USER }),
      children: [view.pathname === "/" ? { ...page, index: true as const } : { ...page, path: ROUTE_PATHS[view.id] ?? view.pathname.slice(1) }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://warm-up.invalid${view.pathname}${view.search}`));
  if (context instanceof Response) return;
  const router = createStaticRouter(handler.dataRoutes, context);
  await renderToText(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

/** Renders as the request's document is rendered (app/entry.server.tsx): `renderToPipeableStream`, whole. Not
 *  `renderToString`: react-dom/server ships that in a separate copy of React's server renderer, so rendering with it
 *  would leave the copy the requests use uncompiled. */
function renderToText(element: ReactElement): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        const body = new PassThrough();
        const chunks: Buffer[] = [];
        body.on("data", (c: Buffer) => chunks.push(c));
        body.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        body.on("error", reject);
        pipe(body);
      },
      onShellError: reject,
      onError: () => {},
    });
  });
}
