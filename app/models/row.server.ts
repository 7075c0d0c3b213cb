// Reading the warehouse's JSON-safe rows (app/db.server.ts: DECIMAL and BIGINT arrive as strings, DATE as
// YYYY-MM-DD text, DOUBLE as numbers) into the plain types the pages' models return.
import { WarehouseMissingError, type Row } from "~/db.server";

/** A number, or null when the value is NULL / not a number. Never for money: money stays DECIMAL text. */
export function num(r: Row, k: string): number | null {
  const v = r[k];
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A count: NULL reads as 0. */
export function count(r: Row, k: string): number {
  return num(r, k) ?? 0;
}

export function text(r: Row, k: string): string | null {
  const v = r[k];
  return v === null || v === undefined ? null : String(v);
}

/** DECIMAL money as its exact text ("1234.50"), or null. */
export function money(r: Row, k: string): string | null {
  return text(r, k);
}

/** A DATE as YYYY-MM-DD, or null. */
export function date(r: Row, k: string): string | null {
  const v = text(r, k);
  return v ? v.slice(0, 10) : null;
}

export function bool(r: Row, k: string): boolean {
  return r[k] === true || r[k] === "true";
}

export function list(r: Row, k: string): string[] {
  const v = r[k];
  return Array.isArray(v) ? v.map(String) : [];
}

/** A missing warehouse becomes a 503 with the reader's Chinese message (what to run); anything else is rethrown
 *  for the route's ErrorBoundary. */
export function rethrowForRoute(err: unknown): never {
  if (err instanceof WarehouseMissingError) throw new Response(err.message, { status: 503 });
  throw err;
}
