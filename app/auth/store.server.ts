// The companion store: accounts and sessions, in their own DuckDB file beside the warehouse (never inside the
// warehouse, which the ETL replaces wholesale on every load). The server process holds it read-write for its life;
// the `npm run user` command opens it when the server is not running (DuckDB allows one writer per file).
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { mkdirSync } from "node:fs";
import path from "node:path";

export function adminStorePath(): string {
  return path.resolve(process.env.ADMIN_STORE ?? "data/xinguan-admin.duckdb");
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  username            VARCHAR PRIMARY KEY,
  display_name        VARCHAR NOT NULL,
  role                VARCHAR NOT NULL,
  dept_code           VARCHAR,
  password_hash       VARCHAR NOT NULL,
  disabled            BOOLEAN NOT NULL DEFAULT false,
  failed_count        INTEGER NOT NULL DEFAULT 0,
  locked_until        TIMESTAMP,
  created_at          TIMESTAMP NOT NULL,
  password_changed_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  id         VARCHAR PRIMARY KEY,
  username   VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  last_seen  TIMESTAMP NOT NULL,
  ended_at   TIMESTAMP,
  end_reason VARCHAR
);
`;

export class AdminStoreBusyError extends Error {}

export interface AdminStore {
  conn: DuckDBConnection;
  close(): void;
}

export async function openAdminStore(file = adminStorePath()): Promise<AdminStore> {
  mkdirSync(path.dirname(file), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file);
  } catch (err) {
    if (/lock/i.test((err as Error).message)) {
      throw new AdminStoreBusyError(
        `账户库 ${file} 正被运行中的服务占用。请在“用户管理”页面（/admin/users）操作，或先停止服务再运行此命令。`,
      );
    }
    throw err;
  }
  const conn = await instance.connect();
  await conn.run(SCHEMA);
  return {
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

let serverStore: Promise<AdminStore> | null = null;

/** The server's one handle on the companion store, opened on first use. */
export function getAdminStore(): Promise<AdminStore> {
  serverStore ??= openAdminStore().catch((err) => {
    serverStore = null;
    throw err;
  });
  return serverStore;
}
