// The contract's value rules as SQL: for a trimmed VARCHAR cell (NULL when blank), the typed value and the reason
// (plain Chinese) it cannot be loaded, or NULL when it can. Evaluated by DuckDB over the whole file at once.
// Money goes through DECIMAL, never a float: 万元 × 10000 is exact, then rounded to the fen.
import type { MappedColumn } from "./header-map.js";
import { lit, litList } from "./sql-text.js";

export interface ParsedSql {
  value: string;
  /** NULL when the cell is acceptable, else the reason. */
  error: string;
}

/** Plain or with thousands separators (1,234.50), optionally signed. */
export const NUMBER_RE = lit("[-+]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?");
const INT_RE = lit("[-+]?(\\d{1,3}(,\\d{3})+|\\d+)");
const DATE_RE = lit("\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2}");
const MONTH_RE = lit("\\d{4}-\\d{1,2}|\\d{4}/\\d{1,2}");
/** What a date cell turns into when Excel's number format is lost: the day count since 1899-12-30. */
const EXCEL_SERIAL_RE = lit("\\d{5}(\\.\\d+)?");

const DATE_HINT = "（应为 YYYY-MM-DD 或 YYYY/M/D）";

/** Dates a record can mean. DuckDB parses 0000-01-01 (as 1 BC), but a year outside 1900–2100 is a typo or a
 *  placeholder for "none", never a real filing or payment date; loading it would count as a very late one. */
const DATE_RANGE = { first: "DATE '1900-01-01'", last: "DATE '2100-12-31'", label: "1900–2100 年" };

function dateRangeCheck(value: string, v: string, what: "日期" | "月份"): string {
  return `WHEN ${value} < ${DATE_RANGE.first} OR ${value} > ${DATE_RANGE.last}
    THEN ${lit(`${what}超出范围（${DATE_RANGE.label}）：`)} || ${v}`;
}

function withRequired(v: string, required: boolean | undefined, rest: string): string {
  const blank = required ? lit("必填项为空") : "NULL";
  return `CASE WHEN ${v} IS NULL THEN ${blank} ${rest} END`;
}

function rangeChecks(v: string, value: string, min?: number, max?: number): string {
  if (min === undefined && max === undefined) return "";
  const label = min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`;
  const conds = [min !== undefined ? `${value} < ${min}` : null, max !== undefined ? `${value} > ${max}` : null]
    .filter((c) => c !== null)
    .join(" OR ");
  return `WHEN ${conds} THEN ${lit(`数值超出范围（${label}）：`)} || ${v}`;
}

export function dateSql(v: string, required?: boolean): ParsedSql {
  const value = `CASE WHEN regexp_full_match(${v}, ${DATE_RE}) THEN try_cast(replace(${v}, '/', '-') AS DATE) END`;
  const error = withRequired(
    v,
    required,
    `WHEN regexp_full_match(${v}, ${DATE_RE}) AND ${value} IS NULL THEN ${lit("日期不存在：")} || ${v}
     WHEN regexp_full_match(${v}, ${EXCEL_SERIAL_RE})
       THEN ${lit("日期是 Excel 序列号，不是日期：")} || ${v} || ${lit(DATE_HINT)}
     WHEN NOT regexp_full_match(${v}, ${DATE_RE}) THEN ${lit("日期格式无效：")} || ${v} || ${lit(DATE_HINT)}
     ${dateRangeCheck(value, v, "日期")}`,
  );
  return { value, error };
}

export function columnSql(col: MappedColumn, v: string): ParsedSql {
  const s = col.spec;
  switch (s.kind) {
    case "text":
      return { value: v, error: withRequired(v, s.required, "") };
    case "date":
      return dateSql(v, s.required);
    case "month": {
      const value = `CASE WHEN regexp_full_match(${v}, ${MONTH_RE}) THEN try_cast(replace(${v}, '/', '-') || '-01' AS DATE) END`;
      const error = withRequired(
        v,
        s.required,
        `WHEN NOT regexp_full_match(${v}, ${MONTH_RE}) THEN ${lit("月份格式无效：")} || ${v} || ${lit("（应为 YYYY-MM）")}
         WHEN ${value} IS NULL THEN ${lit("月份不存在：")} || ${v}
         ${dateRangeCheck(value, v, "月份")}`,
      );
      return { value, error };
    }
    case "int":
    case "bigint": {
      const type = s.kind === "int" ? "INTEGER" : "BIGINT";
      const value = `CASE WHEN regexp_full_match(${v}, ${INT_RE}) THEN try_cast(replace(${v}, ',', '') AS ${type}) END`;
      const error = withRequired(
        v,
        s.required,
        `WHEN ${value} IS NULL THEN ${lit("不是整数：")} || ${v} ${rangeChecks(v, value, s.min, s.max)}`,
      );
      return { value, error };
    }
    case "double": {
      const value = `CASE WHEN regexp_full_match(${v}, ${NUMBER_RE}) THEN try_cast(replace(${v}, ',', '') AS DOUBLE) END`;
      const error = withRequired(
        v,
        s.required,
        `WHEN ${value} IS NULL THEN ${lit("不是数字：")} || ${v} ${rangeChecks(v, value, s.min, s.max)}`,
      );
      return { value, error };
    }
    case "money": {
      // DECIMAL(30,10) leaves 20 integer digits, so × 10000 cannot overflow before the range check below.
      const factor = col.unit === "万元" ? " * 10000" : "";
      const exact = `try_cast(replace(${v}, ',', '') AS DECIMAL(30,10))${factor}`;
      const value = `CASE WHEN regexp_full_match(${v}, ${NUMBER_RE}) THEN try_cast(${exact} AS DECIMAL(18,2)) END`;
      const error = withRequired(
        v,
        s.required,
        `WHEN NOT regexp_full_match(${v}, ${NUMBER_RE}) THEN ${lit("金额不是数字：")} || ${v}
         WHEN ${value} IS NULL THEN ${lit("金额超出范围：")} || ${v}
         ${s.nonNegative ? `WHEN ${value} < 0 THEN ${lit("金额不能为负数：")} || ${v}` : ""}`,
      );
      return { value, error };
    }
    case "bool": {
      const value = `CASE ${v} WHEN '是' THEN true WHEN '否' THEN false END`;
      return { value, error: withRequired(v, s.required, `WHEN ${value} IS NULL THEN ${lit("应为“是”或“否”：")} || ${v}`) };
    }
    case "jsonbool": {
      const value = `CASE lower(${v}) WHEN 'true' THEN true WHEN '是' THEN true WHEN 'false' THEN false WHEN '否' THEN false END`;
      return {
        value,
        error: withRequired(v, s.required, `WHEN ${value} IS NULL THEN ${lit("应为 true 或 false：")} || ${v}`),
      };
    }
    case "enum": {
      const values = s.values ?? [];
      return {
        value: v,
        error: withRequired(
          v,
          s.required,
          `WHEN NOT list_contains(${litList(values)}, ${v}) THEN ${lit(`不是允许的值（${values.join("/")}）：`)} || ${v}`,
        ),
      };
    }
    case "tags":
      return {
        value: `list_filter(list_transform(regexp_split_to_array(${v}, '[；;]'), t -> trim(t, ' 　')), t -> t <> '')`,
        error: withRequired(v, s.required, ""),
      };
    case "direction": {
      const value = `CASE ${v} WHEN '≥' THEN '>=' WHEN '>=' THEN '>=' WHEN '≤' THEN '<=' WHEN '<=' THEN '<=' END`;
      return { value, error: withRequired(v, s.required, `WHEN ${value} IS NULL THEN ${lit("方向应为 ≥ 或 ≤：")} || ${v}`) };
    }
  }
}
