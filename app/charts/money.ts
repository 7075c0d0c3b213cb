// Exact sums of the warehouse's DECIMAL(18,2) strings for chart tables: integer fen, never a float sum.
// (Amounts up to ±90 万亿元 stay exact in a double's integer range.)

/** "1234.5" → 123450 fen; null for anything that is not a decimal amount. */
export function toFen(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  const m = /^(-?)(\d+)(?:\.(\d{1,2})\d*)?$/.exec(String(v));
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -fen : fen;
}

/** 123450 fen → "1234.50" (the warehouse's DECIMAL text, for formatYuan / formatWanYuan). */
export function fenToDecimal(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** Yuan as 万元 number for a chart axis (display only, two decimals). */
export function fenToWan(fen: number): number {
  return Math.round(fen / 100) / 10000;
}
