// mart_flags as a whole: the public columns, the rule catalogue (ids, articles, severities) and one row per
// flag_id — on an inbox that breaks every rule of rules.md once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import {
  acceptance,
  buildWarehouse,
  change,
  cloudResource,
  contract,
  payment,
  project,
  rectification,
  review,
  security,
  system,
  tags,
  type Inbox,
} from "./fixtures.js";

/** rules.md "Catalogue": rule id → article, exactly as the public schema writes them. */
const CATALOGUE: Record<string, string> = {
  ART7_MACHINE_ROOM: "7(1)",
  ART7_NOT_ON_GOV_CLOUD: "7(2)",
  ART7_VIDEO_CONFERENCE: "7(3)",
  ART7_NO_DATA_CATALOG: "7(4), 27, 28",
  ART7_PRIOR_OPINIONS_OPEN: "7(5)",
  ART7_DEPT_BACKLOG: "7(6)",
  ART8_NON_IT_NOT_SEPARATED: "8",
  ART9_MATERIALS_MISSING: "9, 12",
  ART11_NOT_IN_PLAN: "11",
  ART16_CONTRACT_FILING_LATE: "16",
  ART17_CHANGE_WITHOUT_REVIEW: "17",
  ART17_ABOLISHED_UNEXPLAINED: "17",
  ART18_CLOUD_NOT_RELEASED: "18",
  ART19_ACCEPTANCE_FILING_LATE: "19",
  ART21_OVER_APPROVED_PRICE: "21",
  ART22_PAID_WITHOUT_REVIEW: "22",
  ART23_NO_ALLOCATION_PLAN: "23",
  ART29_CLOUD_BEFORE_REGISTRATION: "29",
  ART30_CATALOG_LATE: "30",
  ART30_DATA_STALE: "30",
  ART34_RECTIFICATION_FAILED: "34",
  ART34_RECTIFICATION_OPEN: "34",
  ART36_NO_SECURITY_ASSESSMENT: "36",
  ART36_NO_MLPS_OR_PENTEST: "36",
  ART37_VULN_UNFIXED: "37",
  ART5_NO_CRYPTO_PLAN: "5(5), 35",
};

/** One violation of every rule, each on its own project (the project id names the rule it breaks). */
const everyRule = (): Inbox => {
  const earlier = { apply_year: 2023, apply_date: "2022-10-10" };
  const projects = [
    project("MACHINE-ROOM", { content_tags: tags("机房") }),
    project("NOT-ON-CLOUD", { deployment: "自建机房" }),
    project("VIDEO", { content_tags: tags("视频会议") }),
    project("NO-CATALOG", { has_data_catalog: false }),
    project("OLD-OPINION", { dept_code: "D02", ...earlier }),
    project("PRIOR-OPINIONS", { dept_code: "D02" }),
    project("OLD-CONTRACT", { dept_code: "D03", ...earlier }),
    project("BACKLOG", { dept_code: "D03" }),
    project("NON-IT", { content_tags: tags("非信息化内容") }),
    project("MATERIALS", { has_form: false }),
    project("NOT-IN-PLAN", { in_annual_plan: false }),
    project("CONTRACT-LATE"),
    project("CHANGE"),
    project("ABOLISHED"),
    project("CLOUD-KEPT"),
    project("ACCEPTANCE-LATE"),
    project("OVER-PRICE"),
    project("PAID-EARLY"),
    project("ALLOCATION", { city_wide: true, est_cloud_rent_yuan: 6_000_000 }),
    project("CLOUD-FIRST"),
    project("CATALOG-LATE"),
    project("STALE"),
    project("RECT-FAILED"),
    project("RECT-OPEN"),
    project("NO-ASSESSMENT"),
    project("NO-MLPS", { internet_facing: true }),
    project("VULN"),
    project("CRYPTO", { has_crypto_plan: false }),
  ];
  return {
    projects,
    reviews: [
      ...projects.filter((p) => p.project_id !== "PAID-EARLY").map((p) => review(p.project_id as string, { review_date: "2022-12-01" })),
      review("OLD-OPINION", { stage: "专家论证", review_date: "2022-11-01", tech_reqs_done: false }),
      review("PAID-EARLY", { review_date: "2024-02-01" }),
    ],
    contracts: [
      contract("HT-OLD", "OLD-CONTRACT", { signed_on: "2023-09-27", filed_on: null }),
      contract("HT-LATE", "CONTRACT-LATE", { signed_on: "2024-05-08", filed_on: "2024-05-15" }),
      contract("HT-OVER", "OVER-PRICE", { signed_on: "2024-03-01", amount_yuan: 1_000_000.01, filed_on: "2024-03-01" }),
    ],
    changes: [
      change("CHANGE", { re_reviewed: false, approved_on: null }),
      change("ABOLISHED", { change_type: "废止", re_reviewed: null, approved_on: null, tendered_on: null, explanation_filed: false }),
    ],
    acceptances: [
      acceptance("ACCEPTANCE-LATE", { final_accepted_on: "2024-05-08", filed_on: "2024-05-15" }),
      acceptance("CATALOG-LATE", { prelim_accepted_on: "2024-09-20", final_accepted_on: null, filed_on: "2024-09-23" }),
    ],
    payments: [payment("PAY-EARLY", "PAID-EARLY", { paid_on: "2024-01-10" })],
    systems: [
      system("S-KEPT", "CLOUD-KEPT", { go_live_on: "2024-03-01", shutdown_on: "2024-06-28", backup_on: "2024-06-28" }),
      system("S-FIRST", "CLOUD-FIRST", { registered_on: "2024-02-01" }),
      system("S-CATALOG", "CATALOG-LATE"),
      system("S-STALE", "STALE", { data_collected_on: "2024-01-10", update_cycle_days: 7, last_refreshed_on: "2024-03-01" }),
      system("S-NO-ASSESSMENT", "NO-ASSESSMENT", { go_live_on: "2024-05-06" }),
      system("S-NO-MLPS", "NO-MLPS", { go_live_on: "2024-05-06" }),
    ],
    cloud_resources: [
      cloudResource("R-KEPT", "CLOUD-KEPT", "S-KEPT", { requested_on: "2024-01-10" }),
      cloudResource("R-FIRST", "CLOUD-FIRST", "S-FIRST", { requested_on: "2024-01-10" }),
    ],
    security: [
      security("SEC-A", "NO-MLPS", "安全方案", { record_date: "2024-04-01" }),
      security("SEC-B", "NO-MLPS", "安全评估报告", { record_date: "2024-04-01" }),
      security("V-1", "VULN", "漏洞", { record_date: "2024-03-01", severity: "高危", fix_deadline: "2024-04-01" }),
    ],
    rectifications: [
      rectification("ZG-FAILED", "RECT-FAILED"),
      rectification("ZG-OPEN", "RECT-OPEN", { deadline: "2025-03-31" }),
    ],
  };
};

describe("mart_flags", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(everyRule(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("has the public columns of docs/warehouse.md", async () => {
    const cols = await wh.query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'mart_flags' ORDER BY ordinal_position",
    );
    expect(cols.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      "flag_id VARCHAR",
      "project_id VARCHAR",
      "project_name VARCHAR",
      "dept_code VARCHAR",
      "dept_name VARCHAR",
      "year INTEGER",
      "rule_id VARCHAR",
      "article VARCHAR",
      "severity VARCHAR",
      "evidence VARCHAR",
      "consequence VARCHAR",
      "record_ref VARCHAR",
      "event_date DATE",
      "due_date DATE",
      "as_of DATE",
    ]);
  });

  it("catalogues exactly the rules of rules.md, with their articles", async () => {
    const rows = await wh.query("SELECT rule_id, article FROM ref_flag_rules ORDER BY rule_id");
    expect(Object.fromEntries(rows.map((r) => [r.rule_id, r.article]))).toEqual(CATALOGUE);
  });

  it("grades severity as the brief fixes it", async () => {
    const rows = await wh.query("SELECT rule_id, severity FROM ref_flag_rules");
    const severity = Object.fromEntries(rows.map((r) => [r.rule_id as string, r.severity as string]));
    for (const [id, s] of Object.entries(severity)) {
      if (/^ART3[067]_/.test(id) && id !== "ART34_RECTIFICATION_OPEN") expect([id, s]).toEqual([id, "严重"]);
      expect(["严重", "较重", "一般", "提示"]).toContain(s);
    }
    expect(severity.ART34_RECTIFICATION_FAILED).toBe("严重");
    expect(severity.ART34_RECTIFICATION_OPEN).toBe("提示");
  });

  it("raises every rule on an inbox that breaks each once", async () => {
    const rows = await wh.query("SELECT DISTINCT rule_id FROM mart_flags ORDER BY 1");
    expect(rows.map((r) => r.rule_id)).toEqual(Object.keys(CATALOGUE).sort());
  });

  it("has one row per flag_id, and every row complete", async () => {
    const [r] = await wh.query(`
      SELECT count(*)::INTEGER AS n, count(DISTINCT flag_id)::INTEGER AS ids,
             count(*) FILTER (WHERE evidence IS NULL OR consequence IS NULL OR severity IS NULL OR article IS NULL
                               OR project_name IS NULL OR dept_name IS NULL OR record_ref IS NULL OR year IS NULL
                               OR event_date IS NULL OR as_of <> DATE '2024-12-31')::INTEGER AS incomplete
      FROM mart_flags`);
    expect(r.n).toBeGreaterThanOrEqual(Object.keys(CATALOGUE).length);
    expect(r.ids).toBe(r.n);
    expect(r.incomplete).toBe(0);
  });

  it("sets a due date exactly where the rule has a deadline", async () => {
    const rows = await wh.query(
      "SELECT rule_id, bool_and(due_date IS NOT NULL) AS all_due, bool_or(due_date IS NOT NULL) AS any_due FROM mart_flags GROUP BY ALL ORDER BY 1",
    );
    const withDeadline = new Set([
      "ART16_CONTRACT_FILING_LATE",
      "ART19_ACCEPTANCE_FILING_LATE",
      "ART30_CATALOG_LATE",
      "ART30_DATA_STALE",
      "ART34_RECTIFICATION_FAILED",
      "ART34_RECTIFICATION_OPEN",
      "ART37_VULN_UNFIXED",
    ]);
    for (const r of rows) {
      if (withDeadline.has(r.rule_id as string)) expect([r.rule_id, r.all_due]).toEqual([r.rule_id, true]);
      else if (r.rule_id !== "ART5_NO_CRYPTO_PLAN") expect([r.rule_id, r.any_due]).toEqual([r.rule_id, false]);
    }
  });
});
