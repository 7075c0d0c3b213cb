// 云租赁费区县分摊: a year's shared government-cloud rent (Art. 23) as one stacked bar per party — 市本级 first, then the
// districts/counties in code order — with one series per project. Bars in 万元; every segment carries the county code
// as `key`, so a click filters the page by that county. The data table is exact to the fen.
import type { ChartTable } from "~/components/Chart";
import { formatYuan } from "~/format/number";
import type { ChartOption } from "./echarts";

export interface AllocationPart {
  projectId: string;
  projectName: string;
  countyCode: string;
  countyName: string;
  amountYuan: string;
}

const PALETTE = ["#1d4ed8", "#0891b2", "#047857", "#65a30d", "#ca8a04", "#ea580c", "#be123c", "#7c3aed", "#0f766e", "#4338ca", "#a16207", "#475569"];

/** 市本级 (CITY) first, then administrative code order. */
export function compareCounties(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "CITY") return -1;
  if (b === "CITY") return 1;
  return a.localeCompare(b);
}

export function allocationCounties(rows: readonly AllocationPart[]): { code: string; name: string }[] {
  const names = new Map<string, string>();
  for (const r of rows) if (!names.has(r.countyCode)) names.set(r.countyCode, r.countyName);
  return [...names.keys()].sort(compareCounties).map((code) => ({ code, name: names.get(code) ?? code }));
}

export function allocationProjects(rows: readonly AllocationPart[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(r.projectId)) seen.set(r.projectId, r.projectName);
  return [...seen.entries()].map(([id, name]) => ({ id, name }));
}

function toWan(yuan: string): number {
  const n = Number(yuan);
  return Number.isFinite(n) ? Math.round(n / 100) / 100 : 0;
}

export function countyAllocationOption(rows: readonly AllocationPart[], selectedCounty: string | null = null): ChartOption {
  const counties = allocationCounties(rows);
  const projects = allocationProjects(rows);
  const amount = new Map(rows.map((r) => [`${r.projectId}|${r.countyCode}`, r.amountYuan]));
  return {
    color: PALETTE,
    grid: { left: 8, right: 16, top: 56, bottom: 8 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      confine: true,
      valueFormatter: (v: unknown) => `${Number(v).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`,
    },
    legend: { type: "scroll", top: 0, left: 0, right: 0, data: projects.map((p) => p.name) },
    xAxis: {
      type: "category",
      data: counties.map((c) => c.name),
      axisLabel: {
        interval: 0,
        formatter: (value: string, index: number) => (counties[index]?.code === selectedCounty ? `{selected|${value}}` : value),
        rich: { selected: { fontWeight: "bold", color: "#0f2a5c" } },
      },
    },
    yAxis: { type: "value", name: "万元" },
    series: projects.map((p) => ({
      type: "bar",
      name: p.name,
      stack: "rent",
      cursor: "pointer",
      barMaxWidth: 48,
      emphasis: { focus: "series" },
      data: counties.map((c) => {
        const yuan = amount.get(`${p.id}|${c.code}`);
        return {
          value: yuan === undefined ? 0 : toWan(yuan),
          key: c.code,
          itemStyle: selectedCounty && selectedCounty !== c.code ? { opacity: 0.3 } : undefined,
        };
      }),
    })),
  };
}

export function countyAllocationTable(rows: readonly AllocationPart[]): ChartTable {
  const counties = allocationCounties(rows);
  const order = new Map(counties.map((c, i) => [c.code, i]));
  return {
    headers: ["区县", "项目", "分摊金额"],
    rows: [...rows]
      .sort((a, b) => (order.get(a.countyCode) ?? 0) - (order.get(b.countyCode) ?? 0) || a.projectId.localeCompare(b.projectId))
      .map((r) => [r.countyName, r.projectName, formatYuan(r.amountYuan)]),
  };
}
