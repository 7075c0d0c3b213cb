// 2. The whole warehouse build (every source, every mart), timed in a child process so its peak RSS is measured
// (bench/child.ts). A recording reporter keeps the load's per-source events with their times, from which
// bench/load.ts takes the cloud-billing part (1.) of the same build.
import { stat } from "node:fs/promises";
import type { FileSummary, LoadReporter } from "../etl/load/reporter.js";
import { openWarehouse, query } from "../etl/db.js";
import { buildWarehouse } from "../etl/warehouse/build.js";
import type { StageTiming } from "../etl/warehouse/marts.js";

export interface LoadEvent {
  /** ms since the build started */
  t: number;
  /** CPU time of the process (user + system, all threads) since the build started, ms */
  cpu: number;
  kind: "start" | "file" | "info";
  source?: string;
  file?: string;
  rowsRead?: number;
  rowsLoaded?: number;
  rowsRejected?: number;
  ms?: number;
  message?: string;
}

export interface BuildFigures {
  totalMs: number;
  loadMs: number;
  martsMs: number;
  martTimings: StageTiming[];
  events: LoadEvent[];
  dbBytes: number;
  billingRows: number;
  projects: number;
}

function recordingReporter(t0: number, cpu0: NodeJS.CpuUsage, events: LoadEvent[]): LoadReporter {
  const now = () => performance.now() - t0;
  const cpu = () => {
    const u = process.cpuUsage(cpu0);
    return (u.user + u.system) / 1000;
  };
  // every event also goes to the child's log (bench/tmp/<scale>/logs/build.log), for a build that fails midway
  const push = (e: Omit<LoadEvent, "cpu">) => {
    const full = { ...e, cpu: cpu() };
    events.push(full);
    console.log(JSON.stringify({ ...full, t: Math.round(full.t), cpu: Math.round(full.cpu) }));
  };
  return {
    start(source) {
      push({ t: now(), kind: "start", source });
    },
    progress() {},
    file(s: FileSummary) {
      push({
        t: now(),
        kind: "file",
        source: s.source,
        file: s.file,
        rowsRead: s.rowsRead,
        rowsLoaded: s.rowsLoaded,
        rowsRejected: s.rowsRejected,
        ms: s.ms,
      });
    },
    info(message, fields) {
      // mart timings come back in the build result; keep only the load's own lines
      if (message.startsWith("mart ")) console.log(JSON.stringify({ t: Math.round(now()), message, ...fields }));
      else push({ t: now(), kind: "info", message });
    },
  };
}

/** Child side: builds the warehouse from the inbox, as `npm run etl` does. */
export async function buildChild({ inbox, db, asOf }: { inbox: string; db: string; asOf: string }): Promise<BuildFigures> {
  const events: LoadEvent[] = [];
  const t0 = performance.now();
  const r = await buildWarehouse({ inbox, db, asOf, reporter: recordingReporter(t0, process.cpuUsage(), events) });
  const wh = await openWarehouse(db, { access_mode: "READ_ONLY" });
  let billingRows = 0;
  let projects = 0;
  try {
    const [row] = await query(
      wh.conn,
      "SELECT (SELECT count(*) FROM stg_cloud_billing) AS billing, (SELECT count(*) FROM stg_projects) AS projects",
    );
    billingRows = Number(row.billing);
    projects = Number(row.projects);
  } finally {
    wh.close();
  }
  return {
    totalMs: r.totalMs,
    loadMs: r.loadMs,
    martsMs: r.martsMs,
    martTimings: r.martTimings,
    events,
    dbBytes: (await stat(db)).size,
    billingRows,
    projects,
  };
}
