// XLSX export with exceljs' streaming WorkbookWriter: one sheet per table, Chinese headers (labels.ts), the header
// row frozen and filterable, money columns (`_yuan`) as numbers formatted #,##0.00 (元), `_wan_yuan` columns as
// 万元, DATE as real Excel dates (yyyy-mm-dd), BOOLEAN as 是/否, lists joined with "；". Rows are committed chunk
// by chunk as DuckDB produces them, so a large table never sits in memory as JS objects.
//
// Excel stores every number as a binary double: money is written as a number so that it sums and sorts, and is
// exact for any amount below 10¹³ 元 with two decimals (15 significant digits). The CSV, Parquet and Arrow exports
// carry the exact DECIMAL. Text that a spreadsheet would run as a formula is neutralised (values.server.ts).
import { DuckDBTypeId, type DuckDBResult, type DuckDBType, type Json } from "@duckdb/node-api";
import ExcelJS from "exceljs";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { columnLabel } from "./labels";
import { chunksOf, jsonColumns, neutraliseFormula } from "./values.server";

/** Excel's sheet limit, header row included. */
export const XLSX_MAX_ROWS = 1_048_576;

export interface XlsxSheetSource {
  /** Sheet name (Chinese title); made unique and cut to Excel's 31 characters. */
  name: string;
  /** Opens the result when the sheet's turn comes (sheets are written one after another on one connection). */
  open(): Promise<DuckDBResult>;
}

type CellValue = string | number | Date | null;

interface ColumnWriter {
  header: string;
  width: number;
  numFmt?: string;
  cell(v: Json): CellValue;
}

function dateFromText(text: string): Date {
  // "2024-03-01" or "2024-03-01 08:30:00[.ffffff]": the calendar date and clock time as written, placed at UTC so
  // Excel's serial number is exactly that day (exceljs converts Dates via UTC).
  const m = /^(-?\d+)-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?)?/.exec(text);
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0"] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.slice(0, 3).padEnd(3, "0"))));
}

/** Display width of a header in Excel's character units (a CJK character is two). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFFF]/.test(ch) ? 2 : 1;
  return w;
}

function columnWriter(name: string, type: DuckDBType): ColumnWriter {
  const header = columnLabel(name);
  const base = Math.max(8, textWidth(header) + 2);
  switch (type.typeId) {
    case DuckDBTypeId.DECIMAL: {
      const money = name.endsWith("_yuan");
      const numFmt = name.endsWith("_wan_yuan")
        ? '#,##0.00"万元"'
        : money
          ? "#,##0.00"
          : type.scale > 0
            ? `0.${"0".repeat(type.scale)}`
            : "0";
      return { header, width: Math.max(base, money ? 18 : 12), numFmt, cell: (v) => (v === null ? null : Number(v)) };
    }
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
      // no thousands separator: years and codes are integers too
      return { header, width: Math.max(base, 8), numFmt: "0", cell: (v) => (v === null ? null : Number(v)) };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
      return {
        header,
        width: Math.max(base, 10),
        numFmt: "0",
        cell: (v) => (v === null ? null : Number.isSafeInteger(Number(v)) ? Number(v) : String(v)),
      };
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return { header, width: Math.max(base, 10), cell: (v) => (typeof v === "number" ? v : v === null ? null : String(v)) };
    case DuckDBTypeId.DATE:
      return { header, width: Math.max(base, 12), numFmt: "yyyy-mm-dd", cell: (v) => (v === null ? null : dateFromText(String(v))) };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return {
        header,
        width: Math.max(base, 20),
        numFmt: "yyyy-mm-dd hh:mm:ss",
        cell: (v) => (v === null ? null : dateFromText(String(v))),
      };
    case DuckDBTypeId.BOOLEAN:
      return { header, width: base, cell: (v) => (v === null ? null : v ? "是" : "否") };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return {
        header,
        width: Math.max(base, 24),
        cell: (v) => (v === null || (Array.isArray(v) && v.length === 0) ? null : Array.isArray(v) ? neutraliseFormula(v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join("；")) : neutraliseFormula(JSON.stringify(v))),
      };
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return { header, width: Math.min(60, Math.max(base, 16)), cell: (v) => (v === null ? null : neutraliseFormula(String(v))) };
    default:
      return { header, width: Math.max(base, 16), cell: (v) => (v === null ? null : neutraliseFormula(typeof v === "string" ? v : JSON.stringify(v))) };
  }
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "Sheet";
  let name = clean;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${clean.slice(0, 31 - String(i).length - 2)}（${i}）`;
  taken.add(name.toLowerCase());
  return name;
}

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Streams a workbook with one sheet per source. `onRows` counts data rows as they are committed. */
export async function* xlsxStream(
  sheets: readonly XlsxSheetSource[],
  options: { onRows?: (n: number) => void; creator?: string } = {},
): AsyncGenerator<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  let stopped = false;

  const produce = async (): Promise<void> => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = options.creator ?? "信管";
    const taken = new Set<string>();
    for (const source of sheets) {
      const result = await source.open();
      const names = result.deduplicatedColumnNames();
      const writers = result.columnTypes().map((t, i) => columnWriter(names[i], t));
      const sheet = workbook.addWorksheet(sheetName(source.name, taken), {
        views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
      });
      sheet.columns = writers.map((w, i) => ({ key: String(i), width: w.width, style: w.numFmt ? { numFmt: w.numFmt } : {} }));
      const header = sheet.addRow(writers.map((w) => w.header));
      header.font = { bold: true };
      header.alignment = { vertical: "middle" };
      header.commit();
      sheet.autoFilter = `A1:${columnLetter(writers.length)}1`;
      for await (const chunk of chunksOf(result)) {
        if (stopped) return;
        const columns = jsonColumns(chunk);
        const n = chunk.rowCount;
        for (let r = 0; r < n; r++) {
          const values: CellValue[] = new Array(writers.length);
          for (let c = 0; c < writers.length; c++) values[c] = writers[c].cell(columns[c][r]);
          sheet.addRow(values).commit();
        }
        options.onRows?.(n);
        // let the zip stream catch up, and wait while the client is slower than we are
        await new Promise((r) => setImmediate(r));
        if (out.writableNeedDrain) await Promise.race([once(out, "drain"), once(out, "close")]);
      }
      sheet.commit();
    }
    await workbook.commit();
  };

  const producing = produce().catch((err: unknown) => {
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  try {
    for await (const piece of out) yield piece as Uint8Array;
    await producing;
  } finally {
    stopped = true;
    out.destroy();
  }
}
