// The server's one door to the warehouse. DuckDB allows one writer or many read-only readers per file, so the
// server only ever opens read-only; the ETL writes a new file and renames it over this one
// (docs/decisions/001-warehouse-swap.md). Each request takes the warehouse that is current when it starts and keeps
// it until it ends, so one request always answers from one consistent warehouse; a swapped-out instance is closed
// once its last request finishes. Linux keeps a renamed-over file readable while it is open.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { LRUCache } from "lru-cache";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { rehearsing } from "./rehearsal.server";

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export function warehousePath(): string {
  return path.resolve(process.env.WAREHOUSE ?? "data/warehouse.duckdb");
}

const QUERIES_DIR = path.resolve(process.env.XINGUAN_QUERIES ?? "queries");

interface OpenWarehouse {
  file: string;
  identity: string; // inode + mtime + size of the file the instance reads: changes when the ETL swaps a new file in
  instance: DuckDBInstance;
  users: number;
  retired: boolean;
}

let current: OpenWarehouse | null = null;
let opening: Promise<OpenWarehouse> | null = null;

export class WarehouseMissingError extends Error {}

function identityOf(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
  }
}

/** The identity of the warehouse file a request starting now would read (null when there is none). */
export function currentWarehouseIdentity(): string | null {
  return identityOf(warehousePath());
}

function release(w: OpenWarehouse): void {
  w.users -= 1;
  if (w.retired && w.users === 0) w.instance.closeSync();
}

let swappedDuringOpen = 0;

/** Opens the warehouse and tells which file the instance reads. The identity is taken before and after the open:
 *  equal, the instance reads that file; different, the ETL swapped a new file in meanwhile and which of the two DuckDB
 *  opened is unknown (it resolves the path itself). Labelling the instance with the identity taken before, as this
 *  reader once did, labelled the new file's instance with the old file's identity — and the identity is what pages
 *  cache their views under and exports are stamped with (test/reliability/reader-swaps.test.ts). Such an instance
 *  gets a label no other can have instead: it still serves its requests, one warehouse each, and the next request
 *  finds the path changed and opens again. */
async function openInstance(file: string): Promise<{ instance: DuckDBInstance; identity: string }> {
  const before = identityOf(file);
  if (before === null) {
    throw new WarehouseMissingError(`数据仓库文件不存在：${file}。请先运行 npm run etl -- --inbox 收件目录。`);
  }
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY", threads: "2" });
  const after = identityOf(file);
  if (after === before) return { instance, identity: before };
  swappedDuringOpen += 1;
  return { instance, identity: `swapped-during-open:${swappedDuringOpen}:${before}` };
}

async function acquire(): Promise<OpenWarehouse> {
  const file = warehousePath();
  const identity = identityOf(file);
  if (identity === null) {
    throw new WarehouseMissingError(`数据仓库文件不存在：${file}。请先运行 npm run etl -- --inbox 收件目录。`);
  }
  if (current && current.file === file && current.identity === identity) {
    current.users += 1;
    return current;
  }
  if (!opening) {
    opening = (async () => {
      const { instance, identity: opened } = await openInstance(file);
      const next: OpenWarehouse = { file, identity: opened, instance, users: 0, retired: false };
      const previous = current;
      current = next;
      if (previous) {
        previous.retired = true;
        if (previous.users === 0) previous.instance.closeSync();
      }
      return next;
    })().finally(() => {
      opening = null;
    });
  }
  const w = await opening;
  w.users += 1;
  return w;
}

const sqlCache = new Map<string, string>();

/** The text of queries/<name>.sql. Cached in production; re-read in development so edits show at once. */
export function sqlFile(name: string): string {
  const cached = sqlCache.get(name);
  if (cached !== undefined) return cached;
  if (!/^[a-z0-9/_-]+$/.test(name)) throw new Error(`bad query name: ${name}`);
  const text = readFileSync(path.join(QUERIES_DIR, `${name}.sql`), "utf8");
  if (process.env.NODE_ENV === "production") sqlCache.set(name, text);
  return text;
}

export interface WarehouseReader {
  /** Runs queries/<name>.sql with its `$params` bound; rows are JSON-safe (DECIMAL and BIGINT as strings). */
  query(name: string, params?: Params): Promise<Row[]>;
  /** Identity of the warehouse file this request reads (for consistency checks and caching). */
  identity: string;
}

// Query results, remembered per (warehouse identity, query, bound parameters). A warehouse file never changes under
// its identity (the ETL swaps in a new file), so a result is valid for as long as its identity is served, and a swap
// makes the old entries unreachable; they age out. Under 16 clients the pages were waiting on DuckDB, not on React
// (docs/decisions/007-performance.md). Concurrent misses for the same key share one query. Rows are frozen: a
// caller that tried to change a shared row would throw instead of corrupting the next request's page.
const results = new LRUCache<string, readonly Row[]>({
  max: 2_000,
  maxSize: 400_000, // rows
  sizeCalculation: (rows) => Math.max(1, rows.length),
});
/** Queries running now, so that concurrent misses for the same key share one. */
const running = new Map<string, Promise<readonly Row[]>>();
const resultCacheOn = process.env.NODE_ENV !== "development" && process.env.XINGUAN_RESULT_CACHE !== "0";

function cacheKey(identity: string, name: string, params?: Params): string {
  const bound = params ? JSON.stringify(params, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)) : "";
  return `${identity}\u0000${name}\u0000${bound}`;
}

function remembered(key: string, run: () => Promise<readonly Row[]>): Promise<readonly Row[]> {
  const hit = results.get(key);
  if (hit) return Promise.resolve(hit);
  let pending = running.get(key);
  if (!pending) {
    pending = run()
      .then((rows) => {
        results.set(key, rows);
        return rows;
      })
      .finally(() => running.delete(key));
    running.set(key, pending);
  }
  return pending;
}

/** How many of one request's queries run at once: in practice all of a page's (none asks for more than seven). Each
 *  runs on a connection of its own; DuckDB runs queries on separate connections of one instance in parallel, and a
 *  page's queries are small, so a page that asks for its independent queries together waits for about the slowest
 *  rather than for the sum. On the sample, /performance's first response took 177 ms with 2 at once, 172 with 4 and
 *  147 with 8 (docs/decisions/008-first-render.md). The bound is for a model that would ask for many more. */
const PARALLEL_QUERIES = 8;

/** Runs `fn` against the warehouse current at the start of the call; the same warehouse for every query inside.
 *  Queries asked for together run in parallel, each on a connection of its own (at most PARALLEL_QUERIES at once). */
export async function withWarehouse<T>(fn: (db: WarehouseReader) => Promise<T>): Promise<T> {
  const w = await acquire();
  const opened: DuckDBConnection[] = [];
  let opening = 0; // connections being opened: counted before the await, so that queries asked together see them
  const idle: DuckDBConnection[] = [];
  const waiting: (() => void)[] = [];
  // every query started, settled or not: the connections close (and the warehouse is released) only after the last
  // one ends, even when `fn` gave up early (a rejected Promise.all leaves its other queries running)
  const started = new Set<Promise<unknown>>();
  const take = async (): Promise<DuckDBConnection> => {
    for (;;) {
      const free = idle.pop();
      if (free) return free;
      if (opened.length + opening < PARALLEL_QUERIES) {
        opening += 1;
        let conn: DuckDBConnection;
        try {
          conn = await w.instance.connect();
        } catch (err) {
          // a failed open frees its place: a waiting query may try it
          waiting.shift()?.();
          throw err;
        } finally {
          opening -= 1;
        }
        opened.push(conn);
        return conn;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };
  const give = (conn: DuckDBConnection): void => {
    idle.push(conn);
    waiting.shift()?.();
  };
  const run = async (name: string, params?: Params): Promise<readonly Row[]> => {
    const conn = await take();
    try {
      const reader = await conn.runAndReadAll(sqlFile(name), params);
      const rows = reader.getRowObjectsJson() as Row[];
      for (const row of rows) Object.freeze(row);
      return Object.freeze(rows);
    } finally {
      give(conn);
    }
  };
  const track = <R>(p: Promise<R>): Promise<R> => {
    started.add(p);
    const done = () => started.delete(p);
    p.then(done, done);
    return p;
  };
  try {
    return await fn({
      identity: w.identity,
      query(name, params) {
        if (!resultCacheOn || rehearsing()) return track(run(name, params)) as Promise<Row[]>;
        return track(remembered(cacheKey(w.identity, name, params), () => run(name, params))) as Promise<Row[]>;
      },
    });
  } finally {
    while (started.size > 0) await Promise.allSettled([...started]);
    for (const conn of opened) conn.closeSync();
    release(w);
  }
}

/** A connection to the current warehouse held beyond one callback: for exports that stream a result to the client
 *  after the loader has returned. The caller must call `release()` exactly once (later calls are ignored) when the
 *  stream ends, fails or is cancelled; until then the warehouse it reads stays open even if a new one is swapped in. */
export interface WarehouseLease {
  connection: DuckDBConnection;
  identity: string;
  release(): void;
}

export async function leaseWarehouse(): Promise<WarehouseLease> {
  const w = await acquire();
  let connection: DuckDBConnection;
  try {
    connection = await w.instance.connect();
  } catch (err) {
    release(w);
    throw err;
  }
  let released = false;
  return {
    connection,
    identity: w.identity,
    release() {
      if (released) return;
      released = true;
      connection.closeSync();
      release(w);
    },
  };
}
