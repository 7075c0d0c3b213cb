// The checks a warehouse must pass before it is swapped in, and that anyone can rerun on the live file:
// every staging table holds exactly the rows its batches say were loaded, and the bookkeeping balances.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, query } from "../db.js";

export interface IntegrityProblem {
  source: string;
  message: string;
}

export async function checkIntegrity(conn: DuckDBConnection): Promise<IntegrityProblem[]> {
  const problems: IntegrityProblem[] = [];
  const loaded = await query(
    conn,
    "SELECT source, sum(rows_loaded)::BIGINT AS loaded, bool_and(rows_read = rows_loaded + rows_rejected) AS balanced FROM etl_batches GROUP BY source ORDER BY source",
  );
  const tables = new Set(
    (await query(conn, "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'stg_%'")).map(
      (r) => String(r.table_name),
    ),
  );
  for (const r of loaded) {
    const source = String(r.source);
    const table = `stg_${source}`;
    if (!tables.has(table)) {
      problems.push({ source, message: `批次记录的来源 ${source} 没有对应的暂存表` });
      continue;
    }
    const [{ n }] = await query(conn, `SELECT count(*)::BIGINT AS n FROM ${ident(table)}`);
    if (String(n) !== String(r.loaded)) {
      problems.push({ source, message: `${table} 有 ${n} 行，批次记录为 ${r.loaded} 行` });
    }
    if (r.balanced !== true) problems.push({ source, message: "读取行数 ≠ 入库行数 + 被拒行数" });
  }
  const meta = await query(conn, "SELECT count(*)::INTEGER AS n FROM meta_build");
  if (meta[0]?.n !== 1) problems.push({ source: "meta_build", message: "meta_build 应恰有一行" });
  return problems;
}
