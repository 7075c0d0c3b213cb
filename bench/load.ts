// 1. Load: our ETL of the cloud bills against raw DuckDB on the same files in the same run.
//   - ours: the cloud_billing part of the full build (bench/build.ts), from the reporter's start("cloud_billing") to
//     its last file() event — validation, typing, rejects, the cross-file key check and bookkeeping all included;
//   - raw: a fresh DuckDB file, CREATE TABLE … AS SELECT * FROM read_csv([the CSV bills], union_by_name = true),
//     and the same with read_parquet for the Parquet bills, in a child process of its own (peak RSS measured alike).
import { rm } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance, listValue } from "@duckdb/node-api";
import { listInboxFiles } from "../etl/load/inbox-files.js";
import { CLOUD_BILLING_DIR } from "../etl/load/sources.js";
import type { BuildFigures } from "./build.js";

export const BILLING_SOURCE = "cloud_billing";

export interface RawLoad {
  csvFiles: number;
  parquetFiles: number;
  csvRows: number;
  parquetRows: number;
  csvMs: number;
  parquetMs: number;
  rows: number;
  ms: number;
  /** CPU time of the two statements (user + system, all threads), ms */
  cpuMs: number;
  inputBytes: number;
}

export interface OurBillingLoad {
  files: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** start("cloud_billing") → last cloud_billing file() event */
  ms: number;
  /** the per-file times alone (without the cross-file key check and the bookkeeping) */
  filesMs: number;
  /** CPU time of the build process over the same span (user + system, all threads), ms */
  cpuMs: number;
}

export async function billFiles(inbox: string): Promise<{ csv: string[]; parquet: string[] }> {
  const files = (await listInboxFiles(inbox)).filter((f) => f.startsWith(`${CLOUD_BILLING_DIR}/`));
  const pick = (ext: string) => files.filter((f) => path.extname(f).toLowerCase() === ext).map((f) => path.join(inbox, f));
  return { csv: pick(".csv"), parquet: pick(".parquet") };
}

/** Child side: the raw DuckDB baseline. */
export async function rawLoadChild({ inbox, db }: { inbox: string; db: string }): Promise<RawLoad> {
  const { csv, parquet } = await billFiles(inbox);
  const { stat } = await import("node:fs/promises");
  let inputBytes = 0;
  for (const f of [...csv, ...parquet]) inputBytes += (await stat(f)).size;
  await rm(db, { force: true });
  await rm(`${db}.wal`, { force: true });
  const instance = await DuckDBInstance.create(db);
  const conn = await instance.connect();
  const out: RawLoad = {
    csvFiles: csv.length,
    parquetFiles: parquet.length,
    csvRows: 0,
    parquetRows: 0,
    csvMs: 0,
    parquetMs: 0,
    rows: 0,
    ms: 0,
    cpuMs: 0,
    inputBytes,
  };
  const cpu0 = process.cpuUsage();
  try {
    const count = async (t: string) =>
      Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${t}`)).getRowObjectsJson()[0].n);
    if (csv.length) {
      const t0 = performance.now();
      await conn.run("CREATE TABLE raw_csv AS SELECT * FROM read_csv($files, union_by_name = true)", {
        files: listValue(csv),
      });
      out.csvMs = performance.now() - t0;
      out.csvRows = await count("raw_csv");
    }
    if (parquet.length) {
      const t0 = performance.now();
      await conn.run("CREATE TABLE raw_parquet AS SELECT * FROM read_parquet($files, union_by_name = true)", {
        files: listValue(parquet),
      });
      out.parquetMs = performance.now() - t0;
      out.parquetRows = await count("raw_parquet");
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(db, { force: true });
    await rm(`${db}.wal`, { force: true });
  }
  const cpu = process.cpuUsage(cpu0);
  out.cpuMs = (cpu.user + cpu.system) / 1000;
  out.rows = out.csvRows + out.parquetRows;
  out.ms = out.csvMs + out.parquetMs;
  return out;
}

/** The cloud_billing part of a full build, from its recorded events. */
export function ourBillingLoad(build: BuildFigures): OurBillingLoad | null {
  const files = build.events.filter((e) => e.kind === "file" && e.source === BILLING_SOURCE);
  if (files.length === 0) return null;
  const start = build.events.find((e) => e.kind === "start" && e.source === BILLING_SOURCE);
  const last = files[files.length - 1];
  const filesMs = files.reduce((a, e) => a + (e.ms ?? 0), 0);
  const first = start?.t ?? files[0].t - (files[0].ms ?? 0);
  const firstCpu = start?.cpu ?? files[0].cpu;
  return {
    files: files.length,
    rowsRead: files.reduce((a, e) => a + (e.rowsRead ?? 0), 0),
    rowsLoaded: files.reduce((a, e) => a + (e.rowsLoaded ?? 0), 0),
    rowsRejected: files.reduce((a, e) => a + (e.rowsRejected ?? 0), 0),
    ms: Math.max(last.t - first, filesMs),
    filesMs,
    cpuMs: last.cpu - firstCpu,
  };
}
