// Soak: the production server under 16 concurrent clients over every page for 5 minutes on loopback.
//   npx tsx bench/soak.ts [--warehouse FILE] [--duration 300] [--warmup 120] [--connections 16] [--swap-every 60]
// Passes (exit 0) when there were 0 errors (transport errors, timeouts, any status but 200), the server's memory grew by
// less than 10 % from the first minute after the warm-up (120 s: the page caches, the JIT and DuckDB's buffers fill up
// in the first two minutes) to the last minute of the run (medians of RSS and of the V8 heap, sampled every 2 s after
// a full GC by a preloaded probe, test/support/reliability-memory-probe.ts), and the server's open warehouse files did
// not grow (read from /proc/<pid>/fd: the current warehouse, and swapped-out ones "(deleted)" still held by running
// requests; each open DuckDB instance holds its file once).
// By default the warehouse file is also swapped every 60 s (a copy renamed over it, exactly as `npm run etl` does), so
// the soak covers the server retiring old DuckDB instances under load, not only serving one file.
// The warehouse is copied into a temp folder first; without --warehouse the sample warehouse (test-output/sample) or
// data/warehouse.duckdb is used, else a small one is built from the reliability inbox. Results: stdout and
// test-output/reliability/soak.json.
import autocannon from "autocannon";
import { copyFile, mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../etl/db.js";
import { makeLoadInbox, spawnBuild } from "../test/support/reliability-build.js";
import { recordFigures } from "../test/support/reliability-figures.js";
import {
  ensureRemixBuild,
  openFilesOf,
  PAGES,
  rssOf,
  startReliabilityServer,
} from "../test/support/reliability-server.js";

const { values } = parseArgs({
  options: {
    warehouse: { type: "string" },
    duration: { type: "string", default: "300" },
    warmup: { type: "string", default: "120" },
    connections: { type: "string", default: "16" },
    "swap-every": { type: "string", default: "60" },
    "max-growth": { type: "string", default: "10" },
  },
});
const DURATION_S = Number(values.duration);
const WARMUP_S = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const SWAP_EVERY_S = Number(values["swap-every"]);
const MAX_GROWTH_PCT = Number(values["max-growth"]);
const SAMPLE_MS = 2000;
/** The windows compared: the first minute after the warm-up against the last minute of the run. */
const WINDOW_MS = 60_000;

interface MemorySample {
  at: number;
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
const pct = (a: number, b: number) => ((b - a) / a) * 100;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function pickWarehouse(work: string): Promise<string> {
  const candidates = [values.warehouse, path.join(ROOT, "test-output/sample/warehouse.duckdb"), path.join(ROOT, "data/warehouse.duckdb")];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (values.warehouse && found !== values.warehouse) throw new Error(`no such warehouse: ${values.warehouse}`);
  const live = path.join(work, "live", "warehouse.duckdb");
  await mkdir(path.dirname(live), { recursive: true });
  if (found) {
    process.stdout.write(`warehouse: ${found} (copied)\n`);
    await copyFile(found, live);
  } else {
    process.stdout.write("warehouse: none found, building one from the reliability inbox\n");
    const inbox = await makeLoadInbox(work, { files: 4, rowsPerFile: 20_000 });
    const b = spawnBuild({ inbox, db: live, asOf: "2024-12-31", wait: false });
    if ((await b.exited).code !== 0) throw new Error(`build failed: ${b.stderr().slice(-2000)}`);
  }
  return live;
}

async function main(): Promise<number> {
  await ensureRemixBuild();
  const work = await mkdtemp(path.join(tmpdir(), "xinguan-soak-"));
  const memLog = path.join(work, "memory.jsonl");
  let server: Awaited<ReturnType<typeof startReliabilityServer>> | null = null;
  try {
    const live = await pickWarehouse(work);
    server = await startReliabilityServer({
      warehouse: live,
      tmpDir: path.join(work, "server"),
      nodeArgs: ["--expose-gc", "--import", path.join(ROOT, "test/support/reliability-memory-probe.ts")],
      env: { RELIABILITY_MEMORY_LOG: memLog, RELIABILITY_MEMORY_EVERY_MS: String(SAMPLE_MS) },
    });
    const srv = server;
    process.stdout.write(
      `server pid ${srv.pid} at ${srv.url}${srv.cookie ? " (signed in)" : ""}; ${CONNECTIONS} clients over ${PAGES.join(" ")} ` +
        `for ${DURATION_S} s (warm-up ${WARMUP_S} s)${SWAP_EVERY_S > 0 ? `, warehouse swapped every ${SWAP_EVERY_S} s` : ""}\n`,
    );

    // Every page once, to see they all answer before the clock starts.
    for (const p of PAGES) {
      const r = await fetch(srv.url + p, { headers: srv.cookie ? { cookie: srv.cookie } : {}, redirect: "manual" });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${p} answered ${r.status} before the soak`);
    }

    const fdSamples: { t: number; fds: number; duckdb: number; files: string[] }[] = [];
    const t0 = performance.now();
    const t0Wall = Date.now();
    const sampleFds = async () => {
      const f = await openFilesOf(srv.pid, live);
      fdSamples.push({ t: Math.round(performance.now() - t0), fds: f.fds, duckdb: f.warehouses.length, files: f.warehouses });
    };
    const fdTimer = setInterval(() => void sampleFds().catch(() => undefined), SAMPLE_MS);

    let swaps = 0;
    const swapTimer =
      SWAP_EVERY_S > 0
        ? setInterval(() => {
            void (async () => {
              const tmp = `${live}.building-${process.pid}-${Date.now()}`;
              await copyFile(live, tmp);
              await rename(tmp, live);
              swaps++;
            })().catch((e) => process.stderr.write(`swap failed: ${(e as Error).message}\n`));
          }, SWAP_EVERY_S * 1000)
        : null;

    const badByPage = new Map<string, number>();
    const instance = autocannon({
      url: srv.url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      timeout: 30,
      headers: srv.cookie ? { cookie: srv.cookie } : {},
      requests: PAGES.map((p) => ({
        method: "GET" as const,
        path: p,
        onResponse: (status: number) => {
          if (status !== 200) badByPage.set(p, (badByPage.get(p) ?? 0) + 1);
        },
      })),
    });
    const progress = setInterval(() => {
      const s = Math.round((performance.now() - t0) / 1000);
      process.stdout.write(`  ${s} s …\n`);
    }, 30_000);
    const result = await instance;
    clearInterval(progress);
    clearInterval(fdTimer);
    if (swapTimer) clearInterval(swapTimer);
    // autocannon stops on the clock and drops requests still in flight; the server finishes them anyway. Let them
    // drain, then one more request (it notices the last swap, if no request has since), then the server must hold the
    // current warehouse only: nothing swapped out left open.
    const drained = async (until: number) => {
      while (Date.now() < until) {
        const f = await openFilesOf(srv.pid, live);
        if (!f.warehouses.some((w) => w.endsWith("(deleted)")) && f.warehouses.length <= 1) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    await drained(Date.now() + 30_000);
    const last = await fetch(`${srv.url}/`, { headers: srv.cookie ? { cookie: srv.cookie } : {} });
    await last.arrayBuffer();
    await drained(Date.now() + 30_000);
    await sampleFds();
    const rssEnd = await rssOf(srv.pid);

    // Memory: samples after a full GC. RSS swings by a hundred MiB from one sample to the next (DuckDB's working
    // memory per query), so single samples say little: the median of the first minute after the warm-up is compared
    // with the median of the last minute, and the trend over everything after the warm-up is given as a slope.
    const mem = (await readFile(memLog, "utf8"))
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as MemorySample);
    const soakT = (s: MemorySample) => s.at - t0Wall;
    const runMs = DURATION_S * 1000;
    const afterWarmup = mem.filter((s) => soakT(s) >= WARMUP_S * 1000 && soakT(s) <= runMs);
    const base = afterWarmup.filter((s) => soakT(s) < WARMUP_S * 1000 + WINDOW_MS);
    const end = afterWarmup.filter((s) => soakT(s) > runMs - WINDOW_MS);
    const growth = (k: keyof MemorySample) =>
      base.length && end.length ? pct(median(base.map((s) => s[k])), median(end.map((s) => s[k]))) : NaN;
    /** least-squares slope, MiB per minute */
    const slope = (k: keyof MemorySample) => {
      const pts = afterWarmup.map((s) => [soakT(s) / 60_000, s[k] / 1048576] as const);
      const n = pts.length;
      if (n < 3) return NaN;
      const mx = pts.reduce((a, [x]) => a + x, 0) / n;
      const my = pts.reduce((a, [, y]) => a + y, 0) / n;
      return pts.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / pts.reduce((a, [x]) => a + (x - mx) ** 2, 0);
    };
    const rssGrowth = growth("rss");
    const heapGrowth = growth("heapUsed");
    const duckAfterWarmup = fdSamples.filter((s) => s.t >= WARMUP_S * 1000);
    const duckMax = Math.max(...duckAfterWarmup.map((s) => s.duckdb));
    const duckBase = duckAfterWarmup[0]?.duckdb ?? NaN;
    const duckEnd = fdSamples.at(-1)?.duckdb ?? NaN;
    const deletedStillOpen = (fdSamples.at(-1)?.files ?? []).filter((f) => f.endsWith("(deleted)"));
    const fdBase = duckAfterWarmup[0]?.fds ?? NaN;
    const fdEnd = fdSamples.at(-1)?.fds ?? NaN;

    const non200 = [...badByPage.values()].reduce((a, b) => a + b, 0);
    const errors = result.errors + result.timeouts + non200;
    const figures = {
      duration_s: DURATION_S,
      warmup_s: WARMUP_S,
      connections: CONNECTIONS,
      pages: PAGES,
      requests: result.requests.total,
      requests_per_s: Math.round(result.requests.average),
      latency_ms: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors,
      transport_errors: result.errors,
      timeouts: result.timeouts,
      non_200_by_page: Object.fromEntries(badByPage),
      warehouse_swaps: swaps,
      memory: {
        method: `median of the minute after a ${WARMUP_S} s warm-up vs median of the last minute; samples every ${SAMPLE_MS / 1000} s after a full GC`,
        samples_after_warmup: afterWarmup.length,
        rss_after_warmup: base.length ? median(base.map((s) => s.rss)) : null,
        rss_end: end.length ? median(end.map((s) => s.rss)) : null,
        rss_growth_pct: Number(rssGrowth.toFixed(2)),
        rss_slope_mib_per_min: Number(slope("rss").toFixed(2)),
        heap_after_warmup: base.length ? median(base.map((s) => s.heapUsed)) : null,
        heap_end: end.length ? median(end.map((s) => s.heapUsed)) : null,
        heap_growth_pct: Number(heapGrowth.toFixed(2)),
        heap_slope_mib_per_min: Number(slope("heapUsed").toFixed(2)),
        rss_at_exit_from_proc: rssEnd,
      },
      duckdb_files_open: {
        after_warmup: duckBase,
        max: duckMax,
        end: duckEnd,
        files_end: fdSamples.at(-1)?.files ?? [],
        swapped_out_still_open_at_end: deletedStillOpen.length,
      },
      file_descriptors: { after_warmup: fdBase, end: fdEnd },
    };
    const ok =
      errors === 0 &&
      Number.isFinite(rssGrowth) &&
      rssGrowth < MAX_GROWTH_PCT &&
      Number.isFinite(heapGrowth) &&
      heapGrowth < MAX_GROWTH_PCT &&
      deletedStillOpen.length === 0 &&
      duckEnd <= duckBase &&
      duckMax <= duckBase + 1; // a swapped-out warehouse may be held by the requests still running on it

    process.stdout.write(
      [
        "",
        `requests ${result.requests.total} (${Math.round(result.requests.average)}/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
        `errors ${errors} (transport ${result.errors}, timeouts ${result.timeouts}, non-200 ${non200})`,
        `memory, first minute after the ${WARMUP_S} s warm-up → last minute (medians): ` +
          `RSS ${mib(figures.memory.rss_after_warmup ?? NaN)} → ${mib(figures.memory.rss_end ?? NaN)} (${rssGrowth.toFixed(2)} %, trend ${figures.memory.rss_slope_mib_per_min} MiB/min), ` +
          `heap ${mib(figures.memory.heap_after_warmup ?? NaN)} → ${mib(figures.memory.heap_end ?? NaN)} (${heapGrowth.toFixed(2)} %, trend ${figures.memory.heap_slope_mib_per_min} MiB/min)`,
        `DuckDB files open in the server: ${duckBase} after warm-up, max ${duckMax}, ${duckEnd} at the end ` +
          `(${deletedStillOpen.length} swapped-out still open); fds ${fdBase} → ${fdEnd}; ${swaps} warehouse swaps`,
        ok ? "SOAK PASSED" : `SOAK FAILED (limits: 0 errors, growth < ${MAX_GROWTH_PCT} %, no DuckDB handle growth)`,
        "",
      ].join("\n"),
    );
    await recordFigures("soak", { passed: ok, ...figures, memory_samples: mem, fd_samples: fdSamples });
    return ok ? 0 : 1;
  } finally {
    await server?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  return 2;
});
