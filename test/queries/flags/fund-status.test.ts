// mart_fund_status / mart_fund_events (rules.md "Consequences"): O&M funds suspended under ART30_* and
// ART34_RECTIFICATION_FAILED until remedied; construction funds blocked under ART22 or while no review opinion exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { acceptance, buildWarehouse, payment, project, rectification, review, system, type Inbox } from "./fixtures.js";

// Preliminary acceptance Fri 2024-09-20 → catalog due 2024-10-10 → suspended from 2024-10-11.
const accepted = (id: string) => acceptance(id, { prelim_accepted_on: "2024-09-20", final_accepted_on: null, filed_on: "2024-09-23" });

const inbox = (): Inbox => ({
  projects: ["F-LIFTED", "F-OPEN", "F-RECT", "F-TWO", "F-PAID-EARLY", "F-NO-REVIEW", "F-OK"].map((id) => project(id)),
  reviews: [
    ...["F-LIFTED", "F-OPEN", "F-RECT", "F-TWO", "F-OK"].map((id) => review(id)),
    review("F-PAID-EARLY", { review_date: "2024-01-15" }),
  ],
  acceptances: ["F-LIFTED", "F-OPEN", "F-TWO"].map(accepted),
  systems: [
    system("S-F-LIFTED", "F-LIFTED", { catalog_compiled_on: "2024-10-09", data_collected_on: "2024-11-15" }),
    system("S-F-OPEN", "F-OPEN"),
    system("S-F-TWO", "F-TWO"),
  ],
  rectifications: [
    rectification("ZG-RECT", "F-RECT", { completed_on: "2025-03-03", recheck_result: "通过" }),
    rectification("ZG-TWO", "F-TWO", { completed_on: "2024-06-20", recheck_result: "不通过" }),
  ],
  payments: [
    payment("OM-1", "F-RECT", { paid_on: "2024-02-01", amount_yuan: 120_000, fund_type: "运维" }),
    payment("OM-2", "F-RECT", { paid_on: "2024-08-01", amount_yuan: 30_000.5, fund_type: "运维" }),
    payment("OM-3", "F-RECT", { paid_on: "2025-08-01", amount_yuan: 99_999, fund_type: "运维" }), // after the as-of date
    payment("PAY-EARLY", "F-PAID-EARLY", { paid_on: "2023-11-20", amount_yuan: 80_000 }),
  ],
});

interface StatusRow {
  project_id: string;
  year: number;
  dept_code: string;
  om_status: string;
  construction_status: string;
  reasons: string | null;
  rule_ids: string[];
  since: string | null;
  lifted_on: string | null;
  om_at_stake_yuan: string;
}

describe("mart_fund_status", () => {
  let wh: TestWarehouse;
  let status: Record<string, StatusRow>;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2025-06-30" });
    const rows = (await wh.query("SELECT * FROM mart_fund_status ORDER BY project_id, year")) as unknown as StatusRow[];
    status = Object.fromEntries(rows.map((r) => [`${r.project_id}/${r.year}`, r]));
  });
  afterAll(() => wh.close());

  it("has one row per project-year of the spine", async () => {
    const [counts] = await wh.query(`
      SELECT (SELECT count(*) FROM mart_fund_status)::INTEGER AS rows,
             (SELECT count(*) FROM (SELECT DISTINCT project_id, year FROM mart_fund_status))::INTEGER AS keys,
             (SELECT count(*) FROM int_project_years)::INTEGER AS spine`);
    expect(counts).toEqual({ rows: 14, keys: 14, spine: 14 });
  });

  it("suspends O&M funds from the day after the catalog deadline, and keeps them suspended into later years", () => {
    expect(status["F-OPEN/2024"]).toMatchObject({
      om_status: "suspended",
      construction_status: "ok",
      rule_ids: ["ART30_CATALOG_LATE"],
      since: "2024-10-11",
      lifted_on: null,
      reasons: "第三十条：初步验收后 10 个工作日内未完成目录编制和数据归集（S-F-OPEN）",
    });
    expect(status["F-OPEN/2025"]).toMatchObject({ om_status: "suspended", since: "2024-10-11", lifted_on: null });
  });

  it("lifts the suspension on the day the catalog was filed, and shows since when and why", () => {
    expect(status["F-LIFTED/2024"]).toMatchObject({
      om_status: "eligible",
      rule_ids: ["ART30_CATALOG_LATE"],
      since: "2024-10-11",
      lifted_on: "2024-11-15",
      reasons: "第三十条：初步验收后 10 个工作日内未完成目录编制和数据归集（S-F-LIFTED）（已于 2024-11-15 解除）",
    });
    expect(status["F-LIFTED/2025"]).toMatchObject({ om_status: "eligible", reasons: null, rule_ids: [], since: null });
  });

  it("suspends under a failed rectification until the re-check passes, with the year's O&M money at stake", () => {
    expect(status["F-RECT/2024"]).toMatchObject({
      om_status: "suspended",
      rule_ids: ["ART34_RECTIFICATION_FAILED"],
      since: "2024-07-01",
      lifted_on: null,
      om_at_stake_yuan: "150000.50",
    });
    expect(status["F-RECT/2025"]).toMatchObject({ om_status: "eligible", lifted_on: "2025-03-03", om_at_stake_yuan: "0.00" });
  });

  it("counts the year's cloud rent as O&M money at stake (rent is an operating cost), up to the as-of date", async () => {
    const bill = (day: string, cost: string) => ({
      charge_period_start: `${day} 16:00:00`, charge_period_end: `${day} 16:00:00`, charge_category: "Usage",
      billed_cost: cost, effective_cost: cost, billing_currency: "CNY", project_id: "F-RECT", charge_date: day,
      source_file: "focus_test.csv", resource_id: "R-1",
    });
    await wh.insertBills([bill("2024-03-01", "1000.25"), bill("2024-03-02", "999.75"), bill("2025-07-01", "5000")]);
    await wh.buildMarts();
    const [row] = await wh.query("SELECT om_at_stake_yuan FROM mart_fund_status WHERE project_id = 'F-RECT' AND year = 2024");
    expect(row.om_at_stake_yuan).toBe("152000.50"); // 150,000.50 O&M paid + 2,000.00 rent; the 2025-07-01 bill is after as-of
  });

  it("lists every reason, earliest cause first", () => {
    expect(status["F-TWO/2024"]).toMatchObject({
      om_status: "suspended",
      rule_ids: ["ART30_CATALOG_LATE", "ART34_RECTIFICATION_FAILED"],
      since: "2024-06-20",
    });
    expect(status["F-TWO/2024"].reasons).toBe(
      "第三十四条：未实现建设目标，限期整改逾期未整改或整改后复核仍不符合要求（ZG-TWO）；第三十条：初步验收后 10 个工作日内未完成目录编制和数据归集（S-F-TWO）",
    );
  });

  it("says why there is no opinion when the last review turned the application down", async () => {
    const wh2 = await buildWarehouse(
      {
        projects: [project("REJECTED")],
        reviews: [review("REJECTED", { conclusion: "不通过", approved_yuan: null })],
      },
      { asOf: "2024-12-31" },
    );
    try {
      const [row] = await wh2.query("SELECT construction_status, reasons FROM mart_fund_status WHERE project_id = 'REJECTED'");
      expect(row).toEqual({
        construction_status: "blocked",
        reasons: "第二十二条：尚未取得市信管办审核意见（最近一次审核：领导小组审查 2023-12-01 不通过）",
      });
    } finally {
      wh2.close();
    }
  });

  it("blocks construction funds while no review opinion exists", () => {
    for (const year of [2024, 2025]) {
      expect(status[`F-NO-REVIEW/${year}`]).toMatchObject({
        om_status: "eligible",
        construction_status: "blocked",
        rule_ids: ["ART22_NO_REVIEW_OPINION"],
        since: "2023-10-16",
        reasons: "第二十二条：尚未取得市信管办审核意见",
      });
    }
  });

  it("records a payment made before the opinion, lifted when the opinion came", () => {
    expect(status["F-PAID-EARLY/2024"]).toMatchObject({
      construction_status: "ok",
      rule_ids: ["ART22_PAID_WITHOUT_REVIEW"],
      since: "2023-11-20",
      lifted_on: "2024-01-15",
    });
    expect(status["F-PAID-EARLY/2024"].reasons).toContain("（PAY-EARLY）（已于 2024-01-15 解除）");
  });

  it("leaves a compliant project eligible and ok", () => {
    for (const year of [2024, 2025]) {
      expect(status[`F-OK/${year}`]).toMatchObject({
        om_status: "eligible",
        construction_status: "ok",
        reasons: null,
        rule_ids: [],
        since: null,
        lifted_on: null,
        dept_code: "D01",
      });
    }
  });

  it("keeps the history in mart_fund_events", async () => {
    const events = await wh.query(
      "SELECT project_id, fund, rule_id, article, since, lifted_on FROM mart_fund_events WHERE project_id IN ('F-LIFTED', 'F-RECT', 'F-PAID-EARLY') ORDER BY project_id, since",
    );
    // every project waited for its review opinion between application (2023-10-16) and review: construction funds
    // were blocked for that while too
    expect(events).toEqual([
      { project_id: "F-LIFTED", fund: "construction", rule_id: "ART22_NO_REVIEW_OPINION", article: "22", since: "2023-10-16", lifted_on: "2023-12-01" },
      { project_id: "F-LIFTED", fund: "om", rule_id: "ART30_CATALOG_LATE", article: "30", since: "2024-10-11", lifted_on: "2024-11-15" },
      { project_id: "F-PAID-EARLY", fund: "construction", rule_id: "ART22_NO_REVIEW_OPINION", article: "22", since: "2023-10-16", lifted_on: "2024-01-15" },
      { project_id: "F-PAID-EARLY", fund: "construction", rule_id: "ART22_PAID_WITHOUT_REVIEW", article: "22", since: "2023-11-20", lifted_on: "2024-01-15" },
      { project_id: "F-RECT", fund: "construction", rule_id: "ART22_NO_REVIEW_OPINION", article: "22", since: "2023-10-16", lifted_on: "2023-12-01" },
      { project_id: "F-RECT", fund: "om", rule_id: "ART34_RECTIFICATION_FAILED", article: "34", since: "2024-07-01", lifted_on: "2025-03-03" },
    ]);
  });

  it("is eligible before the deadline passes (as of 2024-10-10), suspended after", async () => {
    const early = await buildWarehouse(inbox(), { asOf: "2024-10-10" });
    try {
      const [row] = await early.query("SELECT om_status, since FROM mart_fund_status WHERE project_id = 'F-OPEN' AND year = 2024");
      expect(row).toEqual({ om_status: "eligible", since: null });
    } finally {
      early.close();
    }
  });
});
