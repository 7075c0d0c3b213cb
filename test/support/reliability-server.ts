// The production server for the serving-during-loads suite and the soak (bench/soak.ts), started by
// test/support/server.ts in ONE Node process (so the pid is the server's own: its memory and open
// files can be read from /proc, and a signal reaches it), with its account store, audit log and signing secret in a
// temp folder — never data/. If the pages ask for a sign-in, an analyst account is made with `npm run user`'s
// command before the server starts and signed in through POST /login like a browser.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, readlink, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../../etl/db.js";
import { startServer } from "./server.js";

export const PAGES = ["/", "/performance", "/finance", "/compliance", "/departments", "/projects", "/data"] as const;

export interface ReliabilityServer {
  url: string;
  pid: number;
  /** Cookie header for requests (empty when the pages need no sign-in). */
  cookie: string;
  output(): string;
  stop(): Promise<void>;
}

async function newestUnder(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Builds the Remix app into build/ when it is missing or older than app/ (the global setup builds it on a full run;
 *  a suite run alone must not test yesterday's server). */
export async function ensureRemixBuild(): Promise<void> {
  const built = path.join(ROOT, "build", "index.js");
  if (existsSync(built) && (await stat(built)).mtimeMs >= (await newestUnder(path.join(ROOT, "app")))) return;
  await promisify(execFile)(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production" },
    maxBuffer: 16 << 20,
  });
}

const USER = "reliability";

async function createAccount(env: Record<string, string>, password: string): Promise<string | null> {
  const args = ["--import", "tsx", path.join(ROOT, "etl/cli/user.ts"), "add", "--username", USER, "--role", "analyst", "--name", "可靠性测试"];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, XINGUAN_PASSWORD: password }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (e) => resolve(e.message));
    child.on("close", (code) => resolve(code === 0 ? null : `npm run user failed (${code}): ${out.slice(-500)}`));
  });
}

function isLoginRedirect(r: Response): boolean {
  return r.status >= 300 && r.status < 400 && /\/login(\?|$)/.test(r.headers.get("location") ?? "");
}

async function signIn(url: string, password: string): Promise<string> {
  const r = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ username: USER, password, next: "/" }),
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
  });
  await r.arrayBuffer();
  const cookies = r.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => !/=$/.test(c));
  if (r.status < 300 || r.status >= 400 || cookies.length === 0) throw new Error(`sign-in failed (HTTP ${r.status})`);
  return cookies.join("; ");
}

export async function startReliabilityServer({
  warehouse,
  tmpDir,
  env = {},
  nodeArgs = [],
}: {
  warehouse: string;
  tmpDir: string;
  env?: Record<string, string>;
  /** Extra node flags before the script, e.g. --expose-gc or another --import. */
  nodeArgs?: string[];
}): Promise<ReliabilityServer> {
  await mkdir(tmpDir, { recursive: true });
  const authEnv = {
    ADMIN_STORE: path.join(tmpDir, "admin.duckdb"),
    AUDIT_DIR: path.join(tmpDir, "audit"),
    SECRET_FILE: path.join(tmpDir, "secret.key"),
    SESSION_SECRET: randomBytes(36).toString("base64"),
  };
  const password = `Rel-${randomBytes(6).toString("hex")}-Aa1!`;
  // Made before the server starts (the server then holds the store); only used if a page asks for a sign-in.
  const accountProblem = existsSync(path.join(ROOT, "etl/cli/user.ts")) ? await createAccount(authEnv, password) : "no user CLI";
  const server = await startServer({ warehouse, env: { ...authEnv, ...env }, nodeArgs, startTimeoutMs: 60_000 });
  const { url, stop } = server;
  let cookie = "";
  if (isLoginRedirect(server.first)) {
    if (accountProblem) {
      await stop();
      throw new Error(`the pages need a sign-in and no account could be made: ${accountProblem}`);
    }
    cookie = await signIn(url, password);
  }
  return { url, pid: server.pid, cookie, output: server.output, stop };
}

/** Resident set size of a process, from /proc (bytes). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** The process's open file descriptors: how many, how many are DuckDB files (any: a warehouse, its WAL, the account
 *  store), and which of them are the warehouse `warehouse` — the current file, or swapped-out ones "(deleted)". */
export async function openFilesOf(
  pid: number,
  warehouse?: string,
): Promise<{ fds: number; duckdb: number; warehouses: string[] }> {
  const dir = `/proc/${pid}/fd`;
  const names = await readdir(dir);
  const targets = await Promise.all(names.map((n) => readlink(path.join(dir, n)).catch(() => "")));
  const duck = targets.filter((t) => /\.duckdb(\.wal)?( \(deleted\))?$|\.duckdb\.building-/.test(t));
  const warehouses = warehouse ? duck.filter((t) => t === warehouse || t === `${warehouse} (deleted)`) : duck;
  return { fds: names.length, duckdb: duck.length, warehouses };
}
