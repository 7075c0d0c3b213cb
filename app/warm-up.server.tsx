// The server's warm-up, in two parts.
// A rehearsal (docs/decisions/008-first-render.md): a page seen for the first time costs its SQL and its rendering,
// and in a process that has just started both cost several times more — V8 has not compiled React, the page's
// components, ECharts or the DuckDB binding (a first chart takes 50–100 ms, the same chart later 5–15 ms), and the
// warehouse is not even open. So, before the server listens (app/serve.server.ts), each page's default view (and the records of
// eight departments and eight projects) is read for the roles that see every department — through the same models,
// with the same arguments as a request for it — and rendered twice, as its route renders it, outside Remix, in a
// router of its own that holds the data just read. Nothing of a rehearsal is kept (app/rehearsal.server.ts): what is
// left is compiled code, an open warehouse and DuckDB's warm buffers.
// Then the views users open first are prepared (docs/decisions/011-prepared-views.md): every page's default view and
// its view of each year its year switcher offers, read and rendered the same way but kept — the page queries' rows,
// the page's view and its charts' SVG — so the first request for one of them only renders the page around them;
// first for the roles that see every department, then for the departments that have department users' accounts.
// Nobody signs in for any of it: no session, no loader, no document. After a warehouse swap the views of the new file
// are prepared again, in the background, a step at a time, only while no request is being answered.
import type { ComponentType, ReactElement } from "react";
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
// the router Remix itself renders with (@remix-run/react is built on it): a static one, with the data given
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { json } from "@remix-run/node";
import type { Scope, SessionUser } from "./auth/roles";
import { getAdminStore } from "./auth/store.server";
import { listUsers } from "./auth/users.server";
import { currentWarehouseIdentity, WarehouseMissingError } from "./db.server";
import { getComplianceView } from "./models/compliance.server";
import { getDataStatus } from "./models/data-quality.server";
import { getLoadSummary } from "./models/data-status.server";
import { getDepartment, listDepartments, type DepartmentList } from "./models/department.server";
import { getFinanceView } from "./models/finance.server";
import { getPerformance } from "./models/performance.server";
import { getProjectDossier, listProjects, type ProjectList } from "./models/project.server";
import { getAnnualReport, getReportYears } from "./models/report.server";
import { ALL_DEPARTMENTS } from "./models/scope.server";
import { rehearse } from "./rehearsal.server";
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

/** Resolves when the server is serving no request (checked again before each step). */
export type Idle = () => Promise<void>;

/** A view of a page: the route that draws it, its URL, and what its loader returns for it. */
interface PageView {
  id: string;
  pathname: string;
  /** `?year=…`, or "" for the page's default view */
  search: string;
  Component: ComponentType;
  data: Response;
}

/** How many times each page is rehearsed. The first rendering compiles; the second is already several times faster.
 *  More made no measurable difference to later pages (4, 8, 12 and 20 were tried) and only delays the start. */
const REHEARSALS = 2;

/** How many departments' and projects' records are rehearsed (each REHEARSALS times): their pages are drawn from
 *  different data each time (a project's life line, its bills), so a few different ones compile more of it than one. */
const ENTITY_REHEARSALS = 8;

/** Who the pages are rendered for: only the page's look depends on it (the navigation, the export links), never a
 *  chart's option, so what a rendering leaves in the chart cache is what any role that sees every department draws. */
const WARM_UP_USER: SessionUser = { username: "warm-up", displayName: "预热", role: "analyst", deptCode: null };

const all = ALL_DEPARTMENTS;

/** A page the warm-up reads: its view for a year (null: the default view, as a URL without ?year= shows it) — read
 *  through the page's model with exactly the arguments its loader passes for that URL and a caller of that scope —
 *  and, from its default view, the years its year switcher offers. */
interface Page {
  id: string;
  pathname: (year: number | null) => string;
  Component: ComponentType;
  read: (year: number | null, scope: Scope) => Promise<unknown>;
  years: (data: unknown) => number[];
  /** Whether a department user may open it (数据 needs the data_status permission, which that role has not). */
  forDepartments: boolean;
}

const noYears = () => [];
const optionYears = (options: { value: string }[]) => options.map((o) => Number(o.value)).filter(Number.isInteger);

// `scope.dept` is what each loader passes as the department filter of a URL without `dept=` (scopedDept): null for a
// role that sees every department, the user's own department for a department user.
const PAGES: Page[] = [
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

function viewOf(page: Page, year: number | null, data: unknown): PageView | null {
  if (page.id === "routes/report.$year" && year === null) return null; // only the year list was read
  if (data === null || data === undefined) return null; // a report year without data: the loader answers 404
  const search = year === null || page.id === "routes/report.$year" ? "" : `?year=${year}`;
  return { id: page.id, pathname: page.pathname(year), search, Component: page.Component, data: json(data) };
}

/** Reads the default view of every page (and, for the report, the latest year's), and the records of the first few
 *  departments and projects of those lists: the pages of a department and of a project are never prepared (there are
 *  as many as there are departments and projects), but their code is compiled by rehearsing a few of each. */
async function readDefaultViews(idle: Idle): Promise<PageView[]> {
  const views: PageView[] = [];
  let deptCodes: string[] = [];
  let projectIds: string[] = [];
  for (const page of PAGES) {
    await idle();
    const data = await page.read(null, all);
    const view = viewOf(page, null, data);
    if (view) views.push(view);
    if (page.id === "routes/departments._index") {
      deptCodes = (data as { list: DepartmentList }).list.departments.slice(0, ENTITY_REHEARSALS).map((d) => d.deptCode);
    }
    if (page.id === "routes/projects._index") {
      projectIds = (data as { list: ProjectList }).list.rows.slice(0, ENTITY_REHEARSALS).map((r) => r.projectId);
    }
    if (page.id === "routes/report.$year") {
      const latest = page.years(data)[0];
      if (latest === undefined) continue;
      await idle();
      const report = viewOf(page, latest, await page.read(latest, all));
      if (report) views.push(report);
    }
  }
  for (const deptCode of deptCodes) {
    await idle();
    const dept = await getDepartment({ deptCode, year: null }, all);
    if (dept) views.push(entityView("routes/departments.$deptCode", `/departments/${deptCode}`, Department, { dept }));
  }
  for (const projectId of projectIds) {
    await idle();
    const dossier = await getProjectDossier({ projectId }, all);
    if (dossier) views.push(entityView("routes/projects.$projectId", `/projects/${projectId}`, ProjectDossier, { dossier }));
  }
  return views;
}

function entityView(id: string, pathname: string, Component: ComponentType, data: unknown): PageView {
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
async function renderPage(view: PageView): Promise<void> {
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

/** The views users open first, prepared: every page's default view, then its view of each year its year switcher
 *  offers (newest first), each read and rendered as a request for its URL would be, and kept — the page queries' rows,
 *  the page's view and its charts' SVG — so the first request for one of them only renders the page around them.
 *  First for the roles that see every department, then for each department that has a department user's account
 *  (their pages read their own department only), at most PREPARED_DEPARTMENTS of them. One step at a time, each only
 *  while no request is being answered. */
async function prepareViews(idle: Idle, departments: () => Promise<string[]>): Promise<void> {
  await prepareFor(all, idle);
  let codes: string[] = [];
  try {
    codes = (await departments()).slice(0, PREPARED_DEPARTMENTS);
  } catch {
    return; // the account store is busy or missing: their views are read when they are asked for
  }
  for (const dept of codes) await prepareFor({ dept }, idle);
}

/** How many departments' own views are prepared (each ~30 views, ~100 charts): a city has ~60 departments, a province
 *  hundreds, and the caches must still hold every department's views (app/db.server.ts, app/charts/echarts.ts)
 *  besides what the busy server reads for itself. Beyond these, a department user's first view of a page is read when
 *  it is asked for, as any never-asked view. */
const PREPARED_DEPARTMENTS = 8;

/** The departments of enabled department users' accounts (app/auth/users.server.ts), in the store's order. */
export async function departmentsWithAccounts(): Promise<string[]> {
  const users = await listUsers((await getAdminStore()).conn);
  return [...new Set(users.filter((u) => u.role === "department" && !u.disabled && u.deptCode).map((u) => u.deptCode as string))];
}

async function prepareFor(scope: Scope, idle: Idle): Promise<void> {
  for (const page of PAGES) {
    if (scope.dept !== null && !page.forDepartments) continue;
    await idle();
    const data = await page.read(null, scope);
    const first = viewOf(page, null, data);
    if (first) {
      await idle();
      await renderPage(first);
    }
    for (const year of page.years(data)) {
      await idle();
      const view = viewOf(page, year, await page.read(year, scope));
      if (!view) continue;
      await idle();
      await renderPage(view);
    }
  }
}

/** One warm-up of the warehouse current now. `compile` first rehearses every page's default view (read, rendered
 *  twice, nothing kept: what is left is compiled code); `prepare` then prepares the views users open first (kept),
 *  for the roles that see every department and then for each of `departments`. With neither, the default views are
 *  only read, nothing kept (DuckDB's buffers). Never throws: a warehouse that is missing, or a page that cannot be
 *  read, is left for the requests to find. */
export async function warmUp({
  idle,
  compile,
  prepare,
  departments = async () => [],
}: {
  idle: Idle;
  compile: boolean;
  prepare: boolean;
  departments?: () => Promise<string[]>;
}): Promise<void> {
  try {
    await rehearse(async () => {
      if (!compile && prepare) return;
      const views = await readDefaultViews(idle);
      if (!compile) return;
      for (let i = 0; i < REHEARSALS; i++) {
        for (const view of views) {
          await idle();
          await renderPage(view);
        }
      }
    });
    if (prepare) await prepareViews(idle, departments);
  } catch (err) {
    if (!(err instanceof WarehouseMissingError)) console.error("预热未完成（不影响服务）：", err);
  }
}

/** Warms up now and then whenever the warehouse file is swapped (checked every `everyMs`). `first` settles when the
 *  first warm-up has ended (the server starts listening then); `stop` ends the watch. `departments` names the
 *  departments whose own views are prepared too (the server: departmentsWithAccounts). */
export function keepWarm({
  idle,
  everyMs = 1_000,
  prepare = true,
  departments,
}: {
  idle: Idle;
  everyMs?: number;
  prepare?: boolean;
  departments?: () => Promise<string[]>;
}): {
  first: Promise<void>;
  stop: () => void;
} {
  let warmed: string | null = null;
  let compiled = false;
  let running: Promise<void> | null = null;
  const check = (): Promise<void> => {
    if (running) return running;
    const identity = currentWarehouseIdentity();
    if (identity === null || identity === warmed) return Promise.resolve();
    warmed = identity;
    const compile = !compiled;
    compiled = true;
    running = warmUp({ idle, compile, prepare, departments }).finally(() => {
      running = null;
    });
    return running;
  };
  const first = check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return { first, stop: () => clearInterval(timer) };
}
