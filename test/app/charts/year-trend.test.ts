import { describe, expect, it } from "vitest";
import { yearTrendOption, yearTrendTable } from "~/charts/year-trend";

const points = [
  { year: 2023, meanScore: 76.72, projectsScored: 13, poor: 2 },
  { year: 2024, meanScore: null, projectsScored: 0, poor: 0 },
];

describe("year trend", () => {
  it("labels years the Chinese way and keys each point by its year", () => {
    const o = yearTrendOption(points, { selectedYear: 2023 }) as { xAxis: { data: string[] }; series: { name: string; data: { key: string; value: number | null; symbolSize?: number }[] }[] };
    expect(o.xAxis.data).toEqual(["2023年", "2024年"]);
    expect(o.series.map((s) => s.name)).toEqual(["平均分", "差等级项目数"]);
    expect(o.series[0].data.map((d) => d.key)).toEqual(["2023", "2024"]);
    expect(o.series[0].data[0].symbolSize).toBeGreaterThan(o.series[0].data[1].symbolSize as number);
    expect(o.series[0].data[1].value).toBeNull();
  });

  it("can leave out the 差 bars", () => {
    const o = yearTrendOption(points, { showPoor: false }) as { series: unknown[]; yAxis: unknown[] };
    expect(o.series).toHaveLength(1);
    expect(o.yAxis).toHaveLength(1);
    expect(yearTrendTable(points, { showPoor: false, countLabel: "项目数" }).headers).toEqual(["年度", "项目数", "平均分"]);
  });

  it("tabulates a year without scores as —", () => {
    expect(yearTrendTable(points).rows).toEqual([
      ["2023年", 13, "76.7", 2],
      ["2024年", 0, "—", 0],
    ]);
  });
});
