// The server's warm-up, in two parts.
// A rehearsal (docs/decisions/008-first-render.md): a page seen for the first time costs its SQL and its rendering,
// and in a process that has just started both cost several times more — V8 has not compiled React, the page's
// components, ECharts or the DuckDB binding (a first chart takes 50–100 ms, the same chart later 5–15 ms), and the
// warehouse is not even open. So, before the server listens (app/serve.server.ts), each page's default view (and the
// records of three departments and three projects) is read for the roles that see every department — through the same
// models, with the same arguments as a request for it — and rendered twice, as its route renders it, outside Remix
// (app/page-views.server.tsx). Nothing of a rehearsal is kept (app/rehearsal.server.ts): what is
// left is compiled code, an open warehouse and DuckDB's warm buffers.
// Then the views users open first are prepared (docs/decisions/011-prepared-views.md): every page's default view and
// its view of each year its year switcher offers, read and rendered the same way but kept — the page queries' rows,
// the page's view and its charts' SVG — so the first request for one of them only renders the page around them;
// first for the roles that see every department, then for the departments that have department users' accounts.
// Nobody signs in for any of it: no session, no loader, no document. After a warehouse swap the views of the new file
// are prepared again, in the background, a step at a time, only while no request is being answered.
import type { Scope } from "./auth/roles";
import { getAdminStore } from "./auth/store.server";
import { listUsers } from "./auth/users.server";
import { currentWarehouseIdentity, WarehouseMissingError } from "./db.server";
import type { DepartmentList } from "./models/department.server";
import { ALL_DEPARTMENTS } from "./models/scope.server";
import { departmentView, PAGES, projectView, renderPage, viewOf, type PageView } from "./page-views.server";
import { rehearse } from "./rehearsal.server";

/** Resolves when the server is serving no request (checked again before each step). */
export type Idle = () => Promise<void>;

/** How many times each page is rehearsed. The first rendering compiles; the second is already several times faster.
 *  More made no measurable difference to later pages (4, 8, 12 and 20 were tried) and only delays the start. */
const REHEARSALS = 2;

/** How many departments' and projects' records are rehearsed (each REHEARSALS times): their pages are drawn from
 *  different data each time (a project's life line, its bills), so a few different ones compile more of it than one;
 *  the project records prepared afterwards compile the rest. */
const ENTITY_REHEARSALS = 3;

const all = ALL_DEPARTMENTS;

/** Reads the default view of every page (and, for the report, the latest year's), and the records of the first few
 *  departments and projects of those lists: the pages of a department and of a project are never prepared (there are
 *  as many as there are departments and projects), but their code is compiled by rehearsing a few of each. */
async function readDefaultViews(idle: Idle): Promise<PageView[]> {
  const views: PageView[] = [];
  let deptCodes: string[] = [];
  const projectIds: string[] = [];
  for (const page of PAGES) {
    await idle();
    const data = await page.read(null, all);
    const view = viewOf(page, null, data);
    if (view) views.push(view);
    if (page.id === "routes/departments._index") {
      deptCodes = (data as { list: DepartmentList }).list.departments.slice(0, ENTITY_REHEARSALS).map((d) => d.deptCode);
    }
    projectIds.push(...(page.projects?.(data) ?? []));
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
    const view = await departmentView(deptCode, all);
    if (view) views.push(view);
  }
  for (const projectId of new Set(projectIds.slice(0, ENTITY_REHEARSALS))) {
    await idle();
    const view = await projectView(projectId, all);
    if (view) views.push(view);
  }
  return views;
}

/** The views users open first, prepared: every page's default view, then its view of each year its year switcher
 *  offers (newest first), each read and rendered as a request for its URL would be, and kept — the page queries' rows,
 *  the page's view and its charts' SVG — so the first request for one of them only renders the page around them;
 *  then the records of the projects those pages link to first. For the roles that see every department (`ready` is
 *  called once their views are prepared: the server starts listening then), then for each department that has a
 *  department user's account (their pages read their own department only), at most PREPARED_DEPARTMENTS of them. One
 *  step at a time, each only while no request is being answered. */
async function prepareViews(idle: Idle, departments: () => Promise<string[]>, ready: () => void): Promise<void> {
  await prepareProjects(all, await preparePages(all, idle), idle);
  ready();
  let codes: string[] = [];
  try {
    codes = (await departments()).slice(0, PREPARED_DEPARTMENTS);
  } catch {
    return; // the account store is busy or missing: their views are read when they are asked for
  }
  for (const dept of codes) {
    const scope = { dept };
    await prepareProjects(scope, await preparePages(scope, idle), idle);
  }
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

/** How many project records are prepared for the roles that see every department, and for each department: those
 *  its prepared pages link to first (年度绩效's projects at risk and ranking, the project list's first rows, in turns).
 *  A project's record is the dearest page to draw for the first time (seven queries, its life line and bills: 60–110 ms
 *  on the sample, ~50 ms to prepare) and there is one per project, so only the ones users reach first. */
const PREPARED_PROJECTS = { all: 60, department: 30 };

/** Prepares every page's default view and year views for `scope`; returns the projects they link to first. */
async function preparePages(scope: Scope, idle: Idle): Promise<string[]> {
  const linked: string[][] = [];
  for (const page of PAGES) {
    if (scope.dept !== null && !page.forDepartments) continue;
    await idle();
    const data = await page.read(null, scope);
    if (page.projects) linked.push(page.projects(data));
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
  // taken in turns from each page's list, so that the first few of every list are prepared
  const projects = new Set<string>();
  for (let i = 0; i < Math.max(0, ...linked.map((l) => l.length)); i++) for (const l of linked) if (i < l.length) projects.add(l[i]);
  return [...projects];
}

/** Prepares the records of the first of `projectIds` (PREPARED_PROJECTS) as their loader reads them without ?year=. */
async function prepareProjects(scope: Scope, projectIds: readonly string[], idle: Idle): Promise<void> {
  const limit = scope.dept === null ? PREPARED_PROJECTS.all : PREPARED_PROJECTS.department;
  for (const projectId of projectIds.slice(0, limit)) {
    await idle();
    const view = await projectView(projectId, scope);
    if (!view) continue;
    await idle();
    await renderPage(view);
  }
}

/** One warm-up of the warehouse current now. `compile` first rehearses every page's default view (read, rendered
 *  twice, nothing kept: what is left is compiled code); `prepare` then prepares the views users open first (kept),
 *  for the roles that see every department and then for each of `departments`. With neither, the default views are
 *  only read, nothing kept (DuckDB's buffers). `ready` is called once the rehearsal and the views of the roles that see
 *  every department are done (or the warm-up has ended, whichever is first). Never throws: a warehouse that is
 *  missing, or a page that cannot be read, is left for the requests to find. */
export async function warmUp({
  idle,
  compile,
  prepare,
  departments = async () => [],
  ready = () => {},
}: {
  idle: Idle;
  compile: boolean;
  prepare: boolean;
  departments?: () => Promise<string[]>;
  ready?: () => void;
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
    if (prepare) await prepareViews(idle, departments, ready);
  } catch (err) {
    if (!(err instanceof WarehouseMissingError)) console.error("预热未完成（不影响服务）：", err);
  } finally {
    ready();
  }
}

/** Warms up now and then whenever the warehouse file is swapped (checked every `everyMs`). `first` settles when the
 *  first warm-up is ready (the server starts listening then; the departments' own views go on in
 *  the background); `done` settles when no warm-up is running; `stop` ends the watch. `departments` names the
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
  done: () => Promise<void>;
  stop: () => void;
} {
  let warmed: string | null = null;
  let compiled = false;
  let running: Promise<void> | null = null;
  let firstReady: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    firstReady = resolve;
  });
  const check = (ready: () => void = () => {}): Promise<void> => {
    if (running) return running;
    const identity = currentWarehouseIdentity();
    if (identity === null || identity === warmed) {
      ready();
      return Promise.resolve();
    }
    warmed = identity;
    const compile = !compiled;
    compiled = true;
    running = warmUp({ idle, compile, prepare, departments, ready }).finally(() => {
      running = null;
    });
    return running;
  };
  void check(firstReady);
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return { first, done: () => running ?? Promise.resolve(), stop: () => clearInterval(timer) };
}
