// The checks a warehouse must pass before it is swapped in, and that anyone can rerun on the live file:
// every staging table holds exactly the rows its batches say were loaded (a table no batch accounts for holds none),
// the bookkeeping balances (read = loaded + rejected), and every rejected row has its reasons in etl_rejects, filed
// under a batch — so no row is lost without a trace.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, query } from "../db.js";

export interface IntegrityProblem {
  source: string;
  message: string;
}

/** Staging tables that sum another's rows (etl/schema/staging.sql): each must account for the same lines. */
const SUMMED: Record<string, { source: string; lines: string }> = {
  stg_cloud_billing_month: { source: "cloud_billing", lines: "sum(charge_rows)" },
};

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
    tables.delete(table);
    const [{ n }] = await query(conn, `SELECT count(*)::BIGINT AS n FROM ${ident(table)}`);
    if (String(n) !== String(r.loaded)) {
      problems.push({ source, message: `${table} 有 ${n} 行，批次记录为 ${r.loaded} 行` });
    }
    for (const [summed, of] of Object.entries(SUMMED)) {
      if (of.source !== source) continue;
      tables.delete(summed);
      const [{ lines }] = await query(conn, `SELECT coalesce(${of.lines}, 0)::BIGINT AS lines FROM ${ident(summed)}`);
      if (String(lines) !== String(r.loaded)) {
        problems.push({ source, message: `${summed} 汇总了 ${lines} 行，批次记录为 ${r.loaded} 行` });
      }
    }
    if (r.balanced !== true) problems.push({ source, message: "读取行数 ≠ 入库行数 + 被拒行数" });
  }
  // A staging table that no batch accounts for must be empty: rows nobody can trace to a file are not data.
  for (const table of [...tables].sort()) {
    const [{ n }] = await query(conn, `SELECT count(*)::BIGINT AS n FROM ${ident(table)}`);
    if (Number(n) !== 0) problems.push({ source: table.slice(4), message: `${table} 有 ${n} 行，但没有任何批次记录` });
  }
  // Every rejected row has its reason(s), and every reason belongs to a batch's file.
  const rejects = await query(
    conn,
    `WITH b AS (SELECT source, file, sum(rows_rejected)::BIGINT AS rejected FROM etl_batches GROUP BY ALL),
          r AS (SELECT source, file, count(DISTINCT row_number)::BIGINT AS rows FROM etl_rejects GROUP BY ALL)
     SELECT coalesce(b.source, r.source) AS source, coalesce(b.file, r.file) AS file,
            coalesce(b.rejected, -1) AS rejected, coalesce(r.rows, 0) AS rows
     FROM b FULL JOIN r ON b.source = r.source AND b.file = r.file
     WHERE b.rejected IS NULL OR b.rejected <> coalesce(r.rows, 0)
     ORDER BY 1, 2`,
  );
  for (const r of rejects) {
    problems.push({
      source: String(r.source),
      message:
        Number(r.rejected) < 0
          ? `被拒记录中的文件 ${r.file} 没有批次记录`
          : `${r.file} 的批次记录被拒 ${r.rejected} 行，被拒记录中有 ${r.rows} 行`,
    });
  }
  const meta = await query(conn, "SELECT count(*)::INTEGER AS n FROM meta_build");
  if (meta[0]?.n !== 1) problems.push({ source: "meta_build", message: "meta_build 应恰有一行" });
  return problems;
}
