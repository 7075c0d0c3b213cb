// A real DuckDB warehouse in memory for tests: the real staging DDL, rows the test inserts, and the real
// queries/**/*.sql. Nothing of ours is mocked.
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { createSchema, ident, openWarehouse, query, type Row, type Warehouse } from "../../etl/db.js";
import { buildMarts } from "../../etl/warehouse/marts.js";
import { loadReferenceData } from "../../etl/warehouse/reference.js";

export interface TestWarehouse extends Warehouse {
  /** Inserts rows into a table by column name; omitted columns are NULL. Values are bound, never spliced. */
  insert(table: string, rows: Record<string, DuckDBValue>[]): Promise<void>;
  query(sql: string, params?: Record<string, DuckDBValue>): Promise<Row[]>;
  buildMarts(): Promise<void>;
}

export async function createTestWarehouse({ asOf = "2025-12-31" }: { asOf?: string } = {}): Promise<TestWarehouse> {
  const wh = await openWarehouse(":memory:");
  await createSchema(wh.conn);
  await wh.conn.run(
    "INSERT INTO meta_build VALUES ($as_of::DATE, TIMESTAMP '2025-01-01 00:00:00', 'test', 'test')",
    { as_of: asOf },
  );
  await loadReferenceData(wh.conn);
  return {
    ...wh,
    insert: (table, rows) => insertRows(wh.conn, table, rows),
    query: (sql, params) => query(wh.conn, sql, params),
    buildMarts: async () => {
      await buildMarts(wh.conn);
    },
  };
}

export async function insertRows(
  conn: DuckDBConnection,
  table: string,
  rows: Record<string, DuckDBValue>[],
): Promise<void> {
  for (const row of rows) {
    const cols = Object.keys(row);
    const sql = `INSERT INTO ${ident(table)} (${cols.map(ident).join(", ")}) VALUES (${cols
      .map((_, i) => `$p${i}`)
      .join(", ")})`;
    const params: Record<string, DuckDBValue> = {};
    cols.forEach((c, i) => (params[`p${i}`] = row[c]));
    await conn.run(sql, params);
  }
}
