// The government cloud's bills (Art. 23: the rent that is shared with the counties), in FOCUS 1.x columns, one row
// per resource per Beijing day, one file per Beijing month. Timestamps are UTC as FOCUS requires: the Beijing day
// D runs from (D−1) 16:00Z to D 16:00Z. The rows are produced by DuckDB itself — `COPY (SELECT … FROM resources,
// range(first day, last day)) TO …` per month — so a province-scale run (tens of millions of rows) streams through
// DuckDB with bounded memory instead of through JavaScript. One thread keeps the Parquet bytes deterministic.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { dayNumber, daysInMonth, ymd, type IsoDate } from "./dates.js";
import type { CloudResource, ProjectRecords, ResourceType } from "./model.js";
import { billedDays } from "./systems.js";

export type BillFormat = "csv" | "parquet";

export interface BillingFile {
  file: string;
  rows: number;
}

const SERVICE: Record<ResourceType, { category: string; name: string; unit: string }> = {
  云主机: { category: "Compute", name: "弹性云主机", unit: "Hours" },
  云数据库: { category: "Databases", name: "云数据库", unit: "Hours" },
  云存储: { category: "Storage", name: "云存储", unit: "GB-Days" },
  云安全: { category: "Security", name: "云安全服务", unit: "Days" },
};

/** What one day of the resource consumes, in the bill's unit. */
function dailyQuantity(r: CloudResource): number {
  if (r.type === "云主机" || r.type === "云数据库") return 24;
  if (r.type === "云存储") {
    const m = /(\d+)TB/.exec(r.spec);
    return m ? Number(m[1]) * 1024 : 1024;
  }
  return 1;
}

async function loadResources(conn: DuckDBConnection, projects: readonly ProjectRecords[], billingEnd: IsoDate): Promise<number> {
  await conn.run(`CREATE TABLE res (
    rix INTEGER, resource_id VARCHAR, account VARCHAR, resource_type VARCHAR, service_category VARCHAR, service_name VARCHAR,
    consumed_unit VARCHAR, qty DOUBLE, daily_fen BIGINT, first_day INTEGER, last_day INTEGER, cpu_base DOUBLE, tags VARCHAR)`);
  const app = await conn.createAppender("res");
  let n = 0;
  for (const p of projects) {
    for (const r of p.resources) {
      const days = billedDays(r, billingEnd);
      if (!days) continue;
      const svc = SERVICE[r.type];
      // Resources arrive in resource-id order (projects by id, resources numbered within each), so the integer
      // ordinal sorts like the id at a fraction of the cost of sorting text.
      app.appendInteger(n);
      app.appendVarchar(r.resourceId);
      app.appendVarchar(`ZWY-${p.app.dept.code.slice(8, 17)}`);
      app.appendVarchar(r.type);
      app.appendVarchar(svc.category);
      app.appendVarchar(svc.name);
      app.appendVarchar(svc.unit);
      app.appendDouble(dailyQuantity(r));
      app.appendBigInt(BigInt(r.dailyFen));
      app.appendInteger(dayNumber(days.first));
      app.appendInteger(dayNumber(days.last));
      if (r.cpuBase === null) app.appendNull();
      else app.appendDouble(r.cpuBase);
      app.appendVarchar(JSON.stringify({ project_id: r.projectId, system_id: r.systemId }));
      app.endRow();
      n++;
    }
  }
  app.closeSync();
  return n;
}

/** The month's rows. Timestamps: CSV gets ISO-8601 text with 'Z'; Parquet gets instants (TIMESTAMP WITH TIME ZONE,
 *  isAdjustedToUTC) built from epoch seconds, which no session time zone can shift. */
function monthQuery(first: number, last: number, format: BillFormat): string {
  const ts = (secondsExpr: string): string =>
    format === "parquet" ? `to_timestamp(${secondsExpr})` : `strftime(make_timestamp((${secondsExpr}) * 1000000), '%Y-%m-%dT%H:%M:%SZ')`;
  const beijingMidnight = (dayExpr: string): string => `(${dayExpr})::BIGINT * 86400 - 28800`;
  return `
    SELECT
      r.account AS BillingAccountId,
      ${ts(beijingMidnight(String(first)))} AS BillingPeriodStart,
      ${ts(beijingMidnight(String(last + 1)))} AS BillingPeriodEnd,
      ${ts(beijingMidnight("t.d"))} AS ChargePeriodStart,
      ${ts(beijingMidnight("t.d + 1"))} AS ChargePeriodEnd,
      'Usage' AS ChargeCategory,
      (r.daily_fen::DECIMAL(18, 2) / 100)::DECIMAL(18, 2) AS BilledCost,
      (r.daily_fen::DECIMAL(18, 2) / 100)::DECIMAL(18, 2) AS EffectiveCost,
      'CNY' AS BillingCurrency,
      r.resource_id AS ResourceId,
      r.resource_type AS ResourceType,
      r.service_category AS ServiceCategory,
      r.service_name AS ServiceName,
      r.qty AS ConsumedQuantity,
      r.consumed_unit AS ConsumedUnit,
      r.tags AS Tags,
      CASE WHEN r.cpu_base IS NULL THEN NULL
           ELSE round(greatest(0.001, least(0.99, r.cpu_base * (0.6 + (hash(r.resource_id, t.d) % 1000)::DOUBLE / 1250.0))), 4)
      END AS x_CpuUtilization
    FROM res r, range(${first}, ${last + 1}) t(d)
    WHERE t.d BETWEEN r.first_day AND r.last_day
    ORDER BY t.d, r.rix`;
}

export interface BillingOptions {
  outDir: string;
  projects: readonly ProjectRecords[];
  firstMonth: { y: number; m: number };
  billingEnd: IsoDate;
  /** The export format of a month; `index` counts the files written before it. */
  formatOf: (y: number, m: number, index: number) => BillFormat;
  onMonth?: (file: string, rows: number) => void;
}

export async function writeBilling(o: BillingOptions): Promise<BillingFile[]> {
  const dir = path.join(o.outDir, "cloud_billing");
  await mkdir(dir, { recursive: true });
  const instance = await DuckDBInstance.create(":memory:", { threads: "1", preserve_insertion_order: "true" });
  const conn = await instance.connect();
  const out: BillingFile[] = [];
  try {
    await loadResources(conn, o.projects, o.billingEnd);
    const spans = (await conn.runAndReadAll("SELECT min(first_day) AS lo, max(last_day) AS hi FROM res")).getRowObjectsJson()[0];
    const lo = Number(spans.lo ?? 0);
    const hi = Number(spans.hi ?? -1);
    let { y, m } = o.firstMonth;
    const endDay = dayNumber(o.billingEnd);
    while (dayNumber(ymd(y, m, 1)) <= endDay) {
      const first = dayNumber(ymd(y, m, 1));
      const last = Math.min(endDay, dayNumber(ymd(y, m, daysInMonth(y, m))));
      if (last >= lo && first <= hi) {
        const format = o.formatOf(y, m, out.length);
        const name = `focus_${y}-${String(m).padStart(2, "0")}.${format}`;
        const target = path.join(dir, name).replaceAll("'", "''");
        const sql = `COPY (${monthQuery(first, last, format)}) TO '${target}' (${format === "parquet" ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER"})`;
        const result = await conn.run(sql);
        const rows = Number(result.rowsChanged);
        out.push({ file: `cloud_billing/${name}`, rows });
        o.onMonth?.(`cloud_billing/${name}`, rows);
      }
      [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out;
}
