// 单位 × 条款 热力图: flag counts per department (rows) and rule (columns, in the measures' article order). Each cell
// carries `key` = "deptCode|ruleId" so a click can filter the page by both.
import type { ChartTable } from "~/components/Chart";
import { articleShort, compareRules, ruleInfo } from "~/domain/rules";
import type { ChartOption } from "./echarts";

/** Long names clipped for the axis (the tooltip and the data table keep them whole). */
const clip = (s: string, n = 14): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface DeptRuleCount {
  deptCode: string;
  deptName: string;
  ruleId: string;
  flags: number;
}

export interface HeatmapLayout {
  rules: string[];
  depts: { code: string; name: string; total: number }[];
}

/** Departments beyond this many are left to the data table, so the heat map stays readable. */
export const HEATMAP_DEPTS_MAX = 25;

/** Columns: rules with any flag, article order. Rows: departments with any flag, most flags first — at most
 *  `maxDepts` of them, plus the selected department when it ranks lower. */
export function heatmapLayout(rows: readonly DeptRuleCount[], maxDepts = Infinity, selectedDept: string | null = null): HeatmapLayout {
  const rules = [...new Set(rows.filter((r) => r.flags > 0).map((r) => r.ruleId))].sort(compareRules);
  const totals = new Map<string, { code: string; name: string; total: number }>();
  for (const r of rows) {
    if (r.flags <= 0) continue;
    const d = totals.get(r.deptCode) ?? { code: r.deptCode, name: r.deptName, total: 0 };
    d.total += r.flags;
    totals.set(r.deptCode, d);
  }
  const all = [...totals.values()].sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  const depts = all.slice(0, maxDepts);
  const selected = selectedDept ? all.find((d) => d.code === selectedDept) : undefined;
  if (selected && !depts.includes(selected)) depts.push(selected);
  const shown = new Set(depts.map((d) => d.code));
  const ruleSet = new Set(rows.filter((r) => r.flags > 0 && shown.has(r.deptCode)).map((r) => r.ruleId));
  return { rules: rules.filter((r) => ruleSet.has(r)), depts };
}

export function heatmapHeight(rows: readonly DeptRuleCount[], selectedDept: string | null = null, maxDepts = HEATMAP_DEPTS_MAX): number {
  return Math.max(240, 160 + heatmapLayout(rows, maxDepts, selectedDept).depts.length * 30);
}

export function cellKey(deptCode: string, ruleId: string): string {
  return `${deptCode}|${ruleId}`;
}

export function parseCellKey(key: string): { dept: string; rule: string } | null {
  const [dept, rule] = key.split("|");
  return dept && rule ? { dept, rule } : null;
}

export function flagsHeatmapOption(
  rows: readonly DeptRuleCount[],
  selected: { dept: string | null; rule: string | null } = { dept: null, rule: null },
  maxDepts = HEATMAP_DEPTS_MAX,
): ChartOption {
  const { rules, depts } = heatmapLayout(rows, maxDepts, selected.dept);
  const ruleIndex = new Map(rules.map((r, i) => [r, i]));
  const deptIndex = new Map(depts.map((d, i) => [d.code, i]));
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.flags <= 0 || !deptIndex.has(r.deptCode) || !ruleIndex.has(r.ruleId)) continue;
    const k = cellKey(r.deptCode, r.ruleId);
    counts.set(k, (counts.get(k) ?? 0) + r.flags);
  }
  const max = Math.max(1, ...counts.values());
  const data = [...counts.entries()].map(([k, n]) => {
    const [dept, rule] = k.split("|");
    const dimmed = (selected.dept && selected.dept !== dept) || (selected.rule && selected.rule !== rule);
    return {
      value: [ruleIndex.get(rule), deptIndex.get(dept), n],
      key: k,
      itemStyle: dimmed ? { opacity: 0.35 } : { borderColor: "#fff", borderWidth: 1 },
    };
  });
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 8 },
    tooltip: {
      trigger: "item",
      formatter: (p: { value: [number, number, number] }) => {
        const rule = rules[p.value[0]];
        const dept = depts[p.value[1]];
        if (!rule || !dept) return "";
        const info = ruleInfo(rule);
        return `${dept.name}<br/>${articleShort(info.article)} ${info.title}<br/>违规标记 ${p.value[2]} 条`;
      },
    },
    xAxis: {
      type: "category",
      data: rules.map((r) => `${articleShort(ruleInfo(r).article)} ${ruleInfo(r).short}`),
      splitLine: { show: true, lineStyle: { color: "#f1f5f9" } },
      axisLabel: { interval: 0, fontSize: 11, rotate: 50 },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: depts.map((d) => clip(d.name)),
      splitLine: { show: true, lineStyle: { color: "#f1f5f9" } },
      axisLabel: { interval: 0 },
    },
    // Every cell prints its count, so the colour scale needs no legend of its own (and the server renders faster).
    visualMap: {
      show: false,
      min: 0,
      max,
      inRange: { color: ["#fef3c7", "#f59e0b", "#b91c1c"] },
    },
    series: [
      {
        type: "heatmap",
        name: "违规标记",
        cursor: "pointer",
        label: { show: true, fontSize: 11 },
        emphasis: { itemStyle: { borderColor: "#0f2a5c", borderWidth: 2 } },
        data,
      },
    ],
  };
}

export function flagsHeatmapTable(rows: readonly DeptRuleCount[]): ChartTable {
  const { rules, depts } = heatmapLayout(rows);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(cellKey(r.deptCode, r.ruleId), (counts.get(cellKey(r.deptCode, r.ruleId)) ?? 0) + r.flags);
  return {
    headers: ["单位", ...rules.map((r) => `${articleShort(ruleInfo(r).article)} ${ruleInfo(r).short}`), "合计"],
    rows: depts.map((d) => [d.name, ...rules.map((r) => counts.get(cellKey(d.code, r)) ?? 0), d.total]),
  };
}
