import { describe, expect, it } from "vitest";
import { bandOf, rankItems, rankingHeight, rankingRows, rankingWindow, scoreRankingOption, scoreRankingTable, shortName } from "~/charts/score-ranking";
import { GRADE_COLORS } from "~/domain/performance";

const items = [
  { key: "B", name: "乙系统", score: 72.5, grade: "中" },
  { key: "A", name: "甲系统", score: 91, grade: "优" },
  { key: "N", name: "未评分系统", score: null, grade: null },
  { key: "C", name: "丙系统", score: 72.5, grade: "中" },
];

describe("score ranking", () => {
  it("ranks scored items best first, ties by name, and leaves the unscored out", () => {
    const tie = ["乙系统", "丙系统"].sort((a, b) => a.localeCompare(b, "zh-CN"));
    expect(rankItems(items).map((i) => i.name)).toEqual(["甲系统", ...tie]);
    expect(rankItems(items).map((i) => i.rank)).toEqual([1, 2, 3]);
  });

  it("bands a score the way scoring.md grades it (优 ≥ 90, 良 80–89.99, 中 60–79.99, 差 < 60)", () => {
    expect([90, 89.99, 80, 79.99, 60, 59.99, 0].map(bandOf)).toEqual(["优", "良", "良", "中", "中", "差", "差"]);
  });

  it("puts the best at the top, each bar carrying its key and its grade colour", () => {
    const o = scoreRankingOption(items) as { yAxis: { inverse: boolean; data: string[] }; series: { data: { key: string; value: number; itemStyle: { color: string } }[] }[] };
    expect(o.yAxis.inverse).toBe(true);
    expect(o.series[0].data[0]).toMatchObject({ key: "A", value: 91, itemStyle: { color: GRADE_COLORS.优 } });
    expect(o.series[0].data.map((d) => d.key)).toEqual(rankItems(items).map((i) => i.key));
  });

  it("colours a department's mean by the band it falls in", () => {
    const o = scoreRankingOption([{ key: "D", name: "市教育局", score: 58 }]) as { series: { data: { itemStyle: { color: string } }[] }[] };
    expect(o.series[0].data[0].itemStyle.color).toBe(GRADE_COLORS.差);
  });

  it("shows the head and tail of a long ranking, with a ⋯ row between and every bar labelled with its rank", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ key: `P${i}`, name: `项目${String(i).padStart(2, "0")}`, score: 100 - i }));
    const w = rankingWindow(many, 20);
    expect(w.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    const o = scoreRankingOption(w) as { yAxis: { data: string[] }; series: { data: { key: string | null; value: number | null }[] }[] };
    expect(o.yAxis.data[0]).toBe("1. 项目00");
    expect(o.yAxis.data[10]).toBe("⋯");
    expect(o.yAxis.data[11]).toBe("21. 项目20");
    expect(o.series[0].data[10]).toMatchObject({ key: null, value: null });
    expect(rankingRows(w)).toBe(21);
    expect(rankingWindow(many.slice(0, 5), 20)).toHaveLength(5);
    expect(scoreRankingTable(w).rows[10][0]).toBe(21);
  });

  it("tabulates rank, name, detail, score to one decimal and grade", () => {
    const t = scoreRankingTable([{ key: "A", name: "甲", score: 91, grade: "优", detail: "市大数据局" }], "单位");
    expect(t.headers).toEqual(["名次", "名称", "单位", "总分", "等级"]);
    expect(t.rows).toEqual([[1, "甲", "市大数据局", "91.0", "优"]]);
  });

  it("cuts long names on the axis and sizes the chart to the bars", () => {
    expect(shortName("绍兴市城市大脑数字驾驶舱二期工程项目", 12)).toBe("城市大脑数字驾驶舱二期…");
    expect(shortName("绍兴市")).toBe("绍兴市");
    expect(shortName("短名")).toBe("短名");
    expect(rankingHeight(0)).toBe(160);
    expect(rankingHeight(20)).toBe(560);
  });
});
