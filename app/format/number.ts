// Numbers the Chinese way: thousands separators, 万元 for money at a glance, 元 to the fen where exactness matters.
// Inputs are the warehouse's JSON-safe values: DECIMAL and BIGINT arrive as strings.

const intFmt = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });

export function formatCount(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  const n = typeof v === "bigint" ? Number(v) : Number(v);
  return Number.isFinite(n) ? intFmt.format(n) : String(v);
}

/** "1234567.80" → "1,234,567.80 元", exact: string arithmetic, no float. */
export function formatYuan(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  const s = String(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = ""] = m;
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(frac + "00").slice(0, 2)} 元`;
}

// made once: constructing an Intl.NumberFormat costs far more than formatting with one, and tables call this per cell
const wanFmt = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Yuan → 万元 with two decimals, for charts and summaries ("123.46 万元"). */
export function formatWanYuan(v: unknown, withUnit = true): string {
  if (v === null || v === undefined || v === "") return "—";
  const n = Number(v) / 10000;
  if (!Number.isFinite(n)) return String(v);
  const text = wanFmt.format(n);
  return withUnit ? `${text} 万元` : text;
}

export function formatYear(y: unknown): string {
  return y === null || y === undefined ? "—" : `${y}年`;
}

export function formatPercent(v: unknown, digits = 1): string {
  if (v === null || v === undefined || v === "") return "—";
  const n = Number(v);
  return Number.isFinite(n) ? `${(n * 100).toFixed(digits)}%` : String(v);
}
