import { describe, expect, it } from "vitest";
import { radarOption, radarTable, type RadarRow } from "~/charts/radar";

const rows: RadarRow[] = [
  { dimension: "security", score: null, peerMedian: 70, peers: 5, coverage: 0.35, scorable: false },
  { dimension: "operation", score: 88.5, peerMedian: 80, peers: 5, coverage: 1, scorable: true },
];

describe("six-dimension radar", () => {
  it("always draws the six dimensions of Art. 32 in the same order", () => {
    const o = radarOption(rows, { projectName: "甲系统", kind: "新建" }) as { radar: { indicator: { name: string; max: number }[] }; series: { data: { name: string; value: number[] }[] }[] };
    expect(o.radar.indicator.map((i) => i.name)).toEqual(["项目运行情况", "统建融合", "成本效益", "应用实效", "信息安全", "创新服务"]);
    expect(o.radar.indicator.every((i) => i.max === 100)).toBe(true);
    expect(o.series[0].data[0]).toMatchObject({ name: "甲系统", value: [88.5, 0, 0, 0, 0, 0] });
    expect(o.series[0].data[1]).toMatchObject({ name: "新建类项目中位数", value: [80, 0, 0, 0, 70, 0] });
  });

  it("says in the table when a dimension was not scorable rather than showing a zero", () => {
    const t = radarTable(rows);
    expect(t.rows[0]).toEqual(["项目运行情况", "88.5", "100%", "80.0", 5]);
    expect(t.rows[4]).toEqual(["信息安全", "不可评分", "35%", "70.0", 5]);
    expect(t.rows[1]).toEqual(["统建融合", "不可评分", "—", "—", 0]);
  });
});
