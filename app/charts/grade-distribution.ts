// 等级分布: how many projects fell in each grade (优/良/中/差) in a year — a pure function of the project rows.
// Each bar carries its grade as `key`, so a click can navigate to the projects of that grade.
import type { ChartTable } from "~/components/Chart";
import { GRADE_BANDS, GRADE_COLORS, GRADES, isGrade, type Grade } from "~/domain/performance";
import type { ChartOption } from "./echarts";

export interface GradeCount {
  grade: Grade;
  count: number;
}

export interface GradeTally {
  counts: GradeCount[];
  /** Project-years of the year that have no total score (not scorable, or not yet evaluated). */
  unscored: number;
  scored: number;
}

/** Counts grades over rows; a row with no grade counts as unscored. */
export function tallyGrades(rows: readonly { grade: unknown }[]): GradeTally {
  const by = new Map<Grade, number>(GRADES.map((g) => [g, 0]));
  let unscored = 0;
  for (const r of rows) {
    if (isGrade(r.grade)) by.set(r.grade, (by.get(r.grade) ?? 0) + 1);
    else unscored += 1;
  }
  const counts = GRADES.map((g) => ({ grade: g, count: by.get(g) ?? 0 }));
  return { counts, unscored, scored: rows.length - unscored };
}

export function gradeDistributionOption(counts: readonly GradeCount[], selected: Grade | null = null): ChartOption {
  return {
    grid: { left: 40, right: 16, top: 28, bottom: 28 },
    tooltip: { trigger: "item", formatter: "{b}：{c} 个项目" },
    xAxis: {
      type: "category",
      data: counts.map((c) => `${c.grade}（${GRADE_BANDS[c.grade]}）`),
      axisTick: { show: false },
    },
    yAxis: { type: "value", name: "项目数", minInterval: 1 },
    series: [
      {
        type: "bar",
        name: "项目数",
        barMaxWidth: 56,
        label: { show: true, position: "top", formatter: "{c}" },
        data: counts.map((c) => ({
          value: c.count,
          key: c.grade,
          itemStyle: { color: GRADE_COLORS[c.grade], opacity: selected && selected !== c.grade ? 0.35 : 1 },
        })),
      },
    ],
  };
}

export function gradeDistributionTable(counts: readonly GradeCount[]): ChartTable {
  const total = counts.reduce((s, c) => s + c.count, 0);
  return {
    headers: ["等级", "分数段", "项目数", "占比"],
    rows: counts.map((c) => [
      c.grade,
      GRADE_BANDS[c.grade],
      c.count,
      total > 0 ? `${((c.count / total) * 100).toFixed(1)}%` : "—",
    ]),
  };
}
