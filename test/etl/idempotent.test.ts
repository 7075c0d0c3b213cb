// Idempotence (architecture.md): the marts are a pure function of the inbox, the reference data and the as-of date,
// so two loads of the same inbox give the same rows in every public relation.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openWarehouse, query } from "../../etl/db.js";
import { silentReporter } from "../../etl/load/reporter.js";
import { buildWarehouse } from "../../etl/warehouse/build.js";
import { calendarExceptions } from "../../etl/gen/calendar.js";
import { makeInbox } from "../fixtures/inbox/make-inbox.js";

async function snapshot(db: string): Promise<Record<string, unknown[]>> {
  const wh = await openWarehouse(db, { access_mode: "READ_ONLY" });
  try {
    const tables = await query(
      wh.conn,
      "SELECT table_name FROM information_schema.tables WHERE regexp_matches(table_name, '^(mart|dim|stg)_') ORDER BY 1",
    );
    const out: Record<string, unknown[]> = {};
    for (const { table_name } of tables) out[String(table_name)] = await query(wh.conn, `SELECT * FROM "${table_name}" ORDER BY ALL`);
    out.etl_batches = await query(wh.conn, "SELECT source, file, sha256, encoding, rows_read, rows_loaded, rows_rejected, status FROM etl_batches ORDER BY ALL");
    out.etl_rejects = await query(wh.conn, "SELECT * FROM etl_rejects ORDER BY ALL");
    return out;
  } finally {
    wh.close();
  }
}

describe("loading the same inbox twice", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("gives the same staging tables, marts and bookkeeping", async () => {
    const inbox = await makeInbox("basic");
    // the fixture's records reach back to 2023: give it the State Council calendar of 2023–2025
    const rows = calendarExceptions(2023, 2025).map((e) => `${e.day},${e.type},${e.name}`);
    await writeFile(path.join(inbox, "calendar.csv"), ["日期,类型,名称", ...rows].join("\n") + "\n");
    const dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-idem-"));
    dirs.push(inbox, dir);
    const a = path.join(dir, "a.duckdb");
    const b = path.join(dir, "b.duckdb");
    await buildWarehouse({ inbox, db: a, asOf: "2024-12-31", reporter: silentReporter });
    await buildWarehouse({ inbox, db: b, asOf: "2024-12-31", reporter: silentReporter });
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    expect(Object.keys(sa)).toContain("mart_flags");
    expect(Object.keys(sa)).toContain("mart_allocation");
    expect(sa.stg_projects.length).toBeGreaterThan(0);
    expect(sb).toEqual(sa);
  }, 120_000);
});
