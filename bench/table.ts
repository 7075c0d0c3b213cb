// The one table the bench prints, and its markdown copy. Every figure sits beside the baseline it is compared with
// (measured in the same run) and its target; a missed target is printed as such, never hidden by the exit code.
export interface Row {
  section: string;
  item: string;
  value: string;
  baseline: string;
  target: string;
  verdict: string;
}

/** Display width in a terminal: CJK and full-width forms take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

export const HEADERS: Row = {
  section: "项",
  item: "指标",
  value: "本次结果",
  baseline: "同次基准",
  target: "目标",
  verdict: "结论",
};

const KEYS: (keyof Row)[] = ["section", "item", "value", "baseline", "target", "verdict"];

/** The section's name shows on its first row only. */
function grouped(rows: Row[]): Row[] {
  return rows.map((r, i) => (i > 0 && rows[i - 1].section === r.section ? { ...r, section: "" } : r));
}

export function renderTable(rows: Row[], headers: Partial<Row> = {}): string {
  const h = { ...HEADERS, ...headers };
  const widths = KEYS.map((k) => Math.max(displayWidth(h[k]), ...rows.map((r) => displayWidth(r[k]))));
  const line = (r: Row) => "│ " + KEYS.map((k, i) => pad(r[k], widths[i])).join(" │ ") + " │";
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => "─".repeat(w + 2)).join(m) + r;
  const out = [rule("┌", "┬", "┐"), line(h), rule("├", "┼", "┤")];
  grouped(rows).forEach((r, i) => {
    if (i > 0 && r.section) out.push(rule("├", "┼", "┤"));
    out.push(line(r));
  });
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}

const md = (s: string) => s.replaceAll("|", "\\|");

export function renderMarkdown(rows: Row[], headers: Partial<Row> = {}): string {
  const h = { ...HEADERS, ...headers };
  const out = [`| ${KEYS.map((k) => h[k]).join(" | ")} |`, `|${KEYS.map(() => "---").join("|")}|`];
  for (const r of grouped(rows)) out.push(`| ${KEYS.map((k) => md(r[k])).join(" | ")} |`);
  return out.join("\n");
}

// ---- formatting -------------------------------------------------------------------------------------------------

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** Decimal units (kB = 1000 B, GB = 10^9 B), as the targets are written. */
export function fmtBytes(b: number | null | undefined): string {
  if (b === null || b === undefined || !Number.isFinite(b)) return "—";
  if (b >= 1e9) return `${(b / 1e9).toFixed(2)} GB`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(1)} MB`;
  if (b >= 1e3) return `${(b / 1e3).toFixed(1)} kB`;
  return `${b} B`;
}

export function fmtCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)} k`;
  return String(Math.round(n));
}

export function fmtRate(rowsPerS: number): string {
  return Number.isFinite(rowsPerS) ? `${fmtCount(rowsPerS)} 行/秒` : "—";
}

export function verdict(met: boolean | null): string {
  return met === null ? "—" : met ? "✓" : "✗ 未达标";
}
