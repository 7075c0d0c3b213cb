// Signing in for the page and browser measurements, when the pages ask for it. A bench account (role analyst: reads
// every page) is created in the bench's own account store with the project's `npm run user` command, before the
// server starts (the server then holds the store); the session cookie comes from a real POST to /login.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { ROOT } from "../etl/db.js";

export const BENCH_USER = "bench";

export interface BenchAuth {
  /** Environment for the server: its account store, audit log and signing secret, all in the bench's temp folder. */
  env: Record<string, string>;
  password: string;
  /** Why no account could be made (the sign-in part of the app is missing or broke); null when it was made. */
  problem: string | null;
}

export async function prepareAuth(tmpDir: string): Promise<BenchAuth> {
  const store = path.join(tmpDir, "admin.duckdb");
  await rm(store, { force: true });
  await rm(`${store}.wal`, { force: true });
  const env = {
    ADMIN_STORE: store,
    AUDIT_DIR: path.join(tmpDir, "audit"),
    SECRET_FILE: path.join(tmpDir, "secret.key"),
    SESSION_SECRET: randomBytes(36).toString("base64"),
  };
  const password = `Xg-${randomBytes(6).toString("hex")}-Pw9!`;
  const cli = path.join(ROOT, "etl/cli/user.ts");
  const args = ["--import", "tsx", cli, "add", "--username", BENCH_USER, "--role", "analyst", "--name", "性能基准"];
  const problem = await new Promise<string | null>((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env, XINGUAN_PASSWORD: password },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (e) => resolve(`无法运行 npm run user：${e.message}`));
    child.on("close", (code) => resolve(code === 0 ? null : `npm run user 失败（${code}）：${out.trim().slice(-500)}`));
  });
  return { env, password, problem };
}

/** Whether a response sends the client to sign in. */
export function isLoginRedirect(r: Response): boolean {
  return r.status >= 300 && r.status < 400 && /\/login(\?|$)/.test(r.headers.get("location") ?? "");
}

/** Signs the bench account in and returns the Cookie header value, or throws with the reason. */
export async function signIn(baseUrl: string, auth: BenchAuth): Promise<string> {
  if (auth.problem) throw new Error(auth.problem);
  const body = new URLSearchParams({ username: BENCH_USER, password: auth.password, next: "/" });
  const r = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
  });
  await r.arrayBuffer();
  const cookies = r.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => !/=$/.test(c));
  if (r.status < 300 || r.status >= 400 || cookies.length === 0) {
    throw new Error(`登录未成功（HTTP ${r.status}）`);
  }
  return cookies.join("; ");
}
