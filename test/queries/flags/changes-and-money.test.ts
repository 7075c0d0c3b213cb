// Art. 17 (changes and abolitions), Art. 21 (the approved price) and Art. 22 (no construction funds before the
// review opinion).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { buildWarehouse, change, contract, flaggedProjects, flagsOf, payment, project, review, type Inbox } from "./fixtures.js";

describe("ART17_CHANGE_WITHOUT_REVIEW and ART17_ABOLISHED_UNEXPLAINED", () => {
  let wh: TestWarehouse;
  const ids = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "A1", "A2", "A3"];
  beforeAll(async () => {
    const inbox: Inbox = {
      projects: ids.map((id) => project(id)),
      reviews: ids.filter((id) => id !== "A3").map((id) => review(id)),
      changes: [
        change("C1", { re_reviewed: false, approved_on: null, tendered_on: "2024-04-01" }), // no re-review
        change("C2", { approved_on: "2024-04-08", tendered_on: "2024-04-01" }), // approved after the tender
        change("C3", { approved_on: "2024-04-01", tendered_on: "2024-04-01" }), // near-miss: approved on the tender day
        change("C4", { approved_on: null, tendered_on: null }), // under re-review, no tender yet: pending
        change("C5", { change_type: "预算增加", approved_on: null, tendered_on: "2024-05-06", new_amount_yuan: 1_500_000 }),
        change("C6", { approved_on: "2025-02-01", tendered_on: "2024-06-03" }), // approval after the as-of date
        change("C7"), // compliant: approved 03-20, tendered 04-01
        change("A1", { change_type: "废止", applied_on: "2024-06-03", re_reviewed: null, approved_on: null, tendered_on: null, explanation_filed: false }),
        change("A2", { change_type: "废止", applied_on: "2024-06-03", re_reviewed: null, approved_on: null, tendered_on: null, explanation_filed: true }),
        change("A3", { change_type: "废止", applied_on: "2024-06-03", re_reviewed: null, approved_on: null, tendered_on: null, explanation_filed: false }),
      ],
    };
    wh = await buildWarehouse(inbox, { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags changes made without re-review or approved only after tendering", async () => {
    expect(await flaggedProjects(wh, "ART17_CHANGE_WITHOUT_REVIEW")).toEqual(["C1", "C2", "C5", "C6"]);
    const evidence = Object.fromEntries(
      (await flagsOf(wh, "ART17_CHANGE_WITHOUT_REVIEW")).map((f) => [f.project_id, f.evidence]),
    );
    expect(evidence.C1).toBe("内容调整申请（2024-03-01）未报市信管办重新审核，已于 2024-04-01 招标");
    expect(evidence.C2).toBe("内容调整申请（2024-03-01）于 2024-04-01 招标后，才于 2024-04-08 获批准（应在招投标之前重新审核并批准）");
    expect(evidence.C5).toBe("预算增加申请（2024-03-01，变更后金额 150.00 万元）已于 2024-05-06 招标，截至 2024-12-31 变更仍未获市领导小组批准");
    const [flag] = await flagsOf(wh, "ART17_CHANGE_WITHOUT_REVIEW");
    expect(flag).toMatchObject({
      flag_id: "ART17_CHANGE_WITHOUT_REVIEW:C1:2024-03-01/内容调整",
      record_ref: "C1/2024-03-01/内容调整",
      year: 2024,
      event_date: "2024-03-01",
      severity: "较重",
    });
  });

  it("flags an approved project abolished without an explanation on file", async () => {
    const flags = await flagsOf(wh, "ART17_ABOLISHED_UNEXPLAINED");
    expect(flags.map((f) => f.project_id)).toEqual(["A1"]);
    expect(flags[0].evidence).toBe("项目于 2023-12-01 审核通过，2024-06-03 申请废止，未通过项目管理模块备案情况说明");
  });
});

describe("ART21_OVER_APPROVED_PRICE", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const inbox: Inbox = {
      projects: [
        ...["OVER", "EXACT", "PAID-OVER", "RAISED"].map((id) => project(id)),
        project("OM-OVER", { kind: "运行维护", has_construction_plan: null, has_prior_contract: true, has_prior_eval_report: true }),
      ],
      reviews: [
        review("OVER"),
        review("EXACT"),
        review("PAID-OVER"),
        review("RAISED"),
        review("OM-OVER", { approved_yuan: 200_000 }),
        // a re-review (Art. 17) raised the price before the as-of date
        review("RAISED", { review_date: "2024-06-03", approved_yuan: 1_200_000 }),
      ],
      contracts: [
        contract("HT-O1", "OVER", { signed_on: "2024-03-01", amount_yuan: 600_000 }),
        contract("HT-O2", "OVER", { signed_on: "2024-05-08", amount_yuan: 500_000 }),
        contract("HT-E1", "EXACT", { signed_on: "2024-03-01", amount_yuan: 600_000 }),
        contract("HT-E2", "EXACT", { signed_on: "2024-05-08", amount_yuan: 400_000 }),
        contract("HT-R1", "RAISED", { signed_on: "2024-03-01", amount_yuan: 1_100_000 }),
      ],
      payments: [
        payment("PAY-1", "PAID-OVER", { paid_on: "2024-03-01", amount_yuan: 900_000 }),
        payment("PAY-2", "PAID-OVER", { paid_on: "2025-03-03", amount_yuan: 200_000 }),
        // O&M money paid on a construction project is not measured against its construction price …
        payment("PAY-OM", "EXACT", { paid_on: "2024-09-02", amount_yuan: 300_000, fund_type: "运维" }),
        // … but an O&M application's price is its O&M budget
        payment("OM-1", "OM-OVER", { paid_on: "2024-07-01", amount_yuan: 100_000, fund_type: "运维" }),
        payment("OM-2", "OM-OVER", { paid_on: "2024-12-02", amount_yuan: 100_000.01, fund_type: "运维" }),
      ],
    };
    wh = await buildWarehouse(inbox, { asOf: "2025-12-31" });
  });
  afterAll(() => wh.close());

  it("flags the contract or payment that first took the total over the approved price", async () => {
    const flags = await flagsOf(wh, "ART21_OVER_APPROVED_PRICE");
    expect(flags.map((f) => [f.project_id, f.year, f.record_ref, f.event_date])).toEqual([
      ["OM-OVER", 2024, "OM-2", "2024-12-02"],
      ["OVER", 2024, "HT-O2", "2024-05-08"],
      ["PAID-OVER", 2025, "PAY-2", "2025-03-03"],
    ]);
    expect(flags[1].evidence).toBe(
      "核准价 1,000,000.00 元；合同 HT-O2 于 2024-05-08 签订（500,000.00 元）后，累计合同金额 1,100,000.00 元，超出核准价 100,000.00 元；截至 2025-12-31 累计合同金额 1,100,000.00 元、累计支付 0.00 元",
    );
    expect(flags[0].evidence).toContain("运维经费支付 OM-2 于 2024-12-02 支付（100,000.01 元）后，累计支付金额 200,000.01 元，超出核准价 0.01 元");
    expect(flags[0]).toMatchObject({ article: "21", severity: "较重" });
  });

  it("does not flag totals exactly at the approved price, O&M payments, or a price raised by re-review", async () => {
    const flagged = await flaggedProjects(wh, "ART21_OVER_APPROVED_PRICE");
    expect(flagged).not.toContain("EXACT");
    expect(flagged).not.toContain("RAISED");
  });

  it("judges against the price as of the as-of date", async () => {
    const before = await buildWarehouse(
      {
        projects: [project("RAISED")],
        reviews: [review("RAISED"), review("RAISED", { review_date: "2024-06-03", approved_yuan: 1_200_000 })],
        contracts: [contract("HT-R1", "RAISED", { signed_on: "2024-03-01", amount_yuan: 1_100_000 })],
      },
      { asOf: "2024-05-31" },
    );
    try {
      expect(await flaggedProjects(before, "ART21_OVER_APPROVED_PRICE")).toEqual(["RAISED"]);
    } finally {
      before.close();
    }
  });
});

describe("ART22_PAID_WITHOUT_REVIEW", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const ids = ["EARLY", "SAME-DAY", "NO-REVIEW", "OM-EARLY", "ACCEPTED-ONLY", "EXPERT-PRICE"];
    const inbox: Inbox = {
      projects: ids.map((id) => project(id)),
      reviews: [
        review("EARLY", { review_date: "2023-12-01" }),
        review("SAME-DAY", { review_date: "2023-12-01" }),
        review("OM-EARLY", { review_date: "2023-12-01" }),
        // 受理 only accepts the application for review: not an opinion
        review("ACCEPTED-ONLY", { stage: "受理", review_date: "2023-10-20", approved_yuan: null }),
        // an expert review that set the approved price is an opinion
        review("EXPERT-PRICE", { stage: "专家论证", review_date: "2023-11-10" }),
      ],
      payments: [
        payment("PAY-E1", "EARLY", { paid_on: "2023-11-20", amount_yuan: 200_000 }),
        payment("PAY-E2", "EARLY", { paid_on: "2023-11-30", amount_yuan: 100_000 }),
        payment("PAY-E3", "EARLY", { paid_on: "2024-01-10", amount_yuan: 100_000 }),
        payment("PAY-S1", "SAME-DAY", { paid_on: "2023-12-01" }),
        payment("PAY-N1", "NO-REVIEW", { paid_on: "2024-02-01", amount_yuan: 50_000 }),
        payment("PAY-OM", "OM-EARLY", { paid_on: "2023-11-01", fund_type: "运维" }),
        payment("PAY-A1", "ACCEPTED-ONLY", { paid_on: "2023-11-01" }),
        payment("PAY-X1", "EXPERT-PRICE", { paid_on: "2023-11-10" }),
      ],
    };
    wh = await buildWarehouse(inbox, { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags construction funds paid before, or without, a passing review opinion", async () => {
    const flags = await flagsOf(wh, "ART22_PAID_WITHOUT_REVIEW");
    expect(flags.map((f) => [f.project_id, f.year, f.record_ref, f.event_date])).toEqual([
      ["ACCEPTED-ONLY", 2023, "PAY-A1", "2023-11-01"],
      ["EARLY", 2023, "PAY-E1", "2023-11-20"],
      ["NO-REVIEW", 2024, "PAY-N1", "2024-02-01"],
    ]);
    const evidence = Object.fromEntries(flags.map((f) => [f.project_id, f.evidence]));
    expect(evidence.EARLY).toBe(
      "建设经费支付 PAY-E1 于 2023-11-20 支付 200,000.00 元，早于 2023-12-01 取得的审核意见（领导小组审查通过）；审核意见前共支付 2 笔，合计 300,000.00 元",
    );
    expect(evidence["NO-REVIEW"]).toContain("截至 2024-12-31 仍未取得市信管办审核意见");
    expect(flags[0]).toMatchObject({ article: "22", severity: "较重" });
  });

  it("does not flag a payment on the opinion's day, O&M payments, or an expert opinion with a price", async () => {
    const flagged = await flaggedProjects(wh, "ART22_PAID_WITHOUT_REVIEW");
    for (const id of ["SAME-DAY", "OM-EARLY", "EXPERT-PRICE"]) expect(flagged).not.toContain(id);
  });
});
