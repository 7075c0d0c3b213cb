// CSV export (RFC 4180): UTF-8 with a byte-order mark so Excel and WPS open the Chinese correctly, comma-separated,
// CRLF line ends, a field quoted when it holds a comma, quote, CR or LF (quotes doubled). Header row: the column
// names (stable, what the API documents). Values exact: DECIMAL money as written in the warehouse ("1234567.80"),
// DATE as YYYY-MM-DD, lists as JSON arrays, NULL as an empty field and an empty string as "". Text that a
// spreadsheet would run as a formula is neutralised (values.server.ts). Streamed chunk by chunk.
import { DuckDBTypeId, type DuckDBResult, type Json } from "@duckdb/node-api";
import { chunksOf, jsonColumns, neutraliseFormula, utf8 } from "./values.server";

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) || text === "" ? `"${text.replaceAll('"', '""')}"` : text;
}

function cell(value: Json, isText: boolean): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return csvField(isText ? neutraliseFormula(value) : value);
  if (typeof value === "object") return csvField(JSON.stringify(value));
  return String(value);
}

export async function* csvStream(result: DuckDBResult, options: { onRows?: (n: number) => void } = {}): AsyncGenerator<Uint8Array> {
  const names = result.deduplicatedColumnNames();
  const isText = result.columnTypes().map((t) => t.typeId === DuckDBTypeId.VARCHAR || t.typeId === DuckDBTypeId.ENUM);
  yield utf8.encode("\uFEFF" + names.map((n) => csvField(n)).join(",") + "\r\n");
  for await (const chunk of chunksOf(result)) {
    const columns = jsonColumns(chunk);
    const n = chunk.rowCount;
    let out = "";
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < columns.length; c++) {
        if (c > 0) out += ",";
        out += cell(columns[c][r], isText[c]);
      }
      out += "\r\n";
    }
    yield utf8.encode(out);
    options.onRows?.(n);
  }
}
