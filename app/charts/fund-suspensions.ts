// 运维经费暂停（按单位）: a year's O&M fund suspensions (Art. 30, Art. 34) by department — projects still suspended,
// and projects whose suspension was lifted during the year — with the O&M money concerned, exact to the fen, in the
// tooltip and the data table. Bars count projects (a suspended project is usually paid nothing, so money alone
// would hide it); each bar carries the department code as `key`.
import type { ChartTable } from "~/components/Chart";
import { formatYuan } from "~/format/number";
import type { ChartOption } from "./echarts";

/** Long names clipped for the axis (the tooltip and the data table keep them whole). */
const clip = (s: string, n = 14): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface SuspensionRow {
  projectId: string;
  deptCode: string;
  deptName: string;
  /** true while the suspension holds at the end of the year (or the as-of date). */
  open: boolean;
  omAtStakeYuan: string | null;
}

const OPEN = "#b91c1c";
const LIFTED = "#9ca3af";

interface DeptSuspension {
  deptCode: string;
  deptName: string;
  openProjects: number;
  liftedProjects: number;
  openFen: bigint;
  liftedFen: bigint;
}

function fen(v: string | null): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?/.exec(v ?? "");
  if (!m) return 0n;
  const f = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -f : f;
}

function fenText(f: bigint): string {
  const sign = f < 0n ? "-" : "";
  const a = f < 0n ? -f : f;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
}

/** Per department, exact to the fen; most projects still suspended first, then the larger amount. */
export function suspensionsByDept(rows: readonly SuspensionRow[]): DeptSuspension[] {
  const by = new Map<string, DeptSuspension>();
  for (const r of rows) {
    const d = by.get(r.deptCode) ?? { deptCode: r.deptCode, deptName: r.deptName, openProjects: 0, liftedProjects: 0, openFen: 0n, liftedFen: 0n };
    if (r.open) {
      d.openProjects += 1;
      d.openFen += fen(r.omAtStakeYuan);
    } else {
      d.liftedProjects += 1;
      d.liftedFen += fen(r.omAtStakeYuan);
    }
    by.set(r.deptCode, d);
  }
  return [...by.values()].sort(
    (a, b) =>
      b.openProjects - a.openProjects ||
      (b.openFen > a.openFen ? 1 : b.openFen < a.openFen ? -1 : 0) ||
      b.liftedProjects - a.liftedProjects ||
      a.deptCode.localeCompare(b.deptCode),
  );
}

export function fundSuspensionsHeight(rows: readonly SuspensionRow[]): number {
  return Math.max(160, 70 + suspensionsByDept(rows).length * 34);
}

export function fundSuspensionsOption(rows: readonly SuspensionRow[], selectedDept: string | null = null): ChartOption {
  const depts = suspensionsByDept(rows);
  const item = (d: DeptSuspension, projects: number) => ({
    value: projects,
    key: d.deptCode,
    itemStyle: selectedDept && selectedDept !== d.deptCode ? { opacity: 0.3 } : undefined,
  });
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: { dataIndex: number }[]) => {
        const d = depts[ps[0]?.dataIndex ?? -1];
        if (!d) return "";
        return `${d.deptName}<br/>暂停中：${d.openProjects} 个项目，涉及运维经费 ${formatYuan(fenText(d.openFen))}<br/>年内已解除：${d.liftedProjects} 个项目，涉及运维经费 ${formatYuan(fenText(d.liftedFen))}`;
      },
    },
    legend: { top: 0, data: ["暂停中", "年内已解除"] },
    xAxis: { type: "value", name: "个", nameGap: 6, minInterval: 1 },
    yAxis: {
      type: "category",
      inverse: true,
      data: depts.map((d) => clip(d.deptName)),
      axisTick: { show: false },
      // every label shown: skips ECharts' label-overlap measuring, the costliest part of rendering on the server
      axisLabel: { interval: 0 },
    },
    series: [
      { type: "bar", name: "暂停中", stack: "om", cursor: "pointer", barMaxWidth: 18, itemStyle: { color: OPEN }, data: depts.map((d) => item(d, d.openProjects)) },
      { type: "bar", name: "年内已解除", stack: "om", cursor: "pointer", barMaxWidth: 18, itemStyle: { color: LIFTED }, data: depts.map((d) => item(d, d.liftedProjects)) },
    ],
  };
}

export function fundSuspensionsTable(rows: readonly SuspensionRow[]): ChartTable {
  return {
    headers: ["单位", "暂停中项目", "暂停中涉及运维经费", "年内已解除项目", "已解除涉及运维经费"],
    rows: suspensionsByDept(rows).map((d) => [
      d.deptName,
      d.openProjects,
      formatYuan(fenText(d.openFen)),
      d.liftedProjects,
      formatYuan(fenText(d.liftedFen)),
    ]),
  };
}

/** Exact sum of DECIMAL(18,2) yuan texts, as DECIMAL text. */
export function sumYuan(values: readonly (string | null)[]): string {
  return fenText(values.reduce((t, v) => t + fen(v), 0n));
}
