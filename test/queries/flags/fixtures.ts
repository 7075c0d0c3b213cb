// Rows for the compliance tests: each builder returns a record that breaks no rule (a compliant baseline), and a
// test overrides only the fields its case is about. Dates are YYYY-MM-DD strings, money is yuan.
import { listValue, type DuckDBValue } from "@duckdb/node-api";
import path from "node:path";
import { runSqlFile } from "../../../etl/db.js";
import { martFiles } from "../../../etl/warehouse/marts.js";
import { createTestWarehouse, type TestWarehouse } from "../../support/warehouse.js";
import { insertCalendar } from "./calendar-fixture.js";

export type Row = Record<string, DuckDBValue>;

/** A 2024 新建 application that breaks no application rule (Art. 5, 7, 8, 9, 11, 23). */
export function project(id: string, over: Row & { content_tags?: DuckDBValue } = {}): Row {
  return {
    project_id: id,
    name: `项目${id}`,
    dept_code: "D01",
    dept_name: "市大数据局",
    apply_year: 2024,
    apply_date: "2023-10-16",
    kind: "新建",
    alloc_class: "其他",
    city_wide: false,
    lead_dept_code: null,
    content_tags: null,
    legal_basis: null,
    deployment: "政务云",
    internet_facing: false,
    mlps_level: 1,
    classified: false,
    in_annual_plan: true,
    urgent_basis: null,
    requested_yuan: 1_000_000,
    it_invest_yuan: 1_000_000,
    non_it_invest_yuan: null,
    est_cloud_rent_yuan: 100_000,
    has_alloc_plan: false,
    has_form: true,
    has_construction_plan: true,
    has_prior_contract: null,
    has_prior_eval_report: null,
    has_perf_targets: true,
    has_basis_docs: true,
    has_data_catalog: true,
    has_crypto_plan: true,
    pilot_level: "无",
    ...over,
  };
}

export const tags = (...t: string[]): DuckDBValue => listValue(t);

/** A passing leading-group review with an approved price (the 核准价 and the Art. 22 opinion). */
export function review(projectId: string, over: Row = {}): Row {
  return {
    project_id: projectId,
    stage: "领导小组审查",
    review_date: "2023-12-01",
    conclusion: "通过",
    approved_yuan: 1_000_000,
    opinion: null,
    tech_reqs_done: true,
    ...over,
  };
}

export function contract(id: string, projectId: string, over: Row = {}): Row {
  return {
    contract_id: id,
    project_id: projectId,
    supplier: "某科技有限公司",
    procurement_method: "公开招标",
    signed_on: "2024-03-01",
    amount_yuan: 500_000,
    filed_on: "2024-03-04",
    ...over,
  };
}

export function payment(id: string, projectId: string, over: Row = {}): Row {
  return { payment_id: id, project_id: projectId, paid_on: "2024-04-01", amount_yuan: 100_000, fund_type: "建设", ...over };
}

export function acceptance(projectId: string, over: Row = {}): Row {
  return {
    project_id: projectId,
    prelim_accepted_on: "2024-06-03",
    final_accepted_on: "2024-07-01",
    filed_on: "2024-07-02",
    paid_yuan: 500_000,
    ...over,
  };
}

export function system(id: string, projectId: string, over: Row = {}): Row {
  return {
    system_id: id,
    project_id: projectId,
    name: `系统${id}`,
    registered_on: "2024-01-05",
    go_live_on: null,
    shutdown_on: null,
    backup_on: null,
    catalog_compiled_on: null,
    data_collected_on: null,
    catalog_items: 10,
    shared_interfaces: 2,
    consumed_interfaces: 1,
    update_cycle_days: null,
    last_refreshed_on: null,
    duplicate_collection: false,
    ...over,
  };
}

export function cloudResource(id: string, projectId: string, systemId: string | null, over: Row = {}): Row {
  return {
    resource_id: id,
    project_id: projectId,
    system_id: systemId,
    resource_type: "云主机",
    spec: "4C8G",
    requested_on: "2024-01-10",
    opened_on: "2024-01-12",
    released_on: null,
    ...over,
  };
}

export function security(id: string, projectId: string, recordType: string, over: Row = {}): Row {
  return {
    record_id: id,
    project_id: projectId,
    record_type: recordType,
    record_date: "2024-01-01",
    severity: null,
    fix_deadline: null,
    fixed_on: null,
    ...over,
  };
}

export function change(projectId: string, over: Row = {}): Row {
  return {
    project_id: projectId,
    change_type: "内容调整",
    applied_on: "2024-03-01",
    re_reviewed: true,
    approved_on: "2024-03-20",
    tendered_on: "2024-04-01",
    explanation_filed: null,
    new_amount_yuan: null,
    ...over,
  };
}

export function rectification(id: string, projectId: string, over: Row = {}): Row {
  return {
    rectification_id: id,
    project_id: projectId,
    year: 2024,
    reason: "用户活跃度未达目标",
    ordered_on: "2024-03-01",
    deadline: "2024-06-30",
    completed_on: null,
    recheck_result: null,
    ...over,
  };
}

export interface Inbox {
  projects?: Row[];
  reviews?: Row[];
  contracts?: Row[];
  changes?: Row[];
  acceptances?: Row[];
  payments?: Row[];
  systems?: Row[];
  cloud_resources?: Row[];
  cloud_billing?: Row[];
  security?: Row[];
  rectifications?: Row[];
  operations?: Row[];
  perf_targets?: Row[];
  targets_actual?: Row[];
  evaluations?: Row[];
}

/** Runs the real .sql files of the stages the compliance engine needs — queries/reference (calendar, dimensions),
 *  queries/scoring (int_rectification_due, read by the Art. 34 rule) then queries/flags — in the order buildMarts()
 *  runs them. Allocation and the marts are not needed by the flags and cannot change them;
 *  test/queries/flags/integration.test.ts runs the whole buildMarts(). */
export async function buildComplianceStages(wh: TestWarehouse): Promise<void> {
  for (const file of await martFiles()) {
    const stage = path.basename(path.dirname(file));
    if (stage === "reference" || stage === "scoring" || stage === "flags") await runSqlFile(wh.conn, file);
  }
}

/** A real in-memory warehouse with the calendar of `years` and the given rows, the compliance stages built
 *  (or every stage, with `full`). */
export async function buildWarehouse(
  inbox: Inbox,
  { asOf, years = [2023, 2024, 2025], full = false }: { asOf: string; years?: readonly number[]; full?: boolean },
): Promise<TestWarehouse> {
  const wh = await createTestWarehouse({ asOf });
  try {
    await insertCalendar(wh, years);
    for (const [source, rows] of Object.entries(inbox) as [string, Row[]][]) {
      if (rows.length === 0) continue;
      // Bills go in as the loader stores them (each line and the monthly sums), the rest as staged.
      if (source === "cloud_billing") await wh.insertBills(rows);
      else await wh.insert(`stg_${source}`, rows);
    }
    if (full) await wh.buildMarts();
    else await buildComplianceStages(wh);
  } catch (err) {
    wh.close();
    throw err;
  }
  return wh;
}

export interface FlagRow {
  flag_id: string;
  project_id: string;
  year: number;
  rule_id: string;
  article: string;
  severity: string;
  evidence: string;
  consequence: string;
  record_ref: string;
  event_date: string | null;
  due_date: string | null;
  as_of: string;
}

/** The flags of one rule, keyed by project (and record_ref when a project has several). */
export async function flagsOf(wh: TestWarehouse, ruleId: string): Promise<FlagRow[]> {
  return (await wh.query("SELECT * FROM mart_flags WHERE rule_id = $rule ORDER BY project_id, flag_id", {
    rule: ruleId,
  })) as unknown as FlagRow[];
}

/** Project ids with a flag of the rule. */
export async function flaggedProjects(wh: TestWarehouse, ruleId: string): Promise<string[]> {
  return [...new Set((await flagsOf(wh, ruleId)).map((f) => f.project_id))];
}
