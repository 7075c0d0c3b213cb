// 违规标记年度趋势: flags per year (the year of the event each rule checks, docs/warehouse.md): the total, whose points
// carry their year as `key` so a click filters the page to that year, and a thin line per severity.
import type { ChartTable } from "~/components/Chart";
import { SEVERITIES, severityColour } from "~/domain/rules";
import type { ChartOption } from "./echarts";

export interface YearSeverityCount {
  year: number;
  severity: string;
  flags: number;
}

export interface TrendYear {
  year: number;
  total: number;
  bySeverity: Record<string, number>;
}

/** One entry per year from the first to the last year with data, gaps filled with zeros. */
export function trendYears(rows: readonly YearSeverityCount[]): TrendYear[] {
  if (rows.length === 0) return [];
  const years = rows.map((r) => r.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const out: TrendYear[] = [];
  for (let y = first; y <= last; y++) out.push({ year: y, total: 0, bySeverity: {} });
  for (const r of rows) {
    const t = out[r.year - first];
    t.total += r.flags;
    t.bySeverity[r.severity] = (t.bySeverity[r.severity] ?? 0) + r.flags;
  }
  return out;
}

function presentSeverities(years: TrendYear[]): string[] {
  const seen = new Set(years.flatMap((y) => Object.keys(y.bySeverity)));
  return [...SEVERITIES.filter((s) => seen.has(s)), ...[...seen].filter((s) => !(SEVERITIES as string[]).includes(s))];
}

export function flagsTrendOption(rows: readonly YearSeverityCount[], selectedYear: number | null = null): ChartOption {
  const years = trendYears(rows);
  const severities = presentSeverities(years);
  const point = (y: TrendYear, value: number, colour: string) => ({
    value,
    key: String(y.year),
    symbolSize: y.year === selectedYear ? 14 : 8,
    itemStyle: { color: colour, borderColor: y.year === selectedYear ? "#0f2a5c" : colour, borderWidth: y.year === selectedYear ? 3 : 1 },
  });
  return {
    grid: { left: 8, right: 24, top: 56, bottom: 8 },
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["合计", ...severities] },
    xAxis: {
      type: "category",
      data: years.map((y) => `${y.year}年`),
      boundaryGap: years.length < 3,
      axisLabel: { interval: 0 },
    },
    yAxis: { type: "value", minInterval: 1, name: "条" },
    series: [
      {
        type: "line",
        name: "合计",
        cursor: "pointer",
        label: { show: true, position: "top" },
        color: "#0f2a5c",
        lineStyle: { width: 3, color: "#0f2a5c" },
        data: years.map((y) => point(y, y.total, "#0f2a5c")),
      },
      // the breakdown by severity: thin dashed lines without symbols (the total carries the clickable points)
      ...severities.map((s) => ({
        type: "line",
        name: s,
        color: severityColour(s),
        symbol: "none",
        lineStyle: { color: severityColour(s), type: "dashed", width: 1.5 },
        data: years.map((y) => y.bySeverity[s] ?? 0),
      })),
    ],
  };
}

export function flagsTrendTable(rows: readonly YearSeverityCount[]): ChartTable {
  const years = trendYears(rows);
  const severities = presentSeverities(years);
  return {
    headers: ["年度", ...severities.map((s) => `${s}（条）`), "合计（条）"],
    rows: years.map((y) => [`${y.year}年`, ...severities.map((s) => y.bySeverity[s] ?? 0), y.total]),
  };
}
