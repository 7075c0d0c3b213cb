// 年度变化: mean total score by year (line) with the number of 差 projects (bars), the selected year emphasised.
// Each point carries its year as `key`, so a click can switch the page to that year.
import type { ChartTable } from "~/components/Chart";
import { formatScore } from "~/domain/performance";
import type { ChartOption } from "./echarts";

export interface YearPoint {
  year: number;
  meanScore: number | null;
  projectsScored: number;
  poor: number;
  /** The year had not closed at the as-of date: its scores are to date. */
  provisional?: boolean;
}

const yearLabel = (p: YearPoint) => `${p.year}年${p.provisional ? "（暂定）" : ""}`;

export interface YearTrendOptions {
  selectedYear?: number | null;
  /** Draw the 差 count bars (off where the rows do not carry it, e.g. a department's history). */
  showPoor?: boolean;
}

export function yearTrendOption(points: readonly YearPoint[], { selectedYear = null, showPoor = true }: YearTrendOptions = {}): ChartOption {
  const line = {
    type: "line",
    name: "平均分",
    connectNulls: false,
    label: { show: true, position: "top", formatter: "{c}" },
    data: points.map((p) => ({
      value: p.meanScore === null ? null : Math.round(p.meanScore * 10) / 10,
      key: String(p.year),
      symbolSize: p.year === selectedYear ? 14 : 8,
      itemStyle: { color: "#1d4ed8", borderColor: p.year === selectedYear ? "#0f2a5c" : "#1d4ed8", borderWidth: p.year === selectedYear ? 3 : 1 },
    })),
    lineStyle: { color: "#1d4ed8" },
  };
  const poor = {
    type: "bar",
    name: "差等级项目数",
    yAxisIndex: 1,
    barMaxWidth: 24,
    itemStyle: { color: "#fca5a5" },
    data: points.map((p) => ({ value: p.poor, key: String(p.year) })),
  };
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 8 },
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: showPoor ? ["平均分", "差等级项目数"] : ["平均分"] },
    xAxis: { type: "category", data: points.map(yearLabel), axisTick: { alignWithLabel: true }, axisLabel: { interval: 0 } },
    yAxis: showPoor
      ? [
          { type: "value", name: "平均分", min: 0, max: 100 },
          // the bars keep to the lower third, under the score line
          { type: "value", name: "差等级项目数", minInterval: 1, max: Math.max(3, ...points.map((p) => p.poor)) * 3, splitLine: { show: false }, axisLabel: { show: false } },
        ]
      : [{ type: "value", name: "平均分", min: 0, max: 100 }],
    series: showPoor ? [line, poor] : [line],
  };
}

export function yearTrendTable(points: readonly YearPoint[], { showPoor = true, countLabel = "评分项目数" } = {}): ChartTable {
  return {
    headers: showPoor ? ["年度", countLabel, "平均分", "差等级项目数"] : ["年度", countLabel, "平均分"],
    rows: points.map((p) =>
      showPoor ? [yearLabel(p), p.projectsScored, formatScore(p.meanScore), p.poor] : [yearLabel(p), p.projectsScored, formatScore(p.meanScore)],
    ),
  };
}
