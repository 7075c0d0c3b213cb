// Cloud bills (Art. 23): up to tens of millions of rows over many CSV and Parquet files, so validation and casting
// run inside DuckDB and no row passes through JS. Writing a table is what costs (a plain scan of a Parquet bill is a
// tenth of writing it back), so each file is scanned a few times and written once, narrow
// (docs/decisions/009-bills-kept-as-read.md):
//   - a CSV is first staged as text into a temp table, whose rowids number its rows; a Parquet file numbers its own
//     (file_row_number). Either way each row carries its counter ROW;
//   - one scan checks every cell and counts the good rows, their distinct natural keys and the range of their
//     ChargePeriodStart; only if some row is bad does a second scan list its bad cells (temp _bill_bad);
//   - natural-key repeats (ResourceId+ChargePeriodStart+ChargeCategory) are looked for only where they can be: inside
//     a file whose distinct keys are fewer than its good rows, and between files whose ChargePeriodStart ranges
//     overlap (monthly bills never do). The first row in load order wins (files in path order, rows in file order);
//   - the good, first-seen rows go to stg_cloud_billing (one narrow row each) and stg_cloud_billing_month (summed
//     per project, resource, service and Beijing month) — bill-store.ts.
// A CSV line that does not parse (too many or too few fields, a quote never closed) never reaches the table: DuckDB
// sets it aside (store_rejects, see billing-file.ts) and the rest of the file loads. Each such line becomes a
// rejected row naming its row number, its text and what is wrong; the rows around it are numbered with it in mind
// (a row's number is its counter + the lines set aside before it), so rows read = rows loaded + rows rejected, and
// every file balances as any other source does.
import { rm, stat } from "node:fs/promises";
import { listValue, type DuckDBConnection } from "@duckdb/node-api";
import { ident, query } from "../db.js";
import { recordBatch, sha256File } from "./bookkeeping.js";
import { asText, beijingDateSql, billingColumnSql, projectIdSql } from "./billing-sql.js";
import {
  CSV_ERRORS_TABLE,
  ROW,
  csvStageTable,
  dropCsvRejectTables,
  openCsvBill,
  openParquetBill,
  type BillFile,
  type OpenedBill,
} from "./billing-file.js";
import { storeBillLines, type BillLinesSql } from "./bill-store.js";
import { blankLines } from "./csv-lines.js";
import { InboxError } from "./inbox-error.js";
import type { LoadReporter } from "./reporter.js";
import { lit } from "./sql-text.js";

export const BILLING_SOURCE = "cloud_billing";

const REJ = "temp._bill_rej";
const HEADERS = "temp._bill_headers";
const FILES = "temp._bill_files";
/** Bad cells: file, row counter, column, value, reason (one row per bad cell). */
const BAD = "temp._bill_bad";
/** Natural-key repeats: file and counter of the repeat, file and counter of the row it repeats, the key as text. */
const DUPS = "temp._bill_dups";
/** The CSV lines DuckDB set aside, one per rejected row: rn is the row number, g the rows inserted before it. */
const PARSE = "temp._bill_parse";
/** Per file, for each distinct g, how many set-aside lines have at most that g: turns a row counter k (the k-th
 *  row the scan gave) into a row number, k + the lines set aside before it (ASOF join on the greatest g < k). */
const STEPS = "temp._bill_steps";
const BLANKS = "temp._bill_blanks";
/** One file's rows with every value and check computed (see loadOneFile). */
const ROWS = "_bill_rows";
/** As the small CSV files show a bad row (csv-reader.ts). */
const SHOWN_CHARS = 200;
const ERRORS_TYPE = `'[{"col":"VARCHAR","v":"VARCHAR","r":"VARCHAR"}]'`;

interface FileLoad {
  idx: number;
  bill: BillFile;
  /** How to read the file again (for a CSV: where, and as what). */
  opened: OpenedBill;
  sha256: string;
  encoding: string;
  /** Rows the scan gave (good or bad). */
  rowsScanned: number;
  /** Rows scanned + CSV lines set aside as unparseable. */
  rowsRead: number;
  ms: number;
}

/** One bill's cells as SQL over its relation (aliased src): typed values and reasons. */
interface BillSql {
  value: (column: string) => string;
  /** Every bad cell as a list of {col, v, r} structs (NULL entries filtered out). */
  badCells: string;
  /** True when no cell of the row is bad. */
  ok: string;
}

function billSql(opened: OpenedBill, bill: BillFile): BillSql {
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
  const structs = errors.map((e) => `{'col': ${lit(e.col)}, 'v': ${e.text}, 'r': ${e.error}}`).join(",\n ");
  return {
    value: (column) => {
      if (column === "project_id") return projectIdSql(byColumn("tags").value);
      if (column === "charge_date") return beijingDateSql(start.value);
      return byColumn(column).value;
    },
    badCells: `list_filter([${structs}], e -> e.r IS NOT NULL)`,
    ok: `coalesce(${errors.map((e) => e.error).join(", ")}) IS NULL`,
  };
}

/** The natural key of a row (Art. 23 bills: one row per resource, charge period and category). */
function keySql(sql: BillSql): { resource: string; start: string; category: string } {
  return { resource: sql.value("resource_id"), start: sql.value("charge_period_start"), category: sql.value("charge_category") };
}

function describeDuckDbError(err: unknown): string {
  return (err as Error).message.split("\n").slice(0, 3).join(" ").trim();
}

/** DuckDB's reader errors (malformed CSV, not a Parquet file, bad bytes) make the file unreadable; anything else
 *  (out of memory, a bug of ours) is not the file's fault and keeps its own error. */
function isReadError(err: unknown): boolean {
  return /Invalid Input Error|CSV Error|Invalid unicode/i.test((err as Error).message);
}

/** What staging a CSV gave: the rows DuckDB parsed and the lines it set aside, or that it must be read again as
 *  GB18030. */
type Staged = { rows: number; setAside: number } | { retryAsGb18030: true };

/**
 * Stages a CSV bill as text into CSV_STAGE_TABLE. The lines DuckDB set aside become rows of _bill_parse; an invalid
 * UTF-8 byte is one of them, and means the encoding guessed from the first MiB was wrong: the caller reads the file
 * again from a UTF-8 copy.
 */
async function stageCsv(conn: DuckDBConnection, idx: number, bill: BillFile, opened: OpenedBill): Promise<Staged> {
  const stage = opened.stage!;
  await dropCsvRejectTables(conn);
  await conn.run(stage.sql, stage.params);
  const [{ n }] = await query(conn, `SELECT count(*) AS n FROM temp.${ident(stage.table)}`);
  const rows = Number(n);
  const [errs] = await query(
    conn,
    `SELECT count(DISTINCT line) AS lines, count(*) FILTER (WHERE error_type = 'INVALID ENCODING') AS encoding,
       max(line) AS last_line, max(coalesce(byte_position, line_byte_position)) AS last_byte
     FROM temp.${ident(CSV_ERRORS_TABLE)}`,
  );
  if (Number(errs.encoding) > 0 && opened.encoding !== "gb18030") {
    await dropCsvRejectTables(conn);
    await conn.run(`DROP TABLE IF EXISTS temp.${ident(stage.table)}`);
    return { retryAsGb18030: true };
  }
  if (Number(errs.encoding) > 0) throw new InboxError(bill.file, "无法识别的编码：既不是 UTF-8，也不是 GBK/GB18030");
  const setAside = Number(errs.lines);
  if (setAside > 0) {
    // Without a byte position the blank-line check reads the whole file.
    const lastByte = errs.last_byte === null ? Infinity : Number(errs.last_byte);
    await recordSetAside(conn, idx, bill, opened, rows, Number(errs.last_line), lastByte);
  }
  await dropCsvRejectTables(conn);
  return { rows, setAside };
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

/** Runs one step that reads a bill, turning DuckDB's reader errors into the file's own error. */
async function reading<T>(bill: BillFile, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof InboxError || !isReadError(err)) throw err;
    throw new InboxError(bill.file, `无法解析：${describeDuckDbError(err)}`);
  }
}

/** Opens a bill; a CSV is staged into its temp table (read again as GB18030 if a byte shows UTF-8 was wrong). */
async function openBill(
  conn: DuckDBConnection,
  idx: number,
  bill: BillFile,
  scratch: () => Promise<string>,
): Promise<{ opened: OpenedBill; setAside: number }> {
  if (bill.format === "parquet") return { opened: await openParquetBill(conn, bill, idx), setAside: 0 };
  let opened = await openCsvBill(bill, idx, scratch);
  const stage = (): Promise<Staged> =>
    reading(bill, () => stageCsv(conn, idx, bill, opened)).catch((err: unknown) => {
      // DuckDB may raise an invalid byte as an error rather than a set-aside line.
      if (opened.encoding !== "gb18030" && /invalid unicode/i.test((err as Error).message)) {
        return { retryAsGb18030: true } as const;
      }
      throw err;
    });
  let staged = await stage();
  if ("retryAsGb18030" in staged) {
    // The encoding was guessed from the first MiB; a GBK character further down shows up here. Nothing was
    // kept, so the file is simply read again from a UTF-8 copy.
    await conn.run(`DELETE FROM ${PARSE} WHERE file_idx = $idx; DELETE FROM ${BLANKS} WHERE file_idx = $idx`, { idx });
    opened = await openCsvBill(bill, idx, scratch, true);
    staged = await stage();
    if ("retryAsGb18030" in staged) throw new InboxError(bill.file, "无法识别的编码：既不是 UTF-8，也不是 GBK/GB18030");
  }
  return { opened, setAside: staged.setAside };
}

/** An earlier file read again (its keys, for repeats in a later file): a CSV is staged again under its own name.
 *  The same scan with the same dialect sets aside the same lines, so its rows get the same counters. */
async function reopen(conn: DuckDBConnection, opened: OpenedBill): Promise<void> {
  if (!opened.stage) return;
  await dropCsvRejectTables(conn);
  await conn.run(opened.stage.sql, opened.stage.params);
  await dropCsvRejectTables(conn);
}

async function dropStage(conn: DuckDBConnection, opened: OpenedBill): Promise<void> {
  if (opened.stage) await conn.run(`DROP TABLE IF EXISTS temp.${ident(opened.stage.table)}`);
}

/** The good rows' keys of a file as (file_idx, k, rid, st, cat). */
function keysSql(idx: number, opened: OpenedBill, bill: BillFile, where = "true"): string {
  const sql = billSql(opened, bill);
  const key = keySql(sql);
  return `SELECT ${idx} AS file_idx, k, rid, st, cat FROM (
      SELECT src.${ROW} AS k, ${sql.ok} AS ok, ${key.resource} AS rid, ${key.start} AS st, ${key.category} AS cat
      FROM ${opened.relation})
    WHERE ok AND ${where}`;
}

/** Repeats of the natural key among this file's good rows, against itself and the earlier files whose charge
 *  periods overlap its own → DUPS. Returns how many rows of this file repeat an earlier one. */
async function findRepeats(
  conn: DuckDBConnection,
  idx: number,
  bill: BillFile,
  opened: OpenedBill,
  earlier: FileLoad[],
): Promise<number> {
  const range = `st BETWEEN (SELECT first_start FROM ${FILES} WHERE file_idx = ${idx})
    AND (SELECT last_start FROM ${FILES} WHERE file_idx = ${idx})`;
  const parts = [keysSql(idx, opened, bill)]; // a CSV's own stage is still there (loadOneFile drops it after)
  let params = { ...opened.params };
  for (const load of earlier) {
    await reopen(conn, load.opened);
    parts.push(keysSql(load.idx, load.opened, load.bill, range));
    params = { ...params, ...load.opened.params };
  }
  const [row] = await query(
    conn,
    `INSERT INTO ${DUPS} (file_idx, k, first_idx, first_k, key_text)
     SELECT file_idx, k, first_idx, first_k,
       concat_ws('/', coalesce(rid, ''), strftime(st, '%Y-%m-%dT%H:%M:%SZ'), cat)
     FROM (
       SELECT *, first_value(file_idx) OVER w AS first_idx, first_value(k) OVER w AS first_k
       FROM (${parts.join("\nUNION ALL\n")})
       WINDOW w AS (PARTITION BY rid, st, cat ORDER BY file_idx, k))
     WHERE file_idx = ${idx} AND NOT (first_idx = file_idx AND first_k = k)`,
    params,
  );
  for (const load of earlier) await dropStage(conn, load.opened);
  return Number(row.Count);
}

async function loadOneFile(
  conn: DuckDBConnection,
  idx: number,
  bill: BillFile,
  loads: FileLoad[],
  scratch: () => Promise<string>,
): Promise<FileLoad> {
  const t0 = Date.now();
  // Hashing streams the file in JS while DuckDB scans it on its own threads.
  const hashing = sha256File(bill.fullPath);
  hashing.catch(() => undefined);
  const { opened, setAside } = await openBill(conn, idx, bill, scratch);
  const sql = billSql(opened, bill);
  const key = keySql(sql);

  // One scan computes every value and check once, into a temp table (memory, not the warehouse file): the facts,
  // the lines and the monthly sums are then read from it, so the Tags JSON and the casts are not redone.
  await reading(bill, () =>
    conn.run(
      `CREATE OR REPLACE TEMP TABLE ${ident(ROWS)} AS
       SELECT src.${ROW} AS k, ${sql.ok} AS ok, hash(${key.resource}, ${key.start}, ${key.category}) AS h,
         ${key.start} AS st, ${sql.value("project_id")} AS project_id, ${sql.value("resource_id")} AS resource_id,
         ${sql.value("service_name")} AS service_name, ${sql.value("charge_date")} AS charge_date,
         ${sql.value("billed_cost")} AS billed_cost, ${sql.value("effective_cost")} AS effective_cost,
         ${sql.value("cpu_utilization")} AS cpu_utilization
       FROM ${opened.relation}`,
      opened.params,
    ),
  );
  await conn.run(
    `INSERT INTO ${FILES}
     SELECT $idx, $file, count(*), count(*) + $set_aside, count(*) FILTER (WHERE NOT ok),
       count(DISTINCT h) FILTER (WHERE ok), min(st) FILTER (WHERE ok), max(st) FILTER (WHERE ok)
     FROM temp.${ident(ROWS)}`,
    { idx, file: bill.file, set_aside: setAside },
  );
  const [facts] = await query(conn, `SELECT rows_scanned, bad, keys FROM ${FILES} WHERE file_idx = $idx`, { idx });
  const scanned = Number(facts.rows_scanned);
  const bad = Number(facts.bad);
  if (bad > 0) {
    // Rare: the bad cells, each with its reason, from the file again.
    await reading(bill, async () => {
      await conn.run(
        `INSERT INTO ${BAD} (file_idx, k, col, value, reason)
         SELECT $idx, k, e.col, e.v, e.r
         FROM (SELECT src.${ROW} AS k, unnest(${sql.badCells}) AS e FROM ${opened.relation} WHERE NOT (${sql.ok}))`,
        { ...opened.params, idx },
      );
    });
  }

  // Repeats can only be where distinct keys are fewer than good rows, or in earlier files over the same periods.
  const [{ overlapping }] = await query(
    conn,
    `SELECT list(o.file_idx ORDER BY o.file_idx) AS overlapping
     FROM ${FILES} f JOIN ${FILES} o ON o.file_idx < f.file_idx
       AND o.first_start <= f.last_start AND o.last_start >= f.first_start
     WHERE f.file_idx = $idx`,
    { idx },
  );
  const earlier = ((overlapping as number[] | null) ?? []).map((i) => loads[Number(i)]);
  const repeats =
    Number(facts.keys) < scanned - bad || earlier.length > 0
      ? await reading(bill, () => findRepeats(conn, idx, bill, opened, earlier))
      : 0;

  await dropStage(conn, opened);

  // The good, first-seen rows, written once.
  const skip = repeats > 0 ? `AND k NOT IN (SELECT k FROM ${DUPS} WHERE file_idx = $idx)` : "";
  const lines: BillLinesSql = {
    select: `SELECT $file AS source_file, project_id, resource_id, service_name, charge_date, billed_cost,
        effective_cost, cpu_utilization
      FROM temp.${ident(ROWS)} WHERE ok ${skip}`,
    params: { file: bill.file, ...(skip ? { idx } : {}) },
  };
  const stored = await reading(bill, () => storeBillLines(conn, lines));
  const [{ excluded }] = await query(
    conn,
    `SELECT count(DISTINCT k) AS excluded FROM (SELECT k FROM ${BAD} WHERE file_idx = $idx UNION ALL
       SELECT k FROM ${DUPS} WHERE file_idx = $idx)`,
    { idx },
  );
  if (stored !== scanned - Number(excluded)) {
    // Rows read = loaded + rejected must hold exactly; refuse rather than misreport.
    throw new Error(`${bill.file}: ${scanned} rows scanned, ${excluded} rejected, but ${stored} stored`);
  }
  await conn.run(`DROP TABLE temp.${ident(ROWS)}`);
  for (const c of opened.columns) {
    await conn.run(`INSERT INTO ${HEADERS} VALUES ($idx, $col, $header)`, { idx, col: c.focus.column, header: c.header });
  }
  return {
    idx,
    bill,
    opened,
    sha256: await hashing,
    encoding: opened.encoding,
    rowsScanned: scanned,
    rowsRead: scanned + setAside,
    ms: Date.now() - t0,
  };
}

/** SQL for the row number of the `k`-th row the scan of file `fileIdx` gave (see STEPS), through the ASOF join
 *  `alias` that rowNumberJoin adds. */
function rowNumberSql(k: string, alias: string): string {
  return `(${k} + coalesce(${alias}.cum, 0))`;
}

function rowNumberJoin(fileIdx: string, k: string, alias: string): string {
  return `ASOF LEFT JOIN ${STEPS} ${alias} ON ${fileIdx} = ${alias}.file_idx AND ${k} > ${alias}.g`;
}

/** Set-aside lines, bad cells and repeats → _bill_rej, each under its row number. */
async function collectRejects(conn: DuckDBConnection): Promise<void> {
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
    SELECT b.file_idx, ${rowNumberSql("b.k", "s")}, b.col, b.value, b.reason
    FROM ${BAD} b ${rowNumberJoin("b.file_idx", "b.k", "s")};

    INSERT INTO ${REJ} (file_idx, rn, col, value, reason)
    SELECT d.file_idx, ${rowNumberSql("d.k", "ls")}, NULL, d.key_text,
      ${lit("自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = ")} || d.key_text || '，与'
        || CASE WHEN d.first_idx = d.file_idx THEN '' ELSE ' ' || f.file || ' ' END
        || '第 ' || ${rowNumberSql("d.first_k", "fs")} || ' 行重复'
    FROM ${DUPS} d JOIN ${FILES} f ON f.file_idx = d.first_idx
    ${rowNumberJoin("d.file_idx", "d.k", "ls")}
    ${rowNumberJoin("d.first_idx", "d.first_k", "fs")};`);
}

export async function loadCloudBilling(
  conn: DuckDBConnection,
  bills: BillFile[],
  reporter: LoadReporter,
  scratch: () => Promise<string>,
): Promise<void> {
  const [{ n: existing }] = await query(
    conn,
    "SELECT (SELECT count(*) FROM stg_cloud_billing) + (SELECT count(*) FROM stg_cloud_billing_month) AS n",
  );
  if (Number(existing) !== 0) throw new Error("stg_cloud_billing must be empty before a load");
  const [{ keep }] = await query(conn, "SELECT current_setting('preserve_insertion_order') AS keep");
  await conn.run("SET preserve_insertion_order = true"); // row counters and first-wins rely on file order
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE _bill_rej (file_idx INTEGER, rn BIGINT, col VARCHAR, value VARCHAR, reason VARCHAR);
    CREATE OR REPLACE TEMP TABLE _bill_headers (file_idx INTEGER, col VARCHAR, header VARCHAR);
    CREATE OR REPLACE TEMP TABLE _bill_files (file_idx INTEGER, file VARCHAR, rows_scanned BIGINT, rows_read BIGINT,
      bad BIGINT, keys BIGINT, first_start TIMESTAMP, last_start TIMESTAMP);
    CREATE OR REPLACE TEMP TABLE _bill_bad (file_idx INTEGER, k BIGINT, col VARCHAR, value VARCHAR, reason VARCHAR);
    CREATE OR REPLACE TEMP TABLE _bill_dups (file_idx INTEGER, k BIGINT, first_idx INTEGER, first_k BIGINT,
      key_text VARCHAR);
    CREATE OR REPLACE TEMP TABLE _bill_parse (file_idx INTEGER, line BIGINT, rn BIGINT, value VARCHAR, reason VARCHAR);
    CREATE OR REPLACE TEMP TABLE _bill_blanks (file_idx INTEGER, line BIGINT);`);
  const loads: FileLoad[] = [];
  try {
    reporter.start(BILLING_SOURCE, 0);
    let read = 0;
    for (const [idx, bill] of bills.entries()) {
      const load = await loadOneFile(conn, idx, bill, loads, scratch);
      read += load.rowsRead;
      loads.push(load);
      reporter.progress(BILLING_SOURCE, read);
    }
    const settleStart = Date.now();
    await collectRejects(conn);
    reporter.info(`${BILLING_SOURCE}：${bills.length} 个文件共 ${read} 行已读取；拒收行整理用时 ${Date.now() - settleStart} ms`, {
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
    for (const t of [ROWS, "_bill_rej", "_bill_headers", "_bill_files", "_bill_bad", "_bill_dups", "_bill_parse", "_bill_steps", "_bill_blanks"]) {
      await conn.run(`DROP TABLE IF EXISTS temp.${ident(t)}`);
    }
    for (const [idx, bill] of bills.entries()) {
      if (bill.format === "csv") await conn.run(`DROP TABLE IF EXISTS temp.${ident(csvStageTable(idx))}`);
    }
    for (const load of loads) if (load.opened.tempCopy) await rm(load.opened.tempCopy, { force: true });
  }
}
