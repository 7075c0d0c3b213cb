// 3. Marts rebuild alone: every stage of queries/ (reference, allocation, scoring, flags, marts) rerun on a copy of
// the warehouse the full build made — staging already loaded — timed per file. Child process, like the build.
import { copyFile, rm } from "node:fs/promises";
import { openWarehouse } from "../etl/db.js";
import { buildMarts, type StageTiming } from "../etl/warehouse/marts.js";

export interface MartsFigures {
  ms: number;
  timings: StageTiming[];
  byStage: Record<string, number>;
}

export async function martsChild({ db, copy }: { db: string; copy: string }): Promise<MartsFigures> {
  await rm(copy, { force: true });
  await rm(`${copy}.wal`, { force: true });
  await copyFile(db, copy);
  const wh = await openWarehouse(copy);
  try {
    const t0 = performance.now();
    const timings = await buildMarts(wh.conn);
    const ms = performance.now() - t0;
    const byStage: Record<string, number> = {};
    for (const t of timings) byStage[t.stage] = (byStage[t.stage] ?? 0) + t.ms;
    return { ms, timings, byStage };
  } finally {
    wh.close();
    await rm(copy, { force: true });
    await rm(`${copy}.wal`, { force: true });
  }
}
