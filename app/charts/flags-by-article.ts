// 违规标记按条款 / 按单位: horizontal bars of flag counts. Each bar carries its rule id or department code as `key`, so
// a click can navigate to the page filtered by it; the selected bar stays solid and the others fade. Both charts live
// here because they are the same bars over a different category (the page shows them side by side).
import type { ChartTable } from "~/components/Chart";
import { articleLabel, compareRules, ruleInfo, ruleLabel, severityColour } from "~/domain/rules";
import type { ChartOption } from "./echarts";

/** Long names clipped for the axis (the tooltip and the data table keep them whole). */
const clip = (s: string, n = 14): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface RuleCount {
  ruleId: string;
  article: string;
  severity: string;
  flags: number;
  projects: number;
}

export interface DeptCount {
  deptCode: string;
  deptName: string;
  flags: number;
  projects: number;
}

interface Bar {
  key: string;
  label: string;
  value: number;
  colour: string;
  tooltip: string;
}

/** Height that fits `bars` horizontal bars without squeezing their labels. */
export function barChartHeight(bars: number): number {
  return Math.max(160, 60 + bars * 28);
}

function barsOption(bars: Bar[], selected: string | null, seriesName: string): ChartOption {
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8 },
    tooltip: {
      trigger: "item",
      formatter: (p: { dataIndex: number }) => bars[p.dataIndex]?.tooltip ?? "",
    },
    xAxis: { type: "value", minInterval: 1, name: "条", nameGap: 6 },
    yAxis: {
      type: "category",
      inverse: true,
      data: bars.map((b) => clip(b.label, 16)),
      axisTick: { show: false },
      // every label shown: skips ECharts' label-overlap measuring, the costliest part of rendering on the server
      axisLabel: { interval: 0 },
    },
    series: [
      {
        type: "bar",
        name: seriesName,
        barMaxWidth: 18,
        cursor: "pointer",
        label: { show: true, position: "right" },
        data: bars.map((b) => ({
          value: b.value,
          key: b.key,
          itemStyle: { color: b.colour, opacity: selected && selected !== b.key ? 0.3 : 1 },
        })),
      },
    ],
  };
}

/** Rules in the order the measures read (article, then item), each bar coloured by its severity. */
export function sortRuleCounts(rows: readonly RuleCount[]): RuleCount[] {
  return [...rows].sort((a, b) => compareRules(a.ruleId, b.ruleId));
}

export function flagsByArticleOption(rows: readonly RuleCount[], selectedRule: string | null = null): ChartOption {
  const bars = sortRuleCounts(rows).map<Bar>((r) => {
    const info = ruleInfo(r.ruleId);
    return {
      key: r.ruleId,
      label: ruleLabel(r.ruleId),
      value: r.flags,
      colour: severityColour(r.severity || info.severity),
      tooltip: `${articleLabel(r.article || info.article)}<br/>${info.title}<br/>违规标记 ${r.flags} 条，涉及项目 ${r.projects} 个<br/>后果：${info.consequence}`,
    };
  });
  return barsOption(bars, selectedRule, "违规标记");
}

export function flagsByArticleTable(rows: readonly RuleCount[]): ChartTable {
  return {
    headers: ["条款", "规则", "严重程度", "违规标记（条）", "涉及项目（个）"],
    rows: sortRuleCounts(rows).map((r) => [
      articleLabel(r.article || ruleInfo(r.ruleId).article),
      ruleInfo(r.ruleId).title,
      r.severity || ruleInfo(r.ruleId).severity,
      r.flags,
      r.projects,
    ]),
  };
}

/** Departments with the most flags first; ties by code so the order is stable. */
export function sortDeptCounts(rows: readonly DeptCount[]): DeptCount[] {
  return [...rows].sort((a, b) => b.flags - a.flags || a.deptCode.localeCompare(b.deptCode));
}

/** At most `max` departments, most flags first — and the selected one even when it ranks lower. */
export function chartedDepts(rows: readonly DeptCount[], selectedDept: string | null = null, max = DEPT_BARS_MAX): DeptCount[] {
  const sorted = sortDeptCounts(rows);
  const top = sorted.slice(0, max);
  const selected = selectedDept ? sorted.find((r) => r.deptCode === selectedDept) : undefined;
  return selected && !top.includes(selected) ? [...top, selected] : top;
}

/** Departments beyond this many are left to the data table, so the chart stays readable. */
export const DEPT_BARS_MAX = 20;

export function flagsByDepartmentOption(rows: readonly DeptCount[], selectedDept: string | null = null, max = DEPT_BARS_MAX): ChartOption {
  const bars = chartedDepts(rows, selectedDept, max).map<Bar>((r) => ({
    key: r.deptCode,
    label: r.deptName,
    value: r.flags,
    colour: "#b45309",
    tooltip: `${r.deptName}<br/>违规标记 ${r.flags} 条，涉及项目 ${r.projects} 个`,
  }));
  return barsOption(bars, selectedDept, "违规标记");
}

export function flagsByDepartmentTable(rows: readonly DeptCount[]): ChartTable {
  return {
    headers: ["单位", "违规标记（条）", "涉及项目（个）"],
    rows: sortDeptCounts(rows).map((r) => [r.deptName, r.flags, r.projects]),
  };
}
