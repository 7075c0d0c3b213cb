// 4. Pages: the server's response for every main page under 16 concurrent clients (autocannon against the production
// build on loopback), beside the time of the page's own SQL run alone on a bare read-only DuckDB connection.
//
// Which SQL is "the page's own" is observed, not guessed: a first pass runs the server with bench/trace-sql.ts
// preloaded, requests each page once, and records every statement (text and bound parameters) the page sent to the
// warehouse. The timed pass runs a clean server (no preload). The SQL-alone baseline then replays the recorded
// statements in order, with the same DuckDB settings as the server (read-only, 2 threads), as many iterations as the
// page served requests (within the same time budget), one client: what the page would cost if only DuckDB ran.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { ROOT } from "../etl/db.js";
import { isLoginRedirect, prepareAuth, signIn, type BenchAuth } from "./auth.js";
import { startBenchServer, type BenchServer } from "./server.js";
import { mean, percentile } from "./stats.js";

export const PAGES = ["/", "/performance", "/finance", "/compliance", "/departments", "/projects", "/data"] as const;

export interface TracedQuery {
  method: string;
  sql: string;
  params: unknown;
  /** The queries/**.sql file whose text this is, when it is one. */
  file: string | null;
}

export interface SqlAlone {
  queries: number;
  /** statements a repeat request sent (fewer than `queries`: the server answers repeats from its cache) */
  repeatQueries: number;
  files: string[];
  iterations: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  error: string | null;
}

export interface PageFigure {
  page: string;
  /** measured; missing: 404, the page is not built yet; login: sign-in needed and impossible; error: failed. */
  status: "measured" | "missing" | "login" | "error";
  note: string | null;
  /** the page's first request on a freshly started server: nothing of it remembered yet (its SQL runs) */
  firstMs: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerResponse: number;
  sql: SqlAlone | null;
}

export interface PagesResult {
  connections: number;
  durationS: number;
  signedIn: boolean;
  signInProblem: string | null;
  pages: PageFigure[];
}

/** `npx remix build`: the production build the server serves. */
export async function remixBuild(logFile: string): Promise<number> {
  await mkdir(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on("error", reject);
    child.on("close", resolve);
  });
  await new Promise<void>((r) => log.end(r));
  if (code !== 0) {
    const tail = (await readFile(logFile, "utf8")).split("\n").slice(-20).join("\n");
    throw new Error(`remix build 失败（退出码 ${code}）：\n${tail}`);
  }
  return performance.now() - t0;
}

/** A session cookie if the pages want one; `problem` says why none could be had. */
export interface Session {
  cookie: string | null;
  needed: boolean;
  problem: string | null;
}

export async function openSession(server: BenchServer, auth: BenchAuth): Promise<Session> {
  // a page that needs sign-in answers with a redirect to /login
  let needed = false;
  for (const page of ["/performance", "/"]) {
    const r = await fetch(server.url + page, { redirect: "manual" });
    await r.arrayBuffer();
    if (isLoginRedirect(r)) needed = true;
  }
  if (!needed) return { cookie: null, needed, problem: null };
  try {
    return { cookie: await signIn(server.url, auth), needed, problem: null };
  } catch (err) {
    return { cookie: null, needed, problem: (err as Error).message };
  }
}

function headersFor(session: Session): Record<string, string> {
  const h: Record<string, string> = { "accept-encoding": "gzip, deflate, br", accept: "text/html" };
  if (session.cookie) h.cookie = session.cookie;
  return h;
}

async function get(url: string, session: Session): Promise<Response> {
  const r = await fetch(url, { redirect: "manual", headers: headersFor(session) });
  await r.arrayBuffer();
  return r;
}

async function queryFiles(): Promise<Map<string, string>> {
  // text → name, for every queries/**/*.sql
  const { readdir } = await import("node:fs/promises");
  const out = new Map<string, string>();
  const dir = path.join(ROOT, "queries");
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!String(entry).endsWith(".sql")) continue;
    const text = await readFile(path.join(dir, String(entry)), "utf8");
    out.set(text, String(entry).replace(/\.sql$/, ""));
  }
  return out;
}

/** Pass 1: which statements each page sends to the warehouse. */
async function tracePages(
  warehouse: string,
  tmpDir: string,
  auth: BenchAuth,
): Promise<{
  traces: Map<string, TracedQuery[]>;
  /** statements the repeat request sent: fewer than the first's when the page caches its result */
  repeats: Map<string, number>;
  statuses: Map<string, number>;
  session: Session;
}> {
  const traceFile = path.join(tmpDir, "sql-trace.jsonl");
  await rm(traceFile, { force: true });
  const server = await startBenchServer({
    warehouse,
    // the page's own SQL is its first request's: nothing prepared before it (docs/decisions/011-prepared-views.md)
    env: { ...auth.env, BENCH_TRACE_FILE: traceFile, XINGUAN_PREPARE: "0" },
    preload: "bench/trace-sql.ts",
  });
  const names = await queryFiles();
  const traces = new Map<string, TracedQuery[]>();
  const repeats = new Map<string, number>();
  const statuses = new Map<string, number>();
  let session: Session = { cookie: null, needed: false, problem: null };
  try {
    session = await openSession(server, auth);
    const readTrace = async (): Promise<string[]> =>
      (await readFile(traceFile, "utf8").catch(() => "")).split("\n").filter(Boolean);
    const parse = (lines: string[]): TracedQuery[] =>
      lines.map((l) => {
        const q = JSON.parse(l) as { method: string; sql: string; params: unknown };
        return { ...q, file: names.get(q.sql) ?? null };
      });
    for (const page of PAGES) {
      if (session.needed && !session.cookie) break;
      // The first request of a page sends its SQL; some models keep the result per warehouse, so a repeat may
      // send none: the page's own SQL is the first request's, and the repeat tells whether it is cached.
      const before = (await readTrace()).length;
      const r = await get(server.url + page, session);
      statuses.set(page, r.status);
      const mid = (await readTrace()).length;
      await get(server.url + page, session);
      const all = await readTrace();
      traces.set(page, parse(all.slice(before, mid)));
      repeats.set(page, all.length - mid);
    }
  } finally {
    await server.stop();
  }
  return { traces, repeats, statuses, session };
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("$bigint" in o) return BigInt(String(o.$bigint));
    if ("$text" in o) return String(o.$text);
  }
  return v;
}

function decodeParams(p: unknown): Record<string, DuckDBValue> | DuckDBValue[] | undefined {
  if (p === null || p === undefined) return undefined;
  if (Array.isArray(p)) return p.map(decode) as DuckDBValue[];
  return Object.fromEntries(Object.entries(p as Record<string, unknown>).map(([k, v]) => [k, decode(v)])) as Record<
    string,
    DuckDBValue
  >;
}

/** The SQL-alone baseline: the page's recorded statements, in order, on a bare read-only connection. */
async function sqlAlone(
  warehouse: string,
  queries: TracedQuery[],
  iterations: number,
  budgetMs: number,
): Promise<Omit<SqlAlone, "repeatQueries">> {
  const files = [...new Set(queries.map((q) => q.file ?? "(内联 SQL)"))];
  const instance = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY", threads: "2" });
  const conn = await instance.connect();
  const times: number[] = [];
  let error: string | null = null;
  try {
    const once = async () => {
      for (const q of queries) {
        const params = decodeParams(q.params) as Record<string, DuckDBValue> | undefined;
        // materialise every row, as the page does; converting them to JS objects is the app's part, not DuckDB's
        if (q.method === "stream") await (await conn.streamAndReadAll(q.sql, params)).currentRowCount;
        else await (await conn.runAndReadAll(q.sql, params)).currentRowCount;
      }
    };
    await once();
    await once();
    const start = performance.now();
    while (times.length < iterations && (times.length < 10 || performance.now() - start < budgetMs)) {
      const t0 = performance.now();
      await once();
      times.push(performance.now() - t0);
    }
  } catch (err) {
    error = (err as Error).message.split("\n")[0];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return {
    queries: queries.length,
    files,
    iterations: times.length,
    meanMs: mean(times),
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    error,
  };
}

interface LoadRun {
  requests: number;
  rps: number;
  latencies: number[];
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytes: number;
}

async function loadPage(url: string, session: Session, connections: number, durationS: number): Promise<LoadRun> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let bytes = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: durationS, headers: headersFor(session), timeout: 10 },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, statusCode, resBytes, responseTime) => {
      // a request cut off by the timeout has no status: autocannon counts it in errors/timeouts
      if (typeof statusCode !== "number" || !Number.isFinite(statusCode)) return;
      latencies.push(responseTime);
      statusCodes[String(statusCode)] = (statusCodes[String(statusCode)] ?? 0) + 1;
      bytes += resBytes;
    });
  });
  const responses = latencies.length;
  return {
    requests: responses,
    rps: responses / durationS,
    latencies,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    bytes: responses ? bytes / responses : 0,
  };
}

function emptyFigure(page: string, status: PageFigure["status"], note: string): PageFigure {
  return {
    page,
    status,
    note,
    firstMs: NaN,
    requests: 0,
    rps: 0,
    p50Ms: NaN,
    p95Ms: NaN,
    p99Ms: NaN,
    maxMs: NaN,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statusCodes: {},
    bytesPerResponse: 0,
    sql: null,
  };
}

export async function measurePages({
  warehouse,
  tmpDir,
  connections,
  durationS,
  sqlBudgetS,
  log,
}: {
  warehouse: string;
  tmpDir: string;
  connections: number;
  durationS: number;
  /** At most this long for each page's SQL-alone baseline (at least 10 iterations whatever it takes). */
  sqlBudgetS: number;
  log: (line: string) => void;
}): Promise<PagesResult> {
  await mkdir(tmpDir, { recursive: true });
  const auth = await prepareAuth(tmpDir);
  log("页面：第一遍记录每个页面发给数据仓库的 SQL");
  const traced = await tracePages(warehouse, tmpDir, auth);
  const figures = new Map<string, PageFigure>();
  const signInProblem = traced.session.needed && !traced.session.cookie ? traced.session.problem : null;
  if (signInProblem) {
    for (const page of PAGES) figures.set(page, emptyFigure(page, "login", `需要登录，未测（${signInProblem}）`));
    return { connections, durationS, signedIn: false, signInProblem, pages: PAGES.map((p) => figures.get(p)!) };
  }

  // "first request" is a view nothing has read or drawn before: no prepared views (decision 011)
  const server = await startBenchServer({ warehouse, env: { ...auth.env, XINGUAN_PREPARE: "0" } });
  try {
    const session = await openSession(server, auth);
    if (session.needed && !session.cookie) {
      for (const page of PAGES) figures.set(page, emptyFigure(page, "login", `需要登录，未测（${session.problem}）`));
    } else {
      for (const page of PAGES) {
        const t0 = performance.now();
        const probe = await get(server.url + page, session);
        const firstMs = performance.now() - t0;
        if (probe.status === 404) {
          figures.set(page, emptyFigure(page, "missing", "页面尚未实现（404）"));
          continue;
        }
        if (isLoginRedirect(probe)) {
          figures.set(page, emptyFigure(page, "login", "需要登录，未测（登录后仍被转到登录页）"));
          continue;
        }
        if (probe.status >= 400) log(`页面：${page} 预检返回 HTTP ${probe.status}，仍照常压测（计入错误）`);
        // warm-up: a few requests so the first-request costs (warehouse open, caches) are not in the figures
        for (let i = 0; i < 5; i++) await get(server.url + page, session);
        log(`页面：${page} ${connections} 个并发客户端 × ${durationS} 秒`);
        const run = await loadPage(server.url + page, session, connections, durationS);
        const sorted = [...run.latencies].sort((a, b) => a - b);
        const bad = Object.entries(run.statusCodes).filter(([c]) => !c.startsWith("2"));
        figures.set(page, {
          page,
          status: "measured",
          note: bad.length ? `非 2xx：${bad.map(([c, n]) => `${c}×${n}`).join("，")}` : null,
          firstMs,
          requests: run.requests,
          rps: run.rps,
          p50Ms: percentile(sorted, 50),
          p95Ms: percentile(sorted, 95),
          p99Ms: percentile(sorted, 99),
          maxMs: sorted[sorted.length - 1] ?? NaN,
          errors: run.errors,
          timeouts: run.timeouts,
          non2xx: run.non2xx,
          statusCodes: run.statusCodes,
          bytesPerResponse: run.bytes,
          sql: null,
        });
      }
    }
  } finally {
    await server.stop();
  }

  // The SQL-alone baseline, after the server has stopped: nothing else runs beside it.
  for (const page of PAGES) {
    const fig = figures.get(page);
    const queries = traced.traces.get(page);
    if (!fig || fig.status !== "measured" || !queries) continue;
    const tracedStatus = traced.statuses.get(page);
    if (tracedStatus !== undefined && tracedStatus !== 200) {
      fig.sql = {
        queries: queries.length,
        repeatQueries: traced.repeats.get(page) ?? 0,
        files: [],
        iterations: 0,
        meanMs: NaN,
        p50Ms: NaN,
        p95Ms: NaN,
        error: `记录 SQL 时页面返回 HTTP ${tracedStatus}`,
      };
      continue;
    }
    if (queries.length === 0) {
      fig.sql = { queries: 0, repeatQueries: 0, files: [], iterations: 0, meanMs: 0, p50Ms: 0, p95Ms: 0, error: null };
      continue;
    }
    log(`页面：${page} 的 SQL 单独运行（${queries.length} 条语句）`);
    fig.sql = {
      ...(await sqlAlone(warehouse, queries, Math.max(fig.requests, 10), sqlBudgetS * 1000)),
      repeatQueries: traced.repeats.get(page) ?? 0,
    };
  }
  return {
    connections,
    durationS,
    signedIn: traced.session.cookie !== null,
    signInProblem: null,
    pages: PAGES.map((p) => figures.get(p)!),
  };
}
