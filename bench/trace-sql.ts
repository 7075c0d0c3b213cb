// Preloaded (`node --import`) into the production server only for the bench's tracing pass, never for the timed
// runs: records every statement the app sends to the warehouse file (text + bound parameters) as one JSON line in
// BENCH_TRACE_FILE, so the bench can replay exactly a page's own SQL on a bare DuckDB connection and show the
// server's overhead above DuckDB. Statements on other databases (the account store) are not recorded.
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { appendFileSync, realpathSync } from "node:fs";
import path from "node:path";

const traceFile = process.env.BENCH_TRACE_FILE;
/** The real path of a database file: the reader may open the warehouse through /proc/self/fd/N (to pin the file it
 *  checked across a swap), which resolves to the file itself. */
function realFile(file: string | undefined): string {
  if (!file || file === ":memory:") return ":memory:";
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
const warehouse = realFile(process.env.WAREHOUSE ?? "data/warehouse.duckdb");

const FILE = Symbol("benchFile");
type Tagged = { [FILE]?: string };

function encode(v: unknown): unknown {
  if (typeof v === "bigint") return { $bigint: v.toString() };
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(encode);
  // DuckDB value classes (dates, decimals, …) have a SQL-literal-like toString; DuckDB casts the text back.
  return { $text: String(v) };
}

if (traceFile) {
  const instanceProto = DuckDBInstance as unknown as {
    create: (file?: string, ...rest: unknown[]) => Promise<DuckDBInstance>;
    fromCache?: (file?: string, ...rest: unknown[]) => Promise<DuckDBInstance>;
  };
  for (const name of ["create", "fromCache"] as const) {
    const original = instanceProto[name];
    if (!original) continue;
    instanceProto[name] = async function (this: unknown, file?: string, ...rest: unknown[]) {
      const real = realFile(file); // before the open: a /proc/self/fd path is only valid while its fd is
      const inst = await original.call(this, file, ...rest);
      (inst as unknown as Tagged)[FILE] = real;
      return inst;
    };
  }
  const connect = DuckDBInstance.prototype.connect;
  DuckDBInstance.prototype.connect = async function (this: DuckDBInstance) {
    const conn = await connect.call(this);
    (conn as unknown as Tagged)[FILE] = (this as unknown as Tagged)[FILE];
    return conn;
  };
  const proto = DuckDBConnection.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const method of ["run", "stream", "start", "startStream"]) {
    const original = proto[method];
    proto[method] = async function (this: Tagged, sql: unknown, values?: unknown, ...rest: unknown[]) {
      const t0 = performance.now();
      try {
        return await original.call(this, sql, values, ...rest);
      } finally {
        if (this[FILE] === warehouse) {
          const params =
            values === undefined || values === null
              ? null
              : Array.isArray(values)
                ? values.map(encode)
                : Object.fromEntries(Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, encode(v)]));
          appendFileSync(
            traceFile,
            JSON.stringify({ method, sql, params, ms: performance.now() - t0 }) + "\n",
          );
        }
      }
    };
  }
}
