// JSON export: one array of row objects, streamed chunk by chunk (`[`, rows, `]`), readable by pandas.read_json,
// jsonlite::fromJSON and JSON.parse. Values are the app's JSON-safe ones: DECIMAL (money) and BIGINT as exact
// strings, DATE as "YYYY-MM-DD", TIMESTAMP as "YYYY-MM-DD HH:MM:SS", lists as arrays.
import type { DuckDBResult } from "@duckdb/node-api";
import { chunksOf, jsonColumns, utf8 } from "./values.server";

export async function* jsonStream(result: DuckDBResult, options: { onRows?: (n: number) => void } = {}): AsyncGenerator<Uint8Array> {
  const names = result.deduplicatedColumnNames();
  let first = true;
  yield utf8.encode("[");
  for await (const chunk of chunksOf(result)) {
    const columns = jsonColumns(chunk);
    const n = chunk.rowCount;
    const lines: string[] = new Array(n);
    for (let r = 0; r < n; r++) {
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][r];
      lines[r] = JSON.stringify(row);
    }
    yield utf8.encode((first ? "\n" : ",\n") + lines.join(",\n"));
    first = false;
    options.onRows?.(n);
  }
  yield utf8.encode(first ? "]\n" : "\n]\n");
}
