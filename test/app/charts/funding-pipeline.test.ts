// 资金 page: approved vs contracted vs paid, by department (or by project within one department).
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "~/charts/echarts";
import { fundingPipelineHeight, fundingPipelineOption, fundingPipelineTable, fundingSummary, wan, type FundingRow } from "~/charts/funding-pipeline";

type AnyOption = Record<string, any>;

const rows: FundingRow[] = [
  { key: "SX01", label: "市大数据发展管理局", level: "dept", projects: 3, approvedYuan: "12345678.90", contractedYuan: "11000000.00", paidConstructionYuan: "5000000.05", paidOmYuan: "0.00" },
  { key: "SX02", label: "市公安局", level: "dept", projects: 1, approvedYuan: "0.00", contractedYuan: null, paidConstructionYuan: "100.00", paidOmYuan: "300000.00" },
];

describe("funding pipeline", () => {
  it("converts yuan to 万元 for the axis only", () => {
    expect(wan("12345678.90")).toBe(1234.57);
    expect(wan(null)).toBe(0);
    expect(wan("not a number")).toBe(0);
  });

  it("draws approved, contracted and paid bars per department, each keyed for drill-down", () => {
    const o = fundingPipelineOption(rows) as AnyOption;
    expect(o.yAxis.data).toEqual(["市大数据发展管理局", "市公安局"]);
    expect(o.series.map((s: AnyOption) => s.name)).toEqual(["核准金额", "合同金额", "已付建设资金"]);
    expect(o.series[0].data[0]).toEqual({ value: 1234.57, key: "SX01", level: "dept" });
    expect(o.series[1].data[1].value).toBe(0);
    expect(o.series[2].data[0].value).toBe(500);
    expect(o.xAxis.name).toBe("万元");
  });

  it("keeps the data table exact to the fen", () => {
    const t = fundingPipelineTable(rows);
    expect(t.headers[0]).toBe("单位");
    expect(t.rows[0]).toEqual(["市大数据发展管理局", 3, "12,345,678.90 元", "11,000,000.00 元", "5,000,000.05 元", "0.00 元", "89.1%"]);
    expect(t.rows[1][3]).toBe("—");
    expect(t.rows[1][6]).toBe("—");
    expect(fundingPipelineTable([{ ...rows[0], level: "project", key: "SX2022-001", label: "城市大脑" }]).headers[0]).toBe("项目");
  });

  it("sums for the summary line", () => {
    expect(fundingSummary(rows)).toEqual({ approved: "1,234.57 万元", contracted: "1,100.00 万元", paid: "500.01 万元" });
  });

  it("renders to SVG, empty or not", () => {
    expect(renderChartSvg(fundingPipelineOption(rows), 900, fundingPipelineHeight(rows))).toContain("市公安局");
    expect(renderChartSvg(fundingPipelineOption([]), 900, fundingPipelineHeight([]))).toContain("<svg");
  });
});
