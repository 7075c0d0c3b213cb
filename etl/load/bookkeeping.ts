// etl_batches: one row per file (or sheet) of the inbox, present or missing, so an analyst can always tell an empty
// mart caused by an absent file from one caused by rejected rows.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";

export type BatchStatus = "loaded" | "loaded_with_rejects" | "missing";

export interface Batch {
  source: string;
  file: string;
  sha256: string | null;
  encoding: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  message?: string | null;
  status?: BatchStatus;
}

export async function recordBatch(conn: DuckDBConnection, batch: Batch): Promise<void> {
  const status: BatchStatus = batch.status ?? (batch.rowsRejected > 0 ? "loaded_with_rejects" : "loaded");
  await conn.run(
    `INSERT INTO etl_batches
       (batch_id, source, file, sha256, encoding, rows_read, rows_loaded, rows_rejected, status, message, loaded_at)
     SELECT coalesce(max(batch_id), 0) + 1, $source, $file, $sha256, $encoding, $read, $loaded, $rejected, $status,
            $message, now()::TIMESTAMP
     FROM etl_batches`,
    {
      source: batch.source,
      file: batch.file,
      sha256: batch.sha256,
      encoding: batch.encoding,
      read: batch.rowsRead,
      loaded: batch.rowsLoaded,
      rejected: batch.rowsRejected,
      status,
      message: batch.message ?? null,
    },
  );
}

export async function recordMissing(conn: DuckDBConnection, source: string, file: string): Promise<void> {
  await recordBatch(conn, {
    source,
    file,
    sha256: null,
    encoding: null,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    status: "missing",
    message: "文件不在收件箱中",
  });
}

/** Streamed, so a multi-gigabyte bill is hashed without being held in memory. */
export function sha256File(fullPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(fullPath)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
