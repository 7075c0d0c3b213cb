import { describe, expect, it } from "vitest";
import { cloudMonthlyOption, cloudMonthlyTable, pivotCloudMonthly } from "~/charts/cloud-monthly";
import { fenToDecimal, fenToWan, toFen } from "~/charts/money";

const rows = [
  { month: "2024-01-01", serviceName: "云主机", billedYuan: "0.10" },
  { month: "2024-01-01", serviceName: "云数据库", billedYuan: "0.20" },
  { month: "2024-02-01", serviceName: "云主机", billedYuan: "123456.78" },
];

describe("money in fen", () => {
  it("parses DECIMAL text exactly and back", () => {
    expect(toFen("0.1")).toBe(10);
    expect(toFen("-12.34")).toBe(-1234);
    expect(toFen("5000000.00")).toBe(500000000);
    expect(toFen(null)).toBeNull();
    expect(toFen("abc")).toBeNull();
    expect(fenToDecimal(30)).toBe("0.30");
    expect(fenToDecimal(-1234)).toBe("-12.34");
    expect(fenToWan(12345678)).toBe(12.3457);
  });
});

describe("monthly cloud cost", () => {
  it("pivots to months × services and sums each month to the fen", () => {
    const p = pivotCloudMonthly(rows);
    expect(p.months).toEqual(["2024-01", "2024-02"]);
    expect(p.services).toEqual(["云数据库", "云主机"].sort((a, b) => a.localeCompare(b, "zh-CN")));
    expect(p.totals).toEqual([30, 12345678]); // 0.10 + 0.20 = 0.30 exactly
  });

  it("stacks one bar series per service, in 万元", () => {
    const o = cloudMonthlyOption(pivotCloudMonthly(rows)) as { series: { stack: string; type: string; data: number[] }[]; yAxis: { name: string } };
    expect(o.series).toHaveLength(2);
    expect(o.series.every((s) => s.type === "bar" && s.stack === "cost")).toBe(true);
    expect(o.yAxis.name).toBe("万元");
    const host = o.series.find((_, i) => pivotCloudMonthly(rows).services[i] === "云主机")!;
    expect(host.data).toEqual([0, 12.3457]);
  });

  it("keeps the table exact in 元", () => {
    const t = cloudMonthlyTable(pivotCloudMonthly(rows));
    expect(t.headers[t.headers.length - 1]).toBe("合计");
    expect(t.rows[0][t.rows[0].length - 1]).toBe("0.30 元");
    expect(t.rows[1][t.rows[1].length - 1]).toBe("123,456.78 元");
  });
});
