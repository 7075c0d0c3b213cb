// The whole mart build (buildMarts(): reference → allocation → scoring → flags → marts) picks up what the
// compliance engine decided: the project-year roll-up shows the fund status and flag count, the department-year
// roll-up the review status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { acceptance, buildWarehouse, contract, project, rectification, review, system } from "./fixtures.js";

describe("compliance in the full mart build", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(
      {
        projects: [project("P1"), project("P2", { dept_code: "D02", dept_name: "市卫健委" })],
        reviews: [review("P1"), review("P2")],
        contracts: [contract("HT-1", "P1", { signed_on: "2024-05-08", filed_on: "2024-05-15" })],
        acceptances: [acceptance("P1", { prelim_accepted_on: "2024-09-20", final_accepted_on: null, filed_on: "2024-09-23" })],
        systems: [system("S-1", "P1")],
        rectifications: [rectification("ZG-2", "P2")],
      },
      { asOf: "2024-12-31", full: true },
    );
  });
  afterAll(() => wh?.close());

  it("carries fund status and flag counts into mart_project_year", async () => {
    const rows = await wh.query(
      "SELECT project_id, year, om_fund_status, construction_fund_status, flag_count FROM mart_project_year ORDER BY 1, 2",
    );
    expect(rows).toEqual([
      { project_id: "P1", year: 2024, om_fund_status: "suspended", construction_fund_status: "ok", flag_count: 2 },
      { project_id: "P2", year: 2024, om_fund_status: "suspended", construction_fund_status: "ok", flag_count: 1 },
    ]);
  });

  it("carries the review status into mart_department_year", async () => {
    const rows = await wh.query("SELECT dept_code, year, review_status FROM mart_department_year ORDER BY 1, 2");
    expect(rows).toEqual([
      { dept_code: "D01", year: 2024, review_status: "normal" },
      { dept_code: "D02", year: 2024, review_status: "deferred" },
    ]);
  });
});
