// loadInbox: every file of the data contract (shared/spec/data-contract.md) from an inbox folder into the staging
// tables of a new warehouse, each row either loaded or rejected with its reason, each file in etl_batches.
// 项目申报 loads first, because every project-level source is checked against it; cloud bills load last.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { query } from "../db.js";
import { recordMissing, sha256File } from "./bookkeeping.js";
import { BILLING_SOURCE, loadCloudBilling } from "./cloud-billing.js";
import type { BillFile } from "./billing-file.js";
import { readCsvSource } from "./csv-reader.js";
import { listInboxFiles } from "./inbox-files.js";
import { readJsonSource } from "./json-reader.js";
import type { LoadReporter } from "./reporter.js";
import { CLOUD_BILLING_DIR, PERF_TARGETS, PROJECTS, TABLE_SOURCES, type SourceSpec } from "./sources.js";
import { loadTableSource } from "./table-source.js";
import { openWorkbook, readSheet } from "./xlsx-reader.js";

export { InboxError } from "./inbox-error.js";

export interface LoadedFile {
  source: string;
  file: string;
  status: string;
  encoding: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
}

export interface LoadResult {
  files: LoadedFile[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Inbox files the contract does not know: reported, not loaded. */
  ignored: string[];
  ms: number;
}

function sheetLabel(spec: SourceSpec): string {
  return spec.sheet ? `${spec.file}#${spec.sheet}` : spec.file;
}

function billFormat(file: string): BillFile["format"] | null {
  const ext = path.extname(file).toLowerCase();
  return ext === ".csv" ? "csv" : ext === ".parquet" ? "parquet" : null;
}

async function loadWorkbook(conn: DuckDBConnection, inboxDir: string, reporter: LoadReporter): Promise<void> {
  const startedAt = Date.now();
  const fullPath = path.join(inboxDir, PROJECTS.file);
  const workbook = await openWorkbook(PROJECTS.file, fullPath);
  // Both sheets are read before either loads: a renamed sheet makes the workbook unreadable as a whole.
  const inputs = [PROJECTS, PERF_TARGETS].map((spec) => ({ spec, input: readSheet(workbook, spec) }));
  const sha256 = await sha256File(fullPath);
  for (const { spec, input } of inputs) {
    await loadTableSource(conn, { spec, file: sheetLabel(spec), input, sha256, encoding: "xlsx", startedAt }, reporter);
  }
}

async function loadTextSource(
  conn: DuckDBConnection,
  spec: SourceSpec,
  inboxDir: string,
  reporter: LoadReporter,
): Promise<void> {
  const startedAt = Date.now();
  const fullPath = path.join(inboxDir, spec.file);
  const sha256 = await sha256File(fullPath);
  if (spec.format === "json") {
    const input = await readJsonSource(spec, fullPath);
    await loadTableSource(conn, { spec, file: spec.file, input, sha256, encoding: "json", startedAt }, reporter);
  } else {
    const { input, encoding } = await readCsvSource(spec, fullPath);
    await loadTableSource(conn, { spec, file: spec.file, input, sha256, encoding, startedAt }, reporter);
  }
}

export async function loadInbox(
  conn: DuckDBConnection,
  inboxDir: string,
  reporter: LoadReporter,
): Promise<LoadResult> {
  const t0 = Date.now();
  const present = await listInboxFiles(inboxDir);
  const known = new Set(TABLE_SOURCES.map((s) => s.file));
  const bills: BillFile[] = [];
  const ignored: string[] = [];
  for (const file of present) {
    const format = file.startsWith(`${CLOUD_BILLING_DIR}/`) ? billFormat(file) : null;
    if (format) bills.push({ file, fullPath: path.join(inboxDir, file), format });
    else if (!known.has(file)) ignored.push(file);
  }
  for (const file of ignored) reporter.info(`收件箱中有数据约定之外的文件，已忽略：${file}`, { file });

  // Scratch space only for GB18030 bills (rewritten as UTF-8 for DuckDB), created on first use.
  let tmpDir: string | null = null;
  const scratch = async (): Promise<string> => (tmpDir ??= await mkdtemp(path.join(tmpdir(), "xinguan-load-")));
  try {
    const presentSet = new Set(present);
    for (const spec of TABLE_SOURCES) {
      if (spec === PERF_TARGETS) continue; // loaded with 项目申报, from the same workbook
      if (!presentSet.has(spec.file)) {
        for (const s of spec === PROJECTS ? [PROJECTS, PERF_TARGETS] : [spec]) {
          await recordMissing(conn, s.source, sheetLabel(s));
          reporter.info(`缺少文件：${sheetLabel(s)}（${s.table} 将为空）`, { file: sheetLabel(s) });
        }
        continue;
      }
      if (spec === PROJECTS) await loadWorkbook(conn, inboxDir, reporter);
      else await loadTextSource(conn, spec, inboxDir, reporter);
    }
    if (bills.length === 0) {
      await recordMissing(conn, BILLING_SOURCE, `${CLOUD_BILLING_DIR}/`);
      reporter.info(`缺少文件：${CLOUD_BILLING_DIR}/*.csv 或 *.parquet（stg_cloud_billing 将为空）`);
    } else {
      await loadCloudBilling(conn, bills, reporter, scratch);
    }
  } finally {
    if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
  }

  const rows = await query(
    conn,
    `SELECT source, file, status, encoding, rows_read, rows_loaded, rows_rejected FROM etl_batches ORDER BY batch_id`,
  );
  const files: LoadedFile[] = rows.map((r) => ({
    source: String(r.source),
    file: String(r.file),
    status: String(r.status),
    encoding: r.encoding === null ? null : String(r.encoding),
    rowsRead: Number(r.rows_read),
    rowsLoaded: Number(r.rows_loaded),
    rowsRejected: Number(r.rows_rejected),
  }));
  const sum = (k: "rowsRead" | "rowsLoaded" | "rowsRejected"): number => files.reduce((a, f) => a + f[k], 0);
  return {
    files,
    rowsRead: sum("rowsRead"),
    rowsLoaded: sum("rowsLoaded"),
    rowsRejected: sum("rowsRejected"),
    ignored,
    ms: Date.now() - t0,
  };
}
