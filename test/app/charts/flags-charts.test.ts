// 合规 page charts: by article, by department, department × article, by year — pure (rows) => option builders.
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "~/charts/echarts";
import {
  barChartHeight,
  chartedDepts,
  flagsByArticleOption,
  flagsByArticleTable,
  flagsByDepartmentOption,
  flagsByDepartmentTable,
  type DeptCount,
  type RuleCount,
} from "~/charts/flags-by-article";
import { cellKey, flagsHeatmapOption, flagsHeatmapTable, heatmapLayout, parseCellKey, type DeptRuleCount } from "~/charts/flags-heatmap";
import { flagsTrendOption, flagsTrendTable, trendYears, type YearSeverityCount } from "~/charts/flags-trend";
import { SEVERITY_COLOURS } from "~/domain/rules";

type AnyOption = Record<string, any>;

const byRule: RuleCount[] = [
  { ruleId: "ART30_CATALOG_LATE", article: "30", severity: "严重", flags: 4, projects: 3 },
  { ruleId: "ART16_CONTRACT_FILING_LATE", article: "16", severity: "一般", flags: 7, projects: 5 },
  { ruleId: "ART7_MACHINE_ROOM", article: "7(1)", severity: "严重", flags: 1, projects: 1 },
];

const byDept: DeptCount[] = [
  { deptCode: "SX02", deptName: "市公安局", flags: 3, projects: 2 },
  { deptCode: "SX01", deptName: "市大数据发展管理局", flags: 9, projects: 4 },
  { deptCode: "SX03", deptName: "市卫生健康委员会", flags: 3, projects: 1 },
];

const heat: DeptRuleCount[] = [
  { deptCode: "SX01", deptName: "市大数据发展管理局", ruleId: "ART30_CATALOG_LATE", flags: 2 },
  { deptCode: "SX01", deptName: "市大数据发展管理局", ruleId: "ART16_CONTRACT_FILING_LATE", flags: 5 },
  { deptCode: "SX02", deptName: "市公安局", ruleId: "ART16_CONTRACT_FILING_LATE", flags: 1 },
  { deptCode: "SX03", deptName: "市卫生健康委员会", ruleId: "ART22_PAID_WITHOUT_REVIEW", flags: 0 },
];

const trend: YearSeverityCount[] = [
  { year: 2022, severity: "一般", flags: 2 },
  { year: 2024, severity: "严重", flags: 3 },
  { year: 2024, severity: "一般", flags: 1 },
  { year: 2025, severity: "提示", flags: 1 },
];

describe("flags by article", () => {
  it("lists rules in the measures' order, labelled by article, coloured by severity, keyed by rule id", () => {
    const o = flagsByArticleOption(byRule) as AnyOption;
    expect(o.yAxis.data).toEqual(["第七条（一） 新建机房", "第十六条 合同备案超期", "第三十条 编目超期"]);
    const data = o.series[0].data;
    expect(data.map((d: AnyOption) => d.key)).toEqual(["ART7_MACHINE_ROOM", "ART16_CONTRACT_FILING_LATE", "ART30_CATALOG_LATE"]);
    expect(data.map((d: AnyOption) => d.value)).toEqual([1, 7, 4]);
    expect(data[0].itemStyle.color).toBe(SEVERITY_COLOURS["严重"]);
    expect(data[1].itemStyle.color).toBe(SEVERITY_COLOURS["一般"]);
  });

  it("fades every bar but the selected rule", () => {
    const data = (flagsByArticleOption(byRule, "ART16_CONTRACT_FILING_LATE") as AnyOption).series[0].data;
    expect(data.map((d: AnyOption) => d.itemStyle.opacity)).toEqual([0.3, 1, 0.3]);
  });

  it("has a data table with the full article and title", () => {
    const t = flagsByArticleTable(byRule);
    expect(t.headers).toEqual(["条款", "规则", "严重程度", "违规标记（条）", "涉及项目（个）"]);
    expect(t.rows[0]).toEqual(["第七条第（一）项", "新建、扩建机房或高耗能数据中心且无法规依据", "严重", 1, 1]);
    expect(t.rows).toHaveLength(3);
  });

  it("sizes the chart to its bars", () => {
    expect(barChartHeight(1)).toBe(160);
    expect(barChartHeight(20)).toBe(620);
  });
});

describe("flags by department", () => {
  it("puts the department with most flags first, ties by code, keyed by department code", () => {
    const o = flagsByDepartmentOption(byDept, "SX02") as AnyOption;
    expect(o.yAxis.data).toEqual(["市大数据发展管理局", "市公安局", "市卫生健康委员会"]);
    expect(o.series[0].data.map((d: AnyOption) => [d.key, d.value, d.itemStyle.opacity])).toEqual([
      ["SX01", 9, 0.3],
      ["SX02", 3, 1],
      ["SX03", 3, 0.3],
    ]);
    expect(flagsByDepartmentTable(byDept).rows[0]).toEqual(["市大数据发展管理局", 9, 4]);
  });
});

describe("long department lists", () => {
  const many: DeptCount[] = Array.from({ length: 30 }, (_, i) => ({ deptCode: `D${String(i).padStart(2, "0")}`, deptName: `市第${i}局`, flags: 30 - i, projects: 1 }));

  it("charts the top departments and keeps the selected one even when it ranks lower", () => {
    expect(chartedDepts(many).map((d) => d.deptCode)).toHaveLength(20);
    const withSelected = chartedDepts(many, "D27");
    expect(withSelected).toHaveLength(21);
    expect(withSelected.at(-1)!.deptCode).toBe("D27");
    expect((flagsByDepartmentOption(many, null, 5) as AnyOption).yAxis.data).toHaveLength(5);
  });

  it("limits the heat map's rows the same way, and only to the rules those rows have", () => {
    const cells: DeptRuleCount[] = many.map((d, i) => ({ deptCode: d.deptCode, deptName: d.deptName, ruleId: i < 3 ? "ART16_CONTRACT_FILING_LATE" : "ART37_VULN_UNFIXED", flags: d.flags }));
    const top = heatmapLayout(cells, 3);
    expect(top.depts.map((d) => d.code)).toEqual(["D00", "D01", "D02"]);
    expect(top.rules).toEqual(["ART16_CONTRACT_FILING_LATE"]);
    const sel = heatmapLayout(cells, 3, "D29");
    expect(sel.depts.map((d) => d.code)).toEqual(["D00", "D01", "D02", "D29"]);
    expect(sel.rules).toEqual(["ART16_CONTRACT_FILING_LATE", "ART37_VULN_UNFIXED"]);
    const o = flagsHeatmapOption(cells, { dept: null, rule: null }, 3) as AnyOption;
    expect(o.series[0].data).toHaveLength(3);
    expect(flagsHeatmapTable(cells).rows).toHaveLength(30);
  });
});

describe("department × article heat map", () => {
  it("has rules with flags as columns in article order and departments by total as rows", () => {
    const layout = heatmapLayout(heat);
    expect(layout.rules).toEqual(["ART16_CONTRACT_FILING_LATE", "ART30_CATALOG_LATE"]);
    expect(layout.depts.map((d) => [d.code, d.total])).toEqual([
      ["SX01", 7],
      ["SX02", 1],
    ]);
  });

  it("keys each cell by department and rule, so a click filters by both", () => {
    const o = flagsHeatmapOption(heat, { dept: "SX02", rule: null }) as AnyOption;
    const cells = o.series[0].data as AnyOption[];
    expect(cells).toHaveLength(3);
    const c = cells.find((x) => x.key === cellKey("SX01", "ART30_CATALOG_LATE"))!;
    expect(c.value).toEqual([1, 0, 2]);
    expect(c.itemStyle.opacity).toBe(0.35);
    expect(cells.find((x) => x.key === "SX02|ART16_CONTRACT_FILING_LATE")!.itemStyle.opacity).toBeUndefined();
    expect(parseCellKey("SX02|ART16_CONTRACT_FILING_LATE")).toEqual({ dept: "SX02", rule: "ART16_CONTRACT_FILING_LATE" });
    expect(parseCellKey("garbage")).toBeNull();
    expect(o.visualMap.max).toBe(5);
  });

  it("has a data table of departments × rules with totals", () => {
    const t = flagsHeatmapTable(heat);
    expect(t.headers).toEqual(["单位", "第十六条 合同备案超期", "第三十条 编目超期", "合计"]);
    expect(t.rows).toEqual([
      ["市大数据发展管理局", 5, 2, 7],
      ["市公安局", 1, 0, 1],
    ]);
  });
});

describe("flags trend", () => {
  it("fills the years between the first and last with zeros", () => {
    expect(trendYears(trend).map((y) => [y.year, y.total])).toEqual([
      [2022, 2],
      [2023, 0],
      [2024, 4],
      [2025, 1],
    ]);
    expect(trendYears([])).toEqual([]);
  });

  it("draws the total, its points keyed by year, and one line per severity present", () => {
    const o = flagsTrendOption(trend, 2024) as AnyOption;
    expect(o.xAxis.data).toEqual(["2022年", "2023年", "2024年", "2025年"]);
    expect(o.series.map((s: AnyOption) => s.name)).toEqual(["合计", "严重", "一般", "提示"]);
    expect(o.series[0].data.map((d: AnyOption) => d.key)).toEqual(["2022", "2023", "2024", "2025"]);
    expect(o.series[0].data[2].symbolSize).toBeGreaterThan(o.series[0].data[1].symbolSize);
    expect(o.series[1].data).toEqual([0, 0, 3, 0]);
    expect(o.series[1].symbol).toBe("none");
    expect(o.series[1].color).toBe(SEVERITY_COLOURS["严重"]);
  });

  it("has a data table by year", () => {
    expect(flagsTrendTable(trend)).toEqual({
      headers: ["年度", "严重（条）", "一般（条）", "提示（条）", "合计（条）"],
      rows: [
        ["2022年", 0, 2, 0, 2],
        ["2023年", 0, 0, 0, 0],
        ["2024年", 3, 1, 0, 4],
        ["2025年", 0, 0, 1, 1],
      ],
    });
  });
});

describe("server-side rendering", () => {
  it.each([
    ["by article", flagsByArticleOption(byRule, "ART30_CATALOG_LATE"), "合同备案超期"],
    ["by department", flagsByDepartmentOption(byDept), "市公安局"],
    ["heat map", flagsHeatmapOption(heat), "市大数据发展管理局"],
    ["trend", flagsTrendOption(trend, null), "2024年"],
    ["empty trend", flagsTrendOption([], null), "合计"],
    ["empty heat map", flagsHeatmapOption([]), "<svg"],
  ])("%s renders to SVG", (_name, option, text) => {
    const svg = renderChartSvg(option, 640, 360);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(text);
  });
});
