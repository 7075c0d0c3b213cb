import { describe, expect, it } from "vitest";
import { gradeDistributionOption, gradeDistributionTable, tallyGrades } from "~/charts/grade-distribution";
import { GRADE_COLORS } from "~/domain/performance";

describe("grade distribution", () => {
  const rows = [{ grade: "优" }, { grade: "差" }, { grade: "差" }, { grade: null }, { grade: "良" }, { grade: "x" }];

  it("counts every grade in 优良中差 order, and what has no grade as unscored", () => {
    const t = tallyGrades(rows);
    expect(t.counts).toEqual([
      { grade: "优", count: 1 },
      { grade: "良", count: 1 },
      { grade: "中", count: 0 },
      { grade: "差", count: 2 },
    ]);
    expect(t.unscored).toBe(2);
    expect(t.scored).toBe(4);
  });

  it("draws one bar per grade in the grade's colour, carrying the grade for drill-down", () => {
    const o = gradeDistributionOption(tallyGrades(rows).counts) as { xAxis: { data: string[] }; series: { data: { value: number; key: string; itemStyle: { color: string; opacity: number } }[] }[] };
    expect(o.xAxis.data).toEqual(["优（≥90分）", "良（80–89.99分）", "中（60–79.99分）", "差（<60分）"]);
    expect(o.series[0].data.map((d) => d.key)).toEqual(["优", "良", "中", "差"]);
    expect(o.series[0].data[3]).toMatchObject({ value: 2, itemStyle: { color: GRADE_COLORS.差, opacity: 1 } });
  });

  it("fades the other grades when one is selected", () => {
    const o = gradeDistributionOption(tallyGrades(rows).counts, "差") as { series: { data: { itemStyle: { opacity: number } }[] }[] };
    expect(o.series[0].data.map((d) => d.itemStyle.opacity)).toEqual([0.35, 0.35, 0.35, 1]);
  });

  it("tabulates counts and shares of the scored projects", () => {
    const t = gradeDistributionTable(tallyGrades(rows).counts);
    expect(t.headers).toEqual(["等级", "分数段", "项目数", "占比"]);
    expect(t.rows[3]).toEqual(["差", "<60分", 2, "50.0%"]);
    expect(gradeDistributionTable(tallyGrades([]).counts).rows[0][3]).toBe("—");
  });
});
