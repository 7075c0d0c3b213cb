// Loads one small source (a CSV, a sheet of projects.xlsx, systems.json) end to end: raw hand-over, SQL validation,
// bookkeeping, report.
import type { DuckDBConnection } from "@duckdb/node-api";
import { recordBatch } from "./bookkeeping.js";
import { dropRawTables, writeRawTables, type RawInput } from "./raw-table.js";
import type { LoadReporter } from "./reporter.js";
import type { SourceSpec } from "./sources.js";
import { validateAndLoad, type LoadCounts } from "./validate.js";

export interface TableLoad {
  spec: SourceSpec;
  /** The name etl_batches and etl_rejects use: the path, plus #sheet for a sheet of a workbook. */
  file: string;
  input: RawInput;
  sha256: string;
  encoding: string;
  startedAt: number;
}

export async function loadTableSource(
  conn: DuckDBConnection,
  load: TableLoad,
  reporter: LoadReporter,
): Promise<LoadCounts> {
  const { spec, file, input } = load;
  reporter.start(spec.source, input.rows.length);
  await writeRawTables(conn, input);
  const counts = await validateAndLoad(conn, spec, input.columns, file);
  await dropRawTables(conn);
  if (counts.rowsRead !== counts.rowsLoaded + counts.rowsRejected) {
    throw new Error(`${file}: rows read ${counts.rowsRead} ≠ loaded ${counts.rowsLoaded} + rejected ${counts.rowsRejected}`);
  }
  await recordBatch(conn, { source: spec.source, file, sha256: load.sha256, encoding: load.encoding, ...counts });
  reporter.progress(spec.source, counts.rowsRead);
  reporter.file({ source: spec.source, file, ...counts, ms: Date.now() - load.startedAt });
  return counts;
}
