// The server's warm-up (docs/decisions/008-first-render.md). A page seen for the first time costs its SQL and its
// rendering, and in a process that has just started both cost several times more: V8 has not compiled React, the
// page's components, ECharts or the DuckDB binding (a first chart takes 50–100 ms, the same chart later 5–15 ms),
// and the warehouse is not even open. So, before the server listens (app/serve.server.ts), each page's default view
// is read for the roles that see every department — through the same models, with the same parameters as a request
// for it — and rendered a couple of times, as its route renders it, outside Remix, in a router of its own that holds
// the data just read. All of it is a rehearsal (app/rehearsal.server.ts): nothing read, computed or drawn is kept, so
// the first request for any view, the default ones included, still reads and draws it itself; what is left is
// compiled code, an open warehouse and DuckDB's warm buffers. Nobody signs in for it: no session, no loader, no
// document. After a warehouse swap the new file is opened and the default views read again (not rendered: the code
// is compiled already), in the background, a step at a time, only while no request is being answered.
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
// the router Remix itself renders with (@remix-run/react is built on it): a static one, with the data given
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { json } from "@remix-run/node";
import type { SessionUser } from "./auth/roles";
import { currentWarehouseIdentity, WarehouseMissingError } from "./db.server";
import { getComplianceView } from "./models/compliance.server";
import { getDataStatus } from "./models/data-quality.server";
import { getLoadSummary } from "./models/data-status.server";
import { listDepartments } from "./models/department.server";
import { getFinanceView } from "./models/finance.server";
import { getPerformance } from "./models/performance.server";
import { listProjects } from "./models/project.server";
import { getAnnualReport, getReportYears } from "./models/report.server";
import { ALL_DEPARTMENTS } from "./models/scope.server";
import { rehearse } from "./rehearsal.server";
import Overview from "./routes/_index";
import Compliance from "./routes/compliance";
import DataStatus from "./routes/data";
import Departments from "./routes/departments._index";
import Finance from "./routes/finance";
import Performance from "./routes/performance";
import Projects from "./routes/projects._index";
import AnnualReport from "./routes/report.$year";

/** Resolves when the server is serving no request (checked again before each step). */
export type Idle = () => Promise<void>;

/** A default view: the route that draws it, its URL, and what its loader returns for it. */
interface DefaultView {
  id: string;
  path: string;
  Component: ComponentType;
  data: Response;
}

/** How many times each page is rendered. The first rendering compiles; the second is already several times faster.
 *  More made no measurable difference to later pages (4, 8, 12 and 20 were tried) and only delays the start. */
const REHEARSALS = 2;

/** Who the rehearsals are rendered for: only the page's look depends on it (the navigation, the export links). */
const REHEARSAL_USER: SessionUser = { username: "warm-up", displayName: "预热", role: "analyst", deptCode: null };

/** Reads the default view of every page, as each route's loader would for a role that sees every department. */
async function readDefaultViews(idle: Idle): Promise<DefaultView[]> {
  const all = ALL_DEPARTMENTS;
  const views: DefaultView[] = [];
  const add = (id: string, path: string, Component: ComponentType, data: unknown) =>
    views.push({ id, path, Component, data: json(data) });

  await idle();
  add("routes/_index", "/", Overview, { summary: await getLoadSummary(all), missing: null });
  await idle();
  const perf = await getPerformance({ year: null, dept: null, kind: null, grade: null, project: null }, all);
  const perfFilters = { dept: null, kind: null, grade: null };
  add("routes/performance", "/performance", Performance, { view: perf, filters: perfFilters });
  await idle();
  const finance = await getFinanceView({ year: null, dept: null, county: null }, all);
  add("routes/finance", "/finance", Finance, { view: finance, missing: null });
  await idle();
  const compliance = await getComplianceView({ year: null, dept: null, rule: null, page: 1 }, all);
  add("routes/compliance", "/compliance", Compliance, { view: compliance, missing: null });
  await idle();
  add("routes/departments._index", "/departments", Departments, { list: await listDepartments({ year: null }, all) });
  await idle();
  const filters = { year: null, dept: null, kind: null, grade: null, rule: null };
  const projects = await listProjects({ ...filters, page: 1 }, all);
  add("routes/projects._index", "/projects", Projects, { list: projects, filters });
  await idle();
  add("routes/data", "/data", DataStatus, { view: await getDataStatus({ source: null, page: 1 }, all), missing: null });
  await idle();
  const years = await getReportYears(all);
  if (years.length > 0) {
    const year = Math.max(...years);
    await idle();
    const report = await getAnnualReport({ year }, all);
    if (report) add("routes/report.$year", `/report/${year}`, AnnualReport, report);
  }
  return views;
}

/** Renders one view's page (without the document around it) and forgets the result. */
async function renderPage(view: DefaultView): Promise<void> {
  const page = { id: view.id, loader: () => view.data.clone(), Component: view.Component };
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ user: REHEARSAL_USER }),
      children: [view.path === "/" ? { ...page, index: true as const } : { ...page, path: view.path.slice(1) }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://warm-up.invalid${view.path}`));
  if (context instanceof Response) return;
  const router = createStaticRouter(handler.dataRoutes, context);
  renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

/** One warm-up of the warehouse current now; `compile` also renders the pages. Never throws: a warehouse that is
 *  missing, or a page that cannot be rehearsed, is left for the requests to find. */
export async function warmUp({ idle, compile }: { idle: Idle; compile: boolean }): Promise<void> {
  try {
    await rehearse(async () => {
      const views = await readDefaultViews(idle);
      if (!compile) return;
      for (let i = 0; i < REHEARSALS; i++) {
        for (const view of views) {
          await idle();
          await renderPage(view);
        }
      }
    });
  } catch (err) {
    if (!(err instanceof WarehouseMissingError)) console.error("预热未完成（不影响服务）：", err);
  }
}

/** Warms up now and then whenever the warehouse file is swapped (checked every `everyMs`). `first` settles when the
 *  first warm-up has ended (the server starts listening then); `stop` ends the watch. */
export function keepWarm({ idle, everyMs = 1_000 }: { idle: Idle; everyMs?: number }): {
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
    running = warmUp({ idle, compile }).finally(() => {
      running = null;
    });
    return running;
  };
  const first = check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return { first, stop: () => clearInterval(timer) };
}
