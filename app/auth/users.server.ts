// Accounts: creation with complexity rules, sign-in with lockout after 5 failures for 15 minutes (等保 2.0 level 2:
// 登录失败处理), listing and disabling for the admin. Every statement binds its values.
import type { DuckDBConnection } from "@duckdb/node-api";
import { hashPassword, passwordProblems, verifyPassword } from "./password.server.js";
import { isRole, type Role, type SessionUser } from "./roles.js";
import { forgetSessions } from "./session-cache.server.js";

export const MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  deptCode: string | null;
  password: string;
}

export class UserInputError extends Error {}

export async function createUser(conn: DuckDBConnection, u: NewUser): Promise<void> {
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(u.username)) throw new UserInputError("用户名须为 3–32 位字母、数字、下划线、点或连字符");
  if (!isRole(u.role)) throw new UserInputError(`未知角色：${u.role}`);
  if (u.role === "department" && !u.deptCode) throw new UserInputError("建设单位角色必须指定单位代码（--dept）");
  const problems = passwordProblems(u.password, u.username);
  if (problems.length) throw new UserInputError(`密码不符合要求：${problems.join("；")}`);
  const existing = await conn.runAndReadAll("SELECT 1 FROM users WHERE username = $u", { u: u.username });
  if (existing.currentRowCount > 0) throw new UserInputError(`用户 ${u.username} 已存在`);
  await conn.run(
    `INSERT INTO users (username, display_name, role, dept_code, password_hash, created_at, password_changed_at)
     VALUES ($username, $display, $role, $dept, $hash, now()::TIMESTAMP, now()::TIMESTAMP)`,
    {
      username: u.username,
      display: u.displayName || u.username,
      role: u.role,
      dept: u.role === "department" ? u.deptCode : null,
      hash: await hashPassword(u.password),
    },
  );
}

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "bad_credentials" | "locked" | "disabled"; lockedUntil?: string };

/** Checks a password. Failures count toward the lockout whether or not the password was close; an unknown user
 *  gets the same answer and the same work as a wrong password, so accounts cannot be enumerated. */
export async function signIn(conn: DuckDBConnection, username: string, password: string): Promise<SignInResult> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT username, display_name, role, dept_code, password_hash, disabled,
              strftime(locked_until, '%Y-%m-%d %H:%M:%S') AS locked_until, locked_until > now()::TIMESTAMP AS locked
       FROM users WHERE username = $u`,
      { u: username },
    )
  ).getRowObjectsJson();
  const row = rows[0];
  if (!row) {
    await verifyPassword(password, "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A".repeat(86) + "==");
    return { ok: false, reason: "bad_credentials" };
  }
  if (row.disabled) return { ok: false, reason: "disabled" };
  if (row.locked) return { ok: false, reason: "locked", lockedUntil: String(row.locked_until) };
  if (!(await verifyPassword(password, String(row.password_hash)))) {
    await conn.run(
      `UPDATE users SET failed_count = failed_count + 1,
         locked_until = CASE WHEN failed_count + 1 >= $max THEN now()::TIMESTAMP + to_minutes($mins) END
       WHERE username = $u`,
      { u: username, max: MAX_FAILURES, mins: LOCKOUT_MINUTES },
    );
    const after = (await conn.runAndReadAll("SELECT failed_count FROM users WHERE username = $u", { u: username })).getRowObjectsJson()[0];
    if (Number(after?.failed_count) >= MAX_FAILURES) {
      await conn.run("UPDATE users SET failed_count = 0 WHERE username = $u", { u: username });
      return { ok: false, reason: "locked" };
    }
    return { ok: false, reason: "bad_credentials" };
  }
  await conn.run("UPDATE users SET failed_count = 0, locked_until = NULL WHERE username = $u", { u: username });
  return {
    ok: true,
    user: {
      username: String(row.username),
      displayName: String(row.display_name),
      role: row.role as Role,
      deptCode: (row.dept_code as string | null) ?? null,
    },
  };
}

export interface UserRow {
  username: string;
  displayName: string;
  role: Role;
  deptCode: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export async function listUsers(conn: DuckDBConnection): Promise<UserRow[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT username, display_name, role, dept_code, disabled,
              CASE WHEN locked_until > now()::TIMESTAMP THEN strftime(locked_until, '%Y-%m-%d %H:%M:%S') END AS locked_until,
              strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at
       FROM users ORDER BY username`,
    )
  ).getRowObjectsJson();
  return rows.map((r) => ({
    username: String(r.username),
    displayName: String(r.display_name),
    role: r.role as Role,
    deptCode: (r.dept_code as string | null) ?? null,
    disabled: Boolean(r.disabled),
    lockedUntil: (r.locked_until as string | null) ?? null,
    createdAt: String(r.created_at),
  }));
}

export async function setDisabled(conn: DuckDBConnection, username: string, disabled: boolean): Promise<void> {
  await conn.run("UPDATE users SET disabled = $d WHERE username = $u", { d: disabled, u: username });
  forgetSessions(); // the user's sessions end now, not when a remembered answer expires
  if (disabled) {
    await conn.run(
      "UPDATE sessions SET ended_at = now()::TIMESTAMP, end_reason = 'disabled' WHERE username = $u AND ended_at IS NULL",
      { u: username },
    );
  }
}

export async function countUsers(conn: DuckDBConnection): Promise<number> {
  const r = (await conn.runAndReadAll("SELECT count(*)::INTEGER AS n FROM users")).getRowObjectsJson();
  return Number(r[0]?.n ?? 0);
}
