import { describe, expect, it } from "vitest";
import { evaluationGapOption, evaluationGapTable, rankByInflation } from "~/charts/evaluation-gap";

const items = [
  { key: "A", name: "市教育局", meanGap: 3.2, meanSelf: 85, meanIndependent: 81.8, projects: 2 },
  { key: "B", name: "市卫生健康委员会", meanGap: 9.18, meanSelf: 72.4, meanIndependent: 63.22, projects: 3 },
  { key: "C", name: "市交通运输局", meanGap: null, meanSelf: null, meanIndependent: null, projects: 0 },
  { key: "D", name: "市自然资源和规划局", meanGap: -1.5, meanSelf: 80, meanIndependent: 81.5, projects: 1 },
];

describe("self-evaluation inflation", () => {
  it("ranks departments by how far self-scores exceed independent ones, leaving out those without both", () => {
    expect(rankByInflation(items).map((i) => i.key)).toEqual(["B", "A", "D"]);
  });

  it("colours inflation red above 5 points and a modest self-score green", () => {
    const o = evaluationGapOption(items) as { series: { data: { key: string; itemStyle: { color: string } }[] }[] };
    expect(o.series[0].data.map((d) => [d.key, d.itemStyle.color])).toEqual([
      ["B", "#b91c1c"],
      ["A", "#d97706"],
      ["D", "#047857"],
    ]);
    expect(evaluationGapTable(items).rows[0]).toEqual([1, "市卫生健康委员会", 3, "72.4", "63.2", "9.2"]);
  });
});
