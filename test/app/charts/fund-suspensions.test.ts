// 资金 page: O&M fund suspensions (Art. 30, 34) by department, with the money concerned exact to the fen.
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "~/charts/echarts";
import { fundSuspensionsOption, fundSuspensionsTable, suspensionsByDept, sumYuan, type SuspensionRow } from "~/charts/fund-suspensions";

type AnyOption = Record<string, any>;

const rows: SuspensionRow[] = [
  { projectId: "P1", deptCode: "SX05", deptName: "市市场监督管理局", open: true, omAtStakeYuan: "0.10" },
  { projectId: "P2", deptCode: "SX05", deptName: "市市场监督管理局", open: true, omAtStakeYuan: "0.20" },
  { projectId: "P3", deptCode: "SX07", deptName: "市教育局", open: true, omAtStakeYuan: "1309100.00" },
  { projectId: "P4", deptCode: "SX01", deptName: "市大数据发展管理局", open: false, omAtStakeYuan: "500000.00" },
  { projectId: "P5", deptCode: "SX01", deptName: "市大数据发展管理局", open: true, omAtStakeYuan: null },
];

describe("fund suspensions", () => {
  it("sums money exactly (0.10 + 0.20 = 0.30, not 0.30000000000000004)", () => {
    expect(sumYuan(["0.10", "0.20"])).toBe("0.30");
    expect(sumYuan(["99999999999999.99", "0.01"])).toBe("100000000000000.00");
    expect(sumYuan(["-5.5", "1"])).toBe("-4.50");
    expect(sumYuan([])).toBe("0.00");
    expect(sumYuan([null, "abc"])).toBe("0.00");
  });

  it("groups by department, most projects still suspended first, then the larger amount", () => {
    const d = suspensionsByDept(rows);
    expect(d.map((x) => [x.deptCode, x.openProjects, x.liftedProjects])).toEqual([
      ["SX05", 2, 0],
      ["SX07", 1, 0],
      ["SX01", 1, 1],
    ]);
  });

  it("stacks suspended and lifted project counts, keyed by department, money in the tooltip", () => {
    const o = fundSuspensionsOption(rows, "SX07") as AnyOption;
    expect(o.yAxis.data).toEqual(["市市场监督管理局", "市教育局", "市大数据发展管理局"]);
    expect(o.series.map((s: AnyOption) => [s.name, s.stack])).toEqual([
      ["暂停中", "om"],
      ["年内已解除", "om"],
    ]);
    expect(o.series[0].data.map((x: AnyOption) => x.value)).toEqual([2, 1, 1]);
    expect(o.series[1].data.map((x: AnyOption) => x.value)).toEqual([0, 0, 1]);
    expect(o.series[0].data.map((x: AnyOption) => x.key)).toEqual(["SX05", "SX07", "SX01"]);
    expect(o.series[0].data[1].itemStyle).toBeUndefined();
    expect(o.series[0].data[0].itemStyle.opacity).toBe(0.3);
    expect(o.tooltip.formatter([{ dataIndex: 1 }])).toContain("1,309,100.00 元");
  });

  it("has an exact data table", () => {
    expect(fundSuspensionsTable(rows).rows).toEqual([
      ["市市场监督管理局", 2, "0.30 元", 0, "0.00 元"],
      ["市教育局", 1, "1,309,100.00 元", 0, "0.00 元"],
      ["市大数据发展管理局", 1, "0.00 元", 1, "500,000.00 元"],
    ]);
  });

  it("renders to SVG", () => {
    expect(renderChartSvg(fundSuspensionsOption(rows), 640, 240)).toContain("市教育局");
    expect(renderChartSvg(fundSuspensionsOption([]), 640, 240)).toContain("<svg");
  });
});
