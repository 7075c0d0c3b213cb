// 得分排名: projects or departments ranked by total score, best first, coloured by the grade band the score falls in.
// With many items the chart shows the head and the tail of the ranking (the best and the worst are what leadership
// asks about) with a "⋯" row between, every bar labelled with its rank; the full list is one link away.
// A pure function of rows; each bar carries its id as `key` for drill-down.
import type { ChartTable } from "~/components/Chart";
import { formatScore, gradeColor, type Grade } from "~/domain/performance";
import type { ChartOption } from "./echarts";

export interface RankedItem {
  key: string;
  name: string;
  score: number | null;
  /** The grade to colour by; omitted for departments, whose mean is coloured by the band it falls in. */
  grade?: string | null;
  /** Extra text for the table (department of a project, projects of a department). */
  detail?: string;
  /** 1-based place in the full ranking; set by rankItems. */
  rank?: number;
}

export function bandOf(score: number): Grade {
  return score >= 90 ? "优" : score >= 80 ? "良" : score >= 60 ? "中" : "差";
}

/** Scored items best first (ties by name, so the order is stable), each with its rank; unscored items are left out.
 *  Items that already carry a rank keep it (a window of a longer ranking). */
export function rankItems(items: readonly RankedItem[]): RankedItem[] {
  const scored = items.filter((i) => i.score !== null && Number.isFinite(i.score));
  if (scored.length > 0 && scored.every((i) => i.rank !== undefined)) {
    return scored.slice().sort((a, b) => (a.rank as number) - (b.rank as number));
  }
  return scored
    .slice()
    .sort((a, b) => (b.score as number) - (a.score as number) || a.name.localeCompare(b.name, "zh-CN"))
    .map((i, n) => ({ ...i, rank: n + 1 }));
}

/** How many bars a ranking chart shows at most: the best and the worst half each. */
export const RANKING_LIMIT = 20;

/** The head and tail of a ranking: all of it when it has at most `limit` items, else the best and worst limit/2. */
export function rankingWindow(items: readonly RankedItem[], limit = RANKING_LIMIT): RankedItem[] {
  const ranked = rankItems(items);
  if (ranked.length <= limit) return ranked;
  const half = Math.floor(limit / 2);
  return [...ranked.slice(0, half), ...ranked.slice(ranked.length - half)];
}

/** Height that gives each bar room for its Chinese label (one more row for the "⋯" of a window). */
export function rankingHeight(n: number): number {
  return Math.max(160, Math.min(40 + n * 26, 1400));
}

/** Long names are cut on the axis (the tooltip and the table keep them whole); the city's own prefix "绍兴市", which
 *  almost every project name starts with, is dropped there first. */
export function shortName(name: string, max = 14): string {
  const s = name.startsWith("绍兴市") && [...name].length > 3 ? name.slice(3) : name;
  return [...s].length > max ? `${[...s].slice(0, max - 1).join("")}…` : s;
}

const GAP = "⋯";

export function scoreRankingOption(items: readonly RankedItem[], { highlight = null as string | null } = {}): ChartOption {
  const ranked = rankItems(items);
  const labels: string[] = [];
  const data: unknown[] = [];
  ranked.forEach((i, n) => {
    if (n > 0 && (i.rank as number) > (ranked[n - 1].rank as number) + 1) {
      labels.push(GAP);
      data.push({ value: null, key: null, name: GAP });
    }
    labels.push(`${i.rank}. ${shortName(i.name)}`);
    data.push({
      // one decimal, as every score on the page is shown
      value: Math.round((i.score as number) * 10) / 10,
      key: i.key,
      name: i.name,
      itemStyle: {
        color: gradeColor(i.grade ?? bandOf(i.score as number)),
        opacity: highlight && highlight !== i.key ? 0.45 : 1,
      },
    });
  });
  return {
    grid: { left: 8, right: 48, top: 24, bottom: 8 },
    tooltip: { trigger: "item", formatter: "{b}：{c} 分" },
    xAxis: { type: "value", min: 0, max: 100, name: "分", splitNumber: 5 },
    yAxis: {
      type: "category",
      inverse: true,
      data: labels,
      axisTick: { show: false },
      axisLabel: { interval: 0 },
    },
    series: [
      {
        type: "bar",
        name: "总分",
        barMaxWidth: 18,
        label: { show: true, position: "right", formatter: "{c}" },
        data,
        // the grade boundaries (60 / 80 / 90); the axis carries the numbers
        markLine: {
          silent: true,
          symbol: "none",
          lineStyle: { type: "dashed", color: "#9ca3af" },
          label: { show: false },
          data: [{ xAxis: 60 }, { xAxis: 80 }, { xAxis: 90 }],
        },
      },
    ],
  };
}

/** Rows the chart draws, counting the "⋯" row of a window. */
export function rankingRows(items: readonly RankedItem[]): number {
  const ranked = rankItems(items);
  return ranked.length + ranked.filter((i, n) => n > 0 && (i.rank as number) > (ranked[n - 1].rank as number) + 1).length;
}

export function scoreRankingTable(items: readonly RankedItem[], detailHeader = "说明"): ChartTable {
  return {
    headers: ["名次", "名称", detailHeader, "总分", "等级"],
    rows: rankItems(items).map((i) => [i.rank as number, i.name, i.detail ?? "", formatScore(i.score), i.grade ?? bandOf(i.score as number)]),
  };
}
