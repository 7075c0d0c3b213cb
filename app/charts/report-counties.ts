// 年度绩效评估报告 · 区县分摊: each county's share of the city-wide systems' cloud cost for the year (Art. 23), split
// into settled and outstanding, in 万元. Amounts arrive as DECIMAL text and are converted via integer fen.
import { fenToWan, toFen } from "./money";
import type { ChartOption } from "./echarts";

export interface ReportCountyRow {
  county_name: string;
  settled_yuan: string | null;
  outstanding_yuan: string | null;
}

export function reportCountiesOption(rows: readonly ReportCountyRow[]): ChartOption {
  const wan = (v: string | null) => fenToWan(toFen(v) ?? 0);
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ["已结算", "未结算"], textStyle: { fontSize: 12 } },
    xAxis: { type: "category", data: rows.map((r) => r.county_name), axisTick: { show: false }, axisLabel: { fontSize: 12 } },
    yAxis: { type: "value", name: "万元", nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 } },
    series: [
      {
        name: "已结算",
        type: "bar",
        stack: "owed",
        barMaxWidth: 40,
        itemStyle: { color: "#2563eb" },
        data: rows.map((r) => wan(r.settled_yuan)),
      },
      {
        name: "未结算",
        type: "bar",
        stack: "owed",
        barMaxWidth: 40,
        itemStyle: { color: "#f59e0b" },
        label: {
          show: true,
          position: "top",
          fontSize: 11,
          formatter: (p: { dataIndex: number }) => {
            const r = rows[p.dataIndex];
            return fenToWan((toFen(r.settled_yuan) ?? 0) + (toFen(r.outstanding_yuan) ?? 0)).toFixed(2);
          },
        },
        data: rows.map((r) => wan(r.outstanding_yuan)),
      },
    ],
  };
}
