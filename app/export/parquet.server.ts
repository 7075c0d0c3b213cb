// Parquet export: DuckDB writes the file itself (COPY … TO … (FORMAT parquet)), so no row ever becomes a JS value;
// the file is then streamed to the client and deleted. Types are DuckDB's own Parquet mapping: DECIMAL(18,2) stays
// an exact decimal, DATE a date, lists are lists. Readers: pandas.read_parquet, pyarrow, arrow::read_parquet,
// DuckDB read_parquet.
import type { DuckDBConnection } from "@duckdb/node-api";
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BoundQuery } from "./request.server";

export interface ParquetFile {
  file: string;
  rows: number;
  bytes: number;
  /** The file's bytes; the file is deleted when the stream ends, fails or is abandoned. */
  stream(): AsyncGenerator<Uint8Array>;
  remove(): Promise<void>;
}

/** A SQL string literal for a path this module made up itself (never from a request). */
function pathLiteral(p: string): string {
  return `'${p.replaceAll("'", "''")}'`;
}

export async function writeParquet(conn: DuckDBConnection, query: BoundQuery): Promise<ParquetFile> {
  const file = path.join(os.tmpdir(), `xinguan-export-${process.pid}-${randomBytes(8).toString("hex")}.parquet`);
  const remove = () => rm(file, { force: true });
  try {
    const result = await conn.run(
      `COPY (${query.sql}) TO ${pathLiteral(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
      query.params,
    );
    const rows = Number(result.rowsChanged);
    const bytes = (await stat(file)).size;
    return {
      file,
      rows,
      bytes,
      remove,
      async *stream() {
        try {
          for await (const piece of createReadStream(file, { highWaterMark: 1 << 20 })) yield piece as Uint8Array;
        } finally {
          await remove();
        }
      },
    };
  } catch (err) {
    await remove();
    throw err;
  }
}
