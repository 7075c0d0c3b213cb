// 资金 page: a year's cloud rent split between the city and the counties (Art. 23), stacked by project.
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "~/charts/echarts";
import { allocationCounties, compareCounties, countyAllocationOption, countyAllocationTable, type AllocationPart } from "~/charts/county-allocation";

type AnyOption = Record<string, any>;

const COUNTIES: [string, string][] = [
  ["330602", "越城区"],
  ["330603", "柯桥区"],
  ["330604", "上虞区"],
  ["330624", "新昌县"],
  ["330681", "诸暨市"],
  ["330683", "嵊州市"],
];

// allocation.md's worked example: a regulatory project billed 6,000,000.00 → CITY 2,400,000.00, each county
// 600,000.00; a livelihood project billed 5,000,000.00 split 1:2:3:4:5:6 by population.
const LIVELIHOOD = ["238095.24", "476190.48", "714285.71", "952380.95", "1190476.19", "1428571.43"];
const rows: AllocationPart[] = [
  ...COUNTIES.map(([code, name], i) => ({ projectId: "P-LIVE", projectName: "民生系统", countyCode: code, countyName: name, amountYuan: LIVELIHOOD[i] })),
  ...COUNTIES.map(([code, name]) => ({ projectId: "P-REG", projectName: "监管系统", countyCode: code, countyName: name, amountYuan: "600000.00" })),
  { projectId: "P-REG", projectName: "监管系统", countyCode: "CITY", countyName: "市本级", amountYuan: "2400000.00" },
];

describe("county allocation", () => {
  it("puts 市本级 first, then the counties in code order", () => {
    expect(allocationCounties([...rows].reverse()).map((c) => c.code)).toEqual(["CITY", ...COUNTIES.map(([c]) => c)]);
    expect(["330603", "CITY", "330602"].sort(compareCounties)).toEqual(["CITY", "330602", "330603"]);
  });

  it("stacks one series per project over the parties, in 万元, each segment keyed by county code", () => {
    const o = countyAllocationOption(rows) as AnyOption;
    expect(o.xAxis.data).toEqual(["市本级", "越城区", "柯桥区", "上虞区", "新昌县", "诸暨市", "嵊州市"]);
    expect(o.series.map((s: AnyOption) => [s.name, s.stack, s.type])).toEqual([
      ["民生系统", "rent", "bar"],
      ["监管系统", "rent", "bar"],
    ]);
    expect(o.series[0].data.map((d: AnyOption) => d.value)).toEqual([0, 23.81, 47.62, 71.43, 95.24, 119.05, 142.86]);
    expect(o.series[1].data.map((d: AnyOption) => d.value)).toEqual([240, 60, 60, 60, 60, 60, 60]);
    expect(o.series[1].data.map((d: AnyOption) => d.key)).toEqual(["CITY", ...COUNTIES.map(([c]) => c)]);
    expect(o.legend.data).toEqual(["民生系统", "监管系统"]);
  });

  it("fades the other counties when one is selected and marks its label", () => {
    const o = countyAllocationOption(rows, "330624") as AnyOption;
    const seg = o.series[1].data as AnyOption[];
    expect(seg[4].itemStyle).toBeUndefined();
    expect(seg[0].itemStyle.opacity).toBe(0.3);
    expect(o.xAxis.axisLabel.formatter("新昌县", 4)).toBe("{selected|新昌县}");
    expect(o.xAxis.axisLabel.formatter("越城区", 1)).toBe("越城区");
  });

  it("has a data table exact to the fen, by county then project", () => {
    const t = countyAllocationTable(rows);
    expect(t.headers).toEqual(["区县", "项目", "分摊金额"]);
    expect(t.rows[0]).toEqual(["市本级", "监管系统", "2,400,000.00 元"]);
    expect(t.rows[1]).toEqual(["越城区", "民生系统", "238,095.24 元"]);
    expect(t.rows).toHaveLength(13);
  });

  it("renders to SVG", () => {
    expect(renderChartSvg(countyAllocationOption(rows, "CITY"), 900, 380)).toContain("嵊州市");
    expect(renderChartSvg(countyAllocationOption([]), 900, 380)).toContain("<svg");
  });
});
