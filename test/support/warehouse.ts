// A real DuckDB warehouse in memory for tests: the real staging DDL, rows the test inserts, and the real
// queries/**/*.sql. Nothing of ours is mocked.
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { createSchema, ident, openWarehouse, query, type Row, type Warehouse } from "../../etl/db.js";
import { storeBillLines } from "../../etl/load/bill-store.js";
import { buildMarts } from "../../etl/warehouse/marts.js";
import { loadReferenceData } from "../../etl/warehouse/reference.js";

export interface TestWarehouse extends Warehouse {
  /** Inserts rows into a table by column name; omitted columns are NULL. Values are bound, never spliced. */
  insert(table: string, rows: Record<string, DuckDBValue>[]): Promise<void>;
  /** Inserts cloud bill lines as the loader stores them (etl/load/bill-store.ts: each line, and the monthly sums).
   *  A row may carry any FOCUS field; the warehouse keeps the ones in BILL_LINE_COLUMNS. */
  insertBills(rows: Record<string, DuckDBValue>[]): Promise<void>;
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
    insertBills: (rows) => insertBillLines(wh.conn, rows),
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

const BILL_LINE_COLUMNS = [
  "source_file", "project_id", "resource_id", "service_name", "charge_date", "billed_cost", "effective_cost",
  "cpu_utilization",
] as const;

async function insertBillLines(conn: DuckDBConnection, rows: Record<string, DuckDBValue>[]): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE _test_bill_lines (source_file VARCHAR, project_id VARCHAR,
    resource_id VARCHAR, service_name VARCHAR, charge_date DATE, billed_cost DECIMAL(18,6),
    effective_cost DECIMAL(18,6), cpu_utilization DOUBLE)`);
  const kept = rows.map((r) => Object.fromEntries(BILL_LINE_COLUMNS.filter((c) => c in r).map((c) => [c, r[c]])));
  await insertRows(conn, "_test_bill_lines", kept);
  await storeBillLines(conn, { select: "SELECT * FROM temp._test_bill_lines", params: {} });
  await conn.run("DROP TABLE temp._test_bill_lines");
}
