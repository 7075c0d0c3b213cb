// Cloud bills at more than toy size: row numbers and first-wins across DuckDB's parallel scan, the Beijing day
// against ICU's own conversion, and the FOCUS header rules.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openWarehouse } from "../../etl/db.js";
import { InboxError } from "../../etl/load/inbox.js";
import {
  billLine,
  FOCUS_HEADER,
  loadDir,
  makeInbox,
  writeParquetBill,
  writeText,
} from "../fixtures/inbox/make-inbox.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function inbox(): Promise<string> {
  const dir = await makeInbox(null);
  dirs.push(dir);
  return dir;
}

describe("a 300 000-row bill with scattered bad and repeated rows", () => {
  it("reports the exact file row of every reject, the first occurrence wins, read = loaded + rejected", async () => {
    const dir = await inbox();
    const file = path.join(dir, "cloud_billing", "2024-01.csv");
    await writeText(dir, "cloud_billing/.keep", "");
    const wh = await openWarehouse(":memory:");
    // Row i (file row i + 1): resource r<i>; USD at i = 5, 100005, 200005; rows 150000 and 250000 repeat row 10.
    await wh.conn.run(
      `COPY (
        SELECT 'GOV-SX' AS BillingAccountId, '2024-01-01T00:00:00Z' AS BillingPeriodStart, '2024-02-01T00:00:00Z' AS BillingPeriodEnd,
          '2024-01-01T16:00:00Z' AS ChargePeriodStart, '2024-01-02T16:00:00Z' AS ChargePeriodEnd, 'Usage' AS ChargeCategory,
          (i % 1000)::VARCHAR AS BilledCost, (i % 1000)::VARCHAR AS EffectiveCost,
          CASE WHEN i % 100000 = 5 THEN 'USD' ELSE 'CNY' END AS BillingCurrency,
          'r' || CASE WHEN i IN (150000, 250000) THEN 10 ELSE i END AS ResourceId,
          'ecs' AS ResourceType, 'Compute' AS ServiceCategory, 'ECS' AS ServiceName, 24 AS ConsumedQuantity,
          'Hours' AS ConsumedUnit, '{"project_id":"P2024-001"}' AS Tags, 0.5 AS x_CpuUtilization
        FROM range(300000) t(i)) TO '${file}' (HEADER)`,
    );
    wh.close();
    const l = await loadDir(dir);
    try {
      const rejects = await l.q("SELECT row_number::INT AS rn, column_name, reason FROM etl_rejects ORDER BY row_number");
      expect(rejects).toEqual([
        { rn: 6, column_name: "BillingCurrency", reason: "币种应为 CNY：USD" },
        { rn: 100006, column_name: "BillingCurrency", reason: "币种应为 CNY：USD" },
        {
          rn: 150001,
          column_name: null,
          reason: "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r10/2024-01-01T16:00:00Z/Usage，与第 11 行重复",
        },
        { rn: 200006, column_name: "BillingCurrency", reason: "币种应为 CNY：USD" },
        {
          rn: 250001,
          column_name: null,
          reason: "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r10/2024-01-01T16:00:00Z/Usage，与第 11 行重复",
        },
      ]);
      expect(await l.batch("cloud_billing/2024-01.csv")).toMatchObject({
        rows_read: "300000",
        rows_loaded: "299995",
        rows_rejected: "5",
      });
      // The kept r10 is the first one (cost 10), not the repeats (cost 0).
      expect(await l.q("SELECT billed_cost::INT AS c FROM stg_cloud_billing WHERE resource_id = 'r10'")).toEqual([{ c: 10 }]);
      expect(await l.q("SELECT count(*)::INT AS n FROM stg_cloud_billing")).toEqual([{ n: 299995 }]);
    } finally {
      await l.close();
    }
  });
});

describe("a 300 000-row bill with ragged lines, blank lines and quoted line breaks", () => {
  it("rejects each ragged line with its row number, numbers the rows around them exactly, loads the rest", async () => {
    const dir = await inbox();
    // Data row i: resource r<i>. Too few fields at i ≡ 7 (mod 50 000); a line break inside ServiceName at
    // i ≡ 11 (mod 60 000); USD at i ≡ 5 (mod 100 000); a blank line before row 100 000; row 250 000 repeats row 10.
    const lines = [FOCUS_HEADER];
    for (let i = 1; i <= 300_000; i++) {
      if (i === 100_000) lines.push("");
      if (i % 50_000 === 7) lines.push(`GOV-SX,2024-01-01T00:00:00Z,r${i}`);
      else {
        const line = billLine({ resource: `r${i === 250_000 ? 10 : i}`, currency: i % 100_000 === 5 ? "USD" : "CNY" });
        lines.push(i % 60_000 === 11 ? line.replace("云服务器 ECS", '"云服务器\nECS"') : line);
      }
    }
    await writeText(dir, "cloud_billing/2024-01.csv", `${lines.join("\n")}\n`);
    const l = await loadDir(dir);
    try {
      const rejects = await l.q("SELECT row_number::INT AS rn, column_name, value, reason FROM etl_rejects ORDER BY row_number");
      const short = (i: number) => ({
        rn: i,
        column_name: null,
        value: `GOV-SX,2024-01-01T00:00:00Z,r${i}`,
        reason: "列数不足：该行只有 3 列，表头有 17 列（行被截断？）",
      });
      const usd = (i: number) => ({ rn: i, column_name: "BillingCurrency", value: "USD", reason: "币种应为 CNY：USD" });
      expect(rejects).toEqual([
        usd(5),
        short(7),
        short(50_007),
        usd(100_005),
        short(100_007),
        short(150_007),
        usd(200_005),
        short(200_007),
        {
          rn: 250_000,
          column_name: null,
          value: "r10/2024-01-01T16:00:00Z/Usage",
          reason: "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r10/2024-01-01T16:00:00Z/Usage，与第 10 行重复",
        },
        short(250_007),
      ]);
      expect(await l.batch("cloud_billing/2024-01.csv")).toMatchObject({
        rows_read: "300000",
        rows_loaded: "299990",
        rows_rejected: "10",
      });
      expect(
        await l.q("SELECT sum(charge_rows)::INT AS n FROM stg_cloud_billing_month WHERE service_name = '云服务器\nECS'"),
      ).toEqual([{ n: 5 }]);
    } finally {
      await l.close();
    }
  });
});

describe("bills delivered twice over the same days", () => {
  it("a later file's rows that repeat an earlier file's are rejected naming it, in any format; a bad row is never the first", async () => {
    const dir = await inbox();
    // a.csv (read first): r1 on 01-02 is bad (USD), r2 on 01-02 good, r3 on 01-03 good.
    await writeText(
      dir,
      "cloud_billing/a.csv",
      [
        FOCUS_HEADER,
        billLine({ resource: "r1", currency: "USD" }),
        billLine({ resource: "r2" }),
        billLine({ resource: "r3", start: "2024-01-02T16:00:00Z", end: "2024-01-03T16:00:00Z" }),
      ].join("\n"),
    );
    // b.parquet: the same three keys again plus a new one, r2 twice; its r1 is the first good r1, so it loads.
    const row = (resource: string, start: string, cost: number) =>
      `SELECT 'GOV-SX' AS BillingAccountId, NULL::TIMESTAMP AS BillingPeriodStart, NULL::TIMESTAMP AS BillingPeriodEnd,
              TIMESTAMPTZ '${start}' AS ChargePeriodStart, TIMESTAMPTZ '${start}' + INTERVAL 1 DAY AS ChargePeriodEnd,
              'Usage' AS ChargeCategory, ${cost}::DECIMAL(18,6) AS BilledCost, ${cost}::DECIMAL(18,6) AS EffectiveCost,
              'CNY' AS BillingCurrency, '${resource}' AS ResourceId, 'ecs' AS ResourceType, 'Compute' AS ServiceCategory,
              'ECS' AS ServiceName, 24.0 AS ConsumedQuantity, 'Hours' AS ConsumedUnit,
              '{"project_id":"P2024-001"}' AS Tags, 0.5 AS x_CpuUtilization`;
    await writeParquetBill(
      dir,
      "cloud_billing/b.parquet",
      [
        row("r1", "2024-01-01 16:00:00+00", 1),
        row("r2", "2024-01-01 16:00:00+00", 2),
        row("r4", "2024-01-03 16:00:00+00", 4),
        row("r2", "2024-01-01 16:00:00+00", 5),
        row("r3", "2024-01-02 16:00:00+00", 3),
      ].join(" UNION ALL "),
    );
    const l = await loadDir(dir);
    try {
      expect(await l.q("SELECT file, row_number::INT AS rn, reason FROM etl_rejects ORDER BY file, row_number")).toEqual([
        { file: "cloud_billing/a.csv", rn: 1, reason: "币种应为 CNY：USD" },
        {
          file: "cloud_billing/b.parquet",
          rn: 2,
          reason: "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r2/2024-01-01T16:00:00Z/Usage，与 cloud_billing/a.csv 第 2 行重复",
        },
        {
          file: "cloud_billing/b.parquet",
          rn: 4,
          reason: "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r2/2024-01-01T16:00:00Z/Usage，与 cloud_billing/a.csv 第 2 行重复",
        },
        {
          file: "cloud_billing/b.parquet",
          rn: 5,
          reason: "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r3/2024-01-02T16:00:00Z/Usage，与 cloud_billing/a.csv 第 3 行重复",
        },
      ]);
      expect(await l.batch("cloud_billing/a.csv")).toMatchObject({ rows_read: "3", rows_loaded: "2", rows_rejected: "1" });
      expect(await l.batch("cloud_billing/b.parquet")).toMatchObject({ rows_read: "5", rows_loaded: "2", rows_rejected: "3" });
      expect(
        await l.q("SELECT source_file, resource_id, billed_cost::VARCHAR AS cost FROM stg_cloud_billing ORDER BY 1, 2"),
      ).toEqual([
        { source_file: "cloud_billing/a.csv", resource_id: "r2", cost: "10.500000" },
        { source_file: "cloud_billing/a.csv", resource_id: "r3", cost: "10.500000" },
        { source_file: "cloud_billing/b.parquet", resource_id: "r1", cost: "1.000000" },
        { source_file: "cloud_billing/b.parquet", resource_id: "r4", cost: "4.000000" },
      ]);
      expect(
        await l.q("SELECT source_file, sum(charge_rows)::INT AS n, sum(billed_cost)::VARCHAR AS cost FROM stg_cloud_billing_month GROUP BY 1 ORDER BY 1"),
      ).toEqual([
        { source_file: "cloud_billing/a.csv", n: 2, cost: "21.000000" },
        { source_file: "cloud_billing/b.parquet", n: 2, cost: "5.000000" },
      ]);
    } finally {
      await l.close();
    }
  });
});

describe("the Beijing day of ChargePeriodStart", () => {
  it("matches ICU's Asia/Shanghai conversion, daylight-saving years of 1986–1991 included", async () => {
    const dir = await inbox();
    await writeParquetBill(
      dir,
      "cloud_billing/span.parquet",
      `SELECT TIMESTAMP '1986-01-01 00:00:00' + i * INTERVAL 7 HOUR + (i % 60) * INTERVAL 1 MINUTE AS ChargePeriodStart,
              TIMESTAMP '1986-01-01 00:00:00' + i * INTERVAL 7 HOUR + INTERVAL 1 DAY AS ChargePeriodEnd,
              'Usage' AS ChargeCategory, 1.0 AS BilledCost, 1.0 AS EffectiveCost, 'CNY' AS BillingCurrency,
              'r' || i AS ResourceId, NULL::VARCHAR AS BillingAccountId, NULL::TIMESTAMP AS BillingPeriodStart,
              NULL::TIMESTAMP AS BillingPeriodEnd, NULL::VARCHAR AS ResourceType, NULL::VARCHAR AS ServiceCategory,
              NULL::VARCHAR AS ServiceName, NULL::DOUBLE AS ConsumedQuantity, NULL::VARCHAR AS ConsumedUnit,
              '{}' AS Tags
       FROM range(60000) t(i)`,
    );
    const l = await loadDir(dir);
    try {
      // Row i of the file started at the instant below (ResourceId 'r' || i); ICU converts it to Beijing time.
      const [r] = await l.q(
        `SELECT count(*)::INT AS n,
                count(*) FILTER (WHERE charge_date <> ((start AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::DATE)::INT AS off,
                min(year(charge_date))::INT AS first, max(year(charge_date))::INT AS last
         FROM (SELECT charge_date, TIMESTAMP '1986-01-01 00:00:00' + i * INTERVAL 7 HOUR + (i % 60) * INTERVAL 1 MINUTE AS start
               FROM (SELECT charge_date, substr(resource_id, 2)::INT AS i FROM stg_cloud_billing))`,
      );
      expect(r).toEqual({ n: 60000, off: 0, first: 1986, last: 2033 });
      // Tags without a project_id and no x_CpuUtilization column: the charges load, untagged, CPU unknown.
      expect(
        await l.q(
          `SELECT sum(charge_rows)::INT AS n FROM stg_cloud_billing_month
           WHERE project_id IS NULL AND cpu_utilization_sum IS NULL AND cpu_utilization_n = 0`,
        ),
      ).toEqual([{ n: 60000 }]);
    } finally {
      await l.close();
    }
  });

  it("reads Z, explicit offsets and offset-less text as UTC instants", async () => {
    const dir = await inbox();
    await writeText(
      dir,
      "cloud_billing/2024-01.csv",
      [
        FOCUS_HEADER,
        billLine({ resource: "z", start: "2024-01-31T16:00:00Z", end: "2024-02-01T16:00:00Z" }),
        billLine({ resource: "offset", start: "2024-02-01T00:00:00+08:00", end: "2024-02-02T00:00:00+08:00" }),
        billLine({ resource: "plain", start: "2024-01-31 15:59:59", end: "2024-02-01 15:59:59" }),
      ].join("\n"),
    );
    const l = await loadDir(dir);
    try {
      expect(
        await l.q("SELECT resource_id, charge_date::VARCHAR AS d FROM stg_cloud_billing ORDER BY resource_id"),
      ).toEqual([
        // 2024-01-31 16:00 UTC is midnight in Beijing: the 1st of February. One second earlier is still the 31st.
        { resource_id: "offset", d: "2024-02-01" },
        { resource_id: "plain", d: "2024-01-31" },
        { resource_id: "z", d: "2024-02-01" },
      ]);
    } finally {
      await l.close();
    }
  });
});

describe("FOCUS headers", () => {
  it("match case-insensitively in any order; x_CpuUtilization may be absent", async () => {
    const dir = await inbox();
    const cols = FOCUS_HEADER.split(",").slice(0, -1);
    const line = billLine({ resource: "r1" }).split(",").slice(0, -1);
    // Move Tags (the last column now, a quoted field holding commas) to the front, lower-case the names.
    const tagsCell = line.slice(15).join(",");
    await writeText(
      dir,
      "cloud_billing/2024-01.csv",
      `tags,${cols.slice(0, 15).map((c) => c.toLowerCase()).join(",")}\n${tagsCell},${line.slice(0, 15).join(",")}\n`,
    );
    const l = await loadDir(dir);
    try {
      expect(
        await l.q("SELECT resource_id, project_id, cpu_utilization_sum, cpu_utilization_n::INT AS n FROM stg_cloud_billing_month"),
      ).toEqual([{ resource_id: "r1", project_id: "P2024-001", cpu_utilization_sum: null, n: 0 }]);
    } finally {
      await l.close();
    }
  });

  it("a bill without BilledCost cannot be read", async () => {
    const dir = await inbox();
    const header = FOCUS_HEADER.replace("BilledCost,", "");
    await writeText(dir, "cloud_billing/2024-01.csv", `${header}\n`);
    const attempt = loadDir(dir);
    await expect(attempt).rejects.toBeInstanceOf(InboxError);
    await expect(attempt).rejects.toThrow("cloud_billing/2024-01.csv：缺少列：BilledCost");
  });

  it("CSV and Parquet bills load side by side, in path order, each with its own batch", async () => {
    const dir = await inbox();
    await writeText(dir, "cloud_billing/2024-01.csv", `${FOCUS_HEADER}\n${billLine({ resource: "csv-1" })}\n`);
    await writeParquetBill(
      dir,
      "cloud_billing/2024-02.parquet",
      `SELECT * REPLACE ('parquet-1' AS ResourceId) FROM read_csv('${path.join(dir, "cloud_billing/2024-01.csv")}', all_varchar = true)`,
    );
    const l = await loadDir(dir);
    try {
      expect(await l.q("SELECT resource_id, source_file FROM stg_cloud_billing ORDER BY 1")).toEqual([
        { resource_id: "csv-1", source_file: "cloud_billing/2024-01.csv" },
        { resource_id: "parquet-1", source_file: "cloud_billing/2024-02.parquet" },
      ]);
      expect(await l.q("SELECT file, encoding FROM etl_batches WHERE source = 'cloud_billing' ORDER BY batch_id")).toEqual([
        { file: "cloud_billing/2024-01.csv", encoding: "utf-8" },
        { file: "cloud_billing/2024-02.parquet", encoding: "parquet" },
      ]);
    } finally {
      await l.close();
    }
  });
});
