// A small, deterministic warehouse for the leadership, project and department pages (performance, projects,
// departments): the public relations of docs/warehouse.md with their columns exactly as listed there, and about
// thirty plausible rows each — enough to draw every chart and exercise every empty state without the full ETL.
// It is a stand-in while the sample warehouse is being built, and the fixture the model tests assert against.
//
//   npx tsx test/support/dashboard-fixture-a.ts /tmp/xinguan-a.duckdb
//
// Numbers are chosen, not random: a seeded generator gives the same file on every run.
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { openWarehouse } from "../../etl/db.js";

export const FIXTURE_AS_OF = "2025-03-31";
/** Years scored; the last is the running year at the as-of date, so its scores are provisional (to date). */
export const FIXTURE_SCORED_YEARS = [2023, 2024, 2025] as const;
export const FIXTURE_PROVISIONAL_YEAR = 2025;
export const FIXTURE_WEIGHTS_VERSION = "v2024.1";

const DDL = `
CREATE TABLE meta_build (as_of DATE NOT NULL, built_at TIMESTAMP NOT NULL, inbox VARCHAR NOT NULL, app_version VARCHAR NOT NULL);
CREATE TABLE dim_project (
  project_id VARCHAR, name VARCHAR, dept_code VARCHAR, dept_name VARCHAR, year INTEGER, kind VARCHAR,
  alloc_class VARCHAR, city_wide BOOLEAN, lead_dept_code VARCHAR, deployment VARCHAR, internet_facing BOOLEAN,
  mlps_level INTEGER, pilot_level VARCHAR, approved_yuan DECIMAL(18,2), go_live_on DATE, shutdown_on DATE,
  prelim_accepted_on DATE, final_accepted_on DATE);
CREATE TABLE dim_department (dept_code VARCHAR, dept_name VARCHAR, projects BIGINT);
CREATE TABLE mart_cloud_monthly (project_id VARCHAR, month DATE, service_name VARCHAR,
  billed_cost_yuan DECIMAL(18,2), effective_cost_yuan DECIMAL(18,2));
CREATE TABLE mart_flags (flag_id VARCHAR, project_id VARCHAR, project_name VARCHAR, dept_code VARCHAR,
  dept_name VARCHAR, year INTEGER, rule_id VARCHAR, article VARCHAR, severity VARCHAR, evidence VARCHAR,
  consequence VARCHAR, record_ref VARCHAR, event_date DATE, due_date DATE, as_of DATE);
CREATE TABLE mart_fund_status (project_id VARCHAR, year INTEGER, dept_code VARCHAR, om_status VARCHAR,
  construction_status VARCHAR, reasons VARCHAR, rule_ids VARCHAR[], since DATE, lifted_on DATE,
  om_at_stake_yuan DECIMAL(18,2));
CREATE TABLE mart_fund_events (project_id VARCHAR, fund VARCHAR, rule_id VARCHAR, article VARCHAR, reason VARCHAR,
  since DATE, lifted_on DATE);
CREATE TABLE mart_allocation (project_id VARCHAR, year INTEGER, county_code VARCHAR, county_name VARCHAR,
  alloc_class VARCHAR, allocable BOOLEAN, rent_yuan DECIMAL(18,2), share DECIMAL(12,10), amount_yuan DECIMAL(18,2),
  basis VARCHAR, note VARCHAR, effective_rent_yuan DECIMAL(18,2), effective_amount_yuan DECIMAL(18,2),
  rounding_fen INTEGER);
CREATE TABLE mart_indicators (project_id VARCHAR, year INTEGER, dimension VARCHAR, indicator VARCHAR,
  indicator_name VARCHAR, raw_value DOUBLE, target DOUBLE, points DOUBLE, max_points DOUBLE, has_data BOOLEAN,
  note VARCHAR);
CREATE TABLE mart_scores (project_id VARCHAR, year INTEGER, dimension VARCHAR, dimension_name VARCHAR, score DOUBLE,
  weight DOUBLE, coverage DOUBLE, scorable BOOLEAN, weights_version VARCHAR, indicators INTEGER,
  indicators_with_data INTEGER);
CREATE TABLE int_project_score (project_id VARCHAR, year INTEGER, total_score DECIMAL(5,2), grade VARCHAR,
  weights_version VARCHAR, provisional BOOLEAN, scorable_dimensions INTEGER, scorable_weight_share DOUBLE,
  note VARCHAR);
CREATE TABLE mart_evaluation_gap (project_id VARCHAR, year INTEGER, dept_code VARCHAR, self_score DOUBLE,
  independent_score DOUBLE, gap DOUBLE, independent_evaluator VARCHAR, dimensions_compared INTEGER,
  weights_version VARCHAR);
`;

// Built from the tables above exactly as queries/marts/*.sql builds them from the earlier marts.
const ROLLUPS = `
CREATE TABLE mart_project_year AS
WITH spine AS (
  SELECT d.project_id, unnest(range(d.year, least(2025, coalesce(year(d.shutdown_on), 9999)) + 1)) AS year
  FROM dim_project d
)
SELECT d.project_id, y.year::INTEGER AS year, d.name, d.dept_code, d.dept_name, d.kind, d.approved_yuan,
       CASE WHEN y.year = d.year THEN d.approved_yuan * 0.95 ELSE 0 END::DECIMAL(18,2) AS contracted_yuan,
       CASE WHEN y.year = d.year THEN d.approved_yuan * 0.6 ELSE 0 END::DECIMAL(18,2) AS paid_construction_yuan,
       coalesce(fs.om_at_stake_yuan, 0)::DECIMAL(18,2) AS paid_om_yuan,
       coalesce((SELECT sum(billed_cost_yuan) FROM mart_cloud_monthly c
                 WHERE c.project_id = d.project_id AND year(c.month) = y.year), 0)::DECIMAL(18,2) AS cloud_cost_yuan,
       sc.total_score, sc.grade,
       coalesce(fs.om_status, 'eligible') AS om_fund_status,
       coalesce(fs.construction_status, 'ok') AS construction_fund_status,
       (SELECT count(*) FROM mart_flags f WHERE f.project_id = d.project_id AND f.year = y.year)::INTEGER AS flag_count
FROM spine y
JOIN dim_project d ON d.project_id = y.project_id
LEFT JOIN int_project_score sc ON sc.project_id = d.project_id AND sc.year = y.year
LEFT JOIN mart_fund_status fs ON fs.project_id = d.project_id AND fs.year = y.year
ORDER BY 1, 2;

CREATE TABLE mart_department_year AS
SELECT p.dept_code, d.dept_name, p.year, count(*) AS projects, round(avg(p.total_score), 2) AS mean_score,
       sum(p.flag_count)::INTEGER AS flags,
       CASE WHEN bool_or(EXISTS (SELECT 1 FROM mart_flags f WHERE f.dept_code = p.dept_code AND f.year < p.year
                                 AND f.rule_id = 'ART34_RECTIFICATION_FAILED')) THEN 'deferred'
            WHEN p.dept_code = 'D330600107' AND p.year = 2024 THEN 'restricted'
            ELSE 'normal' END AS review_status,
       CASE WHEN bool_or(EXISTS (SELECT 1 FROM mart_flags f WHERE f.dept_code = p.dept_code AND f.year < p.year
                                 AND f.rule_id = 'ART34_RECTIFICATION_FAILED'))
                 THEN '第三十四条：项目整改逾期未完成，暂缓审核本单位后续项目'
            WHEN p.dept_code = 'D330600107' AND p.year = 2024
                 THEN '第七条（六）：以前年度项目合同、验收备案不全，限制申报新项目' END AS review_reasons,
       (SELECT round(avg(g.gap), 2) FROM mart_evaluation_gap g WHERE g.dept_code = p.dept_code AND g.year = p.year)
         AS self_score_gap
FROM mart_project_year p JOIN dim_department d USING (dept_code)
GROUP BY p.dept_code, d.dept_name, p.year
ORDER BY 1, 3;
`;

interface Dept {
  code: string;
  name: string;
}
const DEPTS: Dept[] = [
  { code: "D330600101", name: "市大数据发展管理局" },
  { code: "D330600102", name: "市市场监督管理局" },
  { code: "D330600103", name: "市卫生健康委员会" },
  { code: "D330600104", name: "市人力资源和社会保障局" },
  { code: "D330600105", name: "市自然资源和规划局" },
  { code: "D330600106", name: "市教育局" },
  { code: "D330600107", name: "市交通运输局" },
];

interface Project {
  id: string;
  name: string;
  dept: Dept;
  year: number;
  kind: "新建" | "扩建" | "升级改造" | "运行维护";
  allocClass: "民生" | "审批监管" | "其他";
  cityWide: boolean;
  approvedFen: number;
  goLive: string | null;
  prelim: string | null;
  final: string | null;
  shutdown: string | null;
  quality: number; // 0–100: the level its scores sit around
  monthlyCloudFen: number; // per month once live
  pilot: string;
}

const P = (
  id: string, name: string, d: number, year: number, kind: Project["kind"], allocClass: Project["allocClass"],
  cityWide: boolean, approvedWan: number, goLive: string | null, prelim: string | null, final: string | null,
  quality: number, monthlyCloudWan: number, pilot = "无", shutdown: string | null = null,
): Project => ({
  id, name, dept: DEPTS[d], year, kind, allocClass, cityWide, approvedFen: Math.round(approvedWan * 1_000_000),
  goLive, prelim, final, shutdown, quality, monthlyCloudFen: Math.round(monthlyCloudWan * 1_000_000), pilot,
});

export const FIXTURE_PROJECTS: Project[] = [
  P("SX2022-001", "城市大脑数字驾驶舱", 0, 2022, "新建", "审批监管", true, 1860, "2022-11-15", "2022-12-20", "2023-03-10", 92, 52, "省级"),
  P("SX2022-002", "公共数据平台二期", 0, 2022, "扩建", "民生", true, 980, "2022-09-01", "2022-10-18", "2023-01-16", 88, 44, "国家级"),
  P("SX2022-003", "企业信用监管系统", 1, 2022, "新建", "审批监管", true, 420, "2022-10-10", "2022-11-22", "2023-02-20", 76, 6.5),
  P("SX2022-004", "全民健康信息平台", 2, 2022, "升级改造", "民生", true, 760, "2022-08-08", "2022-09-30", "2022-12-28", 84, 18, "市级"),
  P("SX2022-005", "智慧就业服务系统", 3, 2022, "新建", "民生", false, 310, "2022-12-01", "2023-01-12", null, 48, 3.2),
  P("SX2022-006", "国土空间基础信息平台", 4, 2022, "升级改造", "其他", false, 540, "2022-07-20", "2022-09-05", "2022-12-01", 81, 7.8),
  P("SX2023-001", "一网通办运行维护", 0, 2023, "运行维护", "民生", true, 260, "2023-01-01", null, null, 90, 12),
  P("SX2023-002", "食品安全智慧监管", 1, 2023, "新建", "审批监管", false, 385, "2023-06-18", "2023-07-25", "2023-10-30", 67, 4.1),
  P("SX2023-003", "互联网医院监管平台", 2, 2023, "新建", "审批监管", false, 290, "2023-05-06", "2023-06-20", null, 50, 2.6),
  P("SX2023-004", "社保卡一卡通应用", 3, 2023, "扩建", "民生", true, 455, "2023-04-12", "2023-05-30", "2023-09-01", 79, 9.5, "省级"),
  P("SX2023-005", "智慧教育公共服务平台", 5, 2023, "新建", "民生", true, 640, "2023-08-30", "2023-10-09", "2024-01-15", 86, 11),
  P("SX2023-006", "综合交通运行监测", 6, 2023, "新建", "审批监管", false, 510, "2023-09-20", "2023-11-02", null, 63, 5.3),
  P("SX2023-007", "学籍管理系统运维", 5, 2023, "运行维护", "其他", false, 85, "2023-01-01", null, null, 72, 0.9),
  P("SX2024-001", "数据安全态势感知", 0, 2024, "新建", "审批监管", true, 720, "2024-06-28", "2024-08-15", null, 83, 8.8),
  P("SX2024-002", "特种设备监管升级", 1, 2024, "升级改造", "审批监管", false, 180, "2024-05-10", "2024-06-21", "2024-09-12", 74, 1.9),
  P("SX2024-003", "医保智能审核运维", 2, 2024, "运行维护", "民生", false, 120, "2024-01-01", null, null, 46, 1.4),
  P("SX2024-004", "公交线网优化系统", 6, 2024, "扩建", "民生", false, 230, null, null, null, 70, 0),
  P("SX2025-001", "政务服务中台", 0, 2025, "新建", "民生", true, 1200, null, null, null, 80, 0),
];

const DIMENSIONS = [
  { id: "operation", name: "项目运行情况", weight: 20 },
  { id: "integration", name: "统建融合", weight: 15 },
  { id: "cost_effectiveness", name: "成本效益", weight: 20 },
  { id: "effectiveness", name: "应用实效", weight: 20 },
  { id: "security", name: "信息安全", weight: 15 },
  { id: "innovation", name: "创新服务", weight: 10 },
] as const;

const INDICATORS: Record<string, { id: string; name: string; max: number; target: number }[]> = {
  operation: [
    { id: "availability", name: "年均可用率(%)", max: 40, target: 99.5 },
    { id: "major_incidents", name: "重大故障次数", max: 25, target: 0 },
    { id: "restore_hours", name: "重大故障平均恢复时长(小时)", max: 20, target: 2 },
    { id: "usage_months", name: "在用月份占比", max: 15, target: 1 },
  ],
  integration: [
    { id: "gov_cloud", name: "部署于市政务云", max: 15, target: 1 },
    { id: "catalog_items", name: "已编目数据项", max: 25, target: 20 },
    { id: "shared_interfaces", name: "公共数据平台共享接口数", max: 25, target: 5 },
    { id: "consumed_interfaces", name: "调用他单位数据接口数", max: 20, target: 3 },
    { id: "duplicate_collection", name: "重复采集系统数", max: 15, target: 0 },
  ],
  cost_effectiveness: [
    { id: "within_approval", name: "合同与支付÷核准价", max: 30, target: 1 },
    { id: "budget_execution", name: "预算执行率(累计支付÷核准价)", max: 20, target: 0.9 },
    { id: "cloud_utilization", name: "云主机平均CPU利用率", max: 20, target: 0.3 },
    { id: "cost_per_user", name: "单位活跃用户成本÷同类中位数", max: 15, target: 1 },
    { id: "cost_per_transaction", name: "单笔办件成本÷同类中位数", max: 15, target: 1 },
  ],
  effectiveness: [
    { id: "targets", name: "绩效目标", max: 60, target: 1 },
    { id: "user_trend", name: "月均活跃用户同比变化", max: 20, target: 0 },
    { id: "transaction_trend", name: "月均办件量同比变化", max: 20, target: 0 },
  ],
  security: [
    { id: "security_evidence", name: "安全评估与测评材料在案比例", max: 35, target: 1 },
    { id: "crypto_assessment", name: "密码应用评估(近期)", max: 15, target: 1 },
    { id: "vuln_fixed_on_time", name: "到期漏洞按期修复率", max: 30, target: 1 },
    { id: "security_incidents", name: "安全事件次数", max: 20, target: 0 },
  ],
  innovation: [
    { id: "pilot_status", name: "示范试点级别", max: 50, target: 1 },
    { id: "expert_innovation", name: "独立评价创新服务得分", max: 50, target: 100 },
  ],
};

const TARGETS = [
  { name: "网上办件量", direction: ">=", target: 12000, unit: "件" },
  { name: "用户满意度", direction: ">=", target: 90, unit: "%" },
  { name: "平均响应时间", direction: "<=", target: 2, unit: "秒" },
];

const COUNTIES = [
  { code: "330602", name: "越城区", pop: 1_003_000 },
  { code: "330603", name: "柯桥区", pop: 1_103_000 },
  { code: "330604", name: "上虞区", pop: 797_000 },
  { code: "330624", name: "新昌县", pop: 434_000 },
  { code: "330681", name: "诸暨市", pop: 1_222_000 },
  { code: "330683", name: "嵊州市", pop: 680_000 },
];

const SERVICES = [
  { name: "云主机", part: 0.5 },
  { name: "云数据库", part: 0.25 },
  { name: "云存储", part: 0.15 },
  { name: "云安全", part: 0.1 },
];

/** A small deterministic generator (mulberry32), so the fixture is the same file on every run. */
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

const yuan = (fen: number): string => `${fen < 0 ? "-" : ""}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, "0")}`;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round2 = (v: number) => Math.round(v * 100) / 100;
const grade = (s: number) => (s >= 90 ? "优" : s >= 80 ? "良" : s >= 60 ? "中" : "差");
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Rows = Record<string, DuckDBValue | string[]>[];

export interface FixtureTables {
  [table: string]: Rows;
}

/** The fixture's rows, table by table (pure: no database). */
export function fixtureRows(): FixtureTables {
  const r = rng(20240331);
  const t: FixtureTables = {
    meta_build: [{ as_of: FIXTURE_AS_OF, built_at: "2025-04-01 08:00:00", inbox: "fixture-a", app_version: "fixture" }],
    dim_project: [],
    dim_department: [],
    mart_cloud_monthly: [],
    mart_flags: [],
    mart_fund_status: [],
    mart_fund_events: [],
    mart_allocation: [],
    mart_indicators: [],
    mart_scores: [],
    int_project_score: [],
    mart_evaluation_gap: [],
  };

  for (const d of DEPTS) {
    t.dim_department.push({ dept_code: d.code, dept_name: d.name, projects: FIXTURE_PROJECTS.filter((p) => p.dept === d).length });
  }

  const flag = (p: Project, year: number, rule: string, article: string, severity: string, evidence: string,
    consequence: string, ref: string, event: string | null, due: string | null) => {
    t.mart_flags.push({
      flag_id: `${p.id}:${rule}:${ref}`, project_id: p.id, project_name: p.name, dept_code: p.dept.code,
      dept_name: p.dept.name, year, rule_id: rule, article, severity, evidence, consequence, record_ref: ref,
      event_date: event, due_date: due, as_of: FIXTURE_AS_OF,
    });
  };

  for (const p of FIXTURE_PROJECTS) {
    t.dim_project.push({
      project_id: p.id, name: p.name, dept_code: p.dept.code, dept_name: p.dept.name, year: p.year, kind: p.kind,
      alloc_class: p.allocClass, city_wide: p.cityWide, lead_dept_code: p.dept.code, deployment: "政务云",
      internet_facing: p.allocClass === "民生", mlps_level: p.allocClass === "民生" ? 3 : 2, pilot_level: p.pilot,
      approved_yuan: yuan(p.approvedFen), go_live_on: p.goLive, shutdown_on: p.shutdown,
      prelim_accepted_on: p.prelim, final_accepted_on: p.final,
    });

    // Cloud: every month from go-live to the as-of month, split over four services.
    const rent = new Map<number, number>();
    if (p.goLive && p.monthlyCloudFen > 0) {
      let m = `${p.goLive.slice(0, 7)}-01`;
      while (m <= FIXTURE_AS_OF) {
        const month = m;
        const swing = 0.9 + r() * 0.2;
        for (const s of SERVICES) {
          const fen = Math.round(p.monthlyCloudFen * s.part * swing);
          t.mart_cloud_monthly.push({ project_id: p.id, month, service_name: s.name, billed_cost_yuan: yuan(fen), effective_cost_yuan: yuan(Math.round(fen * 0.92)) });
          const y = Number(month.slice(0, 4));
          rent.set(y, (rent.get(y) ?? 0) + fen);
        }
        const [yy, mm] = month.split("-").map(Number);
        m = mm === 12 ? `${yy + 1}-01-01` : `${yy}-${String(mm + 1).padStart(2, "0")}-01`;
      }
    }

    // Allocation (allocation.md): city-wide and ≥ 5,000,000.00 yuan → counties; otherwise one CITY line.
    for (const [y, fen] of rent) {
      const allocable = p.cityWide && fen >= 500_000_000 && p.allocClass !== "其他";
      if (!allocable) {
        const basis = !p.cityWide ? "非全市性系统" : p.allocClass === "其他" ? "其他类别不适用第二十三条" : "未达500万元";
        t.mart_allocation.push({ project_id: p.id, year: y, county_code: "CITY", county_name: "市本级", alloc_class: p.allocClass, allocable: false, rent_yuan: yuan(fen), share: "1.0000000000", amount_yuan: yuan(fen), basis, note: "牵头单位承担全部租赁费", effective_rent_yuan: yuan(Math.round(fen * 0.92)), effective_amount_yuan: yuan(Math.round(fen * 0.92)), rounding_fen: 0 });
        continue;
      }
      const parts = p.allocClass === "审批监管"
        ? [{ code: "CITY", name: "市本级", w: 0.4 }, ...COUNTIES.map((c) => ({ code: c.code, name: c.name, w: 0.1 }))]
        : COUNTIES.map((c) => ({ code: c.code, name: c.name, w: c.pop / COUNTIES.reduce((s, x) => s + x.pop, 0) }));
      // largest remainder, to the fen
      const raw = parts.map((x) => fen * x.w);
      const floor = raw.map(Math.floor);
      let left = fen - floor.reduce((s, v) => s + v, 0);
      const order = raw.map((v, i) => ({ i, rem: v - Math.floor(v) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
      const rounding = parts.map(() => 0);
      for (const o of order) if (left-- > 0) { floor[o.i] += 1; rounding[o.i] = 1; }
      parts.forEach((x, i) => t.mart_allocation.push({
        project_id: p.id, year: y, county_code: x.code, county_name: x.name, alloc_class: p.allocClass, allocable: true,
        rent_yuan: yuan(fen), share: x.w.toFixed(10), amount_yuan: yuan(floor[i]),
        basis: p.allocClass === "审批监管" ? "市县4:6" : "按上年常住人口", note: null,
        effective_rent_yuan: yuan(Math.round(fen * 0.92)), effective_amount_yuan: yuan(Math.round(floor[i] * 0.92)), rounding_fen: rounding[i],
      }));
    }

    // Scores for each evaluated year the project was in use (as queries/scoring builds them: the filed performance
    // targets are one indicator row each, `targets:<指标名称>`, sharing the `targets` points; the running year is
    // provisional).
    for (const y of FIXTURE_SCORED_YEARS) {
      if (!p.goLive || Number(p.goLive.slice(0, 4)) > y) continue;
      let total = 0;
      let weightSum = 0;
      let scorableDims = 0;
      for (const dim of DIMENSIONS) {
        const dimBase = clamp(p.quality + (r() - 0.5) * 24 + (y === 2024 ? 2 : 0), 15, 100);
        let pts = 0;
        let maxWithData = 0;
        let rowsTotal = 0;
        let rowsWithData = 0;
        const push = (row: Record<string, DuckDBValue>) => {
          t.mart_indicators.push({ project_id: p.id, year: y, dimension: dim.id, ...row });
          rowsTotal += 1;
          if (row.has_data) rowsWithData += 1;
        };
        INDICATORS[dim.id].forEach((ind, k) => {
          const hasData = !(dim.id === "cost_effectiveness" && k >= 3 && p.kind === "运行维护") && !(p.id === "SX2023-003" && dim.id === "security");
          const frac = hasData ? clamp(dimBase / 100 + (r() - 0.5) * 0.3, 0, 1) : 0;
          if (hasData) maxWithData += ind.max;
          if (ind.id === "targets") {
            TARGETS.forEach((tg) => {
              const share = ind.max / TARGETS.length;
              const achieved = !hasData || frac + (r() - 0.5) * 0.3 >= 0.6;
              const achievement = achieved ? 1 : round2(0.6 + frac * 0.35);
              const actual = tg.direction === ">=" ? round2(tg.target * (achieved ? 1.05 : achievement)) : round2(tg.target * (achieved ? 0.9 : 1 / achievement));
              const points = round2(share * achievement);
              if (hasData) pts += points;
              push({
                indicator: `targets:${tg.name}`, indicator_name: `绩效目标：${tg.name}`, raw_value: hasData ? actual : null,
                target: tg.target, points: hasData ? points : null, max_points: round2(share), has_data: hasData,
                note: hasData
                  ? `方向 ${tg.direction}：目标 ${tg.target}${tg.unit}，实际 ${actual}${tg.unit}，${achieved ? "已实现" : "未实现"}，完成度 ${achievement.toFixed(4)}；按完成度计分，得 ${points.toFixed(2)} / ${share.toFixed(2)} 分`
                  : `无数据：targets_actual.csv 未报送实际值（目标 ${tg.direction} ${tg.target} ${tg.unit}）`,
              });
            });
            return;
          }
          const points = hasData ? round2(ind.max * frac) : 0;
          const raw = ind.target === 0 ? Math.round((1 - frac) * 4) : round2(ind.target * (0.5 + frac * 0.55));
          if (hasData) pts += points;
          push({
            indicator: ind.id, indicator_name: ind.name, raw_value: hasData ? raw : null, target: ind.target,
            points: hasData ? points : null, max_points: ind.max, has_data: hasData,
            note: hasData ? `实际值 ${raw}，满分线 ${ind.target}，得 ${points.toFixed(2)} / ${ind.max.toFixed(2)} 分` : "无数据：本年度未报送相关材料",
          });
        });
        const coverage = round2(maxWithData / INDICATORS[dim.id].reduce((sum, x) => sum + x.max, 0));
        const scorable = coverage >= 0.5;
        const score = scorable ? round2((pts / maxWithData) * 100) : null;
        if (score !== null) {
          total += score * dim.weight;
          weightSum += dim.weight;
          scorableDims += 1;
        }
        t.mart_scores.push({ project_id: p.id, year: y, dimension: dim.id, dimension_name: dim.name, score, weight: dim.weight, coverage, scorable, weights_version: FIXTURE_WEIGHTS_VERSION, indicators: rowsTotal, indicators_with_data: rowsWithData });
      }
      const totalScore = Math.floor((total / weightSum) * 100 + 1e-6) / 100;
      const provisional = y === FIXTURE_PROVISIONAL_YEAR;
      t.int_project_score.push({
        project_id: p.id, year: y, total_score: totalScore.toFixed(2), grade: grade(totalScore), weights_version: FIXTURE_WEIGHTS_VERSION,
        provisional, scorable_dimensions: scorableDims, scorable_weight_share: round2(weightSum / 100),
        note: provisional ? `${y}年尚未结束，为截至评估基准日的暂定分` : null,
      });
      const inflation = round2(2 + r() * (p.dept.code === "D330600103" ? 16 : p.dept.code === "D330600107" ? 11 : 6));
      if (!provisional) {
        const self = round2(Math.min(100, totalScore + inflation));
        t.mart_evaluation_gap.push({ project_id: p.id, year: y, dept_code: p.dept.code, self_score: self, independent_score: totalScore, gap: round2(self - totalScore), independent_evaluator: "信管办", dimensions_compared: scorableDims, weights_version: FIXTURE_WEIGHTS_VERSION });
      }
    }
    // Projects not yet live in a scored year still get one unscored project-year row in the scores: none.
  }

  // Compliance flags (rules.md), the evidence a reviewer would read.
  const byId = (id: string) => FIXTURE_PROJECTS.find((p) => p.id === id)!;
  flag(byId("SX2022-003"), 2022, "ART16_CONTRACT_FILING_LATE", "16", "一般", "合同 HT-2022-0311 于 2022-05-13 签订，应于 2022-05-20 前备案，实际 2022-06-02 备案，逾期 9 个工作日", "记入不合规记录", "HT-2022-0311", "2022-05-13", "2022-05-20");
  flag(byId("SX2022-005"), 2023, "ART30_CATALOG_LATE", "30", "较重", "2023-01-12 初步验收，应于 2023-01-31 前完成数据目录编制和数据归集，截至评估基准日仍未编目", "运维经费暂停安排", "SYS-SX2022-005", "2023-01-12", "2023-01-31");
  flag(byId("SX2022-005"), 2024, "ART34_RECTIFICATION_FAILED", "34", "严重", "2023 年度绩效评价为差，整改期限 2024-06-30，逾期未完成整改", "停止安排运维经费；暂缓审核该单位后续项目", "ZG-2023-005", "2024-03-15", "2024-06-30");
  flag(byId("SX2023-003"), 2023, "ART36_NO_SECURITY_ASSESSMENT", "36", "严重", "系统于 2023-05-06 在政务云上线，未见安全评估报告和安全方案备案", "不得上线运行", "SYS-SX2023-003", "2023-05-06", null);
  flag(byId("SX2023-003"), 2024, "ART34_RECTIFICATION_OPEN", "34", "提示", "2023 年度绩效目标未达成，已下达整改，期限 2025-06-30", "预警", "ZG-2024-003", "2024-04-10", "2025-06-30");
  flag(byId("SX2023-006"), 2023, "ART16_CONTRACT_FILING_LATE", "16", "一般", "合同 HT-2023-0620 于 2023-06-20 签订，截至评估基准日未备案（应于 2023-06-28 前备案）", "记入不合规记录", "HT-2023-0620", "2023-06-20", "2023-06-28");
  flag(byId("SX2023-006"), 2023, "ART22_PAID_WITHOUT_REVIEW", "22", "严重", "2023-03-02 支付建设资金 1,200,000.00 元，早于审核意见（2023-04-18）", "冻结建设资金", "PAY-2023-0302-01", "2023-03-02", null);
  flag(byId("SX2024-003"), 2024, "ART30_DATA_STALE", "30", "较重", "数据更新周期 30 天，最近更新 2024-08-01，应于 2024-08-31 前更新", "运维经费暂停安排", "SYS-SX2024-003", "2024-08-01", "2024-08-31");
  flag(byId("SX2022-001"), 2022, "ART23_NO_ALLOCATION_PLAN", "23", "一般", "全市性系统预计年云租赁费 624.00 万元，申报时未附分摊方案（后补）", "批准前须补分摊方案", "SX2022-001", null, null);
  flag(byId("SX2023-002"), 2023, "ART19_ACCEPTANCE_FILING_LATE", "19", "一般", "2023-10-30 竣工验收，应于 2023-11-06 前备案，实际 2023-11-20 备案", "记入不合规记录", "YS-SX2023-002", "2023-10-30", "2023-11-06");
  flag(byId("SX2024-004"), 2024, "ART7_DEPT_BACKLOG", "7(6)", "较重", "申报时本单位 SX2023-006 项目合同未备案", "申报受限", "SX2023-006", "2024-02-20", null);

  // Fund status (rules.md consequences) per project-year where something holds or held.
  const status = (id: string, year: number, om: string, cons: string, reasons: string | null, rules: string[], since: string | null, lifted: string | null, stakeFen: number) => {
    const p = byId(id);
    t.mart_fund_status.push({ project_id: id, year, dept_code: p.dept.code, om_status: om, construction_status: cons, reasons, rule_ids: rules, since, lifted_on: lifted, om_at_stake_yuan: yuan(stakeFen) });
  };
  for (const p of FIXTURE_PROJECTS) {
    for (let y = p.year; y <= 2025; y++) {
      const stake = p.kind === "运行维护" || (p.goLive && Number(p.goLive.slice(0, 4)) < y) ? Math.round(p.approvedFen * 0.08) : 0;
      if (p.id === "SX2022-005" && y >= 2023) {
        const reasons = y === 2023 ? "第三十条：初步验收后未按期编制数据目录（2023-01-31 到期）"
          : "第三十条：初步验收后未按期编制数据目录（2023-01-31 到期）；第三十四条：绩效整改逾期未完成（2024-06-30 到期）";
        status(p.id, y, "suspended", "ok", reasons, y === 2023 ? ["ART30_CATALOG_LATE"] : ["ART30_CATALOG_LATE", "ART34_RECTIFICATION_FAILED"], "2023-02-01", null, stake);
      } else if (p.id === "SX2024-003" && y === 2024) {
        status(p.id, y, "suspended", "ok", "第三十条：归集数据未按更新周期更新（2024-08-31 到期）", ["ART30_DATA_STALE"], "2024-09-01", "2024-12-16", stake);
      } else if (p.id === "SX2023-006" && y === 2023) {
        status(p.id, y, "eligible", "blocked", "第二十二条：审核意见前支付建设资金", ["ART22_PAID_WITHOUT_REVIEW"], "2023-03-02", null, stake);
      } else {
        status(p.id, y, "eligible", "ok", null, [], null, null, stake);
      }
    }
  }
  t.mart_fund_events.push(
    { project_id: "SX2022-005", fund: "om", rule_id: "ART30_CATALOG_LATE", article: "30", reason: "初步验收后未按期编制数据目录", since: "2023-02-01", lifted_on: null },
    { project_id: "SX2022-005", fund: "om", rule_id: "ART34_RECTIFICATION_FAILED", article: "34", reason: "绩效整改逾期未完成", since: "2024-07-01", lifted_on: null },
    { project_id: "SX2024-003", fund: "om", rule_id: "ART30_DATA_STALE", article: "30", reason: "归集数据未按更新周期更新", since: "2024-09-01", lifted_on: "2024-12-16" },
    { project_id: "SX2023-006", fund: "construction", rule_id: "ART22_PAID_WITHOUT_REVIEW", article: "22", reason: "审核意见前支付建设资金", since: "2023-03-02", lifted_on: null },
  );
  return t;
}

async function insertAll(conn: DuckDBConnection, table: string, rows: Rows): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  // One statement per table: a VALUES list of bound parameters (lists bound as JSON text and cast).
  const colTypes = await conn.runAndReadAll(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $t",
    { t: table },
  );
  const types = new Map(colTypes.getRowObjectsJson().map((c) => [String(c.column_name), String(c.data_type)]));
  const params: Record<string, DuckDBValue> = {};
  const tuples = rows.map((row, i) =>
    `(${cols
      .map((c, j) => {
        const name = `p${i}_${j}`;
        const v = row[c];
        const type = types.get(c) ?? "VARCHAR";
        params[name] = Array.isArray(v) ? JSON.stringify(v) : (v as DuckDBValue);
        return Array.isArray(v) ? `CAST($${name}::JSON AS ${type})` : `CAST($${name} AS ${type})`;
      })
      .join(", ")})`,
  );
  await conn.run(`INSERT INTO ${table} (${cols.join(", ")}) VALUES ${tuples.join(", ")}`, params);
}

/** Writes the fixture warehouse to `file` (replacing it). */
export async function writeDashboardFixture(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
  const wh = await openWarehouse(file);
  try {
    await wh.conn.run(DDL);
    for (const [table, rows] of Object.entries(fixtureRows())) await insertAll(wh.conn, table, rows);
    await wh.conn.run(ROLLUPS);
    await wh.conn.run("CHECKPOINT");
  } finally {
    wh.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? "/tmp/xinguan-a.duckdb";
  await writeDashboardFixture(out);
  console.log(`fixture warehouse written: ${out}`);
}
