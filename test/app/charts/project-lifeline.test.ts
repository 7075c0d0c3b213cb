import { describe, expect, it } from "vitest";
import { buildLifeline, hasLifelineDates, lifelineOption, lifelineTable, type LifelineProject } from "~/charts/project-lifeline";

const project: LifelineProject = {
  year: 2022,
  approvedYuan: "3100000.00",
  prelimAcceptedOn: "2023-01-12",
  finalAcceptedOn: null,
  goLiveOn: "2022-12-01",
  shutdownOn: null,
};

const catalogLate = {
  flagId: "f1",
  ruleId: "ART30_CATALOG_LATE",
  article: "30",
  evidence: "2023-01-12 初步验收，应于 2023-01-31 前完成数据目录编制",
  eventDate: "2023-01-12",
  dueDate: "2023-01-31",
};
const rectificationOpen = {
  flagId: "f2",
  ruleId: "ART34_RECTIFICATION_OPEN",
  article: "34",
  evidence: "整改期限 2025-06-30",
  eventDate: "2024-04-10",
  dueDate: "2025-06-30",
};

describe("project life line", () => {
  const stages = buildLifeline(project, [catalogLate, rectificationOpen], "2025-03-31");
  const by = (k: string) => stages.find((s) => s.key === k)!;

  it("walks application → review → contract → acceptance → catalog → go-live → rectification → shutdown", () => {
    expect(stages.map((s) => s.label)).toEqual([
      "申报", "审核（核准）", "合同签订与备案", "初步验收", "竣工验收与备案", "数据目录编制与归集", "上线运行", "绩效整改", "停用与云资源释放",
    ]);
  });

  it("marks a stage whose rule was broken as late, with the flag's deadline, evidence and article", () => {
    expect(by("catalog")).toMatchObject({ status: "late", due: "2023-01-31", date: "2023-01-12", flagIds: ["f1"] });
    expect(by("catalog").note).toContain("第三十条：2023-01-12 初步验收");
  });

  it("treats a flag whose deadline is still ahead of the as-of date as an open warning", () => {
    expect(by("rectify")).toMatchObject({ status: "open", due: "2025-06-30" });
  });

  it("says 'no violation found' for a stage on record without a flag, and 'not yet' for one not reached", () => {
    expect(by("golive")).toMatchObject({ status: "done", date: "2022-12-01" });
    expect(by("acceptance")).toMatchObject({ status: "pending", date: null });
    expect(by("contract")).toMatchObject({ status: "done", date: null });
    expect(by("shutdown")).toMatchObject({ status: "none" });
  });

  it("without an approved price the review is pending and there is no contract yet", () => {
    const s = buildLifeline({ ...project, approvedYuan: null }, [], "2025-03-31");
    expect(s.find((x) => x.key === "review")).toMatchObject({ status: "pending" });
    expect(s.find((x) => x.key === "review")!.note).toContain("第二十二条");
    expect(s.find((x) => x.key === "contract")).toMatchObject({ status: "pending" });
  });

  it("draws dates and deadlines on a time axis with the as-of date marked", () => {
    const o = lifelineOption(stages, "2025-03-31") as { xAxis: { type: string }; series: { name: string; data: { value: [string, number] }[]; markLine?: { data: { xAxis: string }[] } }[] };
    expect(o.xAxis.type).toBe("time");
    expect(o.series[0].data.map((d) => d.value)).toContainEqual(["2023-01-12", 5]);
    expect(o.series[1].data.map((d) => d.value)).toContainEqual(["2023-01-31", 5]);
    expect(o.series[0].markLine?.data[0].xAxis).toBe("2025-03-31");
    expect(hasLifelineDates(stages)).toBe(true);
    expect(lifelineTable(stages).rows[5]).toEqual(["数据目录编制与归集", "第三十条", "2023-01-12", "2023-01-31", "逾期/违规", by("catalog").note]);
    const o2 = lifelineOption(stages, "2025-03-31") as { xAxis: { min: string; max: string } };
    expect(o2.xAxis.min < "2022-12-01" && o2.xAxis.max > "2025-06-30").toBe(true);
  });
});
