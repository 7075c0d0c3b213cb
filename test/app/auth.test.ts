// Accounts, sign-in, lockout, idle timeout, sign-out and the audit log, on a real companion store in a temp dir.
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-auth-"));
process.env.ADMIN_STORE = path.join(dir, "admin.duckdb");
process.env.AUDIT_DIR = path.join(dir, "audit");
process.env.SECRET_FILE = path.join(dir, "secret.key");

const { getAdminStore } = await import("../../app/auth/store.server.js");
const { createUser, signIn, MAX_FAILURES, UserInputError, setDisabled } = await import("../../app/auth/users.server.js");
const { startSession, getUser, endSession, requireUser, assertSameOrigin } = await import("../../app/auth/session.server.js");
const { recordAudit, readAudit } = await import("../../app/auth/audit.server.js");
const { forgetSessions } = await import("../../app/auth/session-cache.server.js");
const { passwordProblems } = await import("../../app/auth/password.server.js");

const GOOD = "Shaoxing-2024!";

function requestWithCookie(setCookie: string, url = "http://127.0.0.1/performance"): Request {
  return new Request(url, { headers: { Cookie: setCookie.split(";")[0] } });
}

describe("accounts and sessions", () => {
  beforeAll(async () => {
    const { conn } = await getAdminStore();
    await createUser(conn, { username: "lead1", displayName: "市领导", role: "leader", deptCode: null, password: GOOD });
    await createUser(conn, { username: "dept1", displayName: "大数据局", role: "department", deptCode: "001008", password: GOOD });
    await createUser(conn, { username: "lockme", displayName: "x", role: "analyst", deptCode: null, password: GOOD });
  });
  afterAll(async () => {
    (await getAdminStore()).close();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses weak passwords with the reasons in Chinese", async () => {
    expect(passwordProblems("short", "bob")).toContain("长度至少 10 位");
    expect(passwordProblems("alllowercaseletters", "bob")).toContain("须包含大写字母、小写字母、数字、符号中的至少三类");
    expect(passwordProblems("Bob-is-2024-ok", "bob")).toContain("不得包含用户名");
    expect(passwordProblems(GOOD, "lead1")).toEqual([]);
    const { conn } = await getAdminStore();
    await expect(createUser(conn, { username: "weak", displayName: "", role: "leader", deptCode: null, password: "12345678" })).rejects.toBeInstanceOf(UserInputError);
    await expect(createUser(conn, { username: "nodept", displayName: "", role: "department", deptCode: null, password: GOOD })).rejects.toThrow(/单位代码/);
  });

  it("stores only scrypt hashes, never the password", async () => {
    const { conn } = await getAdminStore();
    const rows = (await conn.runAndReadAll("SELECT password_hash FROM users WHERE username = 'lead1'")).getRowObjectsJson();
    expect(String(rows[0].password_hash)).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(String(rows[0].password_hash)).not.toContain(GOOD);
  });

  it("signs in with the right password only", async () => {
    const { conn } = await getAdminStore();
    expect((await signIn(conn, "lead1", "wrong-Password-1")).ok).toBe(false);
    const ok = await signIn(conn, "lead1", GOOD);
    expect(ok).toMatchObject({ ok: true, user: { username: "lead1", role: "leader", deptCode: null } });
    expect(await signIn(conn, "nobody", GOOD)).toEqual({ ok: false, reason: "bad_credentials" });
  });

  it("locks an account for 15 minutes after 5 failures, even against the right password", async () => {
    const { conn } = await getAdminStore();
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect(await signIn(conn, "lockme", "Wrong-pass-123")).toEqual({ ok: false, reason: "bad_credentials" });
    expect(await signIn(conn, "lockme", "Wrong-pass-123")).toEqual({ ok: false, reason: "locked" });
    expect((await signIn(conn, "lockme", GOOD)).ok).toBe(false);
    const rows = (await conn.runAndReadAll("SELECT datediff('minute', now()::TIMESTAMP, locked_until) AS m FROM users WHERE username = 'lockme'")).getRowObjectsJson();
    expect(Number(rows[0].m)).toBeGreaterThanOrEqual(14);
    expect(Number(rows[0].m)).toBeLessThanOrEqual(15);
    // the lock expires
    await conn.run("UPDATE users SET locked_until = now()::TIMESTAMP - INTERVAL 1 MINUTE WHERE username = 'lockme'");
    expect((await signIn(conn, "lockme", GOOD)).ok).toBe(true);
  });

  it("remembers who a session is for a moment only, and forgets it when anything about it changes", async () => {
    const cookie = await startSession(new Request("http://127.0.0.1/"), { username: "lead1", displayName: "市领导", role: "leader", deptCode: null });
    const first = await getUser(requestWithCookie(cookie));
    const { conn } = await getAdminStore();
    // An ended session row, read again only after the memory expires or is forgotten
    await conn.run("UPDATE sessions SET ended_at = now()::TIMESTAMP, end_reason = 'test' WHERE ended_at IS NULL AND username = 'lead1'");
    expect(await getUser(requestWithCookie(cookie))).toEqual(first);
    forgetSessions();
    expect(await getUser(requestWithCookie(cookie))).toBeNull();
    // …and the memory lasts two seconds at most
    const { rememberSession, recalledSession } = await import("../../app/auth/session-cache.server.js");
    rememberSession("s1", first!, 10_000);
    expect(recalledSession("s1", 11_999)).toEqual(first);
    expect(recalledSession("s1", 12_001)).toBeNull();
  });

  it("keeps a session by signed cookie, ends it on sign-out, and rejects a forged cookie", async () => {
    const req = new Request("http://127.0.0.1/login", { method: "POST" });
    const cookie = await startSession(req, { username: "lead1", displayName: "市领导", role: "leader", deptCode: null });
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(await getUser(requestWithCookie(cookie))).toMatchObject({ username: "lead1" });
    const forged = cookie.replace(/xinguan_session=([^;.]+)/, "xinguan_session=AAAA");
    expect(await getUser(requestWithCookie(forged))).toBeNull();
    const cleared = await endSession(requestWithCookie(cookie), "sign_out");
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(await getUser(requestWithCookie(cookie))).toBeNull();
  });

  it("ends a session idle for more than 30 minutes and records the timeout", async () => {
    const cookie = await startSession(new Request("http://127.0.0.1/"), { username: "lead1", displayName: "", role: "leader", deptCode: null });
    const { conn } = await getAdminStore();
    await conn.run("UPDATE sessions SET last_seen = now()::TIMESTAMP - INTERVAL 29 MINUTE WHERE ended_at IS NULL");
    expect(await getUser(requestWithCookie(cookie))).not.toBeNull();
    await conn.run("UPDATE sessions SET last_seen = now()::TIMESTAMP - INTERVAL 31 MINUTE WHERE ended_at IS NULL");
    // The UPDATE stands in for 31 minutes passing, by which time the 2-second memory of the answer has long expired.
    forgetSessions();
    expect(await getUser(requestWithCookie(cookie))).toBeNull();
    expect(readAudit({ event: "session_timeout" })[0]).toMatchObject({ actor: "lead1" });
  });

  it("ends the sessions of a disabled user at once", async () => {
    const cookie = await startSession(new Request("http://127.0.0.1/"), { username: "dept1", displayName: "", role: "department", deptCode: "001008" });
    const { conn } = await getAdminStore();
    expect(await getUser(requestWithCookie(cookie))).toMatchObject({ username: "dept1" }); // remembered for 2 s
    await setDisabled(conn, "dept1", true);
    expect(await getUser(requestWithCookie(cookie))).toBeNull();
    expect(await signIn(conn, "dept1", GOOD)).toEqual({ ok: false, reason: "disabled" });
    await setDisabled(conn, "dept1", false);
  });

  it("redirects the signed-out to sign-in and forbids what a role may not do", async () => {
    await expect(requireUser(new Request("http://127.0.0.1/finance?year=2024"), "read")).rejects.toMatchObject({ status: 302 });
    try {
      await requireUser(new Request("http://127.0.0.1/finance?year=2024"), "read");
    } catch (r) {
      expect((r as Response).headers.get("Location")).toBe("/login?next=%2Ffinance%3Fyear%3D2024");
    }
    const cookie = await startSession(new Request("http://127.0.0.1/"), { username: "lead1", displayName: "", role: "leader", deptCode: null });
    await expect(requireUser(requestWithCookie(cookie, "http://127.0.0.1/api/marts/mart_flags"), "export")).rejects.toMatchObject({ status: 403 });
    expect(readAudit({ event: "access_denied" })[0]).toMatchObject({ actor: "lead1", detail: { permission: "export" } });
  });

  it("rejects a POST from another origin (CSRF) and accepts one from its own", () => {
    const cross = new Request("http://127.0.0.1:3000/logout", { method: "POST", headers: { Origin: "http://evil.example" } });
    expect(() => assertSameOrigin(cross)).toThrow();
    const none = new Request("http://127.0.0.1:3000/logout", { method: "POST" });
    expect(() => assertSameOrigin(none)).toThrow();
    const same = new Request("http://127.0.0.1:3000/logout", { method: "POST", headers: { Origin: "http://127.0.0.1:3000" } });
    expect(() => assertSameOrigin(same)).not.toThrow();
  });

  it("keeps an append-only audit log whose edited lines are detected", async () => {
    recordAudit({ event: "export", actor: "ana", role: "analyst", detail: { mart: "mart_flags", rows: 12 } });
    const latest = readAudit({ limit: 1 })[0];
    expect(latest).toMatchObject({ event: "export", actor: "ana", intact: true });
    const file = path.join(process.env.AUDIT_DIR!, (await readdir(process.env.AUDIT_DIR!))[0]);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace('"rows":12', '"rows":1'));
    expect(readAudit({ limit: 1 })[0]).toMatchObject({ event: "export", intact: false });
  });
});
