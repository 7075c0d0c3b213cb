// Sessions: a random id in a signed, httpOnly, SameSite=Lax cookie (Secure behind TLS); the session itself lives in
// the companion store so sign-out, disabling a user and the 30-minute idle timeout end it on the server, not just in
// the browser (等保 2.0 level 2: 会话超时, 主动退出).
import { createCookie, redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { recordAudit } from "./audit.server.js";
import { can, type Permission, type SessionUser, type Role } from "./roles.js";
import { serverSecret } from "./secret.server.js";
import { forgetSessions, recalledSession, rememberSession } from "./session-cache.server.js";
import { getAdminStore } from "./store.server.js";

export const IDLE_TIMEOUT_MINUTES = Number(process.env.IDLE_TIMEOUT_MINUTES ?? 30);

function sessionCookie(request: Request) {
  const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return createCookie("xinguan_session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    secrets: [serverSecret()],
  });
}

export function clientIp(request: Request): string | undefined {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || undefined;
}

export async function startSession(request: Request, user: SessionUser): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const { conn } = await getAdminStore();
  await conn.run(
    "INSERT INTO sessions (id, username, created_at, last_seen) VALUES ($id, $u, now()::TIMESTAMP, now()::TIMESTAMP)",
    { id, u: user.username },
  );
  return sessionCookie(request).serialize(id);
}

export async function endSession(request: Request, reason: string): Promise<string> {
  const id = await sessionCookie(request).parse(request.headers.get("Cookie"));
  if (typeof id === "string") {
    forgetSessions(id);
    const { conn } = await getAdminStore();
    await conn.run(
      "UPDATE sessions SET ended_at = now()::TIMESTAMP, end_reason = $r WHERE id = $id AND ended_at IS NULL",
      { id, r: reason },
    );
  }
  return sessionCookie(request).serialize("", { maxAge: 0 });
}

/** The signed-in user, or null. Ends a session idle for longer than the timeout (and records it). */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const id = await sessionCookie(request).parse(request.headers.get("Cookie"));
  if (typeof id !== "string" || !id) return null;
  const recalled = recalledSession(id);
  if (recalled) return recalled;
  const { conn } = await getAdminStore();
  const rows = (
    await conn.runAndReadAll(
      `SELECT u.username, u.display_name, u.role, u.dept_code,
              s.last_seen < now()::TIMESTAMP - to_minutes($idle) AS idle,
              s.last_seen < now()::TIMESTAMP - INTERVAL 30 SECOND AS stale
       FROM sessions s JOIN users u USING (username)
       WHERE s.id = $id AND s.ended_at IS NULL AND NOT u.disabled`,
      { id, idle: IDLE_TIMEOUT_MINUTES },
    )
  ).getRowObjectsJson();
  const row = rows[0];
  if (!row) return null;
  if (row.idle) {
    forgetSessions(id);
    await conn.run("UPDATE sessions SET ended_at = now()::TIMESTAMP, end_reason = 'timeout' WHERE id = $id", { id });
    recordAudit({ event: "session_timeout", actor: String(row.username), role: String(row.role), ip: clientIp(request) });
    return null;
  }
  // Touch at most every 30 s: the idle clock needs no finer grain, and reads stay reads.
  if (row.stale) await conn.run("UPDATE sessions SET last_seen = now()::TIMESTAMP WHERE id = $id", { id });
  const user: SessionUser = {
    username: String(row.username),
    displayName: String(row.display_name),
    role: row.role as Role,
    deptCode: (row.dept_code as string | null) ?? null,
  };
  rememberSession(id, user);
  return user;
}

/** The user a route may serve, or a redirect to sign-in (no session) / a 403 (not permitted), decided here on the
 *  server for every request. */
export async function requireUser(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!can(user.role, permission)) {
    recordAudit({
      event: "access_denied",
      actor: user.username,
      role: user.role,
      ip: clientIp(request),
      detail: { path: new URL(request.url).pathname, permission },
    });
    throw new Response("您的角色无权访问此页面或数据。", { status: 403 });
  }
  return user;
}

/** CSRF defence for every action: a POST must come from this origin (Origin, or Referer when Origin is absent). */
export function assertSameOrigin(request: Request): void {
  const expected = new URL(request.url).origin;
  const origin = request.headers.get("Origin") ?? (request.headers.get("Referer") ? new URL(request.headers.get("Referer")!).origin : null);
  const forwardedHost = request.headers.get("x-forwarded-host");
  const ok = origin !== null && (origin === expected || (forwardedHost !== null && new URL(origin).host === forwardedHost));
  if (!ok) throw new Response("请求来源校验失败（跨站请求被拒绝）。", { status: 403 });
}

/** Any signed-in user, whatever the role (the overview, the sign-out button): a redirect to sign-in otherwise. */
export async function requireSignedIn(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}
