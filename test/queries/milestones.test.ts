// mart_project_milestones (queries/marts/30-project-milestones.sql): every milestone's event, deadline, completion
// and status — met / late / open / missing (and done / pending where the measures set no deadline) — on a real
// DuckDB warehouse with the real calendar (2024 State Council notice: Sat 05-11, Sun 09-29, Sat 10-12 worked;
// 06-10 and 10-01..07 off). The deadlines must be mart_flags' deadlines for the same events.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERIES_DIR, runSqlFile } from "../../etl/db.js";
import type { TestWarehouse } from "../support/warehouse.js";
import {
  acceptance,
  buildWarehouse,
  cloudResource,
  contract,
  project,
  rectification,
  review,
  system,
  type Inbox,
  type Row,
} from "./flags/fixtures.js";

const MART = path.join(QUERIES_DIR, "marts", "30-project-milestones.sql");

interface Milestone {
  project_id: string;
  project_name: string;
  dept_code: string;
  year: number | null;
  stage_seq: number;
  stage: string;
  stage_name: string;
  article: string;
  record_ref: string;
  event: string;
  event_date: string | null;
  due_date: string | null;
  done_date: string | null;
  status: string;
  workdays_late: number | null;
  days_late: number | null;
  note: string;
  flag_id: string | null;
  as_of: string;
}

/** The compliance stages (what the mart reads: calendar, dimensions, flags), then the mart itself. */
async function build(inbox: Inbox, opts: { asOf: string; years?: number[] }): Promise<TestWarehouse> {
  const wh = await buildWarehouse(inbox, opts);
  try {
    await runSqlFile(wh.conn, MART);
  } catch (err) {
    wh.close();
    throw err;
  }
  return wh;
}

async function milestones(wh: TestWarehouse, projectId: string, stage: string): Promise<Milestone[]> {
  return (await wh.query(
    "SELECT * FROM mart_project_milestones WHERE project_id = $p AND stage = $s ORDER BY record_ref",
    { p: projectId, s: stage },
  )) as unknown as Milestone[];
}

const pick = (m: Milestone) => [m.record_ref, m.event_date, m.due_date, m.done_date, m.status, m.workdays_late, m.days_late];

const bill = (resourceId: string, projectId: string, day: string, cost = 10): Row => ({
  charge_period_start: `${day} 16:00:00`,
  charge_period_end: `${day} 16:00:00`,
  charge_category: "Usage",
  billed_cost: cost,
  effective_cost: cost,
  billing_currency: "CNY",
  resource_id: resourceId,
  project_id: projectId,
  charge_date: day,
  source_file: "test.csv",
});

const PROJECTS = ["HT", "ACC-MET", "ACC-LATE", "ACC-PRELIM", "ACC-NOPAY", "ACC-EARLY", "CAT", "RECT", "STOP", "NO-OPINION"];

const inbox = (): Inbox => ({
  projects: PROJECTS.map((id) => project(id)),
  reviews: [
    ...PROJECTS.filter((id) => id !== "NO-OPINION").map((id) => review(id)),
    review("NO-OPINION", { conclusion: "不通过", approved_yuan: null }),
  ],
  contracts: [
    // across the National Day holiday and Sun 09-29 (worked): signed Fri 09-27, due Thu 10-10
    contract("HT-ND-MET", "HT", { signed_on: "2024-09-27", filed_on: "2024-10-10" }),
    contract("HT-ND-LATE", "HT", { signed_on: "2024-09-27", filed_on: "2024-10-11" }),
    // Sat 05-11 is a make-up working day: signed Wed 05-08, due Tue 05-14
    contract("HT-MAKEUP-LATE", "HT", { signed_on: "2024-05-08", filed_on: "2024-05-15" }),
    // due Fri 11-08, filed Sat 11-09: one day late, no working day late
    contract("HT-WEEKEND", "HT", { signed_on: "2024-11-01", filed_on: "2024-11-09" }),
    contract("HT-MISSING", "HT", { signed_on: "2024-11-01", filed_on: null }),
    // signed Fri 12-27: 12-30, 12-31, (01-01 off), 01-02, 01-03, 01-06 → due 2025-01-06, still ahead on 12-31
    contract("HT-OPEN", "HT", { signed_on: "2024-12-27", filed_on: null }),
    // a filing after the as-of date has not happened yet
    contract("HT-FILED-LATER", "HT", { signed_on: "2024-12-27", filed_on: "2025-01-03" }),
  ],
  acceptances: [
    // final acceptance Mon 09-30: 10-08, 09, 10, 11, Sat 10-12 (worked) → due 10-12
    acceptance("ACC-MET", { prelim_accepted_on: "2024-09-02", final_accepted_on: "2024-09-30", filed_on: "2024-10-12" }),
    acceptance("ACC-LATE", { prelim_accepted_on: "2024-09-02", final_accepted_on: "2024-09-30", filed_on: "2024-10-14" }),
    // final acceptance after the as-of date: the preliminary one is the event
    acceptance("ACC-PRELIM", { prelim_accepted_on: "2024-12-20", final_accepted_on: "2025-01-20", filed_on: null }),
    acceptance("ACC-NOPAY", { filed_on: "2024-07-02", paid_yuan: null }),
    acceptance("ACC-EARLY", { filed_on: "2024-06-05" }),
    // Art. 30: preliminary acceptance Mon 06-03, Dragon Boat 06-10 off → due 06-18
    acceptance("CAT"),
  ],
  systems: [
    system("S-MET", "CAT", { catalog_compiled_on: "2024-06-18", data_collected_on: "2024-06-17", go_live_on: "2024-05-20" }),
    system("S-LATE", "CAT", { catalog_compiled_on: "2024-06-12", data_collected_on: "2024-06-19", go_live_on: "2024-05-27" }),
    system("S-MISSING", "CAT", { catalog_compiled_on: "2024-06-10", data_collected_on: null }),
    // Art. 18: shut down Tue 10-08
    system("K-1", "STOP", { go_live_on: "2024-01-15", shutdown_on: "2024-10-08", backup_on: "2024-10-08" }),
    system("K-2", "STOP", { go_live_on: "2024-01-15", shutdown_on: "2024-10-08", backup_on: null }),
    system("K-3", "STOP", { go_live_on: "2024-01-15", shutdown_on: "2024-10-08", backup_on: "2024-10-09" }),
  ],
  cloud_resources: [
    cloudResource("R-ON-TIME", "STOP", "K-1", { released_on: "2024-10-08" }),
    cloudResource("R-LATER", "STOP", "K-1", { released_on: "2024-10-15" }),
    cloudResource("R-NEVER", "STOP", "K-1", { released_on: null }),
    cloudResource("R-BILLED", "STOP", "K-1", { released_on: "2024-10-08" }),
    cloudResource("R-NOT-OPENED", "STOP", "K-1", { opened_on: null, released_on: null }),
  ],
  cloud_billing: ["2024-10-09", "2024-10-10", "2024-10-11"].map((d) => bill("R-BILLED", "STOP", d)),
  rectifications: [
    rectification("ZG-MET", "RECT", { deadline: "2024-06-30", completed_on: "2024-06-20", recheck_result: "通过" }),
    rectification("ZG-LATE", "RECT", { deadline: "2024-06-30", completed_on: "2024-07-05", recheck_result: "通过" }),
    rectification("ZG-OPEN", "RECT", { deadline: "2025-03-31" }),
    rectification("ZG-MISSING", "RECT", { deadline: "2024-09-30" }),
    rectification("ZG-FAILED", "RECT", { deadline: "2024-06-30", completed_on: "2024-06-01", recheck_result: "不通过" }),
  ],
});

describe("mart_project_milestones", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await build(inbox(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh?.close());

  it("has one row per project × stage × record, every status one of six", async () => {
    const [r] = await wh.query(
      "SELECT count(*)::INTEGER AS n, count(DISTINCT (project_id, stage, record_ref))::INTEGER AS keys FROM mart_project_milestones",
    );
    expect(r.n).toBe(r.keys);
    const statuses = await wh.query("SELECT DISTINCT status FROM mart_project_milestones ORDER BY 1");
    expect(statuses.map((s) => s.status)).toEqual(["done", "late", "met", "missing", "open", "pending"]);
  });

  it("Art. 16: met on the deadline across National Day, late by working days, a weekend filing late by days, missing, open", async () => {
    const ms = await milestones(wh, "HT", "contract_filing");
    expect(ms.map(pick)).toEqual([
      ["HT-FILED-LATER", "2024-12-27", "2025-01-06", null, "open", null, null],
      ["HT-MAKEUP-LATE", "2024-05-08", "2024-05-14", "2024-05-15", "late", 1, 1],
      ["HT-MISSING", "2024-11-01", "2024-11-08", null, "missing", 37, 53],
      ["HT-ND-LATE", "2024-09-27", "2024-10-10", "2024-10-11", "late", 1, 1],
      ["HT-ND-MET", "2024-09-27", "2024-10-10", "2024-10-10", "met", null, null],
      ["HT-OPEN", "2024-12-27", "2025-01-06", null, "open", null, null],
      ["HT-WEEKEND", "2024-11-01", "2024-11-08", "2024-11-09", "late", 0, 1],
    ]);
    const by = Object.fromEntries(ms.map((m) => [m.record_ref, m]));
    expect(by["HT-ND-MET"]).toMatchObject({
      stage_name: "合同签订→备案",
      article: "16",
      event: "合同签订",
      year: 2024,
      dept_code: "D01",
      project_name: "项目HT",
      as_of: "2024-12-31",
      flag_id: null,
    });
    expect(by["HT-ND-MET"].note).toContain("期限 2024-10-10，2024-10-10 完成，按期");
    expect(by["HT-WEEKEND"].note).toContain("逾期 1 天");
    expect(by["HT-MISSING"].note).toContain("截至 2024-12-31 仍未完成，已逾期 37 个工作日");
    expect(by["HT-OPEN"].note).toContain("期限未到");
    expect(by["HT-MISSING"].flag_id).toBe("ART16_CONTRACT_FILING_LATE:HT:HT-MISSING");
  });

  it("Art. 19: the final acceptance starts the clock, Sat 10-12 (worked) is the deadline; incomplete filings are missing", async () => {
    const row = async (id: string) => (await milestones(wh, id, "acceptance_filing"))[0];
    expect(pick(await row("ACC-MET"))).toEqual(["ACC-MET", "2024-09-30", "2024-10-12", "2024-10-12", "met", null, null]);
    expect(pick(await row("ACC-LATE"))).toEqual(["ACC-LATE", "2024-09-30", "2024-10-12", "2024-10-14", "late", 1, 2]);
    const prelim = await row("ACC-PRELIM");
    expect(pick(prelim)).toEqual(["ACC-PRELIM", "2024-12-20", "2024-12-27", null, "missing", 2, 4]);
    expect(prelim.event).toBe("初步验收");
    const noPay = await row("ACC-NOPAY");
    expect(noPay.status).toBe("missing");
    expect(noPay.note).toContain("未填报资金支付情况");
    const early = await row("ACC-EARLY");
    expect(early).toMatchObject({ event: "竣工验收", event_date: "2024-07-01", status: "missing", done_date: null });
    expect(early.note).toContain("早于竣工验收");
  });

  it("Art. 30: per system, 10 working days after the preliminary acceptance across the Dragon Boat holiday", async () => {
    const ms = await milestones(wh, "CAT", "catalog");
    expect(ms.map(pick)).toEqual([
      ["S-LATE", "2024-06-03", "2024-06-18", "2024-06-19", "late", 1, 1],
      ["S-MET", "2024-06-03", "2024-06-18", "2024-06-18", "met", null, null],
      ["S-MISSING", "2024-06-03", "2024-06-18", null, "missing", 136, 196],
    ]);
    expect(ms[2].note).toContain("数据归集 未完成");
    // a project not yet accepted has no catalog milestone
    expect(await milestones(wh, "HT", "catalog")).toEqual([]);
  });

  it("application and go-live carry no deadline: done when they happened, pending while the opinion is awaited", async () => {
    const [app] = await milestones(wh, "HT", "application");
    expect(pick(app)).toEqual(["HT", "2023-10-16", null, "2023-12-01", "done", null, null]);
    expect(app.year).toBe(2024);
    expect(app.note).toContain("领导小组审查通过");
    const [none] = await milestones(wh, "NO-OPINION", "application");
    expect(none).toMatchObject({ status: "pending", done_date: null });
    expect(none.note).toContain("尚未取得审核意见");
    const [live] = await milestones(wh, "CAT", "go_live");
    expect(pick(live)).toEqual(["CAT", "2024-05-20", null, "2024-05-20", "done", null, null]);
    expect(live.note).toContain("S-LATE");
  });

  it("Art. 34: a rectification is met, late, open or missing against its 整改期限; a failed re-check is not done", async () => {
    const ms = await milestones(wh, "RECT", "rectification");
    expect(ms.map((m) => [m.record_ref, m.due_date, m.done_date, m.status, m.days_late])).toEqual([
      ["ZG-FAILED", "2024-06-30", null, "missing", 184],
      ["ZG-LATE", "2024-06-30", "2024-07-05", "late", 5],
      ["ZG-MET", "2024-06-30", "2024-06-20", "met", null],
      ["ZG-MISSING", "2024-09-30", null, "missing", 92],
      ["ZG-OPEN", "2025-03-31", null, "open", null],
    ]);
    expect(ms[0].note).toContain("复核不通过");
    expect(ms.map((m) => m.flag_id)).toEqual([
      "ART34_RECTIFICATION_FAILED:RECT:ZG-FAILED",
      "ART34_RECTIFICATION_FAILED:RECT:ZG-LATE",
      null,
      "ART34_RECTIFICATION_FAILED:RECT:ZG-MISSING",
      "ART34_RECTIFICATION_OPEN:RECT:ZG-OPEN",
    ]);
  });

  it("Art. 18: resources are released and systems backed up by the shutdown day; a bill after it makes a release late", async () => {
    const rel = await milestones(wh, "STOP", "cloud_release");
    expect(rel.map(pick)).toEqual([
      // billed 10-09..10-11 though recorded released on 10-08: held until the last billed day
      ["R-BILLED", "2024-10-08", "2024-10-08", "2024-10-11", "late", 3, 3],
      // 10-09, 10, 11, Sat 10-12 (worked), 14, 15
      ["R-LATER", "2024-10-08", "2024-10-08", "2024-10-15", "late", 6, 7],
      ["R-NEVER", "2024-10-08", "2024-10-08", null, "missing", 61, 84],
      ["R-ON-TIME", "2024-10-08", "2024-10-08", "2024-10-08", "met", null, null],
    ]);
    expect(rel[0].note).toContain("停用后仍计费 3 天");
    const backup = await milestones(wh, "STOP", "shutdown_backup");
    expect(backup.map((m) => [m.record_ref, m.done_date, m.status])).toEqual([
      ["K-1", "2024-10-08", "met"],
      ["K-2", null, "missing"],
      ["K-3", "2024-10-09", "late"],
    ]);
    expect(backup[1].flag_id).toBe("ART18_CLOUD_NOT_RELEASED:STOP:K-2/backup");
  });

  it("agrees with mart_flags: every late or missing milestone has its flag, with the same event and due date", async () => {
    const unflagged = await wh.query(
      "SELECT project_id, stage, record_ref FROM mart_project_milestones WHERE status IN ('late', 'missing') AND flag_id IS NULL",
    );
    expect(unflagged).toEqual([]);
    const disagree = await wh.query(`
      SELECT m.flag_id, m.event_date, f.event_date AS flag_event, m.due_date, f.due_date AS flag_due
      FROM mart_project_milestones m JOIN mart_flags f USING (flag_id)
      WHERE m.event_date IS DISTINCT FROM f.event_date
         OR (f.rule_id <> 'ART18_CLOUD_NOT_RELEASED' AND m.due_date IS DISTINCT FROM f.due_date)`);
    expect(disagree).toEqual([]);
    const orphanFlags = await wh.query(`
      SELECT flag_id FROM mart_flags
      WHERE rule_id IN ('ART16_CONTRACT_FILING_LATE', 'ART19_ACCEPTANCE_FILING_LATE', 'ART30_CATALOG_LATE',
                        'ART18_CLOUD_NOT_RELEASED', 'ART34_RECTIFICATION_FAILED', 'ART34_RECTIFICATION_OPEN')
        AND flag_id NOT IN (SELECT flag_id FROM mart_project_milestones WHERE flag_id IS NOT NULL)`);
    expect(orphanFlags).toEqual([]);
  });

  it("the page query returns the project's milestones in stage order, and nothing outside the caller's department", async () => {
    const sql = await readFile(path.join(QUERIES_DIR, "pages", "project-milestones.sql"), "utf8");
    const all = await wh.query(sql, { project: "STOP", scope_dept: null });
    expect(all.map((r) => r.stage)).toEqual([
      "application", "go_live", "cloud_release", "cloud_release", "cloud_release", "cloud_release",
      "shutdown_backup", "shutdown_backup", "shutdown_backup",
    ]);
    expect(await wh.query(sql, { project: "STOP", scope_dept: "D01" })).toHaveLength(all.length);
    expect(await wh.query(sql, { project: "STOP", scope_dept: "D02" })).toEqual([]);
  });
});

describe("mart_project_milestones: a rectification the evaluation calls for, with no order yet", () => {
  // a filed target missed in 2023 (a closed year on 2024-12-31) opens the Art. 34 path (int_rectification_due)
  const target = (id: string): Row => ({ project_id: id, year: 2023, indicator: "注册用户数", indicator_type: "产出", target_value: 1000, unit: "人", direction: ">=" });
  const actual = (id: string): Row => ({ project_id: id, year: 2023, indicator: "注册用户数", actual_value: 400 });
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await build(
      {
        projects: [project("DUE"), project("ORDERED")],
        reviews: [review("DUE"), review("ORDERED")],
        perf_targets: [target("DUE"), target("ORDERED")],
        targets_actual: [actual("DUE"), actual("ORDERED")],
        rectifications: [rectification("ZG-ORDERED", "ORDERED", { year: 2023, ordered_on: "2024-03-01", deadline: "2025-06-30" })],
      } as Inbox,
      { asOf: "2024-12-31" },
    );
  });
  afterAll(() => wh?.close());

  it("is pending — no order, so no deadline — and carries the ART34_RECTIFICATION_OPEN flag", async () => {
    const [m] = await milestones(wh, "DUE", "rectification");
    expect(m).toMatchObject({
      record_ref: "DUE/2023",
      year: 2023,
      event: "年度评估认定需整改",
      event_date: "2023-12-31",
      due_date: null,
      done_date: null,
      status: "pending",
      flag_id: "ART34_RECTIFICATION_OPEN:DUE:due/2023",
    });
    expect(m.note).toContain("尚无整改通知下达");
    // once ordered, the order is the milestone, with its deadline
    expect((await milestones(wh, "ORDERED", "rectification")).map(pick)).toEqual([
      ["ZG-ORDERED", "2024-03-01", "2025-06-30", null, "open", null, null],
    ]);
  });
});

describe("mart_project_milestones as of a date", () => {
  const data: Inbox = {
    projects: [project("P1")],
    reviews: [review("P1")],
    contracts: [contract("HT-1", "P1", { signed_on: "2024-09-27", filed_on: "2024-10-15" })],
  };

  it("is open on the deadline day, missing the day after, late once filed", async () => {
    const status = async (asOf: string) => {
      const wh = await build(data, { asOf });
      try {
        return pick((await milestones(wh, "P1", "contract_filing"))[0]);
      } finally {
        wh.close();
      }
    };
    expect(await status("2024-10-10")).toEqual(["HT-1", "2024-09-27", "2024-10-10", null, "open", null, null]);
    expect(await status("2024-10-11")).toEqual(["HT-1", "2024-09-27", "2024-10-10", null, "missing", 1, 1]);
    // 10-11 Fri, Sat 10-12 (worked), 10-14 Mon, 10-15 Tue
    expect(await status("2024-10-31")).toEqual(["HT-1", "2024-09-27", "2024-10-10", "2024-10-15", "late", 4, 5]);
  });

  it("leaves a deadline beyond the calendar's years blank (open) instead of failing the build", async () => {
    const wh = await build(
      { projects: [project("P1")], reviews: [review("P1")], contracts: [contract("HT-2", "P1", { signed_on: "2024-12-27", filed_on: null })] },
      { asOf: "2024-12-31", years: [2024] },
    );
    try {
      const [m] = await milestones(wh, "P1", "contract_filing");
      expect(pick(m)).toEqual(["HT-2", "2024-12-27", null, null, "open", null, null]);
      expect(m.note).toContain("工作日历");
    } finally {
      wh.close();
    }
  });
});
