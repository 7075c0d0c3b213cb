// 5. Exports: a 1 M-row mart as Arrow IPC vs JSON, through the app's own streaming writers (app/export/*.server.ts),
// time and bytes. The mart is the largest mart_* table of the bench warehouse, taken to exactly 1,000,000 rows
// (repeated when it has fewer, as at city scale) and materialised in memory first, so both formats read the same
// rows at the same cost. Arrow selects text columns as their UTF-8 bytes (arrowSelectExpression), the writer's fast
// path. Alternating order, median of the runs. (bench/export.ts is the standalone version on a synthetic table.)
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { arrowIpcStream, arrowSelectExpression } from "../app/export/arrow.server.js";
import { jsonStream } from "../app/export/json.server.js";
import { ident } from "../etl/db.js";
import { median } from "./stats.js";

export const EXPORT_ROWS = 1_000_000;

export interface ExportFigures {
  mart: string;
  martRows: number;
  rows: number;
  columns: number;
  runs: number;
  arrow: { ms: number; bytes: number; runsMs: number[] };
  json: { ms: number; bytes: number; runsMs: number[] };
}

async function drain(conn: DuckDBConnection, sql: string, format: "arrow" | "json", textAsBytes: Set<string>) {
  let rows = 0;
  let bytes = 0;
  const t0 = performance.now();
  const result = await conn.stream(sql);
  const onRows = (n: number) => (rows += n);
  const gen = format === "arrow" ? arrowIpcStream(result, { onRows, textAsBytes }) : jsonStream(result, { onRows });
  for await (const piece of gen) bytes += piece.byteLength;
  return { ms: performance.now() - t0, bytes, rows };
}

export async function exportChild({ db, runs = 3 }: { db: string; runs?: number }): Promise<ExportFigures> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH '${db.replaceAll("'", "''")}' AS wh (READ_ONLY)`);
    const tables = (
      await conn.runAndReadAll(
        `SELECT table_name AS name, estimated_size AS n FROM duckdb_tables()
         WHERE database_name = 'wh' AND table_name LIKE 'mart\\_%' ESCAPE '\\' ORDER BY estimated_size DESC, table_name`,
      )
    ).getRowObjectsJson();
    if (tables.length === 0) throw new Error("数据仓库里没有 mart_* 表");
    const mart = String(tables[0].name);
    const martRows = Number(
      (await conn.runAndReadAll(`SELECT count(*) AS n FROM wh.${ident(mart)}`)).getRowObjectsJson()[0].n,
    );
    if (martRows === 0) throw new Error(`${mart} 是空表`);
    const repeat = Math.ceil(EXPORT_ROWS / martRows);
    await conn.run(
      `CREATE TABLE export_src AS SELECT m.* FROM wh.${ident(mart)} m, range(${repeat}) r LIMIT ${EXPORT_ROWS}`,
    );
    await conn.run("DETACH wh");
    const cols = (await conn.runAndReadAll("DESCRIBE export_src")).getRowObjectsJson() as {
      column_name: string;
      column_type: string;
    }[];
    const textAsBytes = new Set(cols.filter((c) => c.column_type === "VARCHAR").map((c) => c.column_name));
    const arrowSql = `SELECT ${cols.map((c) => arrowSelectExpression(ident(c.column_name), c.column_type)).join(", ")} FROM export_src`;
    const jsonSql = "SELECT * FROM export_src";
    const run = (f: "arrow" | "json") => drain(conn, f === "arrow" ? arrowSql : jsonSql, f, textAsBytes);
    if (runs > 1) {
      await run("arrow"); // warm-up, not counted
      await run("json");
    }
    const a: Awaited<ReturnType<typeof run>>[] = [];
    const j: Awaited<ReturnType<typeof run>>[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        a.push(await run("arrow"));
        j.push(await run("json"));
      } else {
        j.push(await run("json"));
        a.push(await run("arrow"));
      }
    }
    for (const r of [...a, ...j]) {
      if (r.rows !== EXPORT_ROWS) throw new Error(`导出行数 ${r.rows}，应为 ${EXPORT_ROWS}`);
    }
    return {
      mart,
      martRows,
      rows: EXPORT_ROWS,
      columns: cols.length,
      runs,
      arrow: { ms: median(a.map((r) => r.ms)), bytes: a[0].bytes, runsMs: a.map((r) => r.ms) },
      json: { ms: median(j.map((r) => r.ms)), bytes: j[0].bytes, runsMs: j.map((r) => r.ms) },
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
