// ART16_CONTRACT_FILING_LATE (Art. 16): a contract is filed within 5 working days of signing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { buildWarehouse, contract, flagsOf, project, review, type Inbox } from "./fixtures.js";

const RULE = "ART16_CONTRACT_FILING_LATE";

const inbox = (): Inbox => ({
  projects: ["P1", "P2", "P3"].map((id) => project(id)),
  reviews: ["P1", "P2", "P3"].map((id) => review(id)),
  contracts: [
    // violating: Sat 05-11 is a make-up working day, so the 5th working day is Tue 05-14; filed 05-15
    contract("HT-LATE", "P1", { signed_on: "2024-05-08", filed_on: "2024-05-15", amount_yuan: 1_234_567.89 }),
    // compliant: filed on the deadline itself
    contract("HT-ON-TIME", "P1", { signed_on: "2024-05-08", filed_on: "2024-05-14" }),
    // near-miss across the National Day holiday and Sun 09-29 (worked): signed Fri 09-27, due 10-10
    contract("HT-NATIONAL-DAY", "P2", { signed_on: "2024-09-27", filed_on: "2024-10-10" }),
    contract("HT-NATIONAL-DAY-LATE", "P2", { signed_on: "2024-09-27", filed_on: "2024-10-11" }),
    // not filed at all
    contract("HT-NEVER", "P3", { signed_on: "2024-11-01", filed_on: null }),
    // signed in 2023, due in 2024 across New Year's Day
    contract("HT-NEW-YEAR", "P3", { signed_on: "2023-12-28", filed_on: "2024-01-08" }),
  ],
});

describe(RULE, () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags a contract filed one working day late, with the evidence that proves it", async () => {
    const [flag] = (await flagsOf(wh, RULE)).filter((f) => f.record_ref === "HT-LATE");
    expect(flag).toMatchObject({
      flag_id: "ART16_CONTRACT_FILING_LATE:P1:HT-LATE",
      project_id: "P1",
      project_name: "项目P1",
      dept_code: "D01",
      dept_name: "市大数据局",
      year: 2024,
      article: "16",
      severity: "一般",
      event_date: "2024-05-08",
      due_date: "2024-05-14",
      as_of: "2024-12-31",
      evidence:
        "合同 HT-LATE 于 2024-05-08 签订，应于 2024-05-14 前备案，实际 2024-05-15 备案，逾期 1 个工作日（合同金额 1,234,567.89 元）",
    });
    expect(flag.consequence).toContain("5 个工作日内备案");
  });

  it("does not flag a filing on the deadline day", async () => {
    expect((await flagsOf(wh, RULE)).map((f) => f.record_ref)).not.toContain("HT-ON-TIME");
  });

  it("counts across the National Day holiday: signed Fri 2024-09-27, due 2024-10-10", async () => {
    const flags = (await flagsOf(wh, RULE)).filter((f) => f.project_id === "P2");
    expect(flags.map((f) => [f.record_ref, f.due_date])).toEqual([["HT-NATIONAL-DAY-LATE", "2024-10-10"]]);
    expect(flags[0].evidence).toContain("实际 2024-10-11 备案，逾期 1 个工作日");
  });

  it("flags a contract never filed once the deadline has passed, and dates a flag by its signing year", async () => {
    const flags = (await flagsOf(wh, RULE)).filter((f) => f.project_id === "P3");
    expect(flags.map((f) => [f.record_ref, f.year, f.due_date])).toEqual([
      ["HT-NEVER", 2024, "2024-11-08"],
      ["HT-NEW-YEAR", 2023, "2024-01-05"],
    ]);
    expect(flags[0].evidence).toContain("截至 2024-12-31 仍未备案，已逾期 37 个工作日");
  });

  it("has one row per contract", async () => {
    const flags = await flagsOf(wh, RULE);
    expect(new Set(flags.map((f) => f.flag_id)).size).toBe(flags.length);
    expect(flags).toHaveLength(4);
  });
});

describe(`${RULE} as of a date`, () => {
  const data: Inbox = {
    projects: [project("P1")],
    reviews: [review("P1")],
    contracts: [contract("HT-1", "P1", { signed_on: "2024-09-27", filed_on: "2024-10-15" })],
  };

  it("is not a violation while the deadline has not passed, and becomes one the day after", async () => {
    const onDeadline = await buildWarehouse(data, { asOf: "2024-10-10" });
    const dayAfter = await buildWarehouse(data, { asOf: "2024-10-11" });
    const filed = await buildWarehouse(data, { asOf: "2024-10-31" });
    try {
      expect(await flagsOf(onDeadline, RULE)).toEqual([]);
      // the filing of 10-15 has not happened on 10-11
      const [open] = await flagsOf(dayAfter, RULE);
      expect(open.evidence).toContain("截至 2024-10-11 仍未备案，已逾期 1 个工作日");
      expect(open.as_of).toBe("2024-10-11");
      const [late] = await flagsOf(filed, RULE);
      // 10-11 Fri, 10-12 Sat (make-up working day), 10-14 Mon, 10-15 Tue
      expect(late.evidence).toContain("实际 2024-10-15 备案，逾期 4 个工作日");
    } finally {
      onDeadline.close();
      dayAfter.close();
      filed.close();
    }
  });

  it("ignores contracts signed after the as-of date", async () => {
    const wh = await buildWarehouse(data, { asOf: "2024-09-26" });
    try {
      expect(await flagsOf(wh, RULE)).toEqual([]);
    } finally {
      wh.close();
    }
  });
});
