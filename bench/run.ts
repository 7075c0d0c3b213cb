// npm run bench -- [--scale city|province] [--json [FILE]] [--keep] [--only load,build,marts,export,pages,browser]
//
// Performance at province scale, each figure beside a baseline measured in the same run on the same files:
//   1. load of the cloud bills: our ETL vs raw DuckDB CREATE TABLE AS SELECT * FROM read_csv/read_parquet;
//   2. the whole warehouse build; 3. the marts rebuilt alone; 4. every main page under 16 concurrent clients vs the
//   page's own SQL alone; 5. a 1 M-row mart exported as Arrow IPC vs JSON; 6. the leadership page in headless
//   Chromium: first chart drawn, JavaScript size (gzip).
// Prints one table; writes bench/results/<scale>.json and .md (the last full run, with the machine's description;
// a run with --only writes <scale>-partial.*), and with --json also FILE. Generates the inbox into bench/tmp/<scale>/ (--keep reuses it and keeps it afterwards).
// Exits non-zero only when the harness could not measure something; a missed target is printed, never fatal.
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../etl/db.js";
import { AS_OF } from "../etl/gen/timeline.js";
import type { BrowserResult } from "./browser.js";
import type { BuildFigures } from "./build.js";
import { runChild, type ChildRun } from "./child.js";
import type { ExportFigures } from "./export-mart.js";
import { readStamp, SEED, YEARS, type GenStamp } from "./gen.js";
import { ourBillingLoad, type OurBillingLoad, type RawLoad } from "./load.js";
import { describeMachine, machineLine, type Machine } from "./machine.js";
import type { MartsFigures } from "./marts.js";
import type { PagesResult } from "./pages.js";
import {
  fmtBytes,
  fmtCount,
  fmtMs,
  fmtRate,
  renderMarkdown,
  renderTable,
  verdict,
  type Row,
} from "./table.js";

type Scale = "city" | "province";
const SECTIONS = ["load", "build", "marts", "export", "pages", "browser"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  scale: Scale;
  json: string | null;
  keep: boolean;
  only: Set<Section>;
}

function usage(message: string): never {
  process.stderr.write(
    `错误：${message}\n用法：npm run bench -- [--scale city|province] [--json [FILE]] [--keep] [--only ${SECTIONS.join(",")}]\n`,
  );
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  const o: Options = { scale: "city", json: null, keep: false, only: new Set(SECTIONS) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, null];
    if (flag === "--scale") {
      const v = inline ?? argv[++i];
      if (v !== "city" && v !== "province") usage(`--scale 只能是 city 或 province，收到：${v}`);
      o.scale = v;
    } else if (flag === "--json") {
      if (inline !== null) o.json = inline;
      else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) o.json = argv[++i];
      else o.json = "";
    } else if (flag === "--keep") {
      o.keep = true;
    } else if (flag === "--only") {
      const v = (inline ?? argv[++i] ?? "").split(",").filter(Boolean);
      for (const s of v) if (!(SECTIONS as readonly string[]).includes(s)) usage(`--only 不认识 ${s}`);
      o.only = new Set(v as Section[]);
    } else {
      usage(`不认识的参数 ${a}`);
    }
  }
  return o;
}

const opts = parseOptions(process.argv.slice(2));
const province = opts.scale === "province";
const TMP = path.join(ROOT, "bench", "tmp", opts.scale);
const RESULTS = path.join(ROOT, "bench", "results");
const INBOX = path.join(TMP, "inbox");
const WAREHOUSE = path.join(TMP, "warehouse.duckdb");
const LOGS = path.join(TMP, "logs");
const CONNECTIONS = 16;
const DURATION_S = province ? 20 : 5;
/** The SQL-alone baseline of a page replays as many iterations as the page served, within this time. */
const SQL_BUDGET_S = province ? 20 : 2;
/** Export runs per format (median); one at city scale keeps the smoke run short. */
const EXPORT_RUNS = province ? 3 : 1;

const t0 = Date.now();
function log(line: string): void {
  const s = ((Date.now() - t0) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${s}s] ${line}\n`);
}

interface Failure {
  section: string;
  message: string;
}
const failures: Failure[] = [];

async function step<T>(section: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    failures.push({ section, message });
    log(`${section} 失败：${message}`);
    return null;
  }
}

export interface BenchResults {
  version: 1;
  scale: Scale;
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  machine: Machine;
  /** os.loadavg() at the start and the end: above the core count, other work was competing for the CPU. */
  loadAverage: { start: number[]; end: number[] };
  settings: { seed: number; years: [number, number]; asOf: string; connections: number; durationS: number };
  gen: (GenStamp & { reused: boolean }) | null;
  load: {
    ours: OurBillingLoad | null;
    raw: RawLoad;
    rawPeakRssBytes: number | null;
    ratio: number | null;
    oursRowsPerSecond: number | null;
    rawRowsPerSecond: number;
  } | null;
  build: (BuildFigures & { wallMs: number; cpuMs: number; peakRssBytes: number | null; rssMethod: string }) | null;
  marts: MartsFigures | null;
  exports: ExportFigures | null;
  remixBuildMs: number | null;
  pages: PagesResult | null;
  browser: BrowserResult | null;
  targets: { id: string; figure: number | null; limit: number; unit: string; met: boolean | null }[];
  failures: Failure[];
  table: Row[];
}

const startedAt = new Date().toISOString();
const loadAtStart = os.loadavg();
log(`规模 ${opts.scale}；临时目录 ${path.relative(ROOT, TMP)}${opts.keep ? "（--keep：复用并保留）" : ""}`);
if (!opts.keep) await rm(TMP, { recursive: true, force: true });
await mkdir(LOGS, { recursive: true });
const machine = await describeMachine();
log(machineLine(machine));

// ---- the inbox ---------------------------------------------------------------------------------------------------
let gen: BenchResults["gen"] = null;
const reusable = opts.keep ? await readStamp(INBOX, opts.scale) : null;
if (reusable) {
  gen = { ...reusable, reused: true };
  log(`复用已生成的收件目录（${reusable.files} 个文件，${fmtBytes(reusable.bytes)}）`);
} else {
  log(`生成 ${opts.scale} 规模的收件目录（npm run gen -- --scale ${opts.scale}）…`);
  const r = await step("生成数据", () =>
    runChild<GenStamp>("gen.ts", "genChild", { inbox: INBOX, scale: opts.scale }, { logFile: path.join(LOGS, "gen.log") }),
  );
  if (r) {
    gen = { ...r.result, reused: false };
    log(`生成完成：${fmtMs(r.result.ms)}，${r.result.files} 个文件，${fmtBytes(r.result.bytes)}`);
  }
}
const haveInbox = gen !== null;

// ---- 1. raw DuckDB baseline, 2. the whole build ------------------------------------------------------------------
let raw: ChildRun<RawLoad> | null = null;
let build: ChildRun<BuildFigures> | null = null;
if (haveInbox && opts.only.has("load")) {
  log("装载基准：原生 DuckDB CREATE TABLE AS SELECT * FROM read_csv/read_parquet（同一批云账单文件）…");
  raw = await step("原生 DuckDB 装载", () =>
    runChild<RawLoad>("load.ts", "rawLoadChild", { inbox: INBOX, db: path.join(TMP, "raw.duckdb") }, {
      logFile: path.join(LOGS, "raw-load.log"),
    }),
  );
  if (raw) log(`原生装载：${fmtCount(raw.result.rows)} 行，${fmtMs(raw.result.ms)}，峰值 RSS ${fmtBytes(raw.peakRssBytes)}`);
}
let buildAttempted = false;
if (haveInbox && (opts.only.has("load") || opts.only.has("build") || !existsSync(WAREHOUSE))) {
  buildAttempted = true;
  log("全库构建：全部来源与全部指标（buildWarehouse，子进程，测峰值 RSS）…");
  build = await step("全库构建", () =>
    runChild<BuildFigures>("build.ts", "buildChild", { inbox: INBOX, db: WAREHOUSE, asOf: AS_OF }, {
      logFile: path.join(LOGS, "build.log"),
    }),
  );
  if (build) log(`全库构建：${fmtMs(build.result.totalMs)}，峰值 RSS ${fmtBytes(build.peakRssBytes)}`);
}
// a failed build leaves no warehouse behind (build.ts swaps only a complete one); never measure a stale one
const haveWarehouse = existsSync(WAREHOUSE) && !(buildAttempted && build === null);

// ---- 3. marts alone ----------------------------------------------------------------------------------------------
let marts: MartsFigures | null = null;
if (haveWarehouse && opts.only.has("marts")) {
  log("指标重算：queries/ 全部阶段在已装载的数据仓库副本上重跑…");
  marts =
    (
      await step("指标重算", () =>
        runChild<MartsFigures>("marts.ts", "martsChild", { db: WAREHOUSE, copy: path.join(TMP, "marts-copy.duckdb") }, {
          logFile: path.join(LOGS, "marts.log"),
        }),
      )
    )?.result ?? null;
  if (marts) log(`指标重算：${fmtMs(marts.ms)}`);
}

// ---- 5. exports --------------------------------------------------------------------------------------------------
let exportsFig: ExportFigures | null = null;
if (haveWarehouse && opts.only.has("export")) {
  log("导出：100 万行 mart，Arrow IPC 与 JSON…");
  exportsFig =
    (
      await step("导出", () =>
        runChild<ExportFigures>("export-mart.ts", "exportChild", { db: WAREHOUSE, runs: EXPORT_RUNS }, {
          logFile: path.join(LOGS, "export.log"),
        }),
      )
    )?.result ?? null;
  if (exportsFig) log(`导出：Arrow ${fmtMs(exportsFig.arrow.ms)}，JSON ${fmtMs(exportsFig.json.ms)}`);
}

// ---- 4. pages, 6. browser ----------------------------------------------------------------------------------------
let remixBuildMs: number | null = null;
let pages: PagesResult | null = null;
let browser: BrowserResult | null = null;
if (haveWarehouse && (opts.only.has("pages") || opts.only.has("browser"))) {
  const { remixBuild } = await import("./pages.js");
  log("生产构建（npx remix build）…");
  remixBuildMs = await step("remix build", () => remixBuild(path.join(LOGS, "remix-build.log")));
  if (remixBuildMs !== null && opts.only.has("pages")) {
    const { measurePages } = await import("./pages.js");
    pages = await step("页面", () =>
      measurePages({ warehouse: WAREHOUSE, tmpDir: path.join(TMP, "server"), connections: CONNECTIONS, durationS: DURATION_S, sqlBudgetS: SQL_BUDGET_S, log }),
    );
  }
  if (remixBuildMs !== null && opts.only.has("browser")) {
    const { measureBrowser } = await import("./browser.js");
    log("浏览器：无头 Chromium 打开 /performance，测首张图表绘制时间与 JS 体积…");
    browser = await step("浏览器", () => measureBrowser({ warehouse: WAREHOUSE, tmpDir: path.join(TMP, "server") }));
    if (browser) machine.chromium = browser.chromium;
  }
}

// ---- the table ---------------------------------------------------------------------------------------------------
const targets: BenchResults["targets"] = [];
function target(id: string, figure: number | null, limit: number, unit: string): boolean | null {
  const met = figure === null || Number.isNaN(figure) ? null : figure <= limit;
  targets.push({ id, figure, limit, unit, met });
  return met;
}
const rows: Row[] = [];
const clip = (t: string, n: number) => (t.length > n ? `${t.slice(0, n)}…` : t);
const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : "—");
const notMeasured = (section: string, item: string, why: string, tgt = "—") =>
  rows.push({ section, item, value: why, baseline: "—", target: tgt, verdict: "—" });

// 1. load
let loadOut: BenchResults["load"] = null;
{
  const S = "1 装载";
  const ours = build ? ourBillingLoad(build.result) : null;
  if (raw && build && ours) {
    const ratio = ours.ms / raw.result.ms;
    const oursRate = ours.rowsRead / (ours.ms / 1000);
    const rawRate = raw.result.rows / (raw.result.ms / 1000);
    loadOut = {
      ours,
      raw: raw.result,
      rawPeakRssBytes: raw.peakRssBytes,
      ratio,
      oursRowsPerSecond: oursRate,
      rawRowsPerSecond: rawRate,
    };
    rows.push({
      section: S,
      item: `云账单装载（${fmtCount(ours.rowsRead)} 行）`,
      value: fmtMs(ours.ms),
      baseline: `原生 CTAS ${fmtMs(raw.result.ms)}`,
      target: "≤ 1.3× 原生",
      verdict: `${ratio.toFixed(2)}× ${verdict(target("load_ratio", ratio, 1.3, "×"))}`,
    });
    rows.push({
      section: S,
      item: "　CPU 时间（不受其他进程干扰）",
      value: fmtMs(ours.cpuMs),
      baseline: `原生 ${fmtMs(raw.result.cpuMs)}`,
      target: "—",
      verdict: `${(ours.cpuMs / raw.result.cpuMs).toFixed(2)}×`,
    });
    rows.push({
      section: S,
      item: "装载速率",
      value: fmtRate(oursRate),
      baseline: `原生 ${fmtRate(rawRate)}`,
      target: "—",
      verdict: "—",
    });
  } else if (build && !ours) {
    notMeasured(S, "云账单装载", "收件目录中没有云账单文件", "≤ 1.3× 原生");
  } else if (opts.only.has("load")) {
    notMeasured(S, "云账单装载", haveInbox ? "未测（见下方失败说明）" : "未测（没有收件目录）", "≤ 1.3× 原生");
  }
  if (build) {
    rows.push({
      section: S,
      item: "ETL 峰值 RSS（构建进程）",
      value: fmtBytes(build.peakRssBytes),
      baseline: raw ? `原生 CTAS ${fmtBytes(raw.peakRssBytes)}` : "—",
      target: "≤ 6 GB",
      verdict: verdict(target("etl_peak_rss", build.peakRssBytes, 6e9, "B")),
    });
  }
}

// 2. whole build
{
  const S = "2 全库构建";
  if (build) {
    const b = build.result;
    rows.push({
      section: S,
      item: `全部来源与指标（${fmtCount(b.projects)} 项目）`,
      value: fmtMs(b.totalMs),
      baseline: raw ? `原生读云账单 ${fmtMs(raw.result.ms)}` : "—",
      target: "≤ 90 s",
      verdict: verdict(target("build_total", b.totalMs, 90_000, "ms")),
    });
    rows.push({
      section: S,
      item: "　CPU 时间",
      value: fmtMs(build.cpuMs),
      baseline: raw ? `原生 ${fmtMs(raw.result.cpuMs)}` : "—",
      target: "—",
      verdict: "—",
    });
    rows.push({
      section: S,
      item: "　其中 装载 + 指标",
      value: `${fmtMs(b.loadMs)} + ${fmtMs(b.martsMs)}`,
      baseline: "—",
      target: "—",
      verdict: "—",
    });
  } else if (opts.only.has("build") || opts.only.has("load")) {
    notMeasured(S, "全部来源与全部指标", "未测（见下方失败说明）", "≤ 90 s");
  }
}

// 3. marts
{
  const S = "3 指标重算";
  if (marts) {
    rows.push({
      section: S,
      item: "flags、allocation、scores 等全部阶段",
      value: fmtMs(marts.ms),
      baseline: build ? `构建中指标阶段 ${fmtMs(build.result.martsMs)}` : "—",
      target: "≤ 10 s",
      verdict: verdict(target("marts_rebuild", marts.ms, 10_000, "ms")),
    });
  } else if (opts.only.has("marts")) {
    notMeasured(S, "全部指标阶段", "未测（见下方失败说明）", "≤ 10 s");
  }
}

// 4. pages
{
  const S = "4 页面";
  const tgt = "p95 ≤ 150 ms，0 错误";
  if (pages) {
    for (const p of pages.pages) {
      const item = `页面 ${p.page}`;
      if (p.status !== "measured") {
        notMeasured(S, item, p.note ?? p.status, tgt);
        continue;
      }
      const errs = p.errors + p.non2xx;
      const sql = p.sql
        ? p.sql.error
          ? `SQL 重放失败：${clip(p.sql.error, 40)}`
          : p.sql.queries === 0
            ? "页面不查询数据仓库"
            : `SQL 均值 ${fmtMs(p.sql.meanMs)} p95 ${fmtMs(p.sql.p95Ms)}（${p.sql.queries} 条` +
              `${p.sql.repeatQueries < p.sql.queries ? "；重复请求走服务器缓存" : ""}）`
        : "—";
      const first = Number.isFinite(p.firstMs) ? `；首次请求 ${fmtMs(p.firstMs)}` : "";
      // a page none of whose requests finished within the run has failed its target, not escaped it
      const p95ok = target(`page_p95 ${p.page}`, p.requests === 0 ? Infinity : p.p95Ms, 150, "ms");
      const errOk = target(`page_errors ${p.page}`, errs, 0, "");
      const met = p95ok === null || errOk === null ? null : p95ok && errOk;
      const bad = Object.entries(p.statusCodes).filter(([c]) => !c.startsWith("2"));
      rows.push({
        section: S,
        item,
        value:
          p.requests === 0
            ? `${pages.durationS} s 内没有请求完成，错误 ${errs}`
            : `p50 ${ms(p.p50Ms)} p95 ${ms(p.p95Ms)} p99 ${ms(p.p99Ms)} ms，错误 ${errs}`,
        baseline: sql + first,
        target: tgt,
        verdict: verdict(met) + (bad.length ? `（${bad.map(([c, n]) => `${c}×${n}`).join("，")}）` : ""),
      });
    }
  } else if (opts.only.has("pages")) {
    notMeasured(S, "全部主要页面", "未测（见下方失败说明）", tgt);
  }
}

// 5. exports
{
  const S = "5 导出";
  if (exportsFig) {
    const e = exportsFig;
    rows.push({
      section: S,
      item: `${fmtCount(e.rows)} 行 ${e.mart}：Arrow IPC`,
      value: `${fmtMs(e.arrow.ms)}，${fmtBytes(e.arrow.bytes)}`,
      baseline: `JSON ${fmtMs(e.json.ms)}，${fmtBytes(e.json.bytes)}`,
      target: "—",
      verdict: `快 ${(e.json.ms / e.arrow.ms).toFixed(1)}×，字节 ${((e.arrow.bytes / e.json.bytes) * 100).toFixed(0)}%`,
    });
  } else if (opts.only.has("export")) {
    notMeasured(S, "100 万行 Arrow IPC 与 JSON", "未测（见下方失败说明）");
  }
}

// 6. browser
{
  const S = "6 浏览器";
  if (browser && browser.status === "measured") {
    rows.push({
      section: S,
      item: `${browser.page} 首张图表绘制`,
      value: fmtMs(browser.firstChartMedianMs),
      baseline:
        `DOMContentLoaded ${fmtMs(browser.domContentLoadedMs)}` +
        (Number.isFinite(browser.firstPaintMedianMs) ? `；服务端 SVG 图表首次绘制（FCP）${fmtMs(browser.firstPaintMedianMs)}` : ""),
      target: "≤ 1.5 s",
      verdict: verdict(target("first_chart", browser.firstChartMedianMs, 1500, "ms")),
    });
    rows.push({
      section: S,
      item: `${browser.page} 的 JavaScript（gzip）`,
      value: fmtBytes(browser.jsGzipBytes),
      baseline: `未压缩 ${fmtBytes(browser.jsBytes)}`,
      target: "≤ 400 kB",
      verdict: verdict(target("js_gzip", browser.jsGzipBytes, 400_000, "B")),
    });
  } else if (browser) {
    notMeasured(S, `${browser.page} 首张图表绘制`, browser.note ?? browser.status, "≤ 1.5 s");
  } else if (opts.only.has("browser")) {
    notMeasured(S, "/performance 首张图表绘制", "未测（见下方失败说明）", "≤ 1.5 s");
  }
}

const finishedAt = new Date().toISOString();
const results: BenchResults = {
  version: 1,
  scale: opts.scale,
  startedAt,
  finishedAt,
  totalSeconds: (Date.now() - t0) / 1000,
  machine,
  loadAverage: { start: loadAtStart, end: os.loadavg() },
  settings: { seed: SEED, years: YEARS, asOf: AS_OF, connections: CONNECTIONS, durationS: DURATION_S },
  gen,
  load: loadOut,
  build: build
    ? { ...build.result, wallMs: build.wallMs, cpuMs: build.cpuMs, peakRssBytes: build.peakRssBytes, rssMethod: build.rssMethod }
    : null,
  marts,
  exports: exportsFig,
  remixBuildMs,
  pages,
  browser,
  targets,
  failures,
  table: rows,
};

const missed = targets.filter((t) => t.met === false);
const title = `信管性能基准 · ${province ? "省级规模（约 2 万项目、5000 万行云账单）" : "城市规模（冒烟）"} · ${startedAt.slice(0, 19)}Z`;
const notes: string[] = [];
notes.push(`机器：${machineLine(machine)}`);
if (gen) {
  notes.push(
    `数据：种子 ${SEED}，预算年度 ${YEARS.join("–")}，评估基准日 ${AS_OF}；收件目录 ${gen.files} 个文件 ${fmtBytes(gen.bytes)}` +
      `，生成用时 ${fmtMs(gen.ms)}${gen.reused ? "（本次复用，--keep）" : ""}（不计入目标）`,
  );
}
if (loadOut) {
  const r = loadOut.raw;
  const o = loadOut.ours!;
  notes.push(
    `1 装载：同一批 ${r.csvFiles} 个 CSV + ${r.parquetFiles} 个 Parquet 云账单（${fmtBytes(r.inputBytes)}）；` +
      `本项目 = 全量构建中 cloud_billing 从开始到最后一个文件入账（校验、类型转换、拒收、跨文件自然键查重、批次记录），` +
      `其中逐文件 ${fmtMs(o.filesMs)}，入库 ${fmtCount(o.rowsLoaded)} 行、拒收 ${fmtCount(o.rowsRejected)} 行；` +
      `原生 = 新 DuckDB 文件上 CREATE TABLE AS SELECT * FROM read_csv(…, union_by_name=true) ${fmtMs(r.csvMs)}` +
      ` + read_parquet ${fmtMs(r.parquetMs)}`,
  );
}
if (build) notes.push(`峰值 RSS：子进程，${build.rssMethod}（取 /usr/bin/time -v、VmHWM 轮询、ru_maxrss 中最大者）`);
if (marts) {
  notes.push(
    `3 指标重算各阶段：${Object.entries(marts.byStage).map(([k, v]) => `${k} ${fmtMs(v)}`).join("，")}；` +
      `最慢的文件：${[...marts.timings].sort((a, b) => b.ms - a.ms).slice(0, 3).map((t) => `${t.file} ${fmtMs(t.ms)}`).join("，")}`,
  );
}
if (pages) {
  notes.push(
    `4 页面：生产构建，Express 服务器在回环地址，autocannon ${pages.connections} 个连接 × ${pages.durationS} 秒/页，` +
      `带 Accept-Encoding: gzip（与浏览器一致）${pages.signedIn ? "，以 analyst 身份登录" : ""}；` +
      `SQL 基准 = 该页面（首次请求、未命中服务器缓存时）实际发给数据仓库的语句（逐条记录、原参数），` +
      `在只读 DuckDB 连接（2 线程，与服务器相同）上单客户端重放，次数与压测请求数相同（以 ${SQL_BUDGET_S} 秒为限，至少 10 次）`,
  );
  const measured = pages.pages.filter((p) => p.status === "measured");
  if (measured.length) {
    notes.push(
      `4 页面请求数：${measured.map((p) => `${p.page} ${p.requests}（${p.rps.toFixed(0)}/s，${fmtBytes(p.bytesPerResponse)}/响应）`).join("，")}`,
    );
  }
}
if (remixBuildMs !== null) notes.push(`remix build ${fmtMs(remixBuildMs)}（不计入目标）`);
if (exportsFig) {
  notes.push(
    `5 导出：${exportsFig.mart}（${fmtCount(exportsFig.martRows)} 行${exportsFig.martRows < exportsFig.rows ? "，重复至 100 万行" : ""}，` +
      `${exportsFig.columns} 列）经 app/export 的流式写出器，交替顺序 ${exportsFig.runs} 次取中位数`,
  );
}
if (browser && browser.status === "measured") {
  notes.push(
    `6 浏览器：${browser.chromium}，无头，每次全新配置（空缓存）${browser.signedIn ? "，已登录" : ""}；首张图表 ${browser.runs} 次：` +
      `${browser.firstChartMs.map((m) => fmtMs(m)).join(" / ")}，取中位数；JS ${browser.scripts.length} 个文件，各自 gzip 后相加`,
  );
}
const [l1, l5] = os.loadavg();
notes.push(
  `系统负载（1 分钟）：开始 ${loadAtStart[0].toFixed(1)}，结束 ${l1.toFixed(1)}（5 分钟 ${l5.toFixed(1)}），${machine.cores} 核` +
    `——负载明显高于核数时有其他进程争用 CPU，数字偏慢`,
);
if (!province) notes.push("目标针对省级规模；城市规模下的判定只作参考（冒烟运行，不断言时间）。");
notes.push(
  missed.length
    ? `未达标：${missed.map((t) => t.id).join("，")}`
    : targets.some((t) => t.met !== null)
      ? "已测的目标全部达标。"
      : "没有可判定的目标。",
);
for (const f of failures) notes.push(`失败：${f.section}：${f.message.split("\n")[0]}`);

const headers = province ? {} : { verdict: "结论（参考）" };
const table = renderTable(rows, headers);
process.stdout.write(`\n${title}\n${table}\n${notes.map((n) => `· ${n}`).join("\n")}\n`);

await mkdir(RESULTS, { recursive: true });
const resultJson = JSON.stringify(results, null, 2) + "\n";
// A full run is "the last run" of its scale; a run of some sections (--only) goes beside it and replaces nothing.
const partial = opts.only.size < SECTIONS.length;
const base = partial ? `${opts.scale}-partial` : opts.scale;
const command = `npm run bench -- --scale ${opts.scale}${partial ? ` --only ${[...opts.only].join(",")}` : ""}`;
const jsonFile = path.join(RESULTS, `${base}.json`);
await writeFile(jsonFile, resultJson);
await writeFile(
  path.join(RESULTS, `${base}.md`),
  `# ${title}\n\n${renderMarkdown(rows, headers)}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n\n` +
    `由 \`${command}\` 生成；完整数据见 ${base}.json。\n`,
);
log(`结果已写入 ${path.relative(ROOT, jsonFile)} 与 ${base}.md`);
if (opts.json) {
  const file = path.resolve(opts.json);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, resultJson);
  log(`--json：结果已写入 ${file}`);
}

if (!opts.keep) {
  await rm(TMP, { recursive: true, force: true });
} else {
  log(`保留 ${path.relative(ROOT, TMP)}（--keep）`);
}
log(`用时 ${((Date.now() - t0) / 1000).toFixed(0)} 秒`);
process.exit(failures.length > 0 ? 1 : 0);
