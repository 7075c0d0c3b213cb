// The server's signing secret (session cookies, audit-line MACs). SESSION_SECRET wins; otherwise a random secret is
// created once beside the warehouse with owner-only permissions, so restarts keep sessions and audit MACs valid.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

let cached: string | null = null;

export function serverSecret(): string {
  if (cached) return cached;
  if (process.env.SESSION_SECRET && process.env.SESSION_SECRET.length >= 32) return (cached = process.env.SESSION_SECRET);
  const file = path.resolve(process.env.SECRET_FILE ?? "data/secret.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return (cached = readFileSync(file, "utf8").trim());
}
