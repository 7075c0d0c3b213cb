// A small, deterministic warehouse for developing the 资金 / 合规 / 数据 pages before the sample warehouse carries
// every mart. Relations and columns are those of docs/warehouse.md; etl_* and meta_build come from the real DDL
// (etl/schema), dim_* from queries/reference/10-dimensions.sql and the allocation marts from queries/allocation/*.sql
// run over staging rows written here, so those columns are exactly the real ones. The flag and fund marts, whose
// SQL does not exist yet, are written directly with the columns the schema document lists.
//
//   npx tsx test/support/dashboard-fixture-b.ts /tmp/yy.duckdb [--as-of 2026-11-20] [--built-at "2026-11-24 09:00:00"]
//                                                              [--missing security,evaluations]
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createSchema, openWarehouse, QUERIES_DIR, runSqlFile } from "../../etl/db.js";
import { insertRows } from "./warehouse.js";
import { articleLabel, RULES } from "../../app/domain/rules.js";

export interface FixtureOptions {
  file: string;
  asOf?: string;
  builtAt?: string;
  /** Sources whose file is absent from the inbox (etl_batches status `missing`). */
  missing?: string[];
}

type Rec = Record<string, string | number | boolean | null>;

/** mulberry32: the same rows on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPTS: [string, string][] = [
  ["SX01", "市大数据发展管理局"],
  ["SX02", "市公安局"],
  ["SX03", "市卫生健康委员会"],
  ["SX04", "市人力资源和社会保障局"],
  ["SX05", "市市场监督管理局"],
  ["SX06", "市自然资源和规划局"],
  ["SX07", "市教育局"],
  ["SX08", "市交通运输局"],
];

// name, dept index, apply year, kind, alloc class, city-wide, rent in 万元 per year (0 = no cloud)
const PROJECTS: [string, number, number, string, string, boolean, number][] = [
  ["城市大脑数字驾驶舱", 0, 2022, "新建", "审批监管", true, 620],
  ["一体化智能化公共数据平台", 0, 2022, "升级改造", "民生", true, 780],
  ["政务服务“一网通办”平台", 0, 2023, "升级改造", "民生", true, 540],
  ["电子证照库运维", 0, 2024, "运行维护", "审批监管", true, 120],
  ["智慧警务综合应用", 1, 2022, "新建", "审批监管", true, 710],
  ["公安视频图像共享平台", 1, 2023, "扩建", "其他", true, 860],
  ["交通违法处理系统运维", 1, 2025, "运行维护", "审批监管", false, 60],
  ["全民健康信息平台", 2, 2022, "升级改造", "民生", true, 505],
  ["医疗机构监管系统", 2, 2024, "新建", "审批监管", true, 210],
  ["基层医疗卫生信息系统", 2, 2025, "新建", "民生", true, 0],
  ["社会保障卡一卡通服务平台", 3, 2022, "新建", "民生", true, 330],
  ["就业创业服务系统运维", 3, 2024, "运行维护", "民生", false, 45],
  ["市场主体信用监管平台", 4, 2023, "新建", "审批监管", true, 515],
  ["食品安全追溯系统", 4, 2024, "扩建", "审批监管", false, 90],
  ["国土空间基础信息平台", 5, 2022, "新建", "审批监管", true, 480],
  ["不动产登记系统升级", 5, 2025, "升级改造", "审批监管", false, 150],
  ["教育数字基座", 6, 2023, "新建", "民生", true, 260],
  ["智慧校园安全监管系统", 6, 2026, "新建", "审批监管", false, 0],
  ["综合交通运行监测平台", 7, 2022, "新建", "审批监管", true, 300],
  ["公交一卡通清分结算系统", 7, 2025, "运行维护", "民生", false, 70],
];

const COUNTIES: [string, string, number][] = [
  ["330602", "越城区", 1_010_000],
  ["330603", "柯桥区", 1_110_000],
  ["330604", "上虞区", 820_000],
  ["330624", "新昌县", 440_000],
  ["330681", "诸暨市", 1_220_000],
  ["330683", "嵊州市", 680_000],
];

const YEARS = [2022, 2023, 2024, 2025, 2026];

const SOURCES: [string, string, string, number][] = [
  ["projects", "projects.xlsx#项目申报", "xlsx", 20],
  ["perf_targets", "projects.xlsx#绩效目标", "xlsx", 96],
  ["reviews", "reviews.csv", "gb18030", 58],
  ["contracts", "contracts.csv", "utf-8-bom", 41],
  ["changes", "changes.csv", "utf-8", 9],
  ["acceptances", "acceptances.csv", "gb18030", 14],
  ["payments", "payments.csv", "utf-8", 133],
  ["systems", "systems.json", "json", 24],
  ["cloud_resources", "cloud_resources.csv", "utf-8", 212],
  ["operations", "operations.csv", "utf-8", 960],
  ["security", "security.csv", "gb18030", 188],
  ["evaluations", "evaluations.csv", "utf-8", 122],
  ["targets_actual", "targets_actual.csv", "utf-8", 96],
  ["rectifications", "rectifications.csv", "gb18030", 11],
  ["population", "population.csv", "utf-8", 29],
  ["calendar", "calendar.csv", "utf-8", 171],
];

const REJECTS: [string, string, number, string | null, string | null, string][] = [
  ["contracts", "contracts.csv", 7, "签订日期", "2024/13/02", "日期无法识别：月份 13 不存在，应为 YYYY-MM-DD 或 YYYY/M/D"],
  ["contracts", "contracts.csv", 19, "合同金额(元)", "壹佰万", "金额不是数字"],
  ["contracts", "contracts.csv", 33, "项目编号", "SX-2024-099", "项目编号在项目申报中不存在"],
  ["payments", "payments.csv", 52, "金额(元)", "-3000.00", "支付金额不能为负数"],
  ["payments", "payments.csv", 88, "资金类型", "其它", "资金类型应为“建设”或“运维”"],
  ["payments", "payments.csv", 101, null, null, "与第 100 行支付流水号重复"],
  ["systems", "systems.json", 12, "registered_on", "2025-02-30", "日期无效：2 月没有 30 日"],
  ["security", "security.csv", 140, "严重程度", "特急", "严重程度应为 严重/高危/中危/低危"],
  ["cloud_billing", "cloud_billing/2026-03.parquet", 4411, "BillingCurrency", "USD", "币种必须为 CNY"],
  ["cloud_billing", "cloud_billing/2026-03.parquet", 4412, "BillingCurrency", "USD", "币种必须为 CNY"],
  ["cloud_billing", "cloud_billing/2026-08.csv", 98, "Tags", "{project_id:", "Tags 不是合法的 JSON 对象文本"],
];

function yuan(wan: number): string {
  return (Math.round(wan * 100) / 100 * 10000).toFixed(2);
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

function hex(r: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

interface Flag extends Rec {
  flag_id: string;
  project_id: string;
  project_name: string;
  dept_code: string;
  dept_name: string;
  year: number;
  rule_id: string;
  article: string;
  severity: string;
  evidence: string;
  consequence: string;
  record_ref: string | null;
  event_date: string;
  due_date: string | null;
  as_of: string;
}

function evidenceFor(rule: string, name: string, event: string, due: string | null, amountWan: number): string {
  switch (rule) {
    case "ART16_CONTRACT_FILING_LATE":
      return `合同于 ${event} 签订，应于 ${due} 前备案，${due && due < "2026-01-01" ? "实际于 " + addDays(due, 9) + " 备案" : "截至评估基准日仍未备案"}`;
    case "ART19_ACCEPTANCE_FILING_LATE":
      return `${event} 竣工验收，应于 ${due} 前备案验收材料和支付情况，截至评估基准日未备案`;
    case "ART21_OVER_APPROVED_PRICE":
      return `核准价 ${yuan(amountWan)} 元，合同及支付累计 ${yuan(amountWan * 1.12)} 元，超出 ${yuan(amountWan * 0.12)} 元`;
    case "ART22_PAID_WITHOUT_REVIEW":
      return `${event} 支付建设资金 ${yuan(amountWan * 0.3)} 元，此前无通过的审核意见`;
    case "ART30_CATALOG_LATE":
      return `${event} 初步验收，应于 ${due} 前完成编目和数据归集，截至评估基准日未完成`;
    case "ART30_DATA_STALE":
      return `“${name}”声明每 30 天更新，最近一次更新为 ${event}，已逾期`;
    case "ART34_RECTIFICATION_FAILED":
      return `整改期限 ${due}，复核结论“不通过”`;
    case "ART34_RECTIFICATION_OPEN":
      return `绩效目标未达成，${event} 下达整改，期限 ${due}，尚在整改中`;
    case "ART37_VULN_UNFIXED":
      return `高危漏洞整改期限 ${due}，截至评估基准日未修复，系统仍在运行`;
    case "ART29_CLOUD_BEFORE_REGISTRATION":
      return `云资源于 ${event} 申请，系统于 ${addDays(event, 41)} 才在公共数据平台注册`;
    case "ART9_MATERIALS_MISSING":
      return "申报材料缺少：建设方案、绩效目标";
    case "ART7_DEPT_BACKLOG":
      return `${event} 申报新项目时，以前年度项目尚有合同未备案、验收未备案`;
    default:
      return `${name}：${RULES[rule]?.title ?? rule}（${event}）`;
  }
}

export async function createDashboardFixtureB(opts: FixtureOptions): Promise<void> {
  const asOf = opts.asOf ?? "2026-11-20";
  const builtAt = opts.builtAt ?? new Date().toISOString().slice(0, 19).replace("T", " ");
  const missing = new Set(opts.missing ?? []);
  const r = rng(20240925);

  for (const f of [opts.file, `${opts.file}.wal`]) if (existsSync(f)) rmSync(f);
  const wh = await openWarehouse(opts.file);
  const { conn } = wh;
  try {
    await createSchema(conn);
    await insertRows(conn, "meta_build", [{ as_of: asOf, built_at: builtAt, inbox: "/srv/xinguan/inbox", app_version: "0.1.0-fixture-b" }]);

    // ---- staging rows the real dimension and allocation SQL read
    const projects = PROJECTS.map(([name, d, year, kind, cls, cityWide, rentWan], i) => {
      const id = `SX${year}-${String(i + 1).padStart(3, "0")}`;
      const approvedWan = Math.round((200 + r() * 1800) * 100) / 100;
      return { id, name, dept: DEPTS[d], year, kind, cls, cityWide, rentWan, approvedWan };
    });
    await insertRows(
      conn,
      "stg_projects",
      projects.map((p, i) => ({
        project_id: p.id,
        name: p.name,
        dept_code: p.dept[0],
        dept_name: p.dept[1],
        apply_year: p.year,
        apply_date: iso(p.year - 1, 9, 10 + (i % 15)),
        kind: p.kind,
        alloc_class: p.cls,
        city_wide: p.cityWide,
        lead_dept_code: p.cityWide ? p.dept[0] : null,
        deployment: "政务云",
        in_annual_plan: true,
        requested_yuan: yuan(p.approvedWan * 1.1),
      })),
    );
    await insertRows(
      conn,
      "stg_reviews",
      projects
        .filter((_, i) => i % 9 !== 4) // two projects still without a passing review
        .map((p, i) => ({
          project_id: p.id,
          stage: "领导小组审查",
          review_date: iso(p.year - 1, 11, 5 + (i % 20)),
          conclusion: "通过",
          approved_yuan: yuan(p.approvedWan),
        })),
    );
    const population: Rec[] = [];
    for (const y of [2020, 2021, 2022, 2023, 2024, 2025]) {
      COUNTIES.forEach(([code, name, base], k) => {
        if (code === "330681" && y < 2022) return; // 诸暨市 first reported for 2022: 2022 rent is split over five counties
        if (code === "330624" && y === 2022) return; // 新昌县 2022 missing: 2023 livelihood allocations fail loudly
        population.push({ county_code: code, county_name: name, year: y, population: base + (y - 2020) * (3000 + k * 700) });
      });
    }
    await insertRows(conn, "stg_population", population);

    for (const f of ["10-dimensions.sql"]) await runSqlFile(conn, path.join(QUERIES_DIR, "reference", f));
    await conn.run(`CREATE OR REPLACE TABLE int_project_cloud_year (
      project_id VARCHAR, year INTEGER, billed_cost_yuan DECIMAL(18,2), effective_cost_yuan DECIMAL(18,2),
      mean_cpu_utilization DOUBLE, resources BIGINT)`);
    const cloud: Rec[] = [];
    for (const p of projects) {
      if (p.rentWan === 0) continue;
      for (const y of YEARS) {
        if (y < p.year || y > 2026) continue;
        const growth = 1 + (y - p.year) * 0.06;
        const rent = Math.round(p.rentWan * growth * 10000 * 100 + r() * 99) / 100 + 0.37;
        cloud.push({
          project_id: p.id,
          year: y,
          billed_cost_yuan: rent.toFixed(2),
          effective_cost_yuan: (rent * 0.97).toFixed(2),
          mean_cpu_utilization: Math.round(r() * 60) / 100,
          resources: 4 + Math.floor(r() * 30),
        });
      }
    }
    await insertRows(conn, "int_project_cloud_year", cloud);
    const allocationDir = path.join(QUERIES_DIR, "allocation");
    for (const f of readdirSync(allocationDir).filter((n) => n.endsWith(".sql")).sort()) {
      await runSqlFile(conn, path.join(allocationDir, f));
    }

    // ---- flags (mart_flags), written directly with the documented columns
    const flags: Flag[] = [];
    const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
    const ruleIds = Object.keys(RULES);
    for (const p of projects) {
      const count = 1 + Math.floor(r() * 5);
      for (let k = 0; k < count; k++) {
        const rule = k === 0 && p.dept[0] === "SX05" ? "ART34_RECTIFICATION_FAILED" : pick(ruleIds);
        const year = Math.min(2026, p.year + Math.floor(r() * 3));
        const event = iso(year, 1 + Math.floor(r() * 10), 1 + Math.floor(r() * 27));
        const info = RULES[rule];
        const hasDue = /FILING|CATALOG|RECTIFICATION|VULN/.test(rule);
        const due = hasDue ? addDays(event, rule.startsWith("ART34") ? 60 : 9) : null;
        if (due && due > asOf && rule !== "ART34_RECTIFICATION_OPEN") continue; // not yet a violation
        const ref = `${rule.split("_")[0]}-${p.id}-${k}`;
        flags.push({
          flag_id: `${rule}:${p.id}:${ref}`,
          project_id: p.id,
          project_name: p.name,
          dept_code: p.dept[0],
          dept_name: p.dept[1],
          year,
          rule_id: rule,
          article: info.article,
          severity: info.severity,
          evidence: evidenceFor(rule, p.name, event, due, p.approvedWan),
          consequence: info.consequence,
          record_ref: ref,
          event_date: event,
          due_date: due,
          as_of: asOf,
        });
      }
    }
    await conn.run(`CREATE TABLE mart_flags (
      flag_id VARCHAR PRIMARY KEY, project_id VARCHAR, project_name VARCHAR, dept_code VARCHAR, dept_name VARCHAR,
      year INTEGER, rule_id VARCHAR, article VARCHAR, severity VARCHAR, evidence VARCHAR, consequence VARCHAR,
      record_ref VARCHAR, event_date DATE, due_date DATE, as_of DATE)`);
    await insertRows(conn, "mart_flags", flags);

    // ---- fund status and its history, from the flags that stop funds (rules.md "Consequences")
    interface Event extends Rec {
      project_id: string;
      fund: string;
      rule_id: string;
      article: string;
      reason: string;
      since: string;
      lifted_on: string | null;
    }
    const events: Event[] = [];
    for (const f of flags) {
      const info = RULES[f.rule_id];
      if (!info.fund) continue;
      const since = f.due_date ?? f.event_date;
      const lifted = r() < 0.3 ? addDays(since, 40 + Math.floor(r() * 120)) : null;
      events.push({
        project_id: f.project_id,
        fund: info.fund,
        rule_id: f.rule_id,
        article: info.article,
        reason: `${articleLabel(f.article)}：${info.title}（${f.record_ref}）`,
        since,
        lifted_on: lifted && lifted <= asOf ? lifted : null,
      });
    }
    // a project still without any passing review: construction funds blocked while no review opinion exists
    for (const [i, p] of projects.entries()) {
      if (i % 9 === 4) {
        events.push({
          project_id: p.id,
          fund: "construction",
          rule_id: "ART22_NO_REVIEW_OPINION", // a fund-status cause, not a mart_flags rule (queries/flags/91-fund-status.sql)
          article: "22",
          reason: "第二十二条：尚未取得市信管办审核意见",
          since: iso(p.year, 1, 1),
          lifted_on: null,
        });
      }
    }
    await conn.run(`CREATE TABLE mart_fund_events (
      project_id VARCHAR, fund VARCHAR, rule_id VARCHAR, article VARCHAR, reason VARCHAR, since DATE, lifted_on DATE)`);
    await insertRows(conn, "mart_fund_events", events);

    const fundRows: Rec[] = [];
    const projectYears: Rec[] = [];
    for (const p of projects) {
      for (const y of YEARS) {
        if (y < p.year) continue;
        const start = iso(y, 1, 1);
        const end = iso(y, 12, 31);
        const live = events.filter((e) => e.project_id === p.id && e.since <= end && (e.lifted_on === null || e.lifted_on >= start));
        const om = live.filter((e) => e.fund === "om");
        const cons = live.filter((e) => e.fund === "construction");
        const omOpen = om.filter((e) => e.lifted_on === null || e.lifted_on > end);
        const consOpen = cons.filter((e) => e.lifted_on === null || e.lifted_on > end);
        const all = [...om, ...cons];
        const omPaidWan = y > p.year ? Math.round(p.approvedWan * (0.08 + r() * 0.07) * 100) / 100 : 0;
        fundRows.push({
          project_id: p.id,
          year: y,
          dept_code: p.dept[0],
          om_status: omOpen.length > 0 ? "suspended" : "eligible",
          construction_status: consOpen.length > 0 ? "blocked" : "ok",
          reasons: all.length ? all.map((e) => e.reason).join("；") : null,
          rule_ids_csv: all.length ? [...new Set(all.map((e) => e.rule_id))].join(",") : null,
          since: all.length ? all.map((e) => e.since).sort()[0] : null,
          lifted_on: all.length && omOpen.length === 0 && consOpen.length === 0 ? all.map((e) => e.lifted_on ?? "").sort().at(-1) || null : null,
          om_at_stake_yuan: yuan(omPaidWan || p.approvedWan * 0.1),
        });
        const contracted = y === p.year ? p.approvedWan * (0.85 + r() * 0.3) : 0;
        const paidCons = y === p.year ? contracted * (0.3 + r() * 0.4) : y === p.year + 1 ? p.approvedWan * 0.35 : 0;
        const score = 55 + Math.round(r() * 400) / 10;
        projectYears.push({
          project_id: p.id,
          year: y,
          name: p.name,
          dept_code: p.dept[0],
          dept_name: p.dept[1],
          kind: p.kind,
          approved_yuan: y === p.year ? yuan(p.approvedWan) : "0.00",
          contracted_yuan: yuan(contracted),
          paid_construction_yuan: yuan(paidCons),
          paid_om_yuan: yuan(omPaidWan),
          cloud_cost_yuan: (cloud.find((c) => c.project_id === p.id && c.year === y)?.billed_cost_yuan as string) ?? "0.00",
          total_score: y < 2026 ? score : null,
          grade: y < 2026 ? (score >= 90 ? "优" : score >= 80 ? "良" : score >= 60 ? "中" : "差") : null,
          om_fund_status: omOpen.length > 0 ? "suspended" : "eligible",
          construction_fund_status: consOpen.length > 0 ? "blocked" : "ok",
          flag_count: flags.filter((f) => f.project_id === p.id && f.year === y).length,
        });
      }
    }
    await conn.run(`CREATE TEMP TABLE fund_rows (
      project_id VARCHAR, year INTEGER, dept_code VARCHAR, om_status VARCHAR, construction_status VARCHAR,
      reasons VARCHAR, rule_ids_csv VARCHAR, since DATE, lifted_on DATE, om_at_stake_yuan DECIMAL(18,2))`);
    await insertRows(conn, "fund_rows", fundRows);
    await conn.run(`CREATE TABLE mart_fund_status AS
      SELECT project_id, year, dept_code, om_status, construction_status, reasons,
             coalesce(string_split(rule_ids_csv, ','), []::VARCHAR[]) AS rule_ids, since, lifted_on, om_at_stake_yuan
      FROM fund_rows ORDER BY project_id, year`);
    await conn.run(`CREATE TABLE mart_project_year (
      project_id VARCHAR, year INTEGER, name VARCHAR, dept_code VARCHAR, dept_name VARCHAR, kind VARCHAR,
      approved_yuan DECIMAL(18,2), contracted_yuan DECIMAL(18,2), paid_construction_yuan DECIMAL(18,2),
      paid_om_yuan DECIMAL(18,2), cloud_cost_yuan DECIMAL(18,2), total_score DOUBLE, grade VARCHAR,
      om_fund_status VARCHAR, construction_fund_status VARCHAR, flag_count BIGINT)`);
    await insertRows(conn, "mart_project_year", projectYears);

    // ---- department-year roll-up with review status (deferred: Art. 34; restricted: Art. 7(6))
    const deptYears: Rec[] = [];
    for (const [code, name] of DEPTS) {
      for (const y of YEARS) {
        const py = projectYears.filter((p) => p.dept_code === code && p.year === y);
        const fl = flags.filter((f) => f.dept_code === code && f.year === y);
        const failed = fl.filter((f) => f.rule_id === "ART34_RECTIFICATION_FAILED");
        const backlog = fl.filter((f) => f.rule_id === "ART7_DEPT_BACKLOG");
        const scores = py.map((p) => p.total_score).filter((s): s is number => typeof s === "number");
        deptYears.push({
          dept_code: code,
          dept_name: name,
          year: y,
          projects: py.length,
          mean_score: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
          flags: fl.length,
          review_status: failed.length ? "deferred" : backlog.length ? "restricted" : "normal",
          review_reasons: failed.length
            ? failed.map((f) => `第三十四条：${f.project_name} 绩效整改未通过（${f.evidence}）`).join("；")
            : backlog.length
              ? backlog.map((f) => `第七条第（六）项：${f.evidence}`).join("；")
              : null,
          self_score_gap: Math.round((r() * 16 - 4) * 10) / 10,
        });
      }
    }
    await conn.run(`CREATE TABLE mart_department_year (
      dept_code VARCHAR, dept_name VARCHAR, year INTEGER, projects BIGINT, mean_score DOUBLE, flags BIGINT,
      review_status VARCHAR, review_reasons VARCHAR, self_score_gap DOUBLE)`);
    await insertRows(conn, "mart_department_year", deptYears);

    // ---- load bookkeeping: one batch per file, a few rejects with reasons
    const batches: Rec[] = [];
    let batchId = 0;
    const loadedAt = (k: number) => `${builtAt.slice(0, 10)} ${String(8 + Math.floor(k / 60)).padStart(2, "0")}:${String(k % 60).padStart(2, "0")}:07`;
    const rejectsOf = (file: string) => REJECTS.filter((x) => x[1] === file).length;
    for (const [source, file, encoding, rows] of SOURCES) {
      batchId += 1;
      if (missing.has(source)) {
        batches.push({ batch_id: batchId, source, file, sha256: null, encoding: null, rows_read: 0, rows_loaded: 0, rows_rejected: 0, status: "missing", message: "收件目录中没有该文件", loaded_at: loadedAt(batchId) });
        continue;
      }
      const rej = rejectsOf(file);
      batches.push({ batch_id: batchId, source, file, sha256: hex(r, 64), encoding, rows_read: rows + rej, rows_loaded: rows, rows_rejected: rej, status: rej ? "loaded_with_rejects" : "loaded", message: null, loaded_at: loadedAt(batchId) });
    }
    if (!missing.has("cloud_billing")) {
      for (let m = 1; m <= 10; m++) {
        batchId += 1;
        const file = `cloud_billing/2026-${String(m).padStart(2, "0")}.${m % 2 ? "parquet" : "csv"}`;
        const rej = rejectsOf(file);
        const rows = 6100 + Math.floor(r() * 400);
        batches.push({ batch_id: batchId, source: "cloud_billing", file, sha256: hex(r, 64), encoding: m % 2 ? "parquet" : "utf-8", rows_read: rows + rej, rows_loaded: rows, rows_rejected: rej, status: rej ? "loaded_with_rejects" : "loaded", message: null, loaded_at: loadedAt(batchId) });
      }
    } else {
      batchId += 1;
      batches.push({ batch_id: batchId, source: "cloud_billing", file: "cloud_billing/", sha256: null, encoding: null, rows_read: 0, rows_loaded: 0, rows_rejected: 0, status: "missing", message: "收件目录中没有云账单文件", loaded_at: loadedAt(batchId) });
    }
    await insertRows(conn, "etl_batches", batches);
    const loadedFiles = new Set(batches.filter((b) => b.status !== "missing").map((b) => b.file));
    await insertRows(
      conn,
      "etl_rejects",
      REJECTS.filter((x) => loadedFiles.has(x[1])).map(([source, file, row, column, value, reason]) => ({ file, source, row_number: row, column_name: column, value, reason })),
    );
    await conn.run("CHECKPOINT");
    console.log(`${opts.file}: ${projects.length} projects, ${flags.length} flags, ${events.length} fund events, ${batches.length} batches; as of ${asOf}, built ${builtAt}`);
  } finally {
    wh.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--")));
  if (!file) {
    console.error("usage: tsx test/support/dashboard-fixture-b.ts FILE [--as-of YYYY-MM-DD] [--built-at TIMESTAMP] [--missing a,b]");
    process.exit(2);
  }
  await createDashboardFixtureB({
    file,
    asOf: flag("--as-of"),
    builtAt: flag("--built-at"),
    missing: flag("--missing")?.split(",").filter(Boolean),
  });
}
