// Builds in child processes for the crash and serving suites: an inbox big enough that a build takes a while (the
// clean inbox plus synthetic FOCUS bills), a child running the real buildWarehouse that narrates its phases
// (reliability-build-child.ts), and an inspection of a warehouse file: is it there, does it open read-only as the
// server opens it, does it pass its integrity checks, what is in it, byte for byte.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { DuckDBInstance } from "@duckdb/node-api";
import { openWarehouse, query, ROOT, type Row } from "../../etl/db.js";
import { checkIntegrity, type IntegrityProblem } from "../../etl/warehouse/integrity.js";
import { makeCleanInbox } from "./reliability-inbox.js";

const CHILD = path.join(ROOT, "test", "support", "reliability-build-child.ts");

/** The clean inbox plus `files` synthetic monthly bills of `rowsPerFile` rows each (resource-days of 2024 for the three
 *  clean projects), written by DuckDB. `variant` changes every cost a little, so two inboxes give different marts. */
export async function makeLoadInbox(
  parent: string,
  { files = 4, rowsPerFile = 50_000, variant = 0 }: { files?: number; rowsPerFile?: number; variant?: number } = {},
): Promise<string> {
  const dir = await makeCleanInbox(parent);
  await mkdir(path.join(dir, "cloud_billing"), { recursive: true });
  const wh = await openWarehouse(":memory:");
  try {
    for (let f = 0; f < files; f++) {
      const file = path.join(dir, "cloud_billing", `synthetic-${String(f + 1).padStart(2, "0")}.csv`);
      // one row per resource per Beijing day (16:00Z to 16:00Z); resources are unique per file
      await wh.conn.run(`COPY (
        SELECT 'GOV-SX' AS BillingAccountId,
          '2024-01-01T00:00:00Z' AS BillingPeriodStart, '2025-01-01T00:00:00Z' AS BillingPeriodEnd,
          strftime(TIMESTAMP '2023-12-31 16:00:00' + (i // 500) * INTERVAL 1 DAY, '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodStart,
          strftime(TIMESTAMP '2024-01-01 16:00:00' + (i // 500) * INTERVAL 1 DAY, '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodEnd,
          'Usage' AS ChargeCategory,
          round(1 + (i % 997) / 100 + ${variant}, 6)::VARCHAR AS BilledCost,
          round(0.9 + (i % 997) / 100 + ${variant}, 6)::VARCHAR AS EffectiveCost,
          'CNY' AS BillingCurrency,
          'syn-${f}-' || (i % 500) AS ResourceId, 'ecs.g6.large' AS ResourceType, 'Compute' AS ServiceCategory,
          '云服务器 ECS' AS ServiceName, 24 AS ConsumedQuantity, 'Hours' AS ConsumedUnit,
          '{"project_id":"' || ['P2024-001', 'P2024-002', 'P2023-010'][1 + i % 3] || '"}' AS Tags,
          round((i % 100) / 100, 2) AS x_CpuUtilization
        FROM range(${rowsPerFile}) t(i)
      ) TO '${file.replaceAll("'", "''")}' (HEADER)`);
    }
  } finally {
    wh.close();
  }
  return dir;
}

export interface BuildEvent {
  e: string;
  n?: number;
  file?: string;
  ms?: number;
  message?: string;
  pid?: number;
}

export interface BuildChild {
  pid: number;
  child: ChildProcess;
  /** Every event so far, in order. */
  events: BuildEvent[];
  /** Resolves when an event satisfying `pred` has been seen (at once if it already was), or null if the child exits first. */
  waitFor(pred: (e: BuildEvent) => boolean): Promise<BuildEvent | null>;
  ready: Promise<BuildEvent | null>;
  go(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function spawnBuild({
  inbox,
  db,
  asOf,
  swapPauseMs = 0,
  wait = true,
}: {
  inbox: string;
  db: string;
  asOf: string;
  swapPauseMs?: number;
  wait?: boolean;
}): BuildChild {
  const args = ["--import", "tsx", CHILD, "--inbox", inbox, "--db", db, "--as-of", asOf, "--swap-pause-ms", String(swapPauseMs)];
  if (!wait) args.push("--no-wait");
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, CI: "1" } });
  const events: BuildEvent[] = [];
  const waiters: { pred: (e: BuildEvent) => boolean; resolve: (e: BuildEvent | null) => void }[] = [];
  let err = "";
  child.stderr!.on("data", (d) => {
    err += d;
    if (err.length > 100_000) err = err.slice(-50_000);
  });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    let ev: BuildEvent;
    try {
      ev = JSON.parse(line) as BuildEvent;
    } catch {
      return;
    }
    events.push(ev);
    for (const w of [...waiters]) {
      if (w.pred(ev)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(ev);
      }
    }
  });
  const exited = once(child, "exit").then(([code, signal]) => {
    for (const w of waiters.splice(0)) w.resolve(null);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  child.stdin!.on("error", () => undefined); // a killed child closes its stdin under us
  const waitFor = (pred: (e: BuildEvent) => boolean): Promise<BuildEvent | null> => {
    const seen = events.find(pred);
    if (seen) return Promise.resolve(seen);
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
    return new Promise((resolve) => waiters.push({ pred, resolve }));
  };
  return {
    pid: child.pid!,
    child,
    events,
    waitFor,
    ready: waitFor((e) => e.e === "ready"),
    go() {
      child.stdin!.write("go\n");
    },
    exited,
    stderr: () => err,
  };
}

export interface WarehouseState {
  exists: boolean;
  /** inode:size:mtime:sha256 — two equal identities are the same file, byte for byte. */
  identity: string | null;
  sha256: string | null;
  problems: IntegrityProblem[];
  asOf: string | null;
  /** rows per relation (every table of the warehouse) */
  counts: Record<string, number>;
  batches: Row[];
  walExists: boolean;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Opens a warehouse read-only (as the server does) and reads what a reader needs to trust it. */
export async function inspectWarehouse(db: string): Promise<WarehouseState> {
  if (!existsSync(db)) {
    return { exists: false, identity: null, sha256: null, problems: [], asOf: null, counts: {}, batches: [], walExists: existsSync(`${db}.wal`) };
  }
  const before = await stat(db);
  const sha256 = await sha256File(db);
  const instance = await DuckDBInstance.create(db, { access_mode: "READ_ONLY", threads: "1" });
  const conn = await instance.connect();
  try {
    const problems = await checkIntegrity(conn);
    const [meta] = await query(conn, "SELECT as_of::VARCHAR AS as_of FROM meta_build");
    const tables = await query(
      conn,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const counts: Record<string, number> = {};
    for (const t of tables) {
      const name = String(t.table_name);
      const [{ n }] = await query(conn, `SELECT count(*)::BIGINT AS n FROM "${name.replaceAll('"', '""')}"`);
      counts[name] = Number(n);
    }
    const batches = await query(
      conn,
      "SELECT source, file, sha256, rows_read, rows_loaded, rows_rejected, status FROM etl_batches ORDER BY batch_id",
    );
    const after = await stat(db);
    if (after.ino !== before.ino || after.mtimeMs !== before.mtimeMs) throw new Error(`${db} changed while inspected`);
    return {
      exists: true,
      identity: `${before.ino}:${before.size}:${before.mtimeMs}:${sha256}`,
      sha256,
      problems,
      asOf: (meta?.as_of as string | undefined) ?? null,
      counts,
      batches,
      walExists: existsSync(`${db}.wal`),
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
