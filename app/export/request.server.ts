// An export request, read strictly from the URL: the relation (checked against the catalog's allow-list), the
// format, the page filters (the same keys and value rules as app/filters.ts) and an optional row limit. Anything
// the API cannot honour exactly is a 400 with a Chinese sentence naming the parameter — never a silently ignored
// filter, which would hand an analyst the wrong rows. Then the one SELECT an export runs, with every value bound.
import type { DuckDBValue } from "@duckdb/node-api";
import { FILTER_KEYS, parseFilters, type FilterKey } from "~/filters";
import { EXPORT_FILTER_COLUMNS, EXPORT_FORMATS, type ExportFormat } from "./labels";
import { quoteIdent, sortedNames, type Relation } from "./catalog.server";
import type { Scope } from "~/auth/roles";

export class ExportRequestError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The column each filter applies to: one table for the API and for the pages' export links (app/export/labels.ts). */
export const FILTER_COLUMNS: Record<FilterKey, string> = EXPORT_FILTER_COLUMNS;

const FILTER_NAMES: Record<FilterKey, string> = {
  year: "年度",
  dept: "单位代码",
  county: "区县代码",
  kind: "项目类型",
  rule: "规则编号",
  grade: "等级",
  project: "项目编号",
};

const FILTER_HINTS: Record<FilterKey, string> = {
  year: "四位数字，如 2024",
  dept: "1–32 位字母、数字、下划线或连字符",
  county: "六位区县代码或 CITY",
  kind: "新建、扩建、升级改造或运行维护",
  rule: "如 ART16_CONTRACT_FILING_LATE",
  grade: "优、良、中或差",
  project: "1–64 位字母、数字、下划线、点或连字符，如 SX2024-0001",
};

export const MAX_LIMIT = 100_000_000;
const OTHER_KEYS = ["format", "limit"] as const;

export interface ExportRequest {
  relation: Relation;
  format: ExportFormat;
  /** Only the filters given, with their values as they are bound. */
  filters: Partial<Record<FilterKey, string | number>>;
  limit: number | null;
  /** The caller's data scope (absent = every department, for code that serves no signed-in caller). */
  scope?: Scope;
}

/** Relations with neither a department nor a project column that a department user may still fetch: they identify
 *  no project and no department (the county list, the build's date and version). Every other such relation —
 *  mart_county_year (every department's systems' money per county), etl_batches, etl_rejects (load records and the
 *  raw rejected rows of any department) — is refused to a department user. */
export const UNSCOPED_PUBLIC: readonly string[] = ["dim_county", "meta_build"];

/** The WHERE condition that keeps a scoped caller to its own department's rows: on dept_code where the relation has
 *  it, else on project_id through dim_project; nothing for unscoped callers and for UNSCOPED_PUBLIC; a 403 for any
 *  other relation, and for an explicit dept= naming another department. (An explicit project= of another department
 *  is refused the same way, but that needs the warehouse: projectScopeQuery.) */
export function scopeCondition(req: Pick<ExportRequest, "relation" | "filters" | "scope">): string | null {
  const dept = req.scope?.dept ?? null;
  if (dept === null) return null;
  if (req.filters.dept !== undefined && req.filters.dept !== dept) {
    throw new ExportRequestError("您只能导出本单位的项目数据（参数 dept 须为本单位代码）。", 403);
  }
  const columns = new Set(req.relation.columns.map((c) => c.name));
  if (columns.has("dept_code")) return `${quoteIdent("dept_code")} = $scope_dept::VARCHAR`;
  if (columns.has("project_id")) {
    return `${quoteIdent("project_id")} IN (SELECT project_id FROM dim_project WHERE dept_code = $scope_dept::VARCHAR)`;
  }
  if (UNSCOPED_PUBLIC.includes(req.relation.name)) return null;
  throw new ExportRequestError(`数据集 ${req.relation.name} 汇总了各单位的数据，不能按单位限定，建设单位账户无权导出。`, 403);
}

/** For a scoped caller with a project= filter, the query whose one row says whether the project is its department's
 *  (dim_project); the caller answers 403 when it is not — as for dept= naming another department — rather than an
 *  empty download. A project the warehouse does not know is refused alike, so the answer does not tell another
 *  department's projects from no project. Null when there is nothing to check. */
export function projectScopeQuery(req: Pick<ExportRequest, "filters" | "scope">): BoundQuery | null {
  const dept = req.scope?.dept ?? null;
  const project = req.filters.project;
  if (dept === null || project === undefined) return null;
  return {
    sql: "SELECT count(*) > 0 AS own FROM dim_project WHERE project_id = $project::VARCHAR AND dept_code = $scope_dept::VARCHAR",
    params: { project: String(project), scope_dept: dept },
  };
}

export const PROJECT_SCOPE_MESSAGE = "您只能导出本单位的项目数据（参数 project 须为本单位的项目编号）。";

/** The relation named in the URL, from the catalog; unknown names are a 400 listing what exists. */
export function resolveRelation(name: string, catalog: Map<string, Relation>): Relation {
  const rel = catalog.get(name);
  if (!rel) {
    const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
    throw new ExportRequestError(`未知的数据集：${shown}。可用：${sortedNames(catalog).join(", ")}`);
  }
  return rel;
}

export function parseExportRequest(
  relation: Relation,
  search: URLSearchParams,
  defaultFormat: ExportFormat = "arrow",
): ExportRequest {
  const known = new Set<string>([...FILTER_KEYS, ...OTHER_KEYS]);
  for (const key of new Set(search.keys())) {
    if (!known.has(key)) {
      throw new ExportRequestError(`未知的参数：${key}。可用参数：${[...FILTER_KEYS, ...OTHER_KEYS].join(", ")}`);
    }
    if (search.getAll(key).length > 1) throw new ExportRequestError(`参数 ${key} 只能出现一次`);
  }

  const formatText = search.get("format") || defaultFormat;
  const format = EXPORT_FORMATS.find((f) => f.id === formatText)?.id;
  if (!format) {
    throw new ExportRequestError(`参数 format 的值无效：${formatText}。可用：${EXPORT_FORMATS.map((f) => f.id).join(", ")}`);
  }

  const parsed = parseFilters(search);
  const columns = new Set(relation.columns.map((c) => c.name));
  const filters: ExportRequest["filters"] = {};
  for (const key of FILTER_KEYS) {
    const raw = search.get(key);
    if (raw === null || raw === "") continue;
    const value = parsed[key];
    if (value === null) {
      const shown = raw.length > 64 ? `${raw.slice(0, 64)}…` : raw;
      throw new ExportRequestError(`参数 ${key}（${FILTER_NAMES[key]}）的值无效：${shown}。应为${FILTER_HINTS[key]}`);
    }
    if (!columns.has(FILTER_COLUMNS[key])) {
      throw new ExportRequestError(
        `数据集 ${relation.name} 没有 ${FILTER_COLUMNS[key]} 列，不能按参数 ${key}（${FILTER_NAMES[key]}）筛选`,
      );
    }
    filters[key] = value;
  }
  if (typeof filters.year === "number" && (filters.year < 2000 || filters.year > 2100)) {
    throw new ExportRequestError(`参数 year（年度）的值无效：${filters.year}。应在 2000–2100 之间`);
  }

  let limit: number | null = null;
  const limitText = search.get("limit");
  if (limitText !== null && limitText !== "") {
    if (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
      throw new ExportRequestError(`参数 limit 的值无效：${limitText}。应为 1 到 ${MAX_LIMIT} 之间的整数`);
    }
    limit = Number(limitText);
  }
  return { relation, format, filters, limit };
}

export interface BoundQuery {
  sql: string;
  params: Record<string, DuckDBValue>;
}

/**
 * `SELECT … FROM "relation" WHERE "col" = $key … LIMIT $limit`: names from the catalog (quoted), values bound.
 * `select` maps each column to its select-list expression (the Arrow writer selects text as bytes); the default
 * is the column itself. Rows keep the relation's stored order (DuckDB preserves insertion order).
 */
export function buildExportQuery(
  req: Pick<ExportRequest, "relation" | "filters" | "limit" | "scope">,
  select: (quoted: string, type: string) => string = (q) => q,
): BoundQuery {
  const list = req.relation.columns.map((c) => select(quoteIdent(c.name), c.type)).join(", ");
  const where: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  for (const key of FILTER_KEYS) {
    const value = req.filters[key];
    if (value === undefined) continue;
    // a typed parameter: JS numbers would otherwise bind as DOUBLE and compare the column as a double
    where.push(`${quoteIdent(FILTER_COLUMNS[key])} = $${key}${key === "year" ? "::INTEGER" : "::VARCHAR"}`);
    params[key] = value;
  }
  const scoped = scopeCondition(req);
  if (scoped !== null) {
    where.unshift(scoped);
    params.scope_dept = req.scope!.dept;
  }
  let sql = `SELECT ${list} FROM ${quoteIdent(req.relation.name)}`;
  if (where.length > 0) sql += ` WHERE ${where.join(" AND ")}`;
  // A scope through dim_project is a semi join, which DuckDB runs in parallel without keeping the relation's stored
  // order; a department's download (and its `limit`) must read its rows in the same order as everyone else's.
  if (scoped?.includes("IN (SELECT")) sql += " ORDER BY rowid";
  if (req.limit !== null) {
    sql += " LIMIT $limit::BIGINT";
    params.limit = req.limit;
  }
  return { sql, params };
}

/** A short description of the filters for file names, logs and Arrow metadata: "year=2024&dept=D01". */
export function describeFilters(req: Pick<ExportRequest, "filters" | "limit">): string {
  const p = new URLSearchParams();
  for (const key of FILTER_KEYS) if (req.filters[key] !== undefined) p.set(key, String(req.filters[key]));
  if (req.limit !== null) p.set("limit", String(req.limit));
  return decodeURIComponent(p.toString());
}
