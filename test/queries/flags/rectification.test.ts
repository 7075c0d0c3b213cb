// ART34_RECTIFICATION_FAILED / ART34_RECTIFICATION_OPEN (Art. 34): a missed performance target is rectified by its
// deadline and passes its re-check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { buildWarehouse, flagsOf, project, rectification, review, type Inbox } from "./fixtures.js";

const cases = {
  OVERDUE: {},
  "RECHECK-FAILED": { completed_on: "2024-06-20", recheck_result: "不通过" },
  "LATE-PASSED": { completed_on: "2024-08-15", recheck_result: "通过" },
  "IN-PROGRESS": { deadline: "2025-03-31" },
  AWAITING: { completed_on: "2024-06-20" },
  DONE: { completed_on: "2024-06-20", recheck_result: "通过" },
  "DUE-AS-OF": { deadline: "2024-12-31" },
  // the deadline is a holiday (National Day): completing on it is in time
  HOLIDAY: { deadline: "2024-10-01", completed_on: "2024-10-01", recheck_result: "通过" },
  // completed after the as-of date: not yet completed as of then
  "DONE-LATER": { completed_on: "2025-01-10", recheck_result: "通过" },
};

const inbox = (): Inbox => ({
  projects: Object.keys(cases).map((id) => project(id)),
  reviews: Object.keys(cases).map((id) => review(id)),
  rectifications: Object.entries(cases).map(([id, over]) => rectification(`ZG-${id}`, id, over)),
});

describe("ART34 rectification", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags FAILED when the deadline passed without rectification, or the re-check failed", async () => {
    const flags = await flagsOf(wh, "ART34_RECTIFICATION_FAILED");
    expect(flags.map((f) => [f.project_id, f.record_ref, f.year, f.event_date, f.due_date])).toEqual([
      ["DONE-LATER", "ZG-DONE-LATER", 2024, "2024-03-01", "2024-06-30"],
      ["LATE-PASSED", "ZG-LATE-PASSED", 2024, "2024-03-01", "2024-06-30"],
      ["OVERDUE", "ZG-OVERDUE", 2024, "2024-03-01", "2024-06-30"],
      ["RECHECK-FAILED", "ZG-RECHECK-FAILED", 2024, "2024-03-01", "2024-06-30"],
    ]);
    const evidence = Object.fromEntries(flags.map((f) => [f.project_id, f.evidence]));
    expect(evidence.OVERDUE).toBe(
      "2024年度绩效评估未实现建设目标（用户活跃度未达目标），整改通知 ZG-OVERDUE 于 2024-03-01 下达，整改期限 2024-06-30，截至 2024-12-31 仍未完成整改，已逾期 184 天",
    );
    expect(evidence["RECHECK-FAILED"]).toContain("2024-06-20 完成整改，复核不通过");
    expect(evidence["LATE-PASSED"]).toContain("逾期 46 天于 2024-08-15 才完成整改，复核通过");
    expect(flags[0]).toMatchObject({ article: "34", severity: "严重" });
    expect(flags[0].consequence).toContain("暂缓该单位后续项目审核");
  });

  it("flags OPEN (提示) while the deadline has not passed or the re-check is pending", async () => {
    const flags = await flagsOf(wh, "ART34_RECTIFICATION_OPEN");
    expect(flags.map((f) => f.project_id)).toEqual(["AWAITING", "DUE-AS-OF", "IN-PROGRESS"]);
    expect(flags.every((f) => f.severity === "提示")).toBe(true);
    expect(flags[2].evidence).toContain("截至 2024-12-31 整改进行中，距期限还有 90 天");
  });

  it("does not flag a rectification completed in time and passed, even on a holiday deadline", async () => {
    const rows = await wh.query("SELECT rule_id FROM mart_flags WHERE project_id IN ('DONE', 'HOLIDAY')");
    expect(rows).toEqual([]);
  });

  it("turns OPEN into FAILED the day after the deadline", async () => {
    const onDeadline = await buildWarehouse(inbox(), { asOf: "2024-06-30" });
    const dayAfter = await buildWarehouse(inbox(), { asOf: "2024-07-01" });
    try {
      const rule = async (w: TestWarehouse) =>
        (await w.query("SELECT rule_id FROM mart_flags WHERE project_id = 'OVERDUE'")).map((r) => r.rule_id);
      expect(await rule(onDeadline)).toEqual(["ART34_RECTIFICATION_OPEN"]);
      expect(await rule(dayAfter)).toEqual(["ART34_RECTIFICATION_FAILED"]);
    } finally {
      onDeadline.close();
      dayAfter.close();
    }
  });
});
