// 年度绩效评估报告 · 绩效等级分布: a ring of the year's projects by grade (优/良/中/差, and 未评级), labelled with
// count and share so it reads on paper without a legend lookup. Pure: rows in, option out (rendered to SVG on the
// server by the report model).
import { GRADE_COLORS, isGrade, NO_GRADE_COLOR } from "~/domain/performance";
import type { ChartOption } from "./echarts";

export interface ReportGradeRow {
  grade: string;
  projects: number;
}

export function reportGradesOption(rows: readonly ReportGradeRow[]): ChartOption {
  const total = rows.reduce((s, r) => s + r.projects, 0);
  return {
    color: rows.map((r) => (isGrade(r.grade) ? GRADE_COLORS[r.grade] : NO_GRADE_COLOR)),
    title: { text: `共 ${total} 个项目`, left: "center", top: "middle", textStyle: { fontSize: 14, fontWeight: "normal", color: "#374151" } },
    series: [
      {
        type: "pie",
        radius: ["38%", "62%"],
        center: ["50%", "52%"],
        avoidLabelOverlap: true,
        label: {
          // two short lines: the grade, then count and share — never truncated
          formatter: (p: { name: string; value: number }) =>
            `${p.name}\n${p.value} 个 · ${total > 0 ? ((p.value / total) * 100).toFixed(1) : "0.0"}%`,
          fontSize: 12,
          lineHeight: 16,
          overflow: "none",
        },
        labelLine: { length: 8, length2: 6 },
        data: rows.map((r) => ({ name: r.grade, value: r.projects })),
      },
    ],
  };
}
