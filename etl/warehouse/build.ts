// Builds a complete new warehouse beside the live one and swaps it in with one atomic rename
// (docs/decisions/001-warehouse-swap.md). Until the rename, the live warehouse is untouched and keeps serving;
// a crash or kill at any moment leaves at worst a stray temp file, which the next build removes.
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { createSchema, openWarehouse } from "../db.js";
import { loadInbox } from "../load/inbox.js";
import type { LoadReporter } from "../load/reporter.js";
import { checkIntegrity } from "./integrity.js";
import { buildMarts, type StageTiming } from "./marts.js";
import { loadReferenceData } from "./reference.js";

export interface BuildOptions {
  inbox: string;
  db: string;
  /** YYYY-MM-DD: flags are evaluated as of this date (rules.md). */
  asOf: string;
  reporter: LoadReporter;
  /** Test hook: called after the new file is complete and before the swap. */
  beforeSwap?: () => Promise<void>;
}

export interface BuildResult {
  db: string;
  asOf: string;
  loadMs: number;
  martsMs: number;
  totalMs: number;
  martTimings: StageTiming[];
}

const TMP_MARK = ".building-";

/** Removes temp files left by builds that were killed (their pid is gone). */
async function removeStaleTemps(db: string): Promise<void> {
  const dir = path.dirname(db);
  const base = path.basename(db) + TMP_MARK;
  for (const name of await readdir(dir)) {
    if (!name.startsWith(base)) continue;
    const pid = Number(name.slice(base.length).split(/[.-]/)[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
      await rm(path.join(dir, name), { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function buildWarehouse(opts: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const db = path.resolve(opts.db);
  await mkdir(path.dirname(db), { recursive: true });
  await removeStaleTemps(db);
  const tmp = `${db}${TMP_MARK}${process.pid}-${Date.now()}`;
  // DuckDB's default memory limit is 80 % of RAM; the build's big steps (the 60 M-row bill aggregates and the
  // natural-key check) then grow until the process passes the 6 GB the issue allows. With a limit they spill to
  // <db>.tmp instead (docs/decisions/007-performance.md). XINGUAN_ETL_MEMORY_LIMIT overrides.
  const wh = await openWarehouse(tmp, { memory_limit: process.env.XINGUAN_ETL_MEMORY_LIMIT ?? "4GB" });
  let loadMs = 0;
  let martsMs = 0;
  let martTimings: StageTiming[] = [];
  try {
    await createSchema(wh.conn);
    await wh.conn.run(
      "INSERT INTO meta_build VALUES ($as_of::DATE, now()::TIMESTAMP, $inbox, $version)",
      { as_of: opts.asOf, inbox: path.resolve(opts.inbox), version: process.env.npm_package_version ?? "dev" },
    );
    const tLoad = performance.now();
    await loadInbox(wh.conn, opts.inbox, opts.reporter);
    await loadReferenceData(wh.conn);
    loadMs = performance.now() - tLoad;
    const tMarts = performance.now();
    martTimings = await buildMarts(wh.conn, (t) =>
      opts.reporter.info(`mart ${t.file}`, { stage: t.stage, ms: Math.round(t.ms) }),
    );
    martsMs = performance.now() - tMarts;
    const problems = await checkIntegrity(wh.conn);
    if (problems.length > 0) {
      throw new Error(`新数据仓库未通过完整性检查：${problems.map((p) => `${p.source}: ${p.message}`).join("；")}`);
    }
    await wh.conn.run("CHECKPOINT");
    wh.close();
  } catch (err) {
    wh.close();
    await rm(tmp, { force: true });
    await rm(`${tmp}.wal`, { force: true });
    throw err;
  }
  await fsyncPath(tmp);
  await opts.beforeSwap?.();
  await rename(tmp, db);
  await fsyncPath(path.dirname(db));
  return { db, asOf: opts.asOf, loadMs, martsMs, totalMs: performance.now() - t0, martTimings };
}

/** Today in Beijing, the default as-of date. */
export function todayInBeijing(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}
