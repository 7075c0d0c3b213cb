// 云资源月度费用: the project's government-cloud bill by month, one stacked bar per month, one colour per service.
// Bars are in 万元 for reading; the table keeps every amount to the fen and the monthly totals are exact sums.
import type { ChartTable } from "~/components/Chart";
import { formatYuan } from "~/format/number";
import type { ChartOption } from "./echarts";
import { fenToDecimal, fenToWan, toFen } from "./money";

export interface CloudMonthRow {
  month: string; // YYYY-MM-DD, the month's first day
  serviceName: string;
  billedYuan: string; // DECIMAL text
}

export interface CloudMonthly {
  months: string[]; // YYYY-MM
  services: string[];
  /** fen[service][month] */
  fen: number[][];
  totals: number[];
}

export function pivotCloudMonthly(rows: readonly CloudMonthRow[]): CloudMonthly {
  const months = [...new Set(rows.map((r) => r.month.slice(0, 7)))].sort();
  const services = [...new Set(rows.map((r) => r.serviceName))].sort((a, b) => a.localeCompare(b, "zh-CN"));
  const fen = services.map(() => months.map(() => 0));
  for (const r of rows) {
    fen[services.indexOf(r.serviceName)][months.indexOf(r.month.slice(0, 7))] += toFen(r.billedYuan) ?? 0;
  }
  const totals = months.map((_, m) => services.reduce((s, _s, i) => s + fen[i][m], 0));
  return { months, services, fen, totals };
}

const PALETTE = ["#1d4ed8", "#0891b2", "#7c3aed", "#d97706", "#059669", "#db2777", "#64748b"];

export function cloudMonthlyOption(p: CloudMonthly): ChartOption {
  return {
    color: PALETTE,
    grid: { left: 8, right: 16, top: 40, bottom: p.months.length > 18 ? 40 : 8 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => `${v.toFixed(2)} 万元` },
    legend: { top: 0, data: p.services },
    xAxis: { type: "category", data: p.months, axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", name: "万元" },
    dataZoom: p.months.length > 18 ? [{ type: "slider", height: 18, bottom: 8, startValue: p.months.length - 18 }] : [],
    series: p.services.map((s, i) => ({
      type: "bar",
      name: s,
      stack: "cost",
      barMaxWidth: 28,
      data: p.fen[i].map(fenToWan),
    })),
  };
}

export function cloudMonthlyTable(p: CloudMonthly): ChartTable {
  return {
    headers: ["月份", ...p.services, "合计"],
    rows: p.months.map((m, j) => [m, ...p.services.map((_, i) => formatYuan(fenToDecimal(p.fen[i][j]))), formatYuan(fenToDecimal(p.totals[j]))]),
  };
}
