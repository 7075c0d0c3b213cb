// A page request asks "who is this?" twice (the root loader and the route's loader) and 16 clients ask it many
// times a second; each answer was a query on the companion store, serialised on its one connection. Remember the
// answer per session id for a short while. Every write that can change the answer (sign-out, timeout, disabling a
// user) goes through this process — the store is held read-write by the server alone — and forgets at once, so a
// disabled user or an ended session is refused on the next request, not after the TTL.
import type { SessionUser } from "./roles.js";

const TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;
const remembered = new Map<string, { user: SessionUser; at: number }>();

export function recalledSession(id: string, now = Date.now()): SessionUser | null {
  const hit = remembered.get(id);
  if (!hit) return null;
  if (now - hit.at > TTL_MS) {
    remembered.delete(id);
    return null;
  }
  return hit.user;
}

export function rememberSession(id: string, user: SessionUser, now = Date.now()): void {
  if (remembered.size >= MAX_ENTRIES) remembered.clear();
  remembered.set(id, { user: Object.freeze({ ...user }), at: now });
}

/** Forget one session, or all of them (after a change to users, whose sessions are not indexed here). */
export function forgetSessions(id?: string): void {
  if (id === undefined) remembered.clear();
  else remembered.delete(id);
}
