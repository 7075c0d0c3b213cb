// ART19_ACCEPTANCE_FILING_LATE (Art. 19): acceptance materials and payment status are filed within 5 working days.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { acceptance, buildWarehouse, flagsOf, project, review, type Inbox } from "./fixtures.js";

const RULE = "ART19_ACCEPTANCE_FILING_LATE";
const ids = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"];

const inbox = (): Inbox => ({
  projects: ids.map((id) => project(id)),
  reviews: ids.map((id) => review(id)),
  acceptances: [
    // violating: Sat 05-11 counts, due Tue 05-14, filed 05-15
    acceptance("A1", { prelim_accepted_on: "2024-04-15", final_accepted_on: "2024-05-08", filed_on: "2024-05-15" }),
    // near-miss across the National Day holiday: accepted Fri 09-27, due 10-10
    acceptance("A2", { prelim_accepted_on: "2024-09-02", final_accepted_on: "2024-09-27", filed_on: "2024-10-10" }),
    acceptance("A3", { prelim_accepted_on: "2024-09-02", final_accepted_on: "2024-09-27", filed_on: "2024-10-11" }),
    // preliminary acceptance only: 04-04..06 off (清明), Sun 04-07 worked → due 04-11
    acceptance("A4", { prelim_accepted_on: "2024-04-03", final_accepted_on: null, filed_on: "2024-04-11" }),
    acceptance("A5", { prelim_accepted_on: "2024-04-03", final_accepted_on: null, filed_on: "2024-04-12" }),
    // filed in time but without the payment status
    acceptance("A6", { prelim_accepted_on: "2024-06-03", final_accepted_on: "2024-07-01", filed_on: "2024-07-02", paid_yuan: null }),
    // the only filing predates the final acceptance
    acceptance("A7", { prelim_accepted_on: "2024-06-03", final_accepted_on: "2024-08-01", filed_on: "2024-06-05" }),
    // never filed
    acceptance("A8", { prelim_accepted_on: "2024-10-08", final_accepted_on: "2024-11-01", filed_on: null }),
    // accepted in 2023, due in 2024
    acceptance("A9", { prelim_accepted_on: "2023-11-01", final_accepted_on: "2023-12-28", filed_on: "2024-01-08" }),
  ],
});

describe(RULE, () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags exactly the late or missing filings, one row per project", async () => {
    const flags = await flagsOf(wh, RULE);
    expect(flags.map((f) => [f.project_id, f.year, f.event_date, f.due_date])).toEqual([
      ["A1", 2024, "2024-05-08", "2024-05-14"],
      ["A3", 2024, "2024-09-27", "2024-10-10"],
      ["A5", 2024, "2024-04-03", "2024-04-11"],
      ["A6", 2024, "2024-07-01", "2024-07-08"],
      ["A7", 2024, "2024-08-01", "2024-08-08"],
      ["A8", 2024, "2024-11-01", "2024-11-08"],
      ["A9", 2023, "2023-12-28", "2024-01-05"],
    ]);
    expect(flags.every((f) => f.article === "19" && f.severity === "一般")).toBe(true);
  });

  it("says what was filed when", async () => {
    const byProject = Object.fromEntries((await flagsOf(wh, RULE)).map((f) => [f.project_id, f.evidence]));
    expect(byProject.A1).toBe(
      "项目于 2024-05-08 竣工验收，应于 2024-05-14 前备案验收材料及资金支付情况，实际 2024-05-15 备案，逾期 1 个工作日（已付金额 500,000.00 元）",
    );
    expect(byProject.A5).toContain("2024-04-03 初步验收");
    expect(byProject.A6).toContain("未填报资金支付情况");
    expect(byProject.A7).toContain("备案日期 2024-06-05 早于竣工验收");
    expect(byProject.A8).toContain("截至 2024-12-31 仍未备案");
  });

  it("does not flag filings on the deadline across holidays and make-up working days", async () => {
    const flagged = (await flagsOf(wh, RULE)).map((f) => f.project_id);
    expect(flagged).not.toContain("A2");
    expect(flagged).not.toContain("A4");
  });
});

describe(`${RULE} as of a date`, () => {
  const data: Inbox = {
    projects: [project("P1")],
    reviews: [review("P1")],
    acceptances: [
      acceptance("P1", { prelim_accepted_on: "2024-06-03", final_accepted_on: "2024-07-01", filed_on: "2024-07-02" }),
    ],
  };

  it("judges the preliminary acceptance while the final one has not happened, and the final one after", async () => {
    const june = await buildWarehouse(data, { asOf: "2024-06-30" });
    const december = await buildWarehouse(data, { asOf: "2024-12-31" });
    try {
      // 06-10 is 端午: due 2024-06-11; on 06-30 nothing was filed yet
      const [flag] = await flagsOf(june, RULE);
      expect([flag.event_date, flag.due_date]).toEqual(["2024-06-03", "2024-06-11"]);
      expect(flag.evidence).toContain("截至 2024-06-30 仍未备案");
      expect(await flagsOf(december, RULE)).toEqual([]);
    } finally {
      june.close();
      december.close();
    }
  });

  it("is not a violation on the deadline day itself", async () => {
    const wh = await buildWarehouse(
      { ...data, acceptances: [acceptance("P1", { prelim_accepted_on: "2024-06-03", final_accepted_on: null, filed_on: null })] },
      { asOf: "2024-06-11" },
    );
    try {
      expect(await flagsOf(wh, RULE)).toEqual([]);
    } finally {
      wh.close();
    }
  });
});
