// Every chart builder's option must render on the server (ECharts SSR to SVG), as the Chart wrapper does before
// JavaScript loads — a bad option shows up here, not in front of leadership.
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "~/charts/echarts";
import { cloudMonthlyOption, pivotCloudMonthly } from "~/charts/cloud-monthly";
import { evaluationGapOption } from "~/charts/evaluation-gap";
import { gradeDistributionOption, tallyGrades } from "~/charts/grade-distribution";
import { buildLifeline, lifelineOption } from "~/charts/project-lifeline";
import { radarOption } from "~/charts/radar";
import { scoreRankingOption } from "~/charts/score-ranking";
import { yearTrendOption } from "~/charts/year-trend";

const cases: [string, unknown][] = [
  ["grade", gradeDistributionOption(tallyGrades([{ grade: "优" }, { grade: "差" }]).counts, "差")],
  ["ranking", scoreRankingOption([{ key: "a", name: "城市大脑数字驾驶舱", score: 91.2, grade: "优" }])],
  ["trend", yearTrendOption([{ year: 2023, meanScore: 76.7, projectsScored: 13, poor: 2 }], { selectedYear: 2023 })],
  ["radar", radarOption([{ dimension: "operation", score: 70, peerMedian: 65, peers: 4, coverage: 1, scorable: true }], { projectName: "甲系统", kind: "新建" })],
  ["gap", evaluationGapOption([{ key: "d", name: "市教育局", meanGap: 3.2, meanSelf: 85, meanIndependent: 81.8, projects: 2 }])],
  ["cloud", cloudMonthlyOption(pivotCloudMonthly([{ month: "2024-01-01", serviceName: "云主机", billedYuan: "4200.00" }]))],
  [
    "lifeline",
    lifelineOption(
      buildLifeline({ year: 2022, approvedYuan: "1.00", prelimAcceptedOn: "2023-01-12", finalAcceptedOn: null, goLiveOn: "2022-12-01", shutdownOn: null }, [
        { stage: "catalog", stageName: "初步验收→目录编制及数据归集", article: "30", recordRef: "XT-1", event: "初步验收", eventDate: "2023-01-12", dueDate: "2023-01-31", doneDate: "2023-02-01", status: "late", workdaysLate: 1, daysLate: 1, note: "", flagId: null },
      ]),
      "2025-03-31",
    ),
  ],
];

describe("server-side rendering of every chart", () => {
  it.each(cases)("%s renders to SVG with its Chinese labels", (_name, option) => {
    const svg = renderChartSvg(option as never, 640, 320);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toMatch(/[\u4e00-\u9fff]/);
  });
});
