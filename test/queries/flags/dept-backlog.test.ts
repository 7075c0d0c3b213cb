// ART7_DEPT_BACKLOG (Art. 7(6)): a department whose earlier years' project records are incomplete may not file new
// projects. "Incomplete" = a contract (Art. 16) or acceptance (Art. 19) filing overdue and still missing on the new
// application's date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { acceptance, buildWarehouse, contract, flagsOf, project, review, type Inbox } from "./fixtures.js";

const RULE = "ART7_DEPT_BACKLOG";

// 2023: 中秋·国庆 09-29..10-06 off, Sat 10-07 and Sun 10-08 worked → a contract signed Wed 09-27 is due Tue 10-10.
const earlier = (id: string, dept: string, over = {}) =>
  project(id, { dept_code: dept, dept_name: `单位${dept}`, apply_year: 2023, apply_date: "2022-10-10", ...over });
const fresh = (id: string, dept: string, over = {}) =>
  project(id, { dept_code: dept, dept_name: `单位${dept}`, apply_year: 2024, apply_date: "2023-10-16", ...over });

const inbox = (): Inbox => {
  const projects = [
    earlier("Q1", "D03"),
    fresh("P1", "D03"), // violating: Q1's contract overdue and unfiled on 2023-10-16
    fresh("P1-ON-DEADLINE", "D03", { apply_date: "2023-10-10" }), // near-miss: the deadline has not passed on 10-10
    fresh("P1-OM", "D03", { kind: "运行维护", has_construction_plan: null, has_prior_contract: true, has_prior_eval_report: true }),
    earlier("Q2", "D04"),
    fresh("P2", "D04"), // compliant: Q2 filed late, but before P2 applied
    earlier("Q3", "D05"),
    fresh("P3", "D05"), // violating: Q3's acceptance never filed
    project("Q4", { dept_code: "D06", dept_name: "单位D06", apply_year: 2024, apply_date: "2023-09-01" }),
    fresh("P4", "D06"), // compliant: Q4 is of the same budget year, not an earlier one
    earlier("Q5", "D07"),
    fresh("P5", "D07"), // compliant: Q5 was abolished before P5 applied
  ];
  return {
    projects,
    reviews: projects.map((p) => review(p.project_id as string, { review_date: "2022-12-01" })),
    contracts: [
      contract("HT-Q1", "Q1", { signed_on: "2023-09-27", filed_on: null }),
      contract("HT-Q2", "Q2", { signed_on: "2023-09-27", filed_on: "2023-10-12" }),
      contract("HT-Q4", "Q4", { signed_on: "2023-09-27", filed_on: null }),
      contract("HT-Q5", "Q5", { signed_on: "2023-09-27", filed_on: null }),
    ],
    changes: [
      { project_id: "Q5", change_type: "废止", applied_on: "2023-10-13", re_reviewed: null, approved_on: null,
        tendered_on: null, explanation_filed: true, new_amount_yuan: null },
    ],
    acceptances: [acceptance("Q3", { prelim_accepted_on: "2023-07-03", final_accepted_on: "2023-08-01", filed_on: null })],
  };
};

describe(RULE, () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags new applications filed while an earlier year's record was overdue", async () => {
    const flags = await flagsOf(wh, RULE);
    expect(flags.map((f) => [f.project_id, f.year, f.record_ref, f.event_date])).toEqual([
      ["P1", 2024, "HT-Q1", "2023-10-16"],
      ["P3", 2024, "Q3", "2023-10-16"],
    ]);
    expect(flags[0]).toMatchObject({ article: "7(6)", severity: "较重", dept_code: "D03" });
    expect(flags[0].evidence).toBe(
      "本次申报（2023-10-16）时，本单位历年项目建设情况未完善：2023年度项目 Q1（项目Q1）合同 HT-Q1（2023-09-27 签订）应于 2023-10-10 前备案，至今未备案",
    );
    expect(flags[1].evidence).toContain("验收（2023-08-01）材料及资金支付情况应于 2023-08-08 前备案");
  });

  it("does not flag an application on the deadline day (counted across 中秋·国庆 and two make-up days)", async () => {
    expect(await flagsOf(wh, RULE).then((f) => f.map((x) => x.project_id))).not.toContain("P1-ON-DEADLINE");
  });

  it("does not restrict O&M applications, records filed before the application, same-year or abolished projects", async () => {
    const flagged = (await flagsOf(wh, RULE)).map((f) => f.project_id);
    expect(flagged).not.toContain("P5");
    expect(flagged).not.toContain("P1-OM");
    expect(flagged).not.toContain("P2");
    expect(flagged).not.toContain("P4");
    // Q2's contract is still an Art. 16 violation of its own
    expect((await flagsOf(wh, "ART16_CONTRACT_FILING_LATE")).map((f) => f.record_ref)).toContain("HT-Q2");
  });
});
