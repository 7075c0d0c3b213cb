// 核准、合同、支付: for a year, the approved price (核准价, Art. 21 — the ceiling finance funds), the contracted amount
// and the construction funds paid, by department (or, within one department, by project). Bars in 万元; the data
// table is exact to the fen. Each bar carries `key` (department code or project id) and the chart's `level`.
import type { ChartTable } from "~/components/Chart";
import { formatWanYuan, formatYuan } from "~/format/number";
import type { ChartOption } from "./echarts";

/** Long names clipped for the axis (the tooltip and the data table keep them whole). */
const clip = (s: string, n = 14): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface FundingRow {
  key: string;
  label: string;
  level: "dept" | "project";
  projects: number;
  approvedYuan: string | null;
  contractedYuan: string | null;
  paidConstructionYuan: string | null;
  paidOmYuan: string | null;
}

/** DECIMAL text in yuan → 万元 for a chart axis (display only; tables stay exact). */
export function wan(v: string | null | undefined): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? Math.round(n / 100) / 100 : 0;
}

const SERIES: { name: string; field: "approvedYuan" | "contractedYuan" | "paidConstructionYuan"; colour: string }[] = [
  { name: "核准金额", field: "approvedYuan", colour: "#1d4ed8" },
  { name: "合同金额", field: "contractedYuan", colour: "#0891b2" },
  { name: "已付建设资金", field: "paidConstructionYuan", colour: "#047857" },
];

export function fundingPipelineHeight(rows: readonly FundingRow[]): number {
  return Math.max(200, 80 + rows.length * 44);
}

export function fundingPipelineOption(rows: readonly FundingRow[]): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => `${Number(v).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`,
    },
    legend: { top: 0, data: SERIES.map((s) => s.name) },
    xAxis: { type: "value", name: "万元", nameGap: 6 },
    yAxis: {
      type: "category",
      inverse: true,
      data: rows.map((r) => clip(r.label, 16)),
      axisTick: { show: false },
      // every label shown: skips ECharts' label-overlap measuring, the costliest part of rendering on the server
      axisLabel: { interval: 0 },
    },
    series: SERIES.map((s) => ({
      type: "bar",
      name: s.name,
      cursor: "pointer",
      barMaxWidth: 12,
      itemStyle: { color: s.colour },
      data: rows.map((r) => ({ value: wan(r[s.field]), key: r.key, level: r.level })),
    })),
  };
}

export function fundingPipelineTable(rows: readonly FundingRow[]): ChartTable {
  const level = rows[0]?.level ?? "dept";
  return {
    headers: [level === "dept" ? "单位" : "项目", "项目数", "核准金额", "合同金额", "已付建设资金", "已付运维经费", "合同/核准"],
    rows: rows.map((r) => [
      r.label,
      r.projects,
      formatYuan(r.approvedYuan),
      formatYuan(r.contractedYuan),
      formatYuan(r.paidConstructionYuan),
      formatYuan(r.paidOmYuan),
      Number(r.approvedYuan) > 0 ? `${((Number(r.contractedYuan ?? 0) / Number(r.approvedYuan)) * 100).toFixed(1)}%` : "—",
    ]),
  };
}

/** "核准 1,234.56 万元" — for a one-line summary above the chart. */
export function fundingSummary(rows: readonly FundingRow[]): { approved: string; contracted: string; paid: string } {
  const sum = (f: keyof FundingRow) => rows.reduce((t, r) => t + Math.round(Number(r[f] ?? 0) * 100), 0) / 100;
  return {
    approved: formatWanYuan(sum("approvedYuan")),
    contracted: formatWanYuan(sum("contractedYuan")),
    paid: formatWanYuan(sum("paidConstructionYuan")),
  };
}
