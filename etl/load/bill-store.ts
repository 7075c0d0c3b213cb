// Where validated bill lines go (Art. 23; the two tables are described in etl/schema/staging.sql): each line once
// into stg_cloud_billing, and summed per file, project, resource, service and Beijing month into
// stg_cloud_billing_month. The loader calls this for each file's good, first-seen rows; tests that need bills in a
// warehouse call it on rows of their own, so they exercise the same summing the marts will read.
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { query } from "../db.js";

/** A SELECT giving one row per bill line with the columns source_file, project_id, resource_id, service_name,
 *  charge_date (the Beijing day), billed_cost, effective_cost, cpu_utilization, and the parameters it binds. */
export interface BillLinesSql {
  select: string;
  params: Record<string, DuckDBValue>;
}

/** Writes the lines to both tables; returns how many lines were written. */
export async function storeBillLines(conn: DuckDBConnection, lines: BillLinesSql): Promise<number> {
  const [row] = await query(
    conn,
    `INSERT INTO stg_cloud_billing (source_file, project_id, resource_id, charge_date, billed_cost)
     SELECT source_file, project_id, resource_id, charge_date, billed_cost FROM (${lines.select})`,
    lines.params,
  );
  // A second scan of the file rather than of the table just written: reading a Parquet bill costs less than
  // reading back what DuckDB has just compressed, and the sums keep the bill's own precision (DECIMAL(18,6)).
  await conn.run(
    `INSERT INTO stg_cloud_billing_month
     SELECT source_file, project_id, resource_id, service_name, date_trunc('month', charge_date)::DATE AS month,
       count(*), sum(billed_cost), sum(effective_cost), sum(cpu_utilization::DECIMAL(18,10)), count(cpu_utilization),
       min(charge_date), max(charge_date)
     FROM (${lines.select})
     GROUP BY source_file, project_id, resource_id, service_name, month`,
    lines.params,
  );
  return Number(row.Count);
}
