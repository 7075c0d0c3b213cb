// 年度绩效评估报告 · 单位绩效排名: departments by mean project score, best at the top, bars coloured by the grade
// band the mean falls in. Departments without a scorable project are left out of the chart (the table lists them).
import { GRADE_COLORS } from "~/domain/performance";
import type { ChartOption } from "./echarts";

export interface ReportDepartmentRow {
  dept_name: string;
  mean_score: number | null;
}

/** "绍兴市人力资源和社会保障局" → "人力资源和社会保障局": the city prefix is on every name. */
export function shortDeptName(name: string): string {
  return name.replace(/^绍兴市/, "");
}

function bandColor(score: number): string {
  return score >= 90 ? GRADE_COLORS["优"] : score >= 80 ? GRADE_COLORS["良"] : score >= 60 ? GRADE_COLORS["中"] : GRADE_COLORS["差"];
}

export function reportDepartmentsOption(rows: readonly ReportDepartmentRow[]): ChartOption {
  const scored = rows.filter((r): r is { dept_name: string; mean_score: number } => r.mean_score !== null);
  // ECharts draws category axes bottom-up: reverse so rank 1 is on top
  const ordered = [...scored].reverse();
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: "value", min: 0, max: 100, splitNumber: 5, axisLabel: { fontSize: 11 } },
    yAxis: {
      type: "category",
      data: ordered.map((r) => shortDeptName(r.dept_name)),
      axisTick: { show: false },
      axisLabel: { fontSize: 11 },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 14,
        label: { show: true, position: "right", fontSize: 11, formatter: (p: { value: number }) => p.value.toFixed(2) },
        data: ordered.map((r) => ({ value: r.mean_score, itemStyle: { color: bandColor(r.mean_score) } })),
      },
    ],
  };
}

/** Height that gives every department a readable row. */
export function reportDepartmentsHeight(rows: readonly ReportDepartmentRow[]): number {
  return Math.max(160, 40 + rows.filter((r) => r.mean_score !== null).length * 22);
}
