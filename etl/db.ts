// DuckDB access for the ETL, the mart build and the tests. The Remix server has its own read-only reader
// (app/db.server.ts); everything that writes a warehouse goes through here.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const QUERIES_DIR = path.join(ROOT, "queries");
export const SCHEMA_DIR = path.join(ROOT, "etl", "schema");

export type Params = Record<string, DuckDBValue>;
/** A row as JSON-safe values: DECIMAL and BIGINT come back as strings, so money never passes through a float. */
export type Row = Record<string, unknown>;

export interface Warehouse {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  close(): void;
}

/** Opens (or creates) a warehouse file read-write. One instance per file per process: DuckDB would otherwise hand
 *  two independent databases over the same file. `:memory:` gives a throwaway warehouse for tests. */
export async function openWarehouse(file: string, options: Record<string, string> = {}): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(file, options);
  const conn = await instance.connect();
  return {
    instance,
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs a query with `$name` parameters bound by DuckDB and returns JSON-safe rows. */
export async function query(conn: DuckDBConnection, sql: string, params?: Params): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJson() as Row[];
}

/** Runs a multi-statement SQL script (no parameters: scripts read their inputs from tables such as meta_build). */
export async function runScript(conn: DuckDBConnection, sql: string): Promise<void> {
  await conn.run(sql);
}

export async function runSqlFile(conn: DuckDBConnection, file: string): Promise<void> {
  const sql = await readFile(file, "utf8");
  try {
    await conn.run(sql);
  } catch (err) {
    throw new Error(`${path.relative(ROOT, file)}: ${(err as Error).message}`);
  }
}

/** Creates every staging and bookkeeping table (etl/schema/*.sql) in an empty warehouse. */
export async function createSchema(conn: DuckDBConnection): Promise<void> {
  await runSqlFile(conn, path.join(SCHEMA_DIR, "staging.sql"));
  await runSqlFile(conn, path.join(SCHEMA_DIR, "meta.sql"));
}

/** Quotes an identifier for the rare place a name cannot be a bound parameter (table names). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
