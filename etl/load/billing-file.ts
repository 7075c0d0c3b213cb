// Opens one bill file for SQL: which relation to scan, how each FOCUS column is reached in it and with what type.
// CSV is read by DuckDB with nothing left to its sniffer: the header is parsed here, and the scan is told exactly
// that many VARCHAR columns under positional names (so odd or repeated headers never reach SQL), the dialect (RFC
// 4180: comma, double quote) and how many blank lines precede the header. A sniffer guesses from a sample and can
// guess wrong: a one-row bill whose row had an 18th field was read as a file without that row, which vanished. A row
// that does not fit the header (too many or too few fields, a quote never closed) is set aside by DuckDB into a
// rejects table (store_rejects) while the rest of the file loads; cloud-billing.ts turns those into rejected rows.
// A GB18030 file is first rewritten as UTF-8 in the temp dir, since DuckDB reads UTF-8 only.
import { open } from "node:fs/promises";
import path from "node:path";
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { ident, query } from "../db.js";
import { FOCUS_COLUMNS, type FocusColumn } from "./billing-sql.js";
import { parseCsv } from "./csv-parse.js";
import { sniffEncoding, transcodeToUtf8 } from "./decode.js";
import { mapHeaders } from "./header-map.js";
import { InboxError } from "./inbox-error.js";
import type { ColumnSpec } from "./sources.js";

export interface BillFile {
  /** Relative to the inbox: cloud_billing/… */
  file: string;
  fullPath: string;
  format: "csv" | "parquet";
}

export interface BillColumn {
  focus: FocusColumn;
  /** SQL reaching the column inside the relation aliased `src`, or NULL when an optional column is absent. */
  expr: string;
  type: string;
  /** The header as written in the file. */
  header: string;
}

/** Where DuckDB puts the lines of a CSV bill that do not parse (one row per bad field, see cloud-billing.ts). */
export const CSV_ERRORS_TABLE = "_bill_csv_errors";
/** Where a CSV bill's rows wait, typed as text, while they are checked and summed (one temp table per file, named
 *  after its index): read_csv gives no row numbers, a temp table's rowids (in insertion order) do. */
export function csvStageTable(idx: number): string {
  return `_bill_csv_rows_${idx}`;
}
const CSV_SCANS_TABLE = "_bill_csv_scans";

export interface CsvLayout {
  /** The file DuckDB reads (the UTF-8 copy of a GB18030 bill). */
  readPath: string;
  /** DuckDB's line number of the header (1 + the blank lines before it). */
  headerLine: number;
  /** Fields in the header: what every row must have. */
  width: number;
}

/** The row counter every bill relation carries: the k-th row the scan gives (1-based), which is the row number
 *  once the CSV lines set aside before it are added (cloud-billing.ts). Not a FOCUS name, so no header meets it. */
export const ROW = "_xg_row";

export interface OpenedBill {
  encoding: string;
  columns: BillColumn[];
  /** The file's rows with their counter ROW, aliased src (for a CSV, the temp table it was staged into). */
  relation: string;
  /** The parameters relation binds, named after the file's index so that several files can meet in one query. */
  params: Record<string, DuckDBValue>;
  /** CSV only: the statement that stages the file into stageTable, and its parameters. */
  stage: { table: string; sql: string; params: Record<string, DuckDBValue> } | null;
  /** A UTF-8 copy written to the temp dir (GB18030 input), to delete once the file is loaded. */
  tempCopy: string | null;
  /** CSV only: the layout the scan was told, for numbering the rows it rejects. */
  csv: CsvLayout | null;
}

const AS_SPECS: ColumnSpec[] = FOCUS_COLUMNS.map((f) => ({
  header: f.name,
  column: f.column,
  kind: "text",
  optional: f.optional,
}));

async function readHead(fullPath: string, bytes: number): Promise<Buffer> {
  const handle = await open(fullPath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function columnsFrom(
  file: string,
  headers: readonly string[],
  expr: (index: number) => string,
  type: (index: number) => string,
): BillColumn[] {
  return mapHeaders(file, headers, AS_SPECS, { caseInsensitive: true }).map((m, i) => ({
    focus: FOCUS_COLUMNS[i],
    expr: m.index === null ? "NULL" : expr(m.index),
    type: m.index === null ? "NULL" : type(m.index),
    header: m.header,
  }));
}

export async function openCsvBill(
  bill: BillFile,
  idx: number,
  scratch: () => Promise<string>,
  forceTranscode = false,
): Promise<OpenedBill> {
  let encoding: string = await sniffEncoding(bill.file, bill.fullPath);
  if (forceTranscode) encoding = "gb18030";
  let readPath = bill.fullPath;
  if (encoding === "gb18030") {
    readPath = path.join(await scratch(), `bill-${idx}.utf8.csv`);
    await transcodeToUtf8(bill.file, bill.fullPath, readPath);
  }
  const head = (await readHead(readPath, 1 << 20)).toString("utf8").replace(/^\uFEFF/, "");
  const [header] = parseCsv(head);
  if (!header || header.unterminatedQuote) throw new InboxError(bill.file, "无法读取表头");
  // A trailing delimiter on the header line adds unnamed, empty columns (ignored by the header mapping); declaring
  // them would make every row without that delimiter "too short". DuckDB itself accepts a trailing delimiter on a
  // row, so either way the rows still fit.
  const fields = header.fields.slice();
  while (fields.length > 1 && fields[fields.length - 1].trim() === "") fields.pop();
  const columns = columnsFrom(bill.file, fields, (i) => `src.${ident(`c${i}`)}`, () => "VARCHAR");
  // The names are ours (c0, c1, …), so the struct can be spelt out in SQL; nothing from the file enters the text.
  const declared = `{${fields.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ")}}`;
  const skip = header.line - 1; // blank lines above the header, which parseCsv skipped
  const scan = `read_csv($path${idx}, auto_detect = false, header = true, skip = ${skip}, columns = ${declared},
    delim = ',', quote = '"', escape = '"', null_padding = false,
    store_rejects = true, rejects_table = '${CSV_ERRORS_TABLE}', rejects_scan = '${CSV_SCANS_TABLE}')`;
  return {
    encoding,
    columns,
    params: {},
    tempCopy: readPath === bill.fullPath ? null : readPath,
    relation: `(SELECT rowid + 1 AS ${ROW}, * FROM temp.${ident(csvStageTable(idx))}) src`,
    stage: {
      table: csvStageTable(idx),
      sql: `CREATE OR REPLACE TEMP TABLE ${ident(csvStageTable(idx))} AS SELECT * FROM ${scan}`,
      params: { [`path${idx}`]: readPath },
    },
    csv: { readPath, headerLine: header.line, width: fields.length },
  };
}

/** Drops the tables a CSV scan's store_rejects writes, before the next scan and once read. */
export async function dropCsvRejectTables(conn: DuckDBConnection): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS temp.${ident(CSV_ERRORS_TABLE)}; DROP TABLE IF EXISTS temp.${ident(CSV_SCANS_TABLE)};`);
}

export async function openParquetBill(conn: DuckDBConnection, bill: BillFile, idx: number): Promise<OpenedBill> {
  let schema: { column_name: string; column_type: string }[];
  try {
    schema = (await query(conn, "DESCRIBE SELECT * FROM read_parquet($path)", { path: bill.fullPath })) as typeof schema;
  } catch (err) {
    throw new InboxError(bill.file, `不是可读取的 Parquet 文件（${(err as Error).message.split("\n")[0]}）`);
  }
  const headers = schema.map((s) => s.column_name);
  const columns = columnsFrom(
    bill.file,
    headers,
    (i) => `src.${ident(headers[i])}`,
    (i) => schema[i].column_type,
  );
  if (headers.includes(ROW) || headers.includes("file_row_number")) {
    throw new InboxError(bill.file, `列名 ${ROW} / file_row_number 为本系统保留，不能出现在账单中`);
  }
  return {
    encoding: "parquet",
    columns,
    params: { [`path${idx}`]: bill.fullPath },
    tempCopy: null,
    relation: `(SELECT file_row_number + 1 AS ${ROW}, * FROM read_parquet($path${idx}, file_row_number = true)) src`,
    stage: null,
    csv: null,
  };
}
