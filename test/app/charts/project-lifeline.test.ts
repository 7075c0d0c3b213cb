import { describe, expect, it } from "vitest";
import {
  buildLifeline,
  hasLifelineDates,
  latenessText,
  LIFELINE_HEADERS,
  lifelineOption,
  lifelineSummary,
  lifelineTable,
  statusText,
  type LifelineFlag,
  type LifelineMilestone,
  type LifelineProject,
} from "~/charts/project-lifeline";

const project: LifelineProject = {
  year: 2022,
  approvedYuan: "3100000.00",
  prelimAcceptedOn: "2023-01-12",
  finalAcceptedOn: null,
  goLiveOn: "2022-12-01",
  shutdownOn: null,
};

const AS_OF = "2025-03-31";

function milestone(over: Partial<LifelineMilestone> & Pick<LifelineMilestone, "stage" | "recordRef" | "status">): LifelineMilestone {
  return {
    stageName: over.stage,
    article: null,
    event: null,
    eventDate: null,
    dueDate: null,
    doneDate: null,
    workdaysLate: null,
    daysLate: null,
    note: "",
    flagId: null,
    ...over,
  };
}

const milestones: LifelineMilestone[] = [
  milestone({ stage: "application", stageName: "申报→审核意见（立项）", article: "9, 14", recordRef: "SX2022-005", status: "done", event: "申报", eventDate: "2021-10-08", doneDate: "2021-12-01", note: "2022年度项目于 2021-10-08 申报" }),
  // two contracts, listed by signing date whatever order they arrive in
  milestone({ stage: "contract_filing", stageName: "合同签订→备案", article: "16", recordRef: "HT-2", status: "late", event: "合同签订", eventDate: "2022-09-27", dueDate: "2022-10-12", doneDate: "2022-10-13", workdaysLate: 1, daysLate: 1, note: "合同 HT-2", flagId: "ART16_CONTRACT_FILING_LATE:SX2022-005:HT-2" }),
  milestone({ stage: "contract_filing", stageName: "合同签订→备案", article: "16", recordRef: "HT-1", status: "met", event: "合同签订", eventDate: "2022-03-01", dueDate: "2022-03-08", doneDate: "2022-03-08", note: "合同 HT-1" }),
  milestone({ stage: "catalog", stageName: "初步验收→目录编制及数据归集", article: "30", recordRef: "XT-1", status: "missing", event: "初步验收", eventDate: "2023-01-12", dueDate: "2023-01-31", workdaysLate: 520, daysLate: 790, note: "系统 XT-1", flagId: "ART30_CATALOG_LATE:SX2022-005:XT-1" }),
  milestone({ stage: "go_live", stageName: "上线运行", article: "36", recordRef: "SX2022-005", status: "done", event: "上线", eventDate: "2022-12-01", doneDate: "2022-12-01" }),
  milestone({ stage: "rectification", stageName: "整改通知→整改完成", article: "34", recordRef: "ZG-1", status: "open", event: "整改通知下达", eventDate: "2024-04-10", dueDate: "2025-06-30", flagId: "ART34_RECTIFICATION_OPEN:SX2022-005:ZG-1" }),
];

const flags: LifelineFlag[] = [
  { flagId: "ART30_CATALOG_LATE:SX2022-005:XT-1", ruleId: "ART30_CATALOG_LATE", article: "30", evidence: "…", eventDate: "2023-01-12", dueDate: "2023-01-31" },
  { flagId: "ART36_NO_SECURITY_ASSESSMENT:SX2022-005:go_live", ruleId: "ART36_NO_SECURITY_ASSESSMENT", article: "36", evidence: "…", eventDate: "2022-12-01", dueDate: null },
  { flagId: "ART9_MATERIALS_MISSING:SX2022-005:application", ruleId: "ART9_MATERIALS_MISSING", article: "9, 12", evidence: "…", eventDate: "2021-10-08", dueDate: null },
];

describe("project life line", () => {
  const stages = buildLifeline(project, milestones, flags);
  const rows = (stage: string) => stages.filter((s) => s.stage === stage);

  it("walks application → contract → acceptance → catalog → go-live → rectification → shutdown, one row per milestone", () => {
    expect(stages.map((s) => s.key)).toEqual([
      "application:SX2022-005",
      "contract_filing:HT-1",
      "contract_filing:HT-2",
      "acceptance_filing",
      "catalog:XT-1",
      "go_live:SX2022-005",
      "rectification:ZG-1",
      "cloud_release",
      "shutdown_backup",
    ]);
  });

  it("shows each milestone's event, deadline, completion and status as the warehouse judged them", () => {
    expect(rows("contract_filing").map((s) => [s.recordRef, s.eventDate, s.due, s.doneDate, s.status, s.workdaysLate])).toEqual([
      ["HT-1", "2022-03-01", "2022-03-08", "2022-03-08", "met", null],
      ["HT-2", "2022-09-27", "2022-10-12", "2022-10-13", "late", 1],
    ]);
    expect(rows("contract_filing")[1].flagIds).toEqual(["ART16_CONTRACT_FILING_LATE:SX2022-005:HT-2"]);
    expect(rows("catalog")[0]).toMatchObject({ status: "missing", due: "2023-01-31", doneDate: null, label: "初步验收→目录编制及数据归集" });
  });

  it("says how late, in working days, else in days, and how far off an open deadline is", () => {
    const [, late] = rows("contract_filing");
    expect(statusText(late, AS_OF)).toBe("逾期完成（逾期 1 个工作日）");
    expect(statusText(rows("catalog")[0], AS_OF)).toBe("逾期未完成（逾期 520 个工作日）");
    expect(latenessText({ status: "late", workdaysLate: 0, daysLate: 1 })).toBe("逾期 1 天");
    expect(latenessText({ status: "met", workdaysLate: null, daysLate: null })).toBeNull();
    expect(statusText(rows("rectification")[0], AS_OF)).toBe("未到期（还有 91 天）");
    expect(statusText({ ...rows("rectification")[0], due: AS_OF }, AS_OF)).toBe("未到期（今日到期）");
    expect(statusText(rows("contract_filing")[0], AS_OF)).toBe("按期完成");
    expect(statusText(rows("go_live")[0], AS_OF)).toBe("已完成（无期限）");
  });

  it("gives a stage with no milestone a placeholder row that says why", () => {
    expect(rows("acceptance_filing")[0]).toMatchObject({ status: "none", eventDate: null, due: null });
    expect(rows("acceptance_filing")[0].note).toContain("尚未验收");
    expect(rows("cloud_release")[0].note).toBe("尚无停用的系统");
    const accepted = buildLifeline(project, [], []);
    expect(accepted.find((s) => s.stage === "catalog")!.note).toContain("没有在公共数据平台登记的信息系统");
    const early = buildLifeline({ ...project, prelimAcceptedOn: null, approvedYuan: null }, [], []);
    expect(early.find((s) => s.stage === "catalog")!.note).toContain("尚未初步验收");
    expect(early.find((s) => s.stage === "contract_filing")!.note).toContain("尚无通过的审核意见");
  });

  it("names the stage's other rule flags once, on its first row, and does not repeat a flag a milestone carries", () => {
    const live = rows("go_live")[0];
    expect(live.flagIds).toEqual(["ART36_NO_SECURITY_ASSESSMENT:SX2022-005:go_live"]);
    expect(live.note).toContain("相关违规标记：ART36_NO_SECURITY_ASSESSMENT（第三十六条）");
    expect(rows("application")[0].note).toContain("ART9_MATERIALS_MISSING");
    expect(rows("catalog")[0].flagIds).toEqual(["ART30_CATALOG_LATE:SX2022-005:XT-1"]);
    expect(rows("catalog")[0].note).not.toContain("相关违规标记");
  });

  it("keeps a stage the page does not know yet, after the known ones", () => {
    const s = buildLifeline(project, [milestone({ stage: "new_stage", stageName: "新环节", recordRef: "X", status: "met", eventDate: "2024-01-01" })], []);
    expect(s[s.length - 1]).toMatchObject({ stage: "new_stage", label: "新环节", status: "met" });
  });

  it("counts the deadlines met, late, missing and open", () => {
    expect(lifelineSummary(stages)).toEqual({ deadlines: 4, met: 1, late: 1, open: 1, missing: 1 });
  });

  it("draws events, deadlines and completions on a time axis, one row per stage, with the as-of date marked", () => {
    const o = lifelineOption(stages, AS_OF) as {
      xAxis: { type: string; min: string; max: string };
      yAxis: { data: string[] };
      series: { name: string; data: { value: [string, number]; name: string; itemStyle: { color?: string; borderColor?: string } }[]; markLine?: { data: { xAxis: string }[] } }[];
    };
    expect(o.xAxis.type).toBe("time");
    expect(o.yAxis.data).toEqual([
      "申报→审核意见（立项）", "合同签订→备案", "验收→验收备案", "初步验收→目录编制及数据归集", "上线运行",
      "整改通知→整改完成", "系统停用→云资源释放", "系统停用→系统备份",
    ]);
    const [events, deadlines, done] = o.series;
    expect(events.name).toBe("起算事件");
    expect(events.data.map((d) => d.value)).toContainEqual(["2023-01-12", 3]);
    expect(deadlines.data.find((d) => d.name === "合同签订→备案 HT-2")).toMatchObject({ value: ["2022-10-12", 1], itemStyle: { borderColor: "#b91c1c" } });
    expect(done.data.find((d) => d.name === "合同签订→备案 HT-1")).toMatchObject({ value: ["2022-03-08", 1], itemStyle: { color: "#047857" } });
    // a missing milestone has a deadline and no completion
    expect(done.data.some((d) => d.name.includes("XT-1"))).toBe(false);
    expect(events.markLine?.data[0].xAxis).toBe(AS_OF);
    expect(o.xAxis.min < "2021-10-08" && o.xAxis.max > "2025-06-30").toBe(true);
    expect(hasLifelineDates(stages)).toBe(true);
    expect(hasLifelineDates(buildLifeline(project, [], []))).toBe(false);
  });

  it("tabulates every row with its deadline and whether it was met", () => {
    const t = lifelineTable(stages, AS_OF);
    expect(t.headers).toEqual([...LIFELINE_HEADERS]);
    expect(t.rows[2]).toEqual(["合同签订→备案", "第十六条", "HT-2", "合同签订", "2022-09-27", "2022-10-12", "2022-10-13", "逾期完成（逾期 1 个工作日）", "合同 HT-2"]);
    expect(t.rows[3][7]).toBe("尚未发生");
  });
});
