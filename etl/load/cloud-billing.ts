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
// A CSV line that does not parse (too many or too few fields, a quote never closed) never reaches the table: DuckDB
// sets it aside (store_rejects, see billing-file.ts) and the rest of the file loads. Each such line becomes a
// rejected row naming its row number, its text and what is wrong; the rows inserted around it are renumbered with
// it in mind (a row's number is its rowid offset + the lines set aside before it), so rows read = rows inserted +
// lines set aside, and every file balances as any other source does.
import { rm, stat } from "node:fs/promises";
import { listValue, type DuckDBConnection } from "@duckdb/node-api";
import { ident, query } from "../db.js";
import { recordBatch, sha256File } from "./bookkeeping.js";
import { asText, beijingDateSql, billingColumnSql, placeholderSql, projectIdSql } from "./billing-sql.js";
import {
  CSV_ERRORS_TABLE,
  dropCsvRejectTables,
  openCsvBill,
  openParquetBill,
  type BillFile,
  type OpenedBill,
} from "./billing-file.js";
import { blankLines } from "./csv-lines.js";
import { InboxError } from "./inbox-error.js";
import type { LoadReporter } from "./reporter.js";
import { lit } from "./sql-text.js";

export const BILLING_SOURCE = "cloud_billing";

const REJ = "temp._bill_rej";
const HEADERS = "temp._bill_headers";
const FILES = "temp._bill_files";
/** The CSV lines DuckDB set aside, one per rejected row: rn is the row number, g the rows inserted before it. */
const PARSE = "temp._bill_parse";
/** Per file, for each distinct g, how many set-aside lines have at most that g: turns a rowid offset k (the k-th
 *  inserted row) into a row number, k + the lines set aside before it (ASOF join on the greatest g < k). */
const STEPS = "temp._bill_steps";
const BLANKS = "temp._bill_blanks";
/** As the small CSV files show a bad row (csv-reader.ts). */
const SHOWN_CHARS = 200;
/** Starts source_file of a row to reject: no path starts with a control character. */
const MARK = "chr(1)";
const ERRORS_TYPE = `'[{"col":"VARCHAR","v":"VARCHAR","r":"VARCHAR"}]'`;

interface FileLoad {
  bill: BillFile;
  sha256: string;
  encoding: string;
  /** Rows written to stg_cloud_billing (good or marked). */
  rowsInserted: number;
  /** Rows inserted + CSV lines set aside as unparseable. */
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
    // Only between two valid instants: an end already rejected for itself (out of range) is not reported twice.
    error: `CASE WHEN ${end.error} IS NULL AND ${start.error} IS NULL AND ${end.value} <= ${start.value}
      THEN ${lit("计费区间结束时间不晚于开始时间：")} || ${asText(end.c.expr, end.c.type)} END`,
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

/** What one scan of a file gave: the rows inserted, or (CSV) that it must be read again as GB18030. */
type Inserted = { inserted: number; setAside: number } | { retryAsGb18030: true };

/**
 * Scans the file into stg_cloud_billing inside a transaction. For a CSV, the lines DuckDB set aside become rows of
 * _bill_parse; an invalid UTF-8 byte is one of them, and means the encoding guessed from the first MiB was wrong: the
 * transaction is rolled back (rowids stay dense) and the caller reads the file again from a UTF-8 copy.
 */
async function insertFile(conn: DuckDBConnection, idx: number, bill: BillFile, opened: OpenedBill): Promise<Inserted> {
  if (opened.csv) await dropCsvRejectTables(conn);
  await conn.run("BEGIN TRANSACTION");
  try {
    const [row] = await query(conn, insertSql(opened, bill), { ...opened.params, file: bill.file });
    const inserted = Number(row.Count);
    let setAside = 0;
    if (opened.csv) {
      const [errs] = await query(
        conn,
        `SELECT count(DISTINCT line) AS lines, count(*) FILTER (WHERE error_type = 'INVALID ENCODING') AS encoding,
           max(line) AS last_line, max(coalesce(byte_position, line_byte_position)) AS last_byte
         FROM temp.${ident(CSV_ERRORS_TABLE)}`,
      );
      if (Number(errs.encoding) > 0 && opened.encoding !== "gb18030") {
        await conn.run("ROLLBACK");
        await dropCsvRejectTables(conn);
        return { retryAsGb18030: true };
      }
      if (Number(errs.encoding) > 0) throw new InboxError(bill.file, "无法识别的编码：既不是 UTF-8，也不是 GBK/GB18030");
      setAside = Number(errs.lines);
      if (setAside > 0) {
        // Without a byte position the blank-line check reads the whole file.
        const lastByte = errs.last_byte === null ? Infinity : Number(errs.last_byte);
        await recordSetAside(conn, idx, bill, opened, inserted, Number(errs.last_line), lastByte);
      }
      await dropCsvRejectTables(conn);
    }
    await conn.run("COMMIT");
    return { inserted, setAside };
  } catch (err) {
    await conn.run("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

/**
 * The lines of one CSV bill DuckDB set aside → _bill_parse, one row each, numbered as the contract numbers rows.
 * DuckDB writes one reject per surplus or missing field of a line; grouped by line, the smallest count found is the
 * fields of a short line and the largest those of a long one. Its line numbers count the header and blank lines,
 * our rows do not: row = line − header line − blank lines since the header.
 */
async function recordSetAside(
  conn: DuckDBConnection,
  idx: number,
  bill: BillFile,
  opened: OpenedBill,
  inserted: number,
  lastLine: number,
  lastByte: number,
): Promise<void> {
  const csv = opened.csv!;
  const blanks = await blankLines(csv.readPath, csv.headerLine, lastLine, lastByte + 2);
  if (blanks.length > 0) {
    await conn.run(`INSERT INTO ${BLANKS} SELECT $idx, unnest($lines::BIGINT[])`, { idx, lines: listValue(blanks) });
  }
  const { size } = await stat(csv.readPath);
  const width = csv.width;
  await conn.run(
    `INSERT INTO ${PARSE} (file_idx, line, rn, value, reason)
     WITH e AS (
       SELECT line, any_value(line_byte_position) AS line_start, any_value(csv_line) AS csv_line,
         bool_or(error_type = 'UNQUOTED VALUE') AS quote, bool_or(error_type = 'TOO MANY COLUMNS') AS long,
         bool_or(error_type = 'MISSING COLUMNS') AS short, bool_or(error_type = 'LINE SIZE OVER MAXIMUM') AS huge,
         min(found) FILTER (WHERE error_type = 'MISSING COLUMNS') AS short_found,
         max(found) FILTER (WHERE error_type = 'TOO MANY COLUMNS') AS long_found,
         any_value(error_message) AS message
       FROM (SELECT *, try_cast(regexp_extract(error_message, 'Found: (\\d+)', 1) AS BIGINT) AS found
             FROM temp.${ident(CSV_ERRORS_TABLE)})
       GROUP BY line),
     b AS (SELECT line, row_number() OVER (ORDER BY line) AS before FROM ${BLANKS} WHERE file_idx = $idx)
     SELECT $idx, e.line, e.line - $header - coalesce(b.before, 0),
       left(ltrim(e.csv_line, chr(13) || chr(10)), ${SHOWN_CHARS}),
       CASE
         WHEN e.quote AND e.line_start + strlen(e.csv_line) >= $size - 2
           THEN ${lit("引号没有闭合：该行在文件末尾被截断")}
         WHEN e.quote THEN ${lit("引号不成对：该行的引号没有正确闭合")}
         WHEN e.long THEN ${lit("列数多于表头：该行有 ")} || coalesce(e.long_found::VARCHAR, '更多') || ${lit(` 列，表头只有 ${width} 列`)}
         WHEN e.short THEN ${lit("列数不足：该行只有 ")} || coalesce(e.short_found::VARCHAR, '更少')
           || ${lit(` 列，表头有 ${width} 列（行被截断？）`)}
         WHEN e.huge THEN ${lit("该行过长，无法读取（单行超过 2 MB）")}
         ELSE ${lit("该行无法按 CSV 读取：")} || e.message
       END
     FROM e ASOF LEFT JOIN b ON e.line > b.line`,
    { idx, header: csv.headerLine, size },
  );
  // Row numbers must rise strictly with the lines and leave room for the inserted rows around them; if the blank
  // line count went wrong (a malformed quote confusing the scan), refuse rather than misnumber rows.
  const [check] = await query(
    conn,
    `SELECT count(*) FILTER (WHERE rn <= coalesce(prev, 0)) AS bad, coalesce(max(rn - pos), 0) AS before_last
     FROM (SELECT rn, lag(rn) OVER (ORDER BY line) AS prev, row_number() OVER (ORDER BY line) AS pos
           FROM ${PARSE} WHERE file_idx = $idx)`,
    { idx },
  );
  if (Number(check.bad) > 0 || Number(check.before_last) > inserted) {
    throw new InboxError(bill.file, "无法确定被拒行的行号（文件中既有空行又有不成对的引号）：请修正文件后重跑");
  }
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
  const scan = async (): Promise<Inserted> => {
    try {
      return await insertFile(conn, idx, bill, opened);
    } catch (err) {
      if (err instanceof InboxError) throw err;
      // DuckDB may still raise an invalid byte as an error rather than a set-aside line.
      if (bill.format === "csv" && opened.encoding !== "gb18030" && /invalid unicode/i.test((err as Error).message)) {
        return { retryAsGb18030: true };
      }
      if (!isReadError(err)) throw err;
      throw new InboxError(bill.file, `无法解析：${describeDuckDbError(err)}`);
    }
  };
  let result = await scan();
  if ("retryAsGb18030" in result) {
    // The encoding was guessed from the first MiB; a GBK character further down shows up here. Nothing was
    // written, so the file can simply be read again from a UTF-8 copy.
    opened = await openCsvBill(bill, idx, scratch, true);
    result = await scan();
    if ("retryAsGb18030" in result) {
      throw new InboxError(bill.file, "无法识别的编码：既不是 UTF-8，也不是 GBK/GB18030");
    }
  }
  if (opened.tempCopy) await rm(opened.tempCopy, { force: true });
  for (const c of opened.columns) {
    await conn.run(`INSERT INTO ${HEADERS} VALUES ($idx, $col, $header)`, { idx, col: c.focus.column, header: c.header });
  }
  const rowsRead = result.inserted + result.setAside;
  await conn.run(`INSERT INTO ${FILES} VALUES ($idx, $file, $first, $inserted, $read)`, {
    idx,
    file: bill.file,
    first: firstRowid,
    inserted: result.inserted,
    read: rowsRead,
  });
  return {
    bill,
    sha256: await hashing,
    encoding: opened.encoding,
    rowsInserted: result.inserted,
    rowsRead,
    ms: Date.now() - t0,
  };
}

/** SQL for the row number of the `k`-th row inserted from file `fileIdx` (see STEPS), through the ASOF join
 *  `alias` that rowNumberJoin adds. */
function rowNumberSql(k: string, alias: string): string {
  return `(${k} + coalesce(${alias}.cum, 0))`;
}

function rowNumberJoin(fileIdx: string, k: string, alias: string): string {
  return `ASOF LEFT JOIN ${STEPS} ${alias} ON ${fileIdx} = ${alias}.file_idx AND ${k} > ${alias}.g`;
}

/** Turns marked rows, natural-key repeats and set-aside CSV lines into rejects, then deletes the rows (see the
 *  header comment). */
async function settleRejects(conn: DuckDBConnection): Promise<void> {
  const [check] = await query(
    conn,
    `SELECT count(*) AS n, coalesce(max(rowid) + 1, 0) AS m,
       (SELECT coalesce(sum(rows_inserted), 0) FROM ${FILES}) AS inserted
     FROM stg_cloud_billing`,
  );
  if (check.n !== check.m || Number(check.n) !== Number(check.inserted)) {
    // Row numbers are derived from dense rowids in insertion order; refuse rather than misreport.
    throw new Error(`stg_cloud_billing rowids are not dense (rows ${check.n}, max rowid + 1 ${check.m})`);
  }
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE _bill_steps AS
    SELECT file_idx, g, max(pos) AS cum
    FROM (SELECT file_idx, rn - row_number() OVER (PARTITION BY file_idx ORDER BY rn) AS g,
            row_number() OVER (PARTITION BY file_idx ORDER BY rn) AS pos
          FROM ${PARSE})
    GROUP BY file_idx, g;

    INSERT INTO ${REJ} (file_idx, rn, col, value, reason)
    SELECT file_idx, rn, NULL, value, reason FROM ${PARSE};

    INSERT INTO ${REJ} (file_idx, rn, col, value, reason)
    SELECT m.file_idx, ${rowNumberSql("m.k", "s")}, m.col, m.v, m.r
    FROM (
      SELECT f.file_idx, e.rid - f.first_rid + 1 AS k, e.col, e.v, e.r
      FROM (
        SELECT rowid AS rid, unnest(from_json(substr(source_file, 2), ${ERRORS_TYPE}), recursive := true)
        FROM stg_cloud_billing WHERE starts_with(source_file, ${MARK})) e
      JOIN ${FILES} f ON e.rid >= f.first_rid AND e.rid < f.first_rid + f.rows_inserted) m
    ${rowNumberJoin("m.file_idx", "m.k", "s")};

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
    SELECT d.lf_idx, ${rowNumberSql("d.lk", "ls")}, NULL, d.key_text,
      ${lit("自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = ")} || d.key_text || '，与'
        || CASE WHEN d.ff_idx = d.lf_idx THEN '' ELSE ' ' || d.ff_file || ' ' END
        || '第 ' || ${rowNumberSql("d.fk", "fs")} || ' 行重复'
    FROM (
      SELECT lf.file_idx AS lf_idx, d.rid - lf.first_rid + 1 AS lk, ff.file_idx AS ff_idx, ff.file AS ff_file,
        d.first_rid - ff.first_rid + 1 AS fk, d.key_text
      FROM _bill_dups d
      JOIN ${FILES} lf ON d.rid >= lf.first_rid AND d.rid < lf.first_rid + lf.rows_inserted
      JOIN ${FILES} ff ON d.first_rid >= ff.first_rid AND d.first_rid < ff.first_rid + ff.rows_inserted
      WHERE d.rid <> d.first_rid) d
    ${rowNumberJoin("d.lf_idx", "d.lk", "ls")}
    ${rowNumberJoin("d.ff_idx", "d.fk", "fs")};

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
    CREATE OR REPLACE TEMP TABLE _bill_files
      (file_idx INTEGER, file VARCHAR, first_rid BIGINT, rows_inserted BIGINT, rows_read BIGINT);
    CREATE OR REPLACE TEMP TABLE _bill_parse (file_idx INTEGER, line BIGINT, rn BIGINT, value VARCHAR, reason VARCHAR);
    CREATE OR REPLACE TEMP TABLE _bill_blanks (file_idx INTEGER, line BIGINT);`);
  try {
    reporter.start(BILLING_SOURCE, 0);
    const loads: FileLoad[] = [];
    let offset = 0; // rows inserted so far: the next file's first rowid
    let read = 0;
    for (const [idx, bill] of bills.entries()) {
      const load = await loadOneFile(conn, idx, bill, offset, scratch);
      offset += load.rowsInserted;
      read += load.rowsRead;
      loads.push(load);
      reporter.progress(BILLING_SOURCE, read);
    }
    const settleStart = Date.now();
    await settleRejects(conn);
    reporter.info(`${BILLING_SOURCE}：${bills.length} 个文件共 ${read} 行已读取；拒收与重复键核对用时 ${Date.now() - settleStart} ms`, {
      files: bills.length,
      rows: read,
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
    await dropCsvRejectTables(conn);
    for (const t of ["_bill_rej", "_bill_headers", "_bill_files", "_bill_dups", "_bill_parse", "_bill_steps", "_bill_blanks"]) {
      await conn.run(`DROP TABLE IF EXISTS temp.${ident(t)}`);
    }
  }
}
