// Opens one bill file for SQL: which relation to scan, how each FOCUS column is reached in it and with what type.
// CSV is read by DuckDB (all VARCHAR, positional names, so odd or repeated headers never reach SQL); a GB18030 file
// is first rewritten as UTF-8 in the temp dir, since DuckDB reads UTF-8 only.
import { open } from "node:fs/promises";
import path from "node:path";
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { listValue } from "@duckdb/node-api";
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

export interface OpenedBill {
  encoding: string;
  columns: BillColumn[];
  /** The table function reading the file, aliased src. */
  relation: string;
  params: Record<string, DuckDBValue>;
  /** A UTF-8 copy written to the temp dir (GB18030 input), to delete once the file is loaded. */
  tempCopy: string | null;
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
  const names = header.fields.map((_, i) => `c${i}`);
  const columns = columnsFrom(bill.file, header.fields, (i) => `src.${ident(`c${i}`)}`, () => "VARCHAR");
  const scan = `read_csv($path, names = $names, header = true, all_varchar = true, delim = ',', quote = '"',
    escape = '"', null_padding = false)`;
  return {
    encoding,
    columns,
    params: { path: readPath, names: listValue(names) },
    tempCopy: readPath === bill.fullPath ? null : readPath,
    relation: `${scan} src`,
  };
}

export async function openParquetBill(conn: DuckDBConnection, bill: BillFile): Promise<OpenedBill> {
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
  const scan = "read_parquet($path)";
  return {
    encoding: "parquet",
    columns,
    params: { path: bill.fullPath },
    tempCopy: null,
    relation: `${scan} src`,
  };
}
