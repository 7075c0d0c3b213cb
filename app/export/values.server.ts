// Shared by the text exports (CSV, JSON, XLSX): a DuckDB chunk's columns as JSON-safe values, converted column by
// column (DECIMAL, BIGINT, DATE and TIMESTAMP arrive as exact text: "1234567.80", "2024-03-01"), and the
// formula-injection guard for spreadsheet cells.
import { JsonDuckDBValueConverter, type DuckDBDataChunk, type DuckDBResult, type Json } from "@duckdb/node-api";

/** The chunk's columns, each as JSON-safe values; null for SQL NULL. */
export function jsonColumns(chunk: DuckDBDataChunk): Json[][] {
  const columns: Json[][] = [];
  for (let c = 0; c < chunk.columnCount; c++) columns.push(chunk.convertColumnValues(c, JsonDuckDBValueConverter) as Json[]);
  return columns;
}

/** Every data chunk of a streaming result, in order; stops at the first empty chunk. */
export async function* chunksOf(result: DuckDBResult): AsyncGenerator<DuckDBDataChunk> {
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    yield chunk;
  }
}

/**
 * A spreadsheet opens a cell that starts with = + - @ (or a tab / carriage return, which some spreadsheets strip
 * before looking) as a formula: "=HYPERLINK(…)" in a project name would run on the analyst's desktop. Such text is
 * prefixed with an apostrophe, the OWASP-recommended neutralisation; the rest of the text is kept as it was.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const utf8 = new TextEncoder();
