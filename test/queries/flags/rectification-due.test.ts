// ART34_RECTIFICATION_OPEN / _FAILED against what the annual evaluation says is due (int_rectification_due, built by
// queries/scoring/95-rectification-due.sql): a project-year graded 差 or with a filed target missed must be answered
// by a rectification order (Art. 34). Real reference, scoring and flags stages on one small warehouse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import {
  buildWarehouse,
  flagsOf,
  project,
  rectification,
  review,
  security,
  system,
  type Inbox,
  type Row,
} from "./fixtures.js";

const AS_OF = "2025-06-30"; // 2024 has closed, 2025 is running

const p = (id: string, dept: string) =>
  project(id, { dept_code: dept, dept_name: `单位${dept}`, apply_year: 2023, apply_date: "2022-10-10" });

/** A filed target for `year` and its reported value (null: none reported). */
const target = (id: string, year: number, indicator: string, direction: ">=" | "<=", value: number, unit: string) => ({
  project_id: id, year, indicator, indicator_type: "效益", target_value: value, unit, direction,
});
const actual = (id: string, year: number, indicator: string, value: number | null) => ({
  project_id: id, year, indicator, actual_value: value,
});

/** POOR: a system in use since 2023-06 with dismal monitoring and security every month → graded 差 in 2024 (closed)
 *  and provisionally in 2025 (running). */
const poorMonths: Row[] = Array.from({ length: 18 }, (_, i) => ({
  project_id: "POOR",
  month: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`,
  availability_pct: 90,
  major_incidents: 5,
  mean_restore_hours: 30,
  active_users: 0,
  transactions: 0,
}));

const ids = ["POOR", "MISSED-LE", "MET-LE", "UNREPORTED", "RUNNING", "PASSED", "FAILED", "ORDERED-LATER"];
const dept: Record<string, string> = {
  POOR: "DP", "MISSED-LE": "DM", "MET-LE": "DN", UNREPORTED: "DN", RUNNING: "DN", PASSED: "DS", FAILED: "DF",
  "ORDERED-LATER": "DL",
};

const inbox = (): Inbox => ({
  projects: ids.map((id) => p(id, dept[id])),
  reviews: ids.map((id) => review(id, { review_date: "2022-12-01" })),
  systems: [
    system("S-POOR", "POOR", {
      registered_on: "2023-01-05", go_live_on: "2023-06-01", catalog_items: 0, shared_interfaces: 0, consumed_interfaces: 0,
    }),
  ],
  operations: poorMonths,
  security: [
    security("SE-1", "POOR", "安全事件", { record_date: "2024-02-01" }),
    security("SE-2", "POOR", "安全事件", { record_date: "2024-05-01" }),
    security("SE-3", "POOR", "安全事件", { record_date: "2024-08-01" }),
    security("VU-1", "POOR", "漏洞", { record_date: "2024-01-10", severity: "中危", fix_deadline: "2024-03-01", fixed_on: "2024-05-01" }),
  ],
  perf_targets: [
    target("MISSED-LE", 2024, "投诉处理时长", "<=", 3, "个工作日"),
    target("MET-LE", 2024, "投诉处理时长", "<=", 3, "个工作日"),
    target("UNREPORTED", 2024, "线上办理率", ">=", 90, "%"),
    target("RUNNING", 2025, "线上办理率", ">=", 90, "%"),
    target("PASSED", 2024, "线上办理率", ">=", 90, "%"),
    target("FAILED", 2024, "月均活跃用户数", ">=", 1000, "人"),
    target("ORDERED-LATER", 2024, "线上办理率", ">=", 90, "%"),
  ],
  targets_actual: [
    actual("MISSED-LE", 2024, "投诉处理时长", 5),
    actual("MET-LE", 2024, "投诉处理时长", 3), // exactly on a ≤ target: achieved
    actual("UNREPORTED", 2024, "线上办理率", null), // no data, not a miss
    actual("RUNNING", 2025, "线上办理率", 70), // missed, but 2025 has not closed
    actual("PASSED", 2024, "线上办理率", 80),
    actual("FAILED", 2024, "月均活跃用户数", 600),
    actual("ORDERED-LATER", 2024, "线上办理率", 85),
  ],
  rectifications: [
    rectification("ZG-PASSED", "PASSED", {
      reason: "线上办理率未达目标", ordered_on: "2025-02-10", deadline: "2025-04-30", completed_on: "2025-04-20", recheck_result: "通过",
    }),
    rectification("ZG-FAILED", "FAILED", {
      reason: "月均活跃用户数未达目标", ordered_on: "2025-02-10", deadline: "2025-04-30",
    }),
    // issued after the as-of date: not on record as of then
    rectification("ZG-LATER", "ORDERED-LATER", { ordered_on: "2025-07-15", deadline: "2025-10-31" }),
  ],
});

describe("ART34 against the rectifications due", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: AS_OF });
  });
  afterAll(() => wh?.close());

  it("reads the due list of the scoring stage: 差 and missed targets of closed years only", async () => {
    const due = await wh.query("SELECT project_id, year, poor_grade, missed_targets FROM int_rectification_due ORDER BY 1, 2");
    expect(due).toEqual([
      { project_id: "FAILED", year: 2024, poor_grade: false, missed_targets: 1 },
      { project_id: "MISSED-LE", year: 2024, poor_grade: false, missed_targets: 1 },
      { project_id: "ORDERED-LATER", year: 2024, poor_grade: false, missed_targets: 1 },
      { project_id: "PASSED", year: 2024, poor_grade: false, missed_targets: 1 },
      { project_id: "POOR", year: 2024, poor_grade: true, missed_targets: 0 },
    ]);
    // the running year is graded 差 too, provisionally: it orders nothing yet
    const [poor2025] = await wh.query("SELECT grade, provisional FROM int_project_score WHERE project_id = 'POOR' AND year = 2025");
    expect(poor2025).toEqual({ grade: "差", provisional: true });
  });

  it("raises OPEN (提示) for a due project-year with no order on record, naming the evaluation's reason", async () => {
    const open = await flagsOf(wh, "ART34_RECTIFICATION_OPEN");
    expect(open.map((f) => [f.flag_id, f.year, f.record_ref, f.event_date, f.due_date])).toEqual([
      ["ART34_RECTIFICATION_OPEN:MISSED-LE:due/2024", 2024, "MISSED-LE/2024", "2024-12-31", null],
      ["ART34_RECTIFICATION_OPEN:ORDERED-LATER:due/2024", 2024, "ORDERED-LATER/2024", "2024-12-31", null],
      ["ART34_RECTIFICATION_OPEN:POOR:due/2024", 2024, "POOR/2024", "2024-12-31", null],
    ]);
    expect(open.every((f) => f.severity === "提示" && f.article === "34")).toBe(true);
    const evidence = Object.fromEntries(open.map((f) => [f.project_id, f.evidence]));
    expect(evidence.POOR).toBe(
      "2024年度绩效评估：绩效评估等级为差（总分 7.5），应由市信管办督促限期整改；截至 2025-06-30 尚无整改通知下达记录",
    );
    expect(evidence["MISSED-LE"]).toBe(
      "2024年度绩效评估：绩效目标「投诉处理时长」未实现（方向 <=，目标 3.0个工作日，实际 5.0个工作日），" +
        "应由市信管办督促限期整改；截至 2025-06-30 尚无整改通知下达记录",
    );
    // an order issued after the as-of date is not on record yet
    expect(evidence["ORDERED-LATER"]).toContain("截至 2025-06-30 尚无整改通知下达记录");
  });

  it("flags nothing for a running year, a target met exactly, an unreported value, or an order done and passed", async () => {
    const rows = await wh.query(
      `SELECT project_id, year, rule_id FROM mart_flags
       WHERE starts_with(rule_id, 'ART34_')
         AND (project_id IN ('RUNNING', 'MET-LE', 'UNREPORTED', 'PASSED') OR (project_id = 'POOR' AND year = 2025))`,
    );
    expect(rows).toEqual([]);
  });

  it("keeps the order's FAILED logic, with the evaluation's reason in the evidence", async () => {
    const failed = await flagsOf(wh, "ART34_RECTIFICATION_FAILED");
    expect(failed.map((f) => [f.flag_id, f.year, f.record_ref, f.event_date, f.due_date])).toEqual([
      ["ART34_RECTIFICATION_FAILED:FAILED:ZG-FAILED", 2024, "ZG-FAILED", "2025-02-10", "2025-04-30"],
    ]);
    expect(failed[0].evidence).toBe(
      "2024年度绩效评估未实现建设目标（月均活跃用户数未达目标），" +
        "年度评估认定：绩效目标「月均活跃用户数」未实现（方向 >=，目标 1000.0人，实际 600.0人），" +
        "整改通知 ZG-FAILED 于 2025-02-10 下达，整改期限 2025-04-30，截至 2025-06-30 仍未完成整改，已逾期 61 天",
    );
  });

  it("suspends O&M funds and defers the department's reviews under FAILED only, not under OPEN", async () => {
    const fund = await wh.query(
      "SELECT project_id, year, om_status, rule_ids, since FROM mart_fund_status WHERE year = 2025 AND project_id IN ('FAILED', 'POOR', 'MISSED-LE') ORDER BY 1",
    );
    expect(fund).toEqual([
      { project_id: "FAILED", year: 2025, om_status: "suspended", rule_ids: ["ART34_RECTIFICATION_FAILED"], since: "2025-05-01" },
      { project_id: "MISSED-LE", year: 2025, om_status: "eligible", rule_ids: [], since: null },
      { project_id: "POOR", year: 2025, om_status: "eligible", rule_ids: [], since: null },
    ]);
    const review_ = await wh.query("SELECT dept_code, review_status, review_reasons FROM int_dept_review WHERE year = 2025 ORDER BY 1");
    expect(review_.map((r) => [r.dept_code, r.review_status])).toEqual([
      ["DF", "deferred"],
      ["DL", "normal"],
      ["DM", "normal"],
      ["DN", "normal"],
      ["DP", "normal"],
      ["DS", "normal"],
    ]);
    expect(review_[0].review_reasons).toContain("项目 FAILED（项目FAILED）整改 ZG-FAILED");
  });
});

describe("ART34 due list in the full mart build", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: AS_OF, full: true });
  });
  afterAll(() => wh?.close());

  it("carries OPEN and FAILED into the project-year and department-year roll-ups", async () => {
    const py = await wh.query(
      "SELECT project_id, year, om_fund_status, flag_count FROM mart_project_year WHERE project_id IN ('FAILED', 'MISSED-LE') ORDER BY 1, 2",
    );
    expect(py).toEqual([
      { project_id: "FAILED", year: 2023, om_fund_status: "eligible", flag_count: 0 },
      { project_id: "FAILED", year: 2024, om_fund_status: "eligible", flag_count: 1 },
      { project_id: "FAILED", year: 2025, om_fund_status: "suspended", flag_count: 0 },
      { project_id: "MISSED-LE", year: 2023, om_fund_status: "eligible", flag_count: 0 },
      { project_id: "MISSED-LE", year: 2024, om_fund_status: "eligible", flag_count: 1 },
      { project_id: "MISSED-LE", year: 2025, om_fund_status: "eligible", flag_count: 0 },
    ]);
    const dy = await wh.query("SELECT dept_code, review_status FROM mart_department_year WHERE year = 2025 AND dept_code IN ('DF', 'DM') ORDER BY 1");
    expect(dy).toEqual([
      { dept_code: "DF", review_status: "deferred" },
      { dept_code: "DM", review_status: "normal" },
    ]);
  });
});
