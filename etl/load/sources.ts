// The inbox as the data contract (shared/spec/data-contract.md) describes it: for every source, its file, the
// headers it carries, the staging column each maps to, how the cell is parsed, the natural key and the project it
// must belong to. Headers and enumerations are the source systems' Chinese words, exactly as the contract lists them.

export type Kind =
  | "text"
  | "int"
  | "bigint"
  | "double"
  | "date"
  | "month"
  | "bool" // 是/否
  | "jsonbool" // systems.json: true/false (是/否 also accepted)
  | "money" // 元 or 万元 as the header says, stored as DECIMAL(18,2) yuan
  | "enum"
  | "tags" // ；-separated list
  | "direction"; // ≥/≤ normalised to '>='/'<='

export type MoneyUnit = "元" | "万元";

export interface ColumnSpec {
  /** The header as the contract writes it; for money, without the unit in brackets. */
  header: string;
  /** The staging column. */
  column: string;
  kind: Kind;
  /** NOT NULL in staging: the header must be present and a blank cell is rejected. */
  required?: boolean;
  /** The header may be absent altogether (the column is then NULL); only where the contract says optional. */
  optional?: boolean;
  values?: readonly string[];
  min?: number;
  max?: number;
  /** money: the unit the contract names; the file's header may name the other one and is then converted. */
  unit?: MoneyUnit;
  /** money: a negative amount makes no sense here. */
  nonNegative?: boolean;
}

export interface SourceSpec {
  /** etl_batches.source: the staging table without stg_. */
  source: string;
  table: string;
  /** Path relative to the inbox. */
  file: string;
  format: "csv" | "xlsx" | "json";
  sheet?: string;
  columns: readonly ColumnSpec[];
  /** Staging columns of the natural key: later duplicates are rejected, the first row wins. */
  key: readonly string[];
  /** Staging column that must name a project of 项目申报. */
  projectRef?: string;
}

const YEAR = { kind: "int", min: 2000, max: 2100 } as const;
const PROJECT: ColumnSpec = { header: "项目编号", column: "project_id", kind: "text", required: true };
const yuan = (header: string, column: string, unit: MoneyUnit, required = false): ColumnSpec => ({
  header,
  column,
  kind: "money",
  unit,
  required,
  nonNegative: true,
});
const yesNo = (header: string, column: string): ColumnSpec => ({ header, column, kind: "bool" });
const date = (header: string, column: string, required = false): ColumnSpec => ({
  header,
  column,
  kind: "date",
  required,
});
const score = (header: string, column: string): ColumnSpec => ({ header, column, kind: "double", min: 0, max: 100 });

export const PROJECTS: SourceSpec = {
  source: "projects",
  table: "stg_projects",
  file: "projects.xlsx",
  format: "xlsx",
  sheet: "项目申报",
  key: ["project_id"],
  columns: [
    PROJECT,
    { header: "项目名称", column: "name", kind: "text", required: true },
    { header: "建设单位代码", column: "dept_code", kind: "text", required: true },
    { header: "建设单位", column: "dept_name", kind: "text", required: true },
    { header: "申报年度", column: "apply_year", ...YEAR, required: true },
    date("申报日期", "apply_date", true),
    { header: "项目类型", column: "kind", kind: "enum", required: true, values: ["新建", "扩建", "升级改造", "运行维护"] },
    { header: "分摊类别", column: "alloc_class", kind: "enum", values: ["民生", "审批监管", "其他"] },
    yesNo("全市性系统", "city_wide"),
    { header: "牵头单位代码", column: "lead_dept_code", kind: "text" },
    { header: "建设内容标签", column: "content_tags", kind: "tags" },
    { header: "法规依据", column: "legal_basis", kind: "text" },
    { header: "部署方式", column: "deployment", kind: "enum", values: ["政务云", "自建机房", "其他"] },
    yesNo("互联网部署", "internet_facing"),
    { header: "等保级别", column: "mlps_level", kind: "int", min: 1, max: 4 },
    yesNo("涉密", "classified"),
    yesNo("列入年度计划", "in_annual_plan"),
    { header: "临时急需依据", column: "urgent_basis", kind: "text" },
    yuan("申报金额", "requested_yuan", "万元"),
    yuan("信息化投资", "it_invest_yuan", "万元"),
    yuan("非信息化投资", "non_it_invest_yuan", "万元"),
    yuan("预计年云租赁费", "est_cloud_rent_yuan", "万元"),
    yesNo("分摊方案", "has_alloc_plan"),
    yesNo("申报表", "has_form"),
    yesNo("建设方案", "has_construction_plan"),
    yesNo("原合同", "has_prior_contract"),
    yesNo("前期绩效评估报告", "has_prior_eval_report"),
    yesNo("绩效目标", "has_perf_targets"),
    yesNo("依据材料", "has_basis_docs"),
    yesNo("信息资源目录", "has_data_catalog"),
    yesNo("密码应用方案", "has_crypto_plan"),
    { header: "示范试点", column: "pilot_level", kind: "enum", values: ["国家级", "省级", "市级", "无"] },
  ],
};

export const PERF_TARGETS: SourceSpec = {
  source: "perf_targets",
  table: "stg_perf_targets",
  file: "projects.xlsx",
  format: "xlsx",
  sheet: "绩效目标",
  key: ["project_id", "year", "indicator"],
  projectRef: "project_id",
  columns: [
    PROJECT,
    { header: "年度", column: "year", ...YEAR, required: true },
    { header: "指标名称", column: "indicator", kind: "text", required: true },
    { header: "指标类型", column: "indicator_type", kind: "enum", values: ["产出", "效益", "满意度"] },
    { header: "目标值", column: "target_value", kind: "double", required: true },
    { header: "单位", column: "unit", kind: "text" },
    { header: "方向", column: "direction", kind: "direction", required: true },
  ],
};

export const REVIEWS: SourceSpec = {
  source: "reviews",
  table: "stg_reviews",
  file: "reviews.csv",
  format: "csv",
  key: ["project_id", "stage", "review_date"],
  projectRef: "project_id",
  columns: [
    PROJECT,
    { header: "审核环节", column: "stage", kind: "enum", required: true, values: ["受理", "专家论证", "领导小组审查"] },
    date("日期", "review_date", true),
    { header: "结论", column: "conclusion", kind: "enum", required: true, values: ["通过", "不通过", "退回修改"] },
    yuan("核准金额", "approved_yuan", "万元"),
    { header: "意见", column: "opinion", kind: "text" },
    yesNo("技术要求已落实", "tech_reqs_done"),
  ],
};

export const CONTRACTS: SourceSpec = {
  source: "contracts",
  table: "stg_contracts",
  file: "contracts.csv",
  format: "csv",
  key: ["contract_id"],
  projectRef: "project_id",
  columns: [
    { header: "合同编号", column: "contract_id", kind: "text", required: true },
    PROJECT,
    { header: "供应商", column: "supplier", kind: "text" },
    { header: "采购方式", column: "procurement_method", kind: "text" },
    date("签订日期", "signed_on", true),
    yuan("合同金额", "amount_yuan", "元", true),
    date("备案日期", "filed_on"),
  ],
};

export const CHANGES: SourceSpec = {
  source: "changes",
  table: "stg_changes",
  file: "changes.csv",
  format: "csv",
  key: ["project_id", "applied_on", "change_type"],
  projectRef: "project_id",
  columns: [
    PROJECT,
    { header: "变更类型", column: "change_type", kind: "enum", required: true, values: ["内容调整", "预算增加", "废止"] },
    date("申请日期", "applied_on", true),
    yesNo("重新审核", "re_reviewed"),
    date("批准日期", "approved_on"),
    date("招标日期", "tendered_on"),
    yesNo("情况说明已备案", "explanation_filed"),
    yuan("变更后金额", "new_amount_yuan", "万元"),
  ],
};

export const ACCEPTANCES: SourceSpec = {
  source: "acceptances",
  table: "stg_acceptances",
  file: "acceptances.csv",
  format: "csv",
  key: ["project_id"],
  projectRef: "project_id",
  columns: [
    PROJECT,
    date("初步验收日期", "prelim_accepted_on"),
    date("竣工验收日期", "final_accepted_on"),
    date("备案日期", "filed_on"),
    yuan("已付金额", "paid_yuan", "元"),
  ],
};

export const PAYMENTS: SourceSpec = {
  source: "payments",
  table: "stg_payments",
  file: "payments.csv",
  format: "csv",
  key: ["payment_id"],
  projectRef: "project_id",
  columns: [
    { header: "支付流水号", column: "payment_id", kind: "text", required: true },
    PROJECT,
    date("支付日期", "paid_on", true),
    yuan("金额", "amount_yuan", "元", true),
    { header: "资金类型", column: "fund_type", kind: "enum", required: true, values: ["建设", "运维"] },
  ],
};

// systems.json keys are the staging names already; JSON writers omit null members, so every key may be absent.
const jsonKey = (column: string, kind: Kind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  header: column,
  column,
  kind,
  optional: true,
  ...extra,
});

export const SYSTEMS: SourceSpec = {
  source: "systems",
  table: "stg_systems",
  file: "systems.json",
  format: "json",
  key: ["system_id"],
  projectRef: "project_id",
  columns: [
    jsonKey("system_id", "text", { required: true }),
    jsonKey("project_id", "text", { required: true }),
    jsonKey("name", "text"),
    jsonKey("registered_on", "date"),
    jsonKey("go_live_on", "date"),
    jsonKey("shutdown_on", "date"),
    jsonKey("backup_on", "date"),
    jsonKey("catalog_compiled_on", "date"),
    jsonKey("data_collected_on", "date"),
    jsonKey("catalog_items", "int", { min: 0 }),
    jsonKey("shared_interfaces", "int", { min: 0 }),
    jsonKey("consumed_interfaces", "int", { min: 0 }),
    jsonKey("update_cycle_days", "int", { min: 1 }),
    jsonKey("last_refreshed_on", "date"),
    jsonKey("duplicate_collection", "jsonbool"),
  ],
};

export const CLOUD_RESOURCES: SourceSpec = {
  source: "cloud_resources",
  table: "stg_cloud_resources",
  file: "cloud_resources.csv",
  format: "csv",
  key: ["resource_id"],
  projectRef: "project_id",
  columns: [
    { header: "资源编号", column: "resource_id", kind: "text", required: true },
    PROJECT,
    { header: "系统编号", column: "system_id", kind: "text" },
    { header: "资源类型", column: "resource_type", kind: "enum", values: ["云主机", "云数据库", "云存储", "云安全"] },
    { header: "规格", column: "spec", kind: "text" },
    date("申请日期", "requested_on", true),
    date("开通日期", "opened_on"),
    date("释放日期", "released_on"),
  ],
};

export const OPERATIONS: SourceSpec = {
  source: "operations",
  table: "stg_operations",
  file: "operations.csv",
  format: "csv",
  key: ["project_id", "month"],
  projectRef: "project_id",
  columns: [
    PROJECT,
    { header: "月份", column: "month", kind: "month", required: true },
    { header: "可用率(%)", column: "availability_pct", kind: "double", min: 0, max: 100 },
    { header: "重大故障次数", column: "major_incidents", kind: "int", min: 0 },
    { header: "平均恢复时长(小时)", column: "mean_restore_hours", kind: "double", min: 0 },
    { header: "活跃用户数", column: "active_users", kind: "bigint", min: 0 },
    { header: "业务办件量", column: "transactions", kind: "bigint", min: 0 },
  ],
};

export const SECURITY: SourceSpec = {
  source: "security",
  table: "stg_security",
  file: "security.csv",
  format: "csv",
  key: ["record_id"],
  projectRef: "project_id",
  columns: [
    { header: "记录编号", column: "record_id", kind: "text", required: true },
    PROJECT,
    {
      header: "类型",
      column: "record_type",
      kind: "enum",
      required: true,
      values: ["安全评估报告", "安全方案", "等保测评备案", "渗透测试报告", "密码应用评估", "漏洞", "安全事件"],
    },
    date("日期", "record_date", true),
    { header: "严重程度", column: "severity", kind: "enum", values: ["严重", "高危", "中危", "低危"] },
    date("整改期限", "fix_deadline"),
    date("修复日期", "fixed_on"),
  ],
};

export const EVALUATIONS: SourceSpec = {
  source: "evaluations",
  table: "stg_evaluations",
  file: "evaluations.csv",
  format: "csv",
  key: ["project_id", "year", "evaluator"],
  projectRef: "project_id",
  columns: [
    PROJECT,
    { header: "年度", column: "year", ...YEAR, required: true },
    { header: "评价主体", column: "evaluator", kind: "enum", required: true, values: ["自评", "信管办", "第三方"] },
    score("项目运行情况", "operation"),
    score("统建融合", "integration"),
    score("成本效益", "cost_effectiveness"),
    score("应用实效", "effectiveness"),
    score("信息安全", "security"),
    score("创新服务", "innovation"),
  ],
};

export const TARGETS_ACTUAL: SourceSpec = {
  source: "targets_actual",
  table: "stg_targets_actual",
  file: "targets_actual.csv",
  format: "csv",
  key: ["project_id", "year", "indicator"],
  projectRef: "project_id",
  columns: [
    PROJECT,
    { header: "年度", column: "year", ...YEAR, required: true },
    { header: "指标名称", column: "indicator", kind: "text", required: true },
    { header: "实际值", column: "actual_value", kind: "double" },
  ],
};

export const RECTIFICATIONS: SourceSpec = {
  source: "rectifications",
  table: "stg_rectifications",
  file: "rectifications.csv",
  format: "csv",
  key: ["rectification_id"],
  projectRef: "project_id",
  columns: [
    { header: "整改编号", column: "rectification_id", kind: "text", required: true },
    PROJECT,
    { header: "年度", column: "year", ...YEAR, required: true },
    { header: "原因", column: "reason", kind: "text" },
    date("下达日期", "ordered_on", true),
    date("整改期限", "deadline", true),
    date("完成日期", "completed_on"),
    { header: "复核结论", column: "recheck_result", kind: "enum", values: ["通过", "不通过"] },
  ],
};

export const POPULATION: SourceSpec = {
  source: "population",
  table: "stg_population",
  file: "population.csv",
  format: "csv",
  key: ["county_code", "year"],
  columns: [
    { header: "区县代码", column: "county_code", kind: "text", required: true },
    { header: "区县名称", column: "county_name", kind: "text", required: true },
    { header: "年度", column: "year", ...YEAR, required: true },
    { header: "常住人口(人)", column: "population", kind: "bigint", required: true, min: 0 },
  ],
};

export const CALENDAR: SourceSpec = {
  source: "calendar",
  table: "stg_calendar",
  file: "calendar.csv",
  format: "csv",
  key: ["day"],
  columns: [
    date("日期", "day", true),
    { header: "类型", column: "day_type", kind: "enum", required: true, values: ["节假日", "调休上班"] },
    { header: "名称", column: "name", kind: "text" },
  ],
};

/** In load order: 项目申报 first, because every other project-level source is checked against it. */
export const TABLE_SOURCES: readonly SourceSpec[] = [
  PROJECTS,
  PERF_TARGETS,
  REVIEWS,
  CONTRACTS,
  CHANGES,
  ACCEPTANCES,
  PAYMENTS,
  SYSTEMS,
  CLOUD_RESOURCES,
  OPERATIONS,
  SECURITY,
  EVALUATIONS,
  TARGETS_ACTUAL,
  RECTIFICATIONS,
  POPULATION,
  CALENDAR,
];

export const CLOUD_BILLING_DIR = "cloud_billing";

/** The contract's header for a column, with the unit for money (what an operator reads in an error). */
export function contractHeader(col: ColumnSpec): string {
  return col.kind === "money" ? `${col.header}(${col.unit})` : col.header;
}
