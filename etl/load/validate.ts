// Validation of one small source, in SQL over the raw hand-over (raw-table.ts): cast every cell, collect the reason
// for every bad cell, then check references to 项目申报 and natural-key uniqueness among the rows still good, and
// route each row to its staging table or to etl_rejects. A row is rejected once, whatever the number of bad cells.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, query } from "../db.js";
import type { MappedColumn } from "./header-map.js";
import { HEADER_TABLE, PRE_REJECT_TABLE, RAW_TABLE } from "./raw-table.js";
import { blankToNull, lit } from "./sql-text.js";
import { contractHeader, type SourceSpec } from "./sources.js";
import { columnSql } from "./value-sql.js";

const PARSED = ident("_ld_parsed");
const REJ = ident("_ld_rej");
const RAW = `temp.${ident(RAW_TABLE)}`;
const PRE = `temp.${ident(PRE_REJECT_TABLE)}`;
const HEADERS = `temp.${ident(HEADER_TABLE)}`;

export interface LoadCounts {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
}

export async function validateAndLoad(
  conn: DuckDBConnection,
  spec: SourceSpec,
  columns: MappedColumn[],
  file: string,
): Promise<LoadCounts> {
  const trimmed = columns.map((c) => `${blankToNull(ident(c.spec.column))} AS ${ident(c.spec.column)}`).join(", ");
  const parsed = columns.map((c) => ({ col: c.spec.column, ...columnSql(c, `t.${ident(c.spec.column)}`) }));
  const values = parsed.map((p) => `${p.value} AS ${ident(p.col)}`).join(",\n  ");
  const errs = parsed
    .map((p) => `{'col': ${lit(p.col)}, 'v': t.${ident(p.col)}, 'r': ${p.error}}`)
    .join(",\n    ");
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${PARSED} AS
    SELECT rn,
      ${values},
      list_filter([
        ${errs}
      ], e -> e.r IS NOT NULL) AS errs
    FROM (SELECT rn, ${trimmed} FROM ${RAW}) t`);

  await conn.run(`CREATE OR REPLACE TEMP TABLE ${REJ} (rn BIGINT, col VARCHAR, value VARCHAR, reason VARCHAR)`);
  // Cell errors, except where the reader already rejected the whole row (a truncated line) or that very cell.
  await conn.run(`
    INSERT INTO ${REJ}
    SELECT e.rn, e.col, e.v, e.r
    FROM (SELECT rn, unnest(errs, recursive := true) FROM ${PARSED}) e
    LEFT JOIN ${HEADERS} h ON h.col = e.col
    WHERE NOT EXISTS (
      SELECT 1 FROM ${PRE} p WHERE p.rn = e.rn AND (p.column_name IS NULL OR p.column_name = h.header))`);

  const stillGood = `rn NOT IN (SELECT rn FROM ${REJ}) AND rn NOT IN (SELECT rn FROM ${PRE})`;
  if (spec.projectRef) {
    const ref = ident(spec.projectRef);
    await conn.run(`
      INSERT INTO ${REJ}
      SELECT rn, ${lit(spec.projectRef)}, ${ref}, ${lit("项目编号 ")} || ${ref} || ${lit(" 不存在于项目申报")}
      FROM ${PARSED} p
      WHERE ${stillGood} AND NOT EXISTS (SELECT 1 FROM stg_projects s WHERE s.project_id = p.${ref})`);
  }

  // Natural keys: the first row wins, later ones are rejected naming the row they repeat.
  const keyCols = spec.key.map(ident).join(", ");
  const keyText = `concat_ws('/', ${spec.key.map((k) => `${ident(k)}::VARCHAR`).join(", ")})`;
  const keyHeaders = spec.key
    .map((k) => contractHeader(spec.columns.find((c) => c.column === k) ?? { header: k, column: k, kind: "text" }))
    .join("+");
  await conn.run(`
    INSERT INTO ${REJ}
    SELECT rn, NULL, key_text,
      ${lit(`自然键重复：${keyHeaders} = `)} || key_text || ${lit("，与第 ")} || first_rn || ${lit(" 行重复")}
    FROM (
      SELECT rn, ${keyText} AS key_text, min(rn) OVER (PARTITION BY ${keyCols}) AS first_rn
      FROM ${PARSED} WHERE ${stillGood})
    WHERE rn <> first_rn`);

  const targetCols = columns.map((c) => ident(c.spec.column)).join(", ");
  const inserted = await query(
    conn,
    `INSERT INTO ${ident(spec.table)} (${targetCols})
     SELECT ${targetCols} FROM ${PARSED} WHERE ${stillGood} ORDER BY rn`,
  );
  const rowsLoaded = Number(inserted[0]?.Count ?? 0);

  await conn.run(
    `INSERT INTO etl_rejects (file, source, row_number, column_name, value, reason)
     SELECT $file, $source, rn, column_name, value, reason FROM (
       SELECT rn, column_name, value, reason, 0 AS pos FROM ${PRE}
       UNION ALL
       SELECT r.rn, h.header, r.value, r.reason, 1 FROM ${REJ} r LEFT JOIN ${HEADERS} h ON h.col = r.col)
     ORDER BY rn, pos`,
    { file, source: spec.source },
  );
  const [counts] = await query(
    conn,
    `SELECT (SELECT count(*) FROM ${RAW}) AS read,
            (SELECT count(DISTINCT rn) FROM (SELECT rn FROM ${PRE} UNION ALL SELECT rn FROM ${REJ})) AS rejected`,
  );
  await conn.run(`DROP TABLE IF EXISTS ${PARSED}; DROP TABLE IF EXISTS ${REJ};`);
  return { rowsRead: Number(counts.read), rowsLoaded, rowsRejected: Number(counts.rejected) };
}
