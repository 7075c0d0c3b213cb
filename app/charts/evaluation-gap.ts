// 自评虚高: departments ranked by how far their self-evaluation scores exceed the independent ones (Art. 33,
// mart_evaluation_gap: gap = self − independent, averaged over the department's projects). Positive = inflated.
import type { ChartTable } from "~/components/Chart";
import { formatScore } from "~/domain/performance";
import type { ChartOption } from "./echarts";
import { shortName } from "./score-ranking";

export interface GapItem {
  key: string;
  name: string;
  meanGap: number | null;
  meanSelf: number | null;
  meanIndependent: number | null;
  projects: number;
}

/** Departments with a gap, most inflated first (ties by name). */
export function rankByInflation(items: readonly GapItem[]): GapItem[] {
  return items
    .filter((i) => i.meanGap !== null && Number.isFinite(i.meanGap))
    .slice()
    .sort((a, b) => (b.meanGap as number) - (a.meanGap as number) || a.name.localeCompare(b.name, "zh-CN"));
}

/** How many departments the chart shows: the most inflated. */
export const GAP_LIMIT = 15;

export function evaluationGapOption(items: readonly GapItem[], limit = GAP_LIMIT): ChartOption {
  const ranked = rankByInflation(items).slice(0, limit);
  return {
    grid: { left: 8, right: 48, top: 24, bottom: 8 },
    tooltip: { trigger: "item", formatter: "{b}：自评高出 {c} 分" },
    xAxis: { type: "value", name: "分" },
    yAxis: { type: "category", inverse: true, data: ranked.map((i) => shortName(i.name)), axisTick: { show: false }, axisLabel: { interval: 0 } },
    series: [
      {
        type: "bar",
        name: "自评−独立评价",
        barMaxWidth: 18,
        label: { show: true, position: "right", formatter: "{c}" },
        data: ranked.map((i) => ({
          value: Math.round((i.meanGap as number) * 10) / 10,
          key: i.key,
          name: i.name,
          itemStyle: { color: (i.meanGap as number) > 5 ? "#b91c1c" : (i.meanGap as number) > 0 ? "#d97706" : "#047857" },
        })),
      },
    ],
  };
}

export function evaluationGapTable(items: readonly GapItem[], limit = GAP_LIMIT): ChartTable {
  return {
    headers: ["名次", "单位", "有两类评价的项目数", "自评平均分", "独立评价平均分", "平均差值"],
    rows: rankByInflation(items).slice(0, limit).map((i, n) => [n + 1, i.name, i.projects, formatScore(i.meanSelf), formatScore(i.meanIndependent), formatScore(i.meanGap)]),
  };
}
