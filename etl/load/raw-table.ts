// The hand-over between a reader (CSV, XLSX, JSON) and the SQL validation: every cell as text in a temp table, one
// row per input row with its row number, plus the problems only the reader could see (a truncated line, a formula
// without a cached result). Validation, casting and routing then happen once, in SQL, whatever the file format.
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident } from "../db.js";
import type { MappedColumn } from "./header-map.js";

export const RAW_TABLE = "_ld_raw";
export const PRE_REJECT_TABLE = "_ld_pre";
export const HEADER_TABLE = "_ld_headers";

export interface RawRow {
  /** 1-based data row (header = row 0), or array index + 1 for JSON. */
  rn: number;
  /** One cell per mapped column, in mapping order; null = absent or blank. */
  values: (string | null)[];
}

export interface PreReject {
  rn: number;
  /** The header as written in the file, or null when the whole row is bad. */
  column: string | null;
  value: string | null;
  reason: string;
}

export interface RawInput {
  columns: MappedColumn[];
  rows: RawRow[];
  preRejects: PreReject[];
}

export async function writeRawTables(conn: DuckDBConnection, input: RawInput): Promise<void> {
  const cols = input.columns.map((c) => `${ident(c.spec.column)} VARCHAR`).join(", ");
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(RAW_TABLE)} (rn BIGINT, ${cols})`);
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(PRE_REJECT_TABLE)} (rn BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR)`,
  );
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(HEADER_TABLE)} (col VARCHAR, header VARCHAR)`);

  const raw = await conn.createAppender(RAW_TABLE, "main", "temp");
  try {
    for (const row of input.rows) {
      raw.appendBigInt(BigInt(row.rn));
      for (const value of row.values) {
        if (value === null) raw.appendNull();
        else raw.appendVarchar(value);
      }
      raw.endRow();
    }
  } finally {
    raw.closeSync();
  }

  const pre = await conn.createAppender(PRE_REJECT_TABLE, "main", "temp");
  try {
    for (const p of input.preRejects) {
      pre.appendBigInt(BigInt(p.rn));
      appendText(pre, p.column);
      appendText(pre, p.value);
      pre.appendVarchar(p.reason);
      pre.endRow();
    }
  } finally {
    pre.closeSync();
  }

  const headers = await conn.createAppender(HEADER_TABLE, "main", "temp");
  try {
    for (const c of input.columns) {
      headers.appendVarchar(c.spec.column);
      headers.appendVarchar(c.header);
      headers.endRow();
    }
  } finally {
    headers.closeSync();
  }
}

function appendText(appender: { appendNull(): void; appendVarchar(v: string): void }, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

export async function dropRawTables(conn: DuckDBConnection): Promise<void> {
  for (const t of [RAW_TABLE, PRE_REJECT_TABLE, HEADER_TABLE]) await conn.run(`DROP TABLE IF EXISTS temp.${ident(t)}`);
}
