// Runs queries/**/*.sql in dependency order to turn staging tables into marts. Each stage is a folder; inside it,
// files run in name order (NN-name.sql). Every mart is a pure function of the staging tables, the reference data and
// meta_build.as_of, so a rerun on the same inbox gives the same marts.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { QUERIES_DIR, runSqlFile } from "../db.js";

/** reference: calendar, dimensions, weights → allocation (allocation.md) → scoring (scoring.md) → flags: compliance
 *  (rules.md; Art. 34 reads the scoring stage's int_rectification_due, docs/decisions/006-art34-after-scoring.md)
 *  → marts: the project-year and department-year roll-ups that read all of the above. */
export const MART_STAGES = ["reference", "allocation", "scoring", "flags", "marts"] as const;

export interface StageTiming {
  stage: string;
  file: string;
  ms: number;
}

export async function martFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const stage of MART_STAGES) {
    const dir = path.join(QUERIES_DIR, stage);
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith(".sql")).sort();
    } catch {
      continue;
    }
    files.push(...names.map((n) => path.join(dir, n)));
  }
  return files;
}

export async function buildMarts(
  conn: DuckDBConnection,
  onFile?: (t: StageTiming) => void,
): Promise<StageTiming[]> {
  const timings: StageTiming[] = [];
  for (const file of await martFiles()) {
    const t0 = performance.now();
    await runSqlFile(conn, file);
    const t: StageTiming = {
      stage: path.basename(path.dirname(file)),
      file: path.relative(QUERIES_DIR, file),
      ms: performance.now() - t0,
    };
    timings.push(t);
    onFile?.(t);
  }
  return timings;
}
