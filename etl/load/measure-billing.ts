// Measures the bill load against DuckDB's bare CSV import of the same file:
//   npx tsx etl/load/measure-billing.ts [--rows 5000000] [--bad-every 0] [--rounds 2]
// Writes a synthetic FOCUS bill with DuckDB COPY into a temp inbox, then times, each on a fresh warehouse file,
//   raw:  CREATE TABLE t AS SELECT * FROM read_csv(file)
//   load: loadInbox on the inbox (every other source absent), i.e. decode, validate, reject, insert, bookkeeping.
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createSchema, openWarehouse, query } from "../db.js";
import { loadInbox } from "./inbox.js";
import { silentReporter } from "./reporter.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "5000000" },
    "bad-every": { type: "string", default: "0" },
    rounds: { type: "string", default: "2" },
  },
});
const rows = Number(values.rows);
const badEvery = Number(values["bad-every"]);
const rounds = Number(values.rounds);

async function generate(file: string): Promise<void> {
  const wh = await openWarehouse(":memory:");
  // One row per resource per Beijing day (16:00Z to 16:00Z), 5 000 resources; every badEvery-th row in USD.
  const currency = badEvery > 0 ? `CASE WHEN i % ${badEvery} = ${badEvery - 1} THEN 'USD' ELSE 'CNY' END` : "'CNY'";
  await wh.conn.run(`COPY (
    SELECT 'GOV-SX-' || (r % 7) AS BillingAccountId,
      strftime(date_trunc('month', ts), '%Y-%m-%dT%H:%M:%SZ') AS BillingPeriodStart,
      strftime(date_trunc('month', ts) + INTERVAL 1 MONTH, '%Y-%m-%dT%H:%M:%SZ') AS BillingPeriodEnd,
      strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodStart,
      strftime(ts + INTERVAL 1 DAY, '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodEnd,
      'Usage' AS ChargeCategory,
      round(random() * 100, 6)::VARCHAR AS BilledCost,
      round(random() * 90, 6)::VARCHAR AS EffectiveCost,
      ${currency} AS BillingCurrency,
      'res-' || r AS ResourceId, 'ecs.g6.large' AS ResourceType, 'Compute' AS ServiceCategory,
      '云服务器 ECS' AS ServiceName, 24 AS ConsumedQuantity, 'Hours' AS ConsumedUnit,
      '{"project_id":"P2024-' || lpad((r % 900)::VARCHAR, 3, '0') || '","env":"prod"}' AS Tags,
      round(random(), 4) AS x_CpuUtilization
    FROM (SELECT i, i % 5000 AS r, TIMESTAMP '2022-12-31 16:00:00' + (i // 5000) * INTERVAL 1 DAY AS ts
          FROM range(${rows}) t(i))
  ) TO '${file.replaceAll("'", "''")}' (HEADER)`);
  wh.close();
}

interface Timing {
  ms: number;
  /** CPU time of the whole process (DuckDB's threads included): steadier than wall time on a shared machine. */
  cpuMs: number;
}

function startTimer(): () => Timing {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
  };
}

async function timeRaw(dbFile: string, csv: string): Promise<Timing> {
  const wh = await openWarehouse(dbFile);
  const stop = startTimer();
  await wh.conn.run("CREATE TABLE t AS SELECT * FROM read_csv($path)", { path: csv });
  const t = stop();
  wh.close();
  return t;
}

async function timeLoad(dbFile: string, inbox: string): Promise<Timing & { loaded: string; rejected: string }> {
  const wh = await openWarehouse(dbFile);
  await createSchema(wh.conn);
  const stop = startTimer();
  await loadInbox(wh.conn, inbox, silentReporter);
  const t = stop();
  const [b] = await query(
    wh.conn,
    "SELECT sum(rows_loaded)::VARCHAR AS loaded, sum(rows_rejected)::VARCHAR AS rejected FROM etl_batches",
  );
  wh.close();
  return { ...t, loaded: String(b.loaded), rejected: String(b.rejected) };
}

const work = await mkdtemp(path.join(tmpdir(), "xinguan-measure-"));
try {
  const inbox = path.join(work, "inbox");
  await mkdir(path.join(inbox, "cloud_billing"), { recursive: true });
  const csv = path.join(inbox, "cloud_billing", "bill.csv");
  const g0 = performance.now();
  await generate(csv);
  const size = (await stat(csv)).size;
  console.log(`generated ${rows} rows, ${(size / 1e6).toFixed(0)} MB in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
  for (let round = 1; round <= rounds; round++) {
    for (const f of ["raw.duckdb", "load.duckdb"]) await rm(path.join(work, f), { force: true });
    const raw = await timeRaw(path.join(work, "raw.duckdb"), csv);
    const load = await timeLoad(path.join(work, "load.duckdb"), inbox);
    const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `round ${round}: raw CTAS ${s(raw.ms)} (cpu ${s(raw.cpuMs)}), loadInbox ${s(load.ms)} (cpu ${s(load.cpuMs)}) ` +
        `loaded ${load.loaded}, rejected ${load.rejected}; ratio wall ${(load.ms / raw.ms).toFixed(2)}×, ` +
        `cpu ${(load.cpuMs / raw.cpuMs).toFixed(2)}×`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
