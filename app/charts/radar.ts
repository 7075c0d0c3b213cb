// 六维雷达: one project's six dimension scores (Art. 32) against the median of the projects of its kind that year.
// A dimension that was not scorable is drawn at 0 on the project's line and said so in the table, never guessed.
import type { ChartTable } from "~/components/Chart";
import { DIMENSIONS, formatScore } from "~/domain/performance";
import type { ChartOption } from "./echarts";

export interface RadarRow {
  dimension: string;
  score: number | null;
  peerMedian: number | null;
  peers: number;
  coverage: number | null;
  scorable: boolean;
}

function ordered(rows: readonly RadarRow[]): RadarRow[] {
  return DIMENSIONS.map(
    (d) => rows.find((r) => r.dimension === d.id) ?? { dimension: d.id, score: null, peerMedian: null, peers: 0, coverage: null, scorable: false },
  );
}

export function radarOption(rows: readonly RadarRow[], { projectName, kind }: { projectName: string; kind: string }): ChartOption {
  const o = ordered(rows);
  const medianName = `${kind}类项目中位数`;
  return {
    tooltip: { trigger: "item" },
    legend: { bottom: 0, data: [projectName, medianName] },
    radar: {
      radius: "62%",
      center: ["50%", "48%"],
      indicator: DIMENSIONS.map((d) => ({ name: d.name, max: 100, min: 0 })),
      axisName: { color: "#374151" },
      splitNumber: 4,
    },
    series: [
      {
        type: "radar",
        name: "六维得分",
        data: [
          {
            name: projectName,
            value: o.map((r) => (r.scorable && r.score !== null ? r.score : 0)),
            areaStyle: { opacity: 0.18 },
            lineStyle: { width: 2, color: "#1d4ed8" },
            itemStyle: { color: "#1d4ed8" },
          },
          {
            name: medianName,
            value: o.map((r) => r.peerMedian ?? 0),
            lineStyle: { type: "dashed", color: "#9ca3af" },
            itemStyle: { color: "#9ca3af" },
          },
        ],
      },
    ],
  };
}

export function radarTable(rows: readonly RadarRow[]): ChartTable {
  return {
    headers: ["维度", "本项目得分", "数据覆盖率", "同类中位数", "同类项目数"],
    rows: ordered(rows).map((r) => [
      DIMENSIONS.find((d) => d.id === r.dimension)?.name ?? r.dimension,
      r.scorable ? formatScore(r.score) : "不可评分",
      r.coverage === null ? "—" : `${Math.round(r.coverage * 100)}%`,
      formatScore(r.peerMedian),
      r.peers,
    ]),
  };
}
