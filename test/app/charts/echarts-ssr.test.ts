// Server-side rendering of chart options to SVG: what a page shows before JavaScript and what it prints.
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "../../../app/charts/echarts";

const option = {
  xAxis: { type: "category", data: ["优", "良", "中", "差"] },
  yAxis: { type: "value" },
  series: [{ type: "bar", name: "项目数", data: [12, 40, 9, 3], label: { show: true, formatter: (p: { value: number }) => `${p.value} 个` } }],
};

describe("renderChartSvg", () => {
  it("renders the series and the Chinese labels as SVG text", () => {
    const svg = renderChartSvg(option, 480, 300);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('width="480"');
    for (const t of ["优", "良", "中", "差", "40 个"]) expect(svg).toContain(t);
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it("gives the same SVG for the same option, and a different one when the data or a formatter changes", () => {
    const a = renderChartSvg(option, 480, 300);
    expect(renderChartSvg(JSON.parse(JSON.stringify({ ...option, series: [{ ...option.series[0], label: undefined }] })), 480, 300)).not.toBe(a);
    expect(renderChartSvg(option, 480, 300)).toBe(a);
    const changed = { ...option, series: [{ ...option.series[0], data: [1, 2, 3, 4] }] };
    expect(renderChartSvg(changed, 480, 300)).not.toBe(a);
    const otherFormatter = { ...option, series: [{ ...option.series[0], label: { show: true, formatter: (p: { value: number }) => `${p.value} 项` } }] };
    expect(renderChartSvg(otherFormatter, 480, 300)).toContain("40 项");
  });
});
