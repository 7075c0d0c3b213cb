// FOCUS 1.x bill columns (Art. 23) as SQL over one bill file. CSV cells arrive as VARCHAR; Parquet columns arrive
// typed, and a column written as text (BilledCost as VARCHAR) goes through the text path, so its bad cells become
// rejected rows rather than a failed load. A column of a type that cannot hold the value at all (a BOOLEAN or DATE
// BilledCost, an INTEGER ChargePeriodStart) makes the file unreadable, naming the column and its type: every row
// would fail alike, and a cast would not fail but invent a value (DuckDB casts true to 1). Costs stay
// DECIMAL(18,6): the bill's own precision.
import { InboxError } from "./inbox-error.js";
import { lit, litList } from "./sql-text.js";
import type { ParsedSql } from "./value-sql.js";

export type BillingKind = "text" | "timestamp" | "cost" | "double" | "cpu" | "category" | "currency" | "tags";

export interface FocusColumn {
  name: string;
  column: string;
  kind: BillingKind;
  required?: boolean;
  optional?: boolean;
}

export const FOCUS_COLUMNS: readonly FocusColumn[] = [
  { name: "BillingAccountId", column: "billing_account_id", kind: "text" },
  { name: "BillingPeriodStart", column: "billing_period_start", kind: "timestamp" },
  { name: "BillingPeriodEnd", column: "billing_period_end", kind: "timestamp" },
  { name: "ChargePeriodStart", column: "charge_period_start", kind: "timestamp", required: true },
  { name: "ChargePeriodEnd", column: "charge_period_end", kind: "timestamp", required: true },
  { name: "ChargeCategory", column: "charge_category", kind: "category", required: true },
  { name: "BilledCost", column: "billed_cost", kind: "cost", required: true },
  { name: "EffectiveCost", column: "effective_cost", kind: "cost" },
  { name: "BillingCurrency", column: "billing_currency", kind: "currency", required: true },
  { name: "ResourceId", column: "resource_id", kind: "text" },
  { name: "ResourceType", column: "resource_type", kind: "text" },
  { name: "ServiceCategory", column: "service_category", kind: "text" },
  { name: "ServiceName", column: "service_name", kind: "text" },
  { name: "ConsumedQuantity", column: "consumed_quantity", kind: "double" },
  { name: "ConsumedUnit", column: "consumed_unit", kind: "text" },
  { name: "Tags", column: "tags", kind: "tags" },
  { name: "x_CpuUtilization", column: "cpu_utilization", kind: "cpu", optional: true },
];

export const CHARGE_CATEGORIES = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"] as const;

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/** Dates and instants a bill can mean: anything before 1900 or after 2100 is a typo or a placeholder (0000-01-01),
 *  not a charge period, and would fall in a budget year that does not exist. */
const FIRST_INSTANT = "TIMESTAMP '1900-01-01 00:00:00'";
const END_INSTANT = "TIMESTAMP '2101-01-01 00:00:00'";

function required(c: FocusColumn): string {
  return c.required ? lit("必填项为空") : "NULL";
}

/** A column's text form, for the reject's value and for columns typed unexpectedly. */
export function asText(x: string, type: string): string {
  return type === "VARCHAR" ? x : `${x}::VARCHAR`;
}

function timestampSql(c: FocusColumn, x: string, type: string, file: string): string {
  if (type === "TIMESTAMP") return x;
  // The UTC wall time of an instant: arithmetic on its epoch, not ICU's time zone conversion (30× slower over a
  // province's bills, and the answer is the same for UTC).
  if (type === "TIMESTAMP WITH TIME ZONE") return `make_timestamp(epoch_us(${x}))`;
  if (/^TIMESTAMP_(S|MS|NS)$/.test(type) || type === "DATE") return `${x}::TIMESTAMP`;
  if (type !== "VARCHAR" && type !== "NULL") {
    throw new InboxError(file, `列 ${c.name} 的类型是 ${type}，无法作为时间戳`);
  }
  // FOCUS writes UTC, usually with a Z. A plain TIMESTAMP cast ignores an explicit offset (+08:00), so such text
  // goes through TIMESTAMPTZ; text without any offset is UTC as FOCUS requires, whatever the session time zone.
  return `CASE WHEN ${x} IS NULL THEN NULL
    WHEN ends_with(${x}, 'Z') THEN try_cast(${x} AS TIMESTAMP)
    WHEN regexp_matches(${x}, '[+-]\\d\\d:?\\d\\d$') THEN make_timestamp(epoch_us(try_cast(${x} AS TIMESTAMPTZ)))
    ELSE try_cast(${x} AS TIMESTAMP) END`;
}

/** A numeric FOCUS column must be a number or text (checked cell by cell); any other type is refused. */
function checkNumericType(c: FocusColumn, type: string, file: string, what: string): void {
  if (NUMERIC_TYPE.test(type) || type === "VARCHAR" || type === "NULL") return;
  throw new InboxError(file, `列 ${c.name} 的类型是 ${type}，无法作为${what}`);
}

export function billingColumnSql(c: FocusColumn, x: string, type: string, file: string): ParsedSql {
  const text = asText(x, type);
  const numeric = NUMERIC_TYPE.test(type);
  switch (c.kind) {
    case "text":
      return { value: text, error: c.required ? `CASE WHEN ${x} IS NULL THEN ${required(c)} END` : "NULL" };
    case "timestamp": {
      const value = timestampSql(c, x, type, file);
      return {
        value,
        error: `CASE WHEN ${x} IS NULL THEN ${required(c)} WHEN ${value} IS NULL THEN ${lit("时间格式无效：")} || ${text}
          WHEN ${value} < ${FIRST_INSTANT} OR ${value} >= ${END_INSTANT} THEN ${lit("时间超出范围（1900–2100 年）：")} || ${text} END`,
      };
    }
    case "cost": {
      checkNumericType(c, type, file, "金额");
      const value = `try_cast(${x} AS DECIMAL(18,6))`;
      const notNumber = numeric ? "false" : `try_cast(${text} AS DOUBLE) IS NULL`;
      return {
        value,
        error: `CASE WHEN ${x} IS NULL THEN ${required(c)} WHEN ${value} IS NULL THEN
          CASE WHEN ${notNumber} THEN ${lit("金额不是数字：")} ELSE ${lit("金额超出范围：")} END || ${text} END`,
      };
    }
    case "double":
    case "cpu": {
      checkNumericType(c, type, file, "数字");
      const value = numeric ? `try_cast(${x} AS DOUBLE)` : `try_cast(${text} AS DOUBLE)`;
      const range =
        c.kind === "cpu" ? `WHEN ${value} < 0 OR ${value} > 1 THEN ${lit("数值超出范围（0–1）：")} || ${text}` : "";
      return {
        value,
        error: `CASE WHEN ${x} IS NULL THEN ${required(c)} WHEN ${value} IS NULL THEN ${lit("不是数字：")} || ${text} ${range} END`,
      };
    }
    case "category":
      return {
        value: text,
        error: `CASE WHEN ${x} IS NULL THEN ${required(c)} WHEN NOT list_contains(${litList(CHARGE_CATEGORIES)}, ${text})
          THEN ${lit(`不是允许的值（${CHARGE_CATEGORIES.join("/")}）：`)} || ${text} END`,
      };
    case "currency":
      // The government cloud bills in yuan; a row in another currency cannot be added to a yuan budget.
      return {
        value: text,
        error: `CASE WHEN ${x} IS NULL THEN ${required(c)} WHEN ${text} <> 'CNY' THEN ${lit("币种应为 CNY：")} || ${text} END`,
      };
    case "tags":
      // json_type only checks the document (a tenth of the cost of extracting from it, over 60 M rows)
      return {
        value: text,
        error: `CASE WHEN ${x} IS NULL THEN ${required(c)}
          WHEN try(json_type(${text})) IS DISTINCT FROM 'OBJECT' THEN ${lit("Tags 不是 JSON 对象：")} || ${text} END`,
      };
  }
}

/** Tags.project_id: the project a charge belongs to (NULL when untagged — a finding for the marts, not a reject). */
export function projectIdSql(tags: string): string {
  return `try(json_extract_string(${tags}, '$.project_id'))`;
}

/** What a required column holds in a row that is about to be rejected (see cloud-billing.ts): any value of the type. */
export function placeholderSql(c: FocusColumn, value: string): string {
  if (!c.required) return value;
  const filler = c.kind === "timestamp" ? "TIMESTAMP '1970-01-01 00:00:00'" : c.kind === "cost" ? "0" : "''";
  return `coalesce(${value}, ${filler})`;
}

/** The Beijing calendar day of a UTC instant, which fixes the budget year and month (Art. 23). Asia/Shanghai has
 *  kept +08:00 without daylight saving since 1991, so for later instants the fixed offset gives the same day as
 *  ICU's conversion (tested against it) at a fraction of the cost over tens of millions of rows; earlier instants
 *  go through ICU. */
export function beijingDateSql(utc: string): string {
  return `CASE WHEN ${utc} >= TIMESTAMP '1992-01-01 00:00:00' THEN (${utc} + INTERVAL 8 HOUR)::DATE
    ELSE ((${utc} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::DATE END`;
}
