// Signing in for tests: a temp companion store (ADMIN_STORE), audit directory (AUDIT_DIR) and secret (SECRET_FILE)
// with accounts made up front, then either the env to hand to startServer plus a real POST /login for a cookie, or
// — for tests that call loaders in-process — the same env set on this process and a session cookie minted directly.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Role } from "../../app/auth/roles.js";

export const TEST_PASSWORD = "Shaoxing-Test-2024!";

export interface TestAccount {
  username: string;
  role: Role;
  deptCode?: string | null;
}

export interface TestAccounts {
  dir: string;
  /** ADMIN_STORE, AUDIT_DIR, SECRET_FILE: pass to startServer({ env }). */
  env: Record<string, string>;
  remove(): Promise<void>;
}

/** A temp companion store holding `accounts` (all with TEST_PASSWORD), for a server started with `env`. */
export async function prepareAccounts(accounts: TestAccount[]): Promise<TestAccounts> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-accounts-"));
  const env = {
    ADMIN_STORE: path.join(dir, "admin.duckdb"),
    AUDIT_DIR: path.join(dir, "audit"),
    SECRET_FILE: path.join(dir, "secret.key"),
  };
  const { openAdminStore } = await import("../../app/auth/store.server.js");
  const { createUser } = await import("../../app/auth/users.server.js");
  const store = await openAdminStore(env.ADMIN_STORE);
  try {
    for (const a of accounts) {
      await createUser(store.conn, { username: a.username, displayName: a.username, role: a.role, deptCode: a.deptCode ?? null, password: TEST_PASSWORD });
    }
  } finally {
    store.close();
  }
  return { dir, env, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Signs in through the server's own form (POST /login, same Origin) and returns the Cookie header value. */
export async function signIn(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password, next: "/" }),
  });
  const setCookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !setCookie) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  return setCookie.split(";")[0];
}

/** For in-process loader tests: points this process's auth modules at a temp store holding `accounts` and returns a
 *  function minting a session cookie for one of them. Call before the first request. */
export async function inProcessAccounts(accounts: TestAccount[]): Promise<{ cookie(username: string): Promise<string>; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-accounts-"));
  process.env.ADMIN_STORE = path.join(dir, "admin.duckdb");
  process.env.AUDIT_DIR = path.join(dir, "audit");
  process.env.SECRET_FILE = path.join(dir, "secret.key");
  const { getAdminStore } = await import("../../app/auth/store.server.js");
  const { createUser } = await import("../../app/auth/users.server.js");
  const { startSession } = await import("../../app/auth/session.server.js");
  const { conn } = await getAdminStore();
  for (const a of accounts) {
    await createUser(conn, { username: a.username, displayName: a.username, role: a.role, deptCode: a.deptCode ?? null, password: TEST_PASSWORD });
  }
  return {
    async cookie(username) {
      const a = accounts.find((x) => x.username === username);
      if (!a) throw new Error(`no test account ${username}`);
      const set = await startSession(new Request("http://127.0.0.1/"), { username, displayName: username, role: a.role, deptCode: a.deptCode ?? null });
      return set.split(";")[0];
    },
    async remove() {
      (await getAdminStore()).close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** fetch with the session cookie. */
export function fetchAs(cookie: string): (url: string, init?: RequestInit) => Promise<Response> {
  return (url, init = {}) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), Cookie: cookie } });
}

/** Gives a browser page's context the session cookie for `baseUrl`. */
export async function signInPage(page: { context(): { addCookies(c: { name: string; value: string; url: string }[]): Promise<void> } }, baseUrl: string, cookie: string): Promise<void> {
  const i = cookie.indexOf("=");
  await page.context().addCookies([{ name: cookie.slice(0, i), value: cookie.slice(i + 1), url: baseUrl }]);
}
