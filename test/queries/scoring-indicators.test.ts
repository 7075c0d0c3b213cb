// Each indicator of queries/scoring/*.sql at its thresholds (just worse than / at / better than the full-marks and
// zero lines of the shipped configuration), peers by median, targets in both directions, and who is scored at all.
// Real DuckDB, real staging schema, real SQL files; thresholds are read from the loaded configuration.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";
import {
  addMonths,
  addProject,
  buildScoring,
  indicator,
  linear,
  params,
  type ProjectSpec,
} from "./scoring-fixtures.js";

const Y = 2024;
type Params = Awaited<ReturnType<typeof params>>;

/** Asserts the linear rule at every case, and the threshold semantics explicitly (not only through linear()). */
async function expectThresholds(
  wh: TestWarehouse,
  id: string,
  p: Params,
  cases: { project: string; raw: number; at?: "beyond_zero" | "zero" | "inside" | "full" | "beyond_full" }[],
) {
  for (const c of cases) {
    const row = await indicator(wh, c.project, Y, id);
    expect(row.has_data, `${id} ${c.project}`).toBe(true);
    expect(row.raw_value, `${id} ${c.project} raw`).toBeCloseTo(c.raw, 6);
    expect(row.points, `${id} ${c.project} points`).toBeCloseTo(linear(c.raw, p), 4);
    expect(row.max_points).toBe(p.max_points);
    if (c.at === "full" || c.at === "beyond_full") expect(row.points).toBe(p.max_points);
    if (c.at === "zero" || c.at === "beyond_zero") expect(row.points).toBe(0);
    if (c.at === "inside") {
      expect(row.points).toBeGreaterThan(0);
      expect(row.points).toBeLessThan(p.max_points);
    }
  }
}

describe("indicator formulas at their thresholds", () => {
  let wh: TestWarehouse;
  const P: Record<string, Params> = {};
  let n = 0;
  /** a fresh project live through the whole of 2023 and 2024 */
  const project = async (spec: Partial<ProjectSpec> = {}) => {
    const id = `T${String(++n).padStart(3, "0")}`;
    await addProject(wh, { id, goLive: "2023-01-01", ...spec });
    return id;
  };

  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-12-31" });
    for (const id of [
      "availability", "major_incidents", "restore_hours", "usage_months", "within_approval", "budget_execution",
      "cloud_utilization", "security_incidents", "vuln_fixed_on_time", "catalog_items", "expert_innovation",
      "user_trend",
    ]) {
      P[id] = await params(wh, id);
    }
  });
  afterAll(() => wh?.close());

  const cases: Record<string, { project: string; raw: number; at?: "beyond_zero" | "zero" | "inside" | "full" | "beyond_full" }[]> = {};
  const add = (id: string, project: string, raw: number, at?: (typeof cases)[string][number]["at"]) =>
    (cases[id] ??= []).push({ project, raw, at });

  it("builds projects whose raw values sit on each side of each threshold", async () => {
    // availability (higher is better): mean of the months' 可用率
    const av = P.availability;
    for (const [raw, at] of [
      [av.zero_at - 0.5, "beyond_zero"], [av.zero_at, "zero"], [av.zero_at + 0.01, "inside"],
      [av.full_at - 0.01, "inside"], [av.full_at, "full"], [Math.min(100, av.full_at + 0.3), "beyond_full"],
    ] as const) {
      const id = await project();
      await addMonths(wh, id, Y, { availability_pct: raw, major_incidents: 0 });
      add("availability", id, raw, at);
    }
    // major incidents (lower is better): the year's total
    const mi = P.major_incidents;
    for (const [count, at] of [
      [mi.full_at, "full"], [mi.full_at + 1, "inside"], [mi.zero_at - 1, "inside"], [mi.zero_at, "zero"],
      [mi.zero_at + 1, "beyond_zero"],
    ] as const) {
      const id = await project();
      await addMonths(wh, id, Y, (m) => ({ availability_pct: 99.9, major_incidents: m === 1 ? count : 0 }));
      add("major_incidents", id, count, at);
    }
    // restore time (lower is better): one month with incidents
    const rh = P.restore_hours;
    for (const [hours, at] of [
      [rh.full_at - 0.5, "beyond_full"], [rh.full_at, "full"], [rh.full_at + 0.1, "inside"],
      [rh.zero_at - 0.1, "inside"], [rh.zero_at, "zero"], [rh.zero_at + 5, "beyond_zero"],
    ] as const) {
      const id = await project();
      await addMonths(wh, id, Y, (m) => ({
        major_incidents: m === 3 ? 2 : 0,
        mean_restore_hours: m === 3 ? hours : null,
      }));
      add("restore_hours", id, hours, at);
    }
    // usage months: k active months of the 12 in service
    for (const k of [5, 6, 7, 11, 12]) {
      const id = await project();
      await addMonths(wh, id, Y, (m) => ({ active_users: m <= k ? 50 : 0 }));
      const raw = k / 12;
      add("usage_months", id, raw, raw < 0.5 ? "beyond_zero" : raw === 0.5 ? "zero" : raw === 1 ? "full" : "inside");
    }
    // within approval (lower is better): contract ÷ approved price 1,000,000
    const wa = P.within_approval;
    for (const [ratio, at] of [
      [wa.full_at - 0.01, "beyond_full"], [wa.full_at, "full"], [wa.full_at + 0.01, "inside"],
      [wa.zero_at - 0.01, "inside"], [wa.zero_at, "zero"], [wa.zero_at + 0.01, "beyond_zero"],
    ] as const) {
      const id = await project({ approvedYuan: 1_000_000 });
      await wh.insert("stg_contracts", [
        { contract_id: `C-${id}`, project_id: id, signed_on: "2023-06-01", amount_yuan: Math.round(ratio * 1_000_000) },
      ]);
      add("within_approval", id, ratio, at);
    }
    // budget execution (higher is better): 建设 payments ÷ approved price
    const be = P.budget_execution;
    for (const [ratio, at] of [
      [be.zero_at - 0.01, "beyond_zero"], [be.zero_at, "zero"], [be.zero_at + 0.01, "inside"],
      [be.full_at - 0.01, "inside"], [be.full_at, "full"], [1, "beyond_full"],
    ] as const) {
      const id = await project({ approvedYuan: 1_000_000 });
      await wh.insert("stg_payments", [
        { payment_id: `PAY-${id}`, project_id: id, paid_on: "2024-03-01", amount_yuan: Math.round(ratio * 1_000_000), fund_type: "建设" },
        // O&M money is not construction spending and does not count for a 新建 project
        { payment_id: `PAY-${id}-OM`, project_id: id, paid_on: "2024-04-01", amount_yuan: 500_000, fund_type: "运维" },
      ]);
      add("budget_execution", id, ratio, at);
    }
    // cloud utilisation (higher is better; idle below zero_at scores nothing): mean x_CpuUtilization of the year
    const cu = P.cloud_utilization;
    for (const [cpu, at] of [
      [cu.zero_at - 0.01, "beyond_zero"], [cu.zero_at, "zero"], [cu.zero_at + 0.01, "inside"],
      [cu.full_at - 0.01, "inside"], [cu.full_at, "full"], [cu.full_at + 0.2, "beyond_full"],
    ] as const) {
      const id = await project();
      // two days averaging to cpu; the 2023-12-31T16:00Z charge is Beijing 2024-01-01 and belongs to 2024
      await wh.insertBills([
        cloudDay(id, "2023-12-31 16:00:00", "2024-01-01", cpu - 0.01),
        cloudDay(id, "2024-06-01 16:00:00", "2024-06-02", cpu + 0.01),
        cloudDay(id, "2024-12-31 16:00:00", "2025-01-01", 0.99), // Beijing 2025: not this year
      ]);
      add("cloud_utilization", id, cpu, at);
    }
    // security incidents (lower is better): 安全事件 dated in the year
    const si = P.security_incidents;
    for (const [count, at] of [
      [si.full_at, "full"], [si.full_at + 1, "inside"], [si.zero_at - 1, "inside"], [si.zero_at, "zero"],
      [si.zero_at + 1, "beyond_zero"],
    ] as const) {
      const id = await project();
      await wh.insert("stg_security", [
        ...Array.from({ length: count }, (_, i) => ({
          record_id: `SI-${id}-${i}`, project_id: id, record_type: "安全事件", record_date: "2024-05-01", severity: "中危",
        })),
        { record_id: `SI-${id}-old`, project_id: id, record_type: "安全事件", record_date: "2023-05-01", severity: "中危" },
      ]);
      add("security_incidents", id, count, at);
    }
    // vulnerabilities fixed by their deadline (higher is better): share of those due in the year
    const vf = P.vuln_fixed_on_time;
    for (const [due, onTime] of [[5, 2], [2, 1], [5, 3], [10, 9], [4, 4]] as const) {
      const id = await project();
      await wh.insert(
        "stg_security",
        Array.from({ length: due }, (_, i) => ({
          record_id: `V-${id}-${i}`, project_id: id, record_type: "漏洞", record_date: "2024-02-01", severity: "高危",
          fix_deadline: "2024-03-01",
          // fixed on the deadline counts as on time; a day late does not
          fixed_on: i < onTime ? "2024-03-01" : "2024-03-02",
        })),
      );
      const raw = onTime / due;
      add("vuln_fixed_on_time", id, raw,
        raw < vf.zero_at ? "beyond_zero" : raw === vf.zero_at ? "zero" : raw === vf.full_at ? "full" : "inside");
    }
    // catalog items (higher is better), counted only once the catalog was compiled by year end
    const ci = P.catalog_items;
    for (const [items, at] of [
      [0, "zero"], [1, "inside"], [ci.full_at - 1, "inside"], [ci.full_at, "full"], [ci.full_at + 10, "beyond_full"],
    ] as const) {
      const id = await project({ system: { catalog_items: items, catalog_compiled_on: "2024-06-30" } });
      add("catalog_items", id, items, at);
    }
    // expert innovation score of the independent evaluation
    for (const [s, at] of [[0, "zero"], [1, "inside"], [99, "inside"], [100, "full"]] as const) {
      const id = await project();
      await wh.insert("stg_evaluations", [{ project_id: id, year: Y, evaluator: "信管办", innovation: s }]);
      add("expert_innovation", id, s, at);
    }
    // user trend (higher is better): mean monthly active users against last year's
    const ut = P.user_trend;
    for (const [change, at] of [
      [ut.zero_at - 0.1, "beyond_zero"], [ut.zero_at, "zero"], [ut.zero_at + 0.1, "inside"],
      [ut.full_at - 0.05, "inside"], [ut.full_at, "full"], [ut.full_at + 0.5, "beyond_full"],
    ] as const) {
      const id = await project();
      await addMonths(wh, id, Y - 1, { active_users: 1000 });
      await addMonths(wh, id, Y, { active_users: Math.round(1000 * (1 + change)) });
      add("user_trend", id, change, at);
    }
    await buildScoring(wh);
  });

  for (const id of [
    "availability", "major_incidents", "restore_hours", "usage_months", "within_approval", "budget_execution",
    "cloud_utilization", "security_incidents", "vuln_fixed_on_time", "catalog_items", "expert_innovation",
    "user_trend",
  ]) {
    it(`${id}: points follow the configured lines, full at full_at, zero at zero_at`, async () => {
      expect(cases[id]?.length).toBeGreaterThan(3);
      await expectThresholds(wh, id, P[id], cases[id]);
    });
  }

  it("restore time is no data (not full marks) in a year without a major incident", async () => {
    const row = await indicator(wh, cases.availability[0].project, Y, "restore_hours");
    expect(row).toMatchObject({ has_data: false, points: null, raw_value: null });
    expect(row.note).toMatch(/^无数据：本年度无重大故障/);
  });

  it("a vulnerability-free year is no data for the fix rate, and zero incidents is evidence once security.csv arrived", async () => {
    const id = cases.availability[0].project; // no security record of its own; other projects have some
    const fixed = await indicator(wh, id, Y, "vuln_fixed_on_time");
    expect(fixed).toMatchObject({ has_data: false, points: null });
    const incidents = await indicator(wh, id, Y, "security_incidents");
    expect(incidents).toMatchObject({ has_data: true, raw_value: 0, points: P.security_incidents.max_points });
    const evidence = await indicator(wh, id, Y, "security_evidence");
    expect(evidence).toMatchObject({ has_data: true, raw_value: 0, points: 0 });
    expect(evidence.note).toContain("缺：安全评估报告、安全方案");
  });

  it("writes every indicator of every dimension once per scored project-year", async () => {
    const dup = await wh.query(
      "SELECT project_id, year, indicator, count(*) AS n FROM mart_indicators GROUP BY ALL HAVING count(*) > 1",
    );
    expect(dup).toEqual([]);
    const perYear = await wh.query(
      "SELECT count(DISTINCT dimension)::INTEGER AS dims, (count(*) FILTER (WHERE NOT has_data AND points IS NOT NULL))::INTEGER AS bad FROM mart_indicators WHERE project_id = 'T001' AND year = 2024",
    );
    expect(perYear).toEqual([{ dims: 6, bad: 0 }]);
  });
});

function cloudDay(projectId: string, startUtc: string, beijingDay: string, cpu: number) {
  const end = new Date(`${startUtc.replace(" ", "T")}Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return {
    charge_period_start: startUtc,
    charge_period_end: end.toISOString().slice(0, 19).replace("T", " "),
    charge_category: "Usage",
    billed_cost: 100,
    effective_cost: 100,
    billing_currency: "CNY",
    resource_id: `R-${projectId}`,
    project_id: projectId,
    cpu_utilization: cpu,
    charge_date: beijingDay,
    source_file: "cloud_billing/test.csv",
  };
}

describe("security evidence, crypto assessment and pilot level", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-12-31" });
    const doc = (project: string, type: string, date: string) => ({
      record_id: `${project}-${type}-${date}`, project_id: project, record_type: type, record_date: date,
    });
    // internet-facing: needs the assessment, the plan, and an MLPS filing or a pen-test
    await addProject(wh, { id: "S1", goLive: "2023-01-01", internetFacing: true, pilotLevel: "国家级" });
    await wh.insert("stg_security", [
      doc("S1", "安全评估报告", "2022-12-01"), doc("S1", "安全方案", "2022-12-01"), doc("S1", "渗透测试报告", "2024-12-31"),
      doc("S1", "密码应用评估", "2023-01-15"),
    ]);
    // level 1, not internet-facing: two documents suffice; crypto assessment too old for 2025
    await addProject(wh, { id: "S2", goLive: "2023-01-01", mlpsLevel: 1, pilotLevel: "省级" });
    await wh.insert("stg_security", [doc("S2", "安全评估报告", "2022-12-01"), doc("S2", "密码应用评估", "2022-06-01")]);
    // classified: crypto assessment not applicable; pilot level not filled in
    await addProject(wh, { id: "S3", goLive: "2023-01-01", classified: true, pilotLevel: null, mlpsLevel: 3 });
    await addProject(wh, { id: "S4", goLive: "2023-01-01", pilotLevel: "市级" });
    await addProject(wh, { id: "S5", goLive: "2023-01-01", pilotLevel: "无" });
    await buildScoring(wh);
  });
  afterAll(() => wh?.close());

  it("counts the required documents on file by year end", async () => {
    const s1 = await indicator(wh, "S1", 2024, "security_evidence");
    expect(s1.raw_value).toBe(1); // pen-test dated 31 December is on file for that year
    const s1y23 = await indicator(wh, "S1", 2023, "security_evidence");
    expect(s1y23.raw_value).toBeCloseTo(2 / 3, 10);
    expect(s1y23.note).toContain("缺：等保测评备案或渗透测试报告");
    const s2 = await indicator(wh, "S2", 2024, "security_evidence");
    expect(s2.raw_value).toBe(0.5);
    const s3 = await indicator(wh, "S3", 2024, "security_evidence");
    expect(s3.raw_value).toBe(0);
  });

  it("wants a crypto assessment within the configured window, and skips classified projects", async () => {
    const { window_years } = await params(wh, "crypto_assessment");
    expect(window_years).toBe(2);
    // S1 assessed 2023-01-15: within 2 years for 2023 and 2024, too old for 2025
    expect((await indicator(wh, "S1", 2024, "crypto_assessment")).raw_value).toBe(1);
    expect((await indicator(wh, "S1", 2025, "crypto_assessment")).raw_value).toBe(0);
    // S2 assessed 2022-06-01: counts for 2023, not 2024
    expect((await indicator(wh, "S2", 2023, "crypto_assessment")).raw_value).toBe(1);
    expect((await indicator(wh, "S2", 2024, "crypto_assessment")).raw_value).toBe(0);
    const s3 = await indicator(wh, "S3", 2024, "crypto_assessment");
    expect(s3).toMatchObject({ has_data: false, points: null });
    expect(s3.note).toContain("涉密");
  });

  it("maps the pilot level through the configured levels; an empty level is no data", async () => {
    const max = (await params(wh, "pilot_status")).max_points;
    const levels = await wh.query(
      "SELECT substr(param, 7) AS level, value FROM ref_scoring_thresholds WHERE version = 'v2024.1' AND param LIKE 'level:%'",
    );
    const level = Object.fromEntries(levels.map((r) => [r.level, r.value as number]));
    for (const [id, name] of [["S1", "国家级"], ["S2", "省级"], ["S4", "市级"], ["S5", "无"]]) {
      const row = await indicator(wh, id, 2024, "pilot_status");
      expect(row.raw_value).toBe(level[name]);
      expect(row.points).toBeCloseTo((max * level[name]) / 100, 4);
    }
    expect((await indicator(wh, "S1", 2024, "pilot_status")).points).toBe(max);
    expect((await indicator(wh, "S5", 2024, "pilot_status")).points).toBe(0);
    expect(await indicator(wh, "S3", 2024, "pilot_status")).toMatchObject({ has_data: false, points: null });
  });

  it("treats a missing security.csv as no data for every security indicator, never as zero", async () => {
    const empty = await createTestWarehouse({ asOf: "2025-12-31" });
    try {
      await addProject(empty, { id: "E1", goLive: "2023-01-01" });
      await buildScoring(empty);
      const rows = await empty.query(
        "SELECT indicator, has_data, points, note FROM mart_indicators WHERE dimension = 'security' AND year = 2024",
      );
      expect(rows).toHaveLength(4);
      for (const r of rows) {
        expect(r).toMatchObject({ has_data: false, points: null });
        expect(r.note).toBe("无数据：security.csv 未提供");
      }
      const dim = await empty.query("SELECT score, scorable, coverage FROM mart_scores WHERE dimension = 'security' AND year = 2024");
      expect(dim).toEqual([{ score: null, scorable: false, coverage: 0 }]);
    } finally {
      empty.close();
    }
  });
});

describe("cost per user and per transaction against the peers' median", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-12-31" });
    // four O&M projects, 100 active users a month each, running costs 10k / 20k / 30k / 1M yuan:
    // cost per user 100 / 200 / 300 / 10000 — median 250, mean 2650
    const costs = { M1: 10_000, M2: 20_000, M3: 30_000, M4: 1_000_000 };
    for (const [id, cost] of Object.entries(costs)) {
      await addProject(wh, { id, kind: "运行维护", goLive: "2022-01-01", approvedYuan: 2_000_000 });
      await addMonths(wh, id, Y, { active_users: 100, transactions: 1000 });
      await wh.insert("stg_payments", [
        { payment_id: `PAY-${id}`, project_id: id, paid_on: "2024-07-01", amount_yuan: cost, fund_type: "运维" },
      ]);
    }
    // a 新建 project has other peers: two of them only, under the configured minimum of three
    for (const id of ["N1", "N2"]) {
      await addProject(wh, { id, kind: "新建", goLive: "2022-01-01" });
      await addMonths(wh, id, Y, { active_users: 10, transactions: 10 });
      await wh.insert("stg_payments", [
        { payment_id: `PAY-${id}`, project_id: id, paid_on: "2024-07-01", amount_yuan: 5_000, fund_type: "运维" },
      ]);
    }
    await buildScoring(wh);
  });
  afterAll(() => wh?.close());

  it("divides by the median of the same kind, so one outlier moves nobody's benchmark", async () => {
    const p = await params(wh, "cost_per_user");
    const median = 250;
    for (const [id, perUser] of [["M1", 100], ["M2", 200], ["M3", 300], ["M4", 10_000]] as const) {
      const row = await indicator(wh, id, Y, "cost_per_user");
      expect(row.raw_value).toBeCloseTo(perUser / median, 10);
      expect(row.points).toBeCloseTo(linear(perUser / median, p), 4);
      expect(row.note).toContain("中位数 250.00 元/人");
    }
    // at the median or below: full marks; 1.2 × the median: partial; the outlier: nothing
    expect((await indicator(wh, "M2", Y, "cost_per_user")).points).toBe(p.max_points);
    expect((await indicator(wh, "M3", Y, "cost_per_user")).points).toBeCloseTo(p.max_points * 0.8, 4);
    expect((await indicator(wh, "M4", Y, "cost_per_user")).points).toBe(0);
    // with the mean (2650) M3 would have scored full marks
    expect(300 / 2650).toBeLessThan(p.full_at);
  });

  it("does the same per transaction", async () => {
    // cost per transaction: 10000/12000 … ; median of (0.8333, 1.6667, 2.5, 83.33) = 2.0833
    const perTx = [10_000, 20_000, 30_000, 1_000_000].map((c) => c / 12_000);
    const median = (perTx[1] + perTx[2]) / 2;
    const row = await indicator(wh, "M3", Y, "cost_per_transaction");
    expect(row.raw_value).toBeCloseTo(perTx[2] / median, 10);
  });

  it("gives no data when fewer than min_peers projects of the kind can be compared", async () => {
    const row = await indicator(wh, "N1", Y, "cost_per_user");
    expect(row).toMatchObject({ has_data: false, points: null });
    expect(row.note).toMatch(/仅 2 个，少于 3 个/);
  });
});

describe("performance targets honour ≥ and ≤", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-06-30" });
    await addProject(wh, { id: "G1", goLive: "2023-01-01" });
    const target = (year: number, indicator: string, direction: string, target_value: number) => ({
      project_id: "G1", year, indicator, indicator_type: "效益", target_value, unit: "件", direction,
    });
    await wh.insert("stg_perf_targets", [
      target(Y, "A办件量", ">=", 1000),
      target(Y, "B办件量", ">=", 1000),
      target(Y, "C办理时长", "<=", 2),
      target(Y, "D办理时长", "<=", 2),
      target(Y, "E投诉量", "<=", 2),
      target(Y, "F满意度", ">=", 90),
      target(2025, "A办件量", ">=", 1000),
    ]);
    await wh.insert("stg_targets_actual", [
      { project_id: "G1", year: Y, indicator: "A办件量", actual_value: 1000 }, // at the target: achieved
      { project_id: "G1", year: Y, indicator: "B办件量", actual_value: 999 }, // just short: missed
      { project_id: "G1", year: Y, indicator: "C办理时长", actual_value: 2 }, // ≤, at the target: achieved
      { project_id: "G1", year: Y, indicator: "D办理时长", actual_value: 1.5 }, // ≤, below: achieved (not missed!)
      { project_id: "G1", year: Y, indicator: "E投诉量", actual_value: 2.5 }, // ≤, above: missed
      // F满意度: no actual reported — no data
      { project_id: "G1", year: 2025, indicator: "A办件量", actual_value: 10 }, // the running year: provisional
    ]);
    await buildScoring(wh);
  });
  afterAll(() => wh?.close());

  it("scores each filed target, sharing the targets' points equally", async () => {
    const pool = (await params(wh, "targets")).max_points;
    const share = pool / 6;
    const expected: Record<string, { achieved: number | null; raw: number | null; target: number }> = {
      "targets:A办件量": { achieved: 1, raw: 1000, target: 1000 },
      "targets:B办件量": { achieved: 0.999, raw: 999, target: 1000 },
      "targets:C办理时长": { achieved: 1, raw: 2, target: 2 },
      "targets:D办理时长": { achieved: 1, raw: 1.5, target: 2 },
      "targets:E投诉量": { achieved: 2 / 2.5, raw: 2.5, target: 2 },
      "targets:F满意度": { achieved: null, raw: null, target: 90 },
    };
    for (const [id, e] of Object.entries(expected)) {
      const row = await indicator(wh, "G1", Y, id);
      expect(row.dimension).toBe("effectiveness");
      expect(row.max_points).toBeCloseTo(share, 4);
      expect(row.raw_value).toBe(e.raw);
      expect(row.target).toBe(e.target);
      if (e.achieved === null) {
        expect(row).toMatchObject({ has_data: false, points: null });
        expect(row.note).toMatch(/^无数据：targets_actual.csv 未报送实际值/);
      } else {
        expect(row.points, id).toBeCloseTo(share * e.achieved, 4);
      }
    }
    expect((await indicator(wh, "G1", Y, "targets:D办理时长")).note).toContain("已实现");
    expect((await indicator(wh, "G1", Y, "targets:E投诉量")).note).toContain("未实现");
  });

  it("marks ≤ targets achieved when the actual is at or below the target", async () => {
    const rows = await wh.query(
      "SELECT indicator, achieved FROM int_target_achievement WHERE project_id = 'G1' AND year = 2024 ORDER BY indicator",
    );
    expect(rows).toEqual([
      { indicator: "A办件量", achieved: true },
      { indicator: "B办件量", achieved: false },
      { indicator: "C办理时长", achieved: true },
      { indicator: "D办理时长", achieved: true },
      { indicator: "E投诉量", achieved: false },
      { indicator: "F满意度", achieved: null },
    ]);
  });

  it("opens an Art. 34 rectification for each missed target of a closed year only", async () => {
    const due = await wh.query("SELECT * FROM int_rectification_due ORDER BY year");
    expect(due).toHaveLength(1); // 2025 has not closed at 2025-06-30
    expect(due[0]).toMatchObject({ project_id: "G1", year: 2024, missed_targets: 2, poor_grade: false });
    expect(due[0].reason).toContain("绩效目标「B办件量」未实现（方向 >=，目标 1000.0件，实际 999.0件）");
    expect(due[0].reason).toContain("绩效目标「E投诉量」未实现（方向 <=");
    expect(due[0].reason).not.toContain("D办理时长");
    expect(due[0].reason).not.toContain("F满意度");
  });

  it("gives a year without filed targets one no-data targets row", async () => {
    const row = await indicator(wh, "G1", 2023, "targets");
    expect(row).toMatchObject({ has_data: false, points: null });
    expect(row.note).toBe("无数据：绩效目标表中没有该年度的绩效目标");
  });
});

describe("who is scored: projects in use (Art. 32)", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-12-31" });
    await addProject(wh, { id: "U1", applyYear: 2024, goLive: "2024-12-31" }); // live on the last day: in use 2024
    await addProject(wh, { id: "U2", applyYear: 2024, goLive: "2025-01-01" }); // not yet live in 2024
    await addProject(wh, { id: "U3", applyYear: 2022, goLive: "2022-03-01", shutdown: "2023-12-31" }); // gone before 2024
    await addProject(wh, { id: "U4", applyYear: 2022, goLive: "2022-03-01", shutdown: "2024-01-01" }); // in use 1 Jan 2024
    await addProject(wh, { id: "U5", applyYear: 2024, goLive: null }); // never went live
    await addProject(wh, { id: "U6", applyYear: 2018, goLive: "2018-06-01" }); // no configuration covers 2018–2019
    await buildScoring(wh);
  });
  afterAll(() => wh?.close());

  it("scores a project from the year it went live until the year it was shut down", async () => {
    const rows = await wh.query(
      "SELECT project_id, list(year ORDER BY year) AS years FROM int_project_score GROUP BY 1 ORDER BY 1",
    );
    expect(rows).toEqual([
      { project_id: "U1", years: [2024, 2025] },
      { project_id: "U2", years: [2025] },
      { project_id: "U3", years: [2022, 2023] },
      { project_id: "U4", years: [2022, 2023, 2024] },
      { project_id: "U6", years: [2020, 2021, 2022, 2023, 2024, 2025] },
    ]);
  });

  it("lists project-years no configuration version covers instead of guessing weights", async () => {
    const rows = await wh.query("SELECT project_id, year, message FROM int_scoring_errors ORDER BY year");
    expect(rows.map((r) => [r.project_id, r.year])).toEqual([["U6", 2018], ["U6", 2019]]);
    expect(rows[0].message).toContain("2018 年没有适用的评分配置版本");
  });

  it("counts a December go-live as one month in service", async () => {
    const rows = await wh.query("SELECT months_in_service FROM int_scoring_scope WHERE project_id = 'U1' AND year = 2024");
    expect(rows).toEqual([{ months_in_service: 1 }]);
  });
});
