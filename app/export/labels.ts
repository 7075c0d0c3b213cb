// Chinese names for the public relations and their columns (docs/warehouse.md), used as XLSX headers, sheet names
// and download file names, and by pages that offer an export of what they show. Client-safe: no server imports.
// A column missing here keeps its machine name, so a new mart column still exports, only with an English header.

export const RELATION_TITLES: Record<string, string> = {
  meta_build: "数据仓库构建信息",
  etl_batches: "数据装载批次",
  etl_rejects: "被拒记录",
  dim_project: "项目",
  dim_department: "单位",
  dim_county: "区县",
  mart_cloud_monthly: "政务云月度费用",
  mart_flags: "合规问题清单",
  mart_fund_status: "资金状态",
  mart_fund_events: "资金暂停与恢复记录",
  mart_allocation: "政务云费用分摊明细",
  mart_allocation_duty: "政务云费用承担职责",
  mart_county_year: "区县分摊汇总",
  mart_indicators: "绩效指标明细",
  mart_scores: "绩效维度得分",
  mart_evaluation_gap: "自评与独立评价差异",
  mart_project_year: "项目年度汇总",
  mart_department_year: "单位年度汇总",
  mart_project_milestones: "项目里程碑与期限",
};

export const COLUMN_LABELS: Record<string, string> = {
  // keys and dimensions
  project_id: "项目编号",
  project_name: "项目名称",
  name: "项目名称",
  dept_code: "单位代码",
  dept_name: "单位名称",
  lead_dept_code: "牵头单位代码",
  county_code: "区县代码",
  county_name: "区县名称",
  year: "年度",
  month: "月份",
  kind: "项目类型",
  alloc_class: "分摊类别",
  city_wide: "全市性系统",
  deployment: "部署方式",
  internet_facing: "面向互联网",
  mlps_level: "等保级别",
  pilot_level: "试点级别",
  projects: "项目数",
  first_year: "起始年度",
  last_year: "截止年度",
  // money (元, DECIMAL(18,2))
  approved_yuan: "核准金额（元）",
  contracted_yuan: "合同金额（元）",
  paid_construction_yuan: "已付建设资金（元）",
  paid_om_yuan: "已付运维资金（元）",
  cloud_cost_yuan: "政务云费用（元）",
  billed_cost_yuan: "账单费用（元）",
  effective_cost_yuan: "实际费用（元）",
  rent_yuan: "年度租用费（元）",
  amount_yuan: "分摊金额（元）",
  owed_yuan: "应承担金额（元）",
  settled_yuan: "已结算金额（元）",
  outstanding_yuan: "未结算金额（元）",
  om_at_stake_yuan: "涉及运维资金（元）",
  // dates
  go_live_on: "上线日期",
  shutdown_on: "下线日期",
  prelim_accepted_on: "初验日期",
  final_accepted_on: "终验日期",
  event_date: "事件日期",
  due_date: "截止日期",
  as_of: "评估基准日",
  since: "起始日期",
  lifted_on: "解除日期",
  built_at: "构建时间",
  loaded_at: "装载时间",
  // flags and funds
  flag_id: "问题编号",
  rule_id: "规则编号",
  rule_ids: "规则编号",
  article: "条款",
  severity: "严重程度",
  evidence: "证据",
  consequence: "处理后果",
  record_ref: "证据记录编号",
  om_status: "运维资金状态",
  construction_status: "建设资金状态",
  om_fund_status: "运维资金状态",
  construction_fund_status: "建设资金状态",
  reasons: "原因",
  reason: "原因",
  fund: "资金类别",
  flag_count: "问题数",
  flags: "问题数",
  // allocation
  allocable: "可分摊",
  share: "分摊比例",
  basis: "分摊依据",
  note: "说明",
  service_name: "服务名称",
  mean_cpu_utilization: "平均CPU利用率",
  // milestones (mart_project_milestones: 项目生命线)
  stage_seq: "环节序号",
  stage: "环节代码",
  stage_name: "环节",
  event: "起算事件",
  done_date: "完成日期",
  workdays_late: "逾期工作日数",
  days_late: "逾期天数",
  // scores
  dimension: "维度",
  dimension_name: "维度名称",
  indicator: "指标编号",
  indicator_name: "指标名称",
  raw_value: "原始值",
  target: "目标值",
  points: "得分",
  max_points: "满分",
  has_data: "有数据",
  score: "得分",
  weight: "权重",
  coverage: "数据覆盖率",
  scorable: "可评分",
  weights_version: "权重版本",
  total_score: "综合得分",
  grade: "等级",
  mean_score: "平均得分",
  self_score: "自评得分",
  independent_score: "独立评价得分",
  gap: "差异",
  self_score_gap: "自评偏差",
  review_status: "评审状态",
  review_reasons: "评审状态原因",
  // bookkeeping
  batch_id: "批次号",
  source: "数据来源",
  file: "文件",
  sha256: "SHA-256",
  encoding: "编码",
  rows_read: "读取行数",
  rows_loaded: "入库行数",
  rows_rejected: "被拒行数",
  status: "状态",
  message: "信息",
  row_number: "行号",
  column_name: "列名",
  value: "值",
  inbox: "收件目录",
  app_version: "程序版本",
};

export function relationTitle(name: string): string {
  return RELATION_TITLES[name] ?? name;
}

export function columnLabel(name: string): string {
  return COLUMN_LABELS[name] ?? name;
}

export const EXPORT_FORMATS = [
  { id: "xlsx", label: "Excel（XLSX）" },
  { id: "csv", label: "CSV" },
  { id: "parquet", label: "Parquet" },
  { id: "arrow", label: "Arrow" },
  { id: "json", label: "JSON" },
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number]["id"];

/** The filter parameters an export accepts: exactly the page filters of app/filters.ts, plus `limit`. */
const EXPORT_FILTER_KEYS = ["year", "dept", "county", "kind", "rule", "grade", "project"] as const;
export type ExportFilterKey = (typeof EXPORT_FILTER_KEYS)[number];

/** The column each filter parameter applies to (request.server.ts uses this table too). */
export const EXPORT_FILTER_COLUMNS: Record<ExportFilterKey, string> = {
  year: "year",
  dept: "dept_code",
  county: "county_code",
  kind: "kind",
  rule: "rule_id",
  grade: "grade",
  project: "project_id",
};

/**
 * For each public relation, the columns the export API looks at besides the rows themselves: the filter columns
 * above — project_id among them, which is also how a department user's scope reaches a relation without dept_code. A page needs them to
 * build a link the API accepts — a filter on a column the relation lacks is a 400 — and to know whether a department
 * user may download the relation at all, without asking the warehouse. In column order of docs/warehouse.md;
 * test/app/export-links.test.ts checks this table against the catalog of a freshly built warehouse.
 */
export const RELATION_KEY_COLUMNS = {
  meta_build: [],
  etl_batches: [],
  etl_rejects: [],
  dim_project: ["project_id", "dept_code", "year", "kind"],
  dim_department: ["dept_code"],
  dim_county: ["county_code"],
  mart_cloud_monthly: ["project_id"],
  mart_flags: ["project_id", "dept_code", "year", "rule_id"],
  mart_fund_status: ["project_id", "year", "dept_code"],
  mart_fund_events: ["project_id", "rule_id"],
  mart_allocation: ["project_id", "year", "county_code"],
  mart_allocation_duty: ["project_id", "year", "dept_code"],
  mart_county_year: ["county_code", "year"],
  mart_indicators: ["project_id", "year"],
  mart_scores: ["project_id", "year"],
  mart_evaluation_gap: ["project_id", "year", "dept_code"],
  mart_project_year: ["project_id", "year", "dept_code", "kind", "grade"],
  mart_department_year: ["dept_code", "year"],
  mart_project_milestones: ["project_id", "dept_code", "year"],
} as const satisfies Record<string, readonly string[]>;
export type ExportRelation = keyof typeof RELATION_KEY_COLUMNS;

/** Whether `relation` has the column filter `key` applies to (false for a relation not in RELATION_KEY_COLUMNS). */
export function acceptsFilter(relation: string, key: ExportFilterKey): boolean {
  const columns: readonly string[] | undefined = (RELATION_KEY_COLUMNS as Record<string, readonly string[]>)[relation];
  return columns?.includes(EXPORT_FILTER_COLUMNS[key]) ?? false;
}

/**
 * The download link for `relation` with the page's current filters, for a page's "导出" menu:
 * `exportHref("mart_flags", location.search, "xlsx")`. Only filter keys are carried over (the API rejects unknown
 * parameters), and only those the relation has a column for when `columns` is given. `project` is one of them: a
 * page whose URL uses it for something else (the radar's project on /performance) must not hand its search over as is.
 */
export function exportHref(
  relation: string,
  search: string | URLSearchParams,
  format: ExportFormat,
  columns?: readonly string[],
): string {
  const current = typeof search === "string" ? new URLSearchParams(search) : search;
  const next = new URLSearchParams();
  for (const k of EXPORT_FILTER_KEYS) {
    const v = current.get(k);
    if (!v) continue;
    if (columns && !columns.includes(EXPORT_FILTER_COLUMNS[k])) continue;
    next.set(k, v);
  }
  next.set("format", format);
  return `/api/marts/${encodeURIComponent(relation)}?${next.toString()}`;
}
