// The audit log (等保 2.0 level 2: 安全审计): sign-ins (success and failure), sign-outs, exports, loads, user changes.
// Append-only JSON lines, one file per month under AUDIT_DIR; every line carries an HMAC of its content, so an edit
// made outside the app is detectable. The app offers no way to change or delete a line. Any process may append
// (the ETL records its loads); O_APPEND keeps concurrent lines whole.
import { createHmac } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { serverSecret } from "./secret.server.js";

export type AuditEvent =
  | "sign_in"
  | "sign_in_failed"
  | "sign_in_locked"
  | "sign_out"
  | "session_timeout"
  | "export"
  | "load"
  | "user_created"
  | "user_disabled"
  | "user_enabled"
  | "access_denied";

export interface AuditEntry {
  ts: string;
  event: AuditEvent;
  actor: string;
  role?: string;
  ip?: string;
  detail?: Record<string, unknown>;
}

export function auditDir(): string {
  return path.resolve(process.env.AUDIT_DIR ?? "data/audit");
}

function mac(line: string): string {
  return createHmac("sha256", serverSecret()).update(line).digest("hex");
}

export function recordAudit(entry: Omit<AuditEntry, "ts"> & { ts?: string }): void {
  const full: AuditEntry = { ts: entry.ts ?? new Date().toISOString(), ...entry };
  const body = JSON.stringify(full);
  const dir = auditDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `audit-${full.ts.slice(0, 7)}.jsonl`);
  appendFileSync(file, JSON.stringify({ ...full, mac: mac(body) }) + "\n", { mode: 0o600 });
}

export interface AuditRecord extends AuditEntry {
  intact: boolean;
}

/** Reads the log newest first; `intact` is false for a line whose MAC does not match (edited outside the app). */
export function readAudit({ limit = 500, event }: { limit?: number; event?: string } = {}): AuditRecord[] {
  const dir = auditDir();
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => /^audit-\d{4}-\d{2}\.jsonl$/.test(f)).sort().reverse();
  const out: AuditRecord[] = [];
  for (const f of files) {
    const lines = readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean).reverse();
    for (const line of lines) {
      let rec: AuditEntry & { mac?: string };
      try {
        rec = JSON.parse(line);
      } catch {
        out.push({ ts: "", event: "access_denied", actor: "?", detail: { raw: line.slice(0, 200) }, intact: false });
        continue;
      }
      const { mac: m, ...entry } = rec;
      if (event && entry.event !== event) continue;
      out.push({ ...entry, intact: m === mac(JSON.stringify(entry)) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
