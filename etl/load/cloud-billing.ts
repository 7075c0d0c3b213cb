// Cloud bills (Art. 23): up to tens of millions of rows over many CSV and Parquet files, so validation and casting
// run inside DuckDB and no row passes through JS. Writing a table is what costs (measured on 5 M rows: several
// times a plain scan of the CSV), so each file is scanned and written exactly once:
//   - every row goes into stg_cloud_billing in file order; a row with a bad cell is written with filler values in
//     its required columns and source_file set to a marker (\x01 + the JSON list of its bad cells);
//   - with files in path order and rows in file order, rowid - the file's first rowid + 1 is the file row number,
//     so once all files are in, the marked rows become etl_rejects and natural-key repeats
//     (ResourceId+ChargePeriodStart+ChargeCategory, within a file or across files) are found by rowid: the lowest
//     wins, as the first row in load order;
//   - one DELETE then removes the marked rows and the repeats. Nothing reads the table before that.
import { rm } from "node:fs/promises";
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, query } from "../db.js";
import { recordBatch, sha256File } from "./bookkeeping.js";
import { asText, beijingDateSql, billingColumnSql, placeholderSql, projectIdSql } from "./billing-sql.js";
import { openCsvBill, openParquetBill, type BillFile, type OpenedBill } from "./billing-file.js";
import { InboxError } from "./inbox-error.js";
import type { LoadReporter } from "./reporter.js";
import { lit } from "./sql-text.js";

export const BILLING_SOURCE = "cloud_billing";

const REJ = "temp._bill_rej";
const HEADERS = "temp._bill_headers";
const FILES = "temp._bill_files";
/** Starts source_file of a row to reject: no path starts with a control character. */
const MARK = "chr(1)";
const ERRORS_TYPE = `'[{"col":"VARCHAR","v":"VARCHAR","r":"VARCHAR"}]'`;

interface FileLoad {
  bill: BillFile;
  sha256: string;
  encoding: string;
  rowsRead: number;
  ms: number;
}

/** The INSERT of one file: every row, typed, bad ones marked. */
function insertSql(opened: OpenedBill, bill: BillFile): string {
  const parsed = opened.columns.map((c) => ({ c, ...billingColumnSql(c.focus, c.expr, c.type, bill.file) }));
  const byColumn = (name: string): (typeof parsed)[number] => parsed.find((p) => p.c.focus.column === name)!;
  const start = byColumn("charge_period_start");
  const end = byColumn("charge_period_end");
  const errors = parsed.map((p) => ({ col: p.c.focus.column, text: asText(p.c.expr, p.c.type), error: p.error }));
  errors.push({
    col: "charge_period_end",
    text: asText(end.c.expr, end.c.type),
    error: `CASE WHEN ${end.value} <= ${start.value} THEN ${lit("计费区间结束时间不晚于开始时间：")} || ${asText(end.c.expr, end.c.type)} END`,
  });
  const ok = `coalesce(${errors.map((e) => e.error).join(", ")}) IS NULL`;
  const structs = errors.map((e) => `{'col': ${lit(e.col)}, 'v': ${e.text}, 'r': ${e.error}}`).join(",\n ");
  const cols = [...parsed.map((p) => p.c.focus.column), "project_id", "charge_date", "source_file"];
  // Value and reason expressions share their casts inside one projection (DuckDB eliminates the common
  // subexpressions), and the reason list is only built for rows that fail.
  return `INSERT INTO stg_cloud_billing (${cols.map(ident).join(", ")})
    SELECT ${parsed.map((p) => placeholderSql(p.c.focus, p.value)).join(",\n ")},
      ${projectIdSql(byColumn("tags").value)},
      coalesce(${beijingDateSql(start.value)}, DATE '1970-01-01'),
      CASE WHEN ${ok} THEN $file
        ELSE ${MARK} || to_json(list_filter([${structs}], e -> e.r IS NOT NULL))::VARCHAR END
    FROM ${opened.relation}`;
}

function describeDuckDbError(err: unknown): string {
  return (err as Error).message.split("\n").slice(0, 3).join(" ").trim();
}

/** DuckDB's reader errors (malformed CSV, not a Parquet file, bad bytes) make the file unreadable; anything else
 *  (out of memory, a bug of ours) is not the file's fault and keeps its own error. */
function isReadError(err: unknown): boolean {
  return /Invalid Input Error|CSV Error|Invalid unicode/i.test((err as Error).message);
}

async function insertFile(conn: DuckDBConnection, bill: BillFile, opened: OpenedBill): Promise<number> {
  const [row] = await query(conn, insertSql(opened, bill), { ...opened.params, file: bill.file });
  return Number(row.Count);
}

async function loadOneFile(
  conn: DuckDBConnection,
  idx: number,
  bill: BillFile,
  firstRowid: number,
  scratch: () => Promise<string>,
): Promise<FileLoad> {
  const t0 = Date.now();
  // Hashing streams the file in JS while DuckDB scans it on its own threads.
  const hashing = sha256File(bill.fullPath);
  hashing.catch(() => undefined);
  let opened = bill.format === "csv" ? await openCsvBill(bill, idx, scratch) : await openParquetBill(conn, bill);
  let rowsRead: number;
  try {
    rowsRead = await insertFile(conn, bill, opened);
  } catch (err) {
    if (err instanceof InboxError) throw err;
    // The encoding was guessed from the first MiB; a GBK character further down shows up here. The failed INSERT
    // wrote nothing, so the file can simply be read again from a UTF-8 copy.
    if (bill.format === "csv" && opened.encoding !== "gb18030" && /invalid unicode/i.test((err as Error).message)) {
      opened = await openCsvBill(bill, idx, scratch, true);
      try {
        rowsRead = await insertFile(conn, bill, opened);
      } catch (retryErr) {
        if (!isReadError(retryErr)) throw retryErr;
        throw new InboxError(bill.file, `无法解析：${describeDuckDbError(retryErr)}`);
      }
    } else {
      if (!isReadError(err)) throw err;
      throw new InboxError(bill.file, `无法解析：${describeDuckDbError(err)}`);
    }
  }
  if (opened.tempCopy) await rm(opened.tempCopy, { force: true });
  for (const c of opened.columns) {
    await conn.run(`INSERT INTO ${HEADERS} VALUES ($idx, $col, $header)`, { idx, col: c.focus.column, header: c.header });
  }
  await conn.run(`INSERT INTO ${FILES} VALUES ($idx, $file, $first, $read)`, {
    idx,
    file: bill.file,
    first: firstRowid,
    read: rowsRead,
  });
  return { bill, sha256: await hashing, encoding: opened.encoding, rowsRead, ms: Date.now() - t0 };
}

/** Turns marked rows and natural-key repeats into rejects, then deletes them (see the header comment). */
async function settleRejects(conn: DuckDBConnection): Promise<void> {
  const [check] = await query(
    conn,
    `SELECT count(*) AS n, coalesce(max(rowid) + 1, 0) AS m, (SELECT coalesce(sum(rows_read), 0) FROM ${FILES}) AS read
     FROM stg_cloud_billing`,
  );
  if (check.n !== check.m || Number(check.n) !== Number(check.read)) {
    // Row numbers are derived from dense rowids in insertion order; refuse rather than misreport.
    throw new Error(`stg_cloud_billing rowids are not dense (rows ${check.n}, max rowid + 1 ${check.m})`);
  }
  await conn.run(`
    INSERT INTO ${REJ} (file_idx, rn, col, value, reason)
    SELECT f.file_idx, m.rid - f.first_rid + 1, m.col, m.v, m.r
    FROM (
      SELECT rowid AS rid, unnest(from_json(substr(source_file, 2), ${ERRORS_TYPE}), recursive := true)
      FROM stg_cloud_billing WHERE starts_with(source_file, ${MARK})) m
    JOIN ${FILES} f ON m.rid >= f.first_rid AND m.rid < f.first_rid + f.rows_read;

    -- Repeats: first a cheap pass on one 64-bit hash of the key, then exact keys among the few candidates.
    CREATE OR REPLACE TEMP TABLE _bill_dups AS
    WITH candidate AS (
      SELECT hash(resource_id, charge_period_start, charge_category) AS h
      FROM stg_cloud_billing GROUP BY h HAVING count(*) > 1),
    good AS (
      SELECT rowid AS rid, resource_id, charge_period_start, charge_category
      FROM stg_cloud_billing
      WHERE hash(resource_id, charge_period_start, charge_category) IN (SELECT h FROM candidate)
        AND NOT starts_with(source_file, ${MARK}))
    SELECT rid,
      min(rid) OVER (PARTITION BY resource_id, charge_period_start, charge_category) AS first_rid,
      concat_ws('/', coalesce(resource_id, ''), strftime(charge_period_start, '%Y-%m-%dT%H:%M:%SZ'),
                charge_category) AS key_text
    FROM good;

    INSERT INTO ${REJ} (file_idx, rn, col, value, reason)
    SELECT lf.file_idx, d.rid - lf.first_rid + 1, NULL, d.key_text,
      ${lit("自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = ")} || d.key_text || '，与'
        || CASE WHEN ff.file_idx = lf.file_idx THEN '' ELSE ' ' || ff.file || ' ' END
        || '第 ' || (d.first_rid - ff.first_rid + 1) || ' 行重复'
    FROM _bill_dups d
    JOIN ${FILES} lf ON d.rid >= lf.first_rid AND d.rid < lf.first_rid + lf.rows_read
    JOIN ${FILES} ff ON d.first_rid >= ff.first_rid AND d.first_rid < ff.first_rid + ff.rows_read
    WHERE d.rid <> d.first_rid;

    DELETE FROM stg_cloud_billing
    WHERE starts_with(source_file, ${MARK}) OR rowid IN (SELECT rid FROM _bill_dups WHERE rid <> first_rid);`);
}

export async function loadCloudBilling(
  conn: DuckDBConnection,
  bills: BillFile[],
  reporter: LoadReporter,
  scratch: () => Promise<string>,
): Promise<void> {
  const [{ n: existing }] = await query(conn, "SELECT count(*) AS n FROM stg_cloud_billing");
  if (Number(existing) !== 0) throw new Error("stg_cloud_billing must be empty before a load");
  const [{ keep }] = await query(conn, "SELECT current_setting('preserve_insertion_order') AS keep");
  await conn.run("SET preserve_insertion_order = true"); // row numbers and first-wins rely on file order
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE _bill_rej (file_idx INTEGER, rn BIGINT, col VARCHAR, value VARCHAR, reason VARCHAR);
    CREATE OR REPLACE TEMP TABLE _bill_headers (file_idx INTEGER, col VARCHAR, header VARCHAR);
    CREATE OR REPLACE TEMP TABLE _bill_files (file_idx INTEGER, file VARCHAR, first_rid BIGINT, rows_read BIGINT);`);
  try {
    reporter.start(BILLING_SOURCE, 0);
    const loads: FileLoad[] = [];
    let offset = 0;
    for (const [idx, bill] of bills.entries()) {
      const load = await loadOneFile(conn, idx, bill, offset, scratch);
      offset += load.rowsRead;
      loads.push(load);
      reporter.progress(BILLING_SOURCE, offset);
    }
    const settleStart = Date.now();
    await settleRejects(conn);
    reporter.info(`${BILLING_SOURCE}：${bills.length} 个文件共 ${offset} 行已写入；拒收与重复键核对用时 ${Date.now() - settleStart} ms`, {
      files: bills.length,
      rows: offset,
      settleMs: Date.now() - settleStart,
    });

    await conn.run(`
      INSERT INTO etl_rejects (file, source, row_number, column_name, value, reason)
      SELECT f.file, ${lit(BILLING_SOURCE)}, r.rn, h.header, r.value, r.reason
      FROM ${REJ} r JOIN ${FILES} f USING (file_idx)
      LEFT JOIN ${HEADERS} h ON h.file_idx = r.file_idx AND h.col = r.col
      ORDER BY r.file_idx, r.rn, r.col NULLS FIRST`);
    const counts = await query(
      conn,
      `SELECT f.file_idx, (SELECT count(DISTINCT rn) FROM ${REJ} r WHERE r.file_idx = f.file_idx) AS rejected
       FROM ${FILES} f ORDER BY f.file_idx`,
    );
    for (const [i, load] of loads.entries()) {
      const rowsRejected = Number(counts[i].rejected);
      const summary = {
        source: BILLING_SOURCE,
        file: load.bill.file,
        rowsRead: load.rowsRead,
        rowsLoaded: load.rowsRead - rowsRejected,
        rowsRejected,
      };
      await recordBatch(conn, { ...summary, sha256: load.sha256, encoding: load.encoding });
      reporter.file({ ...summary, ms: load.ms });
    }
  } finally {
    await conn.run(`SET preserve_insertion_order = ${keep === true || keep === "true" ? "true" : "false"}`);
    for (const t of ["_bill_rej", "_bill_headers", "_bill_files", "_bill_dups"]) {
      await conn.run(`DROP TABLE IF EXISTS temp.${ident(t)}`);
    }
  }
}
