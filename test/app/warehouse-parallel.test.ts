// A page's independent queries run in parallel, each on a connection of its own (docs/decisions/008-first-render.md):
// at most eight at once per request, every connection closed when the request ends — also when one query fails while
// another is still running — and the warehouse released only after the last of them.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { silentReporter } from "../../etl/load/reporter.js";
import { buildWarehouse } from "../../etl/warehouse/build.js";
import { withWarehouse } from "../../app/db.server.js";
import { settle, type Missing } from "../../app/models/section.server.js";
import { writeTinyInbox } from "../support/tiny-inbox.js";

describe("parallel page queries", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-parallel-"));
    const db = path.join(dir, "warehouse.duckdb");
    await buildWarehouse({ inbox: await writeTinyInbox(path.join(dir, "inbox")), db, asOf: "2024-12-31", reporter: silentReporter });
    process.env.WAREHOUSE = db;
  });
  afterAll(async () => {
    delete process.env.WAREHOUSE;
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  /** Counts connections opened and closed, and the most open at once. */
  function watchConnections() {
    const seen = { opened: 0, closed: 0, open: 0, most: 0 };
    const connect = DuckDBInstance.prototype.connect;
    vi.spyOn(DuckDBInstance.prototype, "connect").mockImplementation(async function (this: DuckDBInstance) {
      const conn = await connect.call(this);
      seen.opened += 1;
      seen.open += 1;
      seen.most = Math.max(seen.most, seen.open);
      return conn;
    });
    const closeSync = DuckDBConnection.prototype.closeSync;
    vi.spyOn(DuckDBConnection.prototype, "closeSync").mockImplementation(function (this: DuckDBConnection) {
      seen.closed += 1;
      seen.open -= 1;
      return closeSync.call(this);
    });
    return seen;
  }

  it("answers queries asked together, on at most eight connections, all closed at the end", async () => {
    const seen = watchConnections();
    // distinct parameters, so that no query is answered from another's remembered result
    const years = Array.from({ length: 12 }, (_, i) => 2013 + i);
    const lists = await withWarehouse((db) => Promise.all(years.map((year) => db.query("pages/department-list", { year, scope_dept: null }))));
    expect(lists).toHaveLength(years.length);
    for (const rows of lists) expect(Array.isArray(rows)).toBe(true);
    expect(seen.most).toBeLessThanOrEqual(8);
    expect(seen.most).toBeGreaterThan(1);
    expect(seen.opened).toBeGreaterThanOrEqual(1);
    expect(seen.closed).toBe(seen.opened);
  });

  it("gives the same rows whether queries run one after another or together", async () => {
    const params = (year: number) => ({ year, scope_dept: null });
    const one = await withWarehouse(async (db) => [await db.query("pages/department-list", params(2023)), await db.query("pages/department-years", { scope_dept: null })]);
    const both = await withWarehouse((db) => Promise.all([db.query("pages/department-list", params(2023)), db.query("pages/department-years", { scope_dept: null })]));
    expect(both).toEqual(one);
  });

  it("lets a failing query fail the request, and closes the connections only after the others have finished", async () => {
    const seen = watchConnections();
    let slowSettled = false;
    const request = withWarehouse((db) => {
      const slow = db.query("pages/department-list", { year: 2017, scope_dept: null }).then(() => (slowSettled = true));
      // a parameter the query does not take: refused when it is bound
      const broken = db.query("pages/department-list", { year: 2017, scope_dept: null, unexpected: 1 });
      return Promise.all([broken, slow]);
    });
    await expect(request).rejects.toThrow();
    expect(slowSettled).toBe(true);
    expect(seen.closed).toBe(seen.opened);
    // and the warehouse still answers
    expect(await withWarehouse((db) => db.query("pages/department-years", { scope_dept: null }))).toBeDefined();
  });
});

describe("settle", () => {
  const missingTable = (name: string) => Promise.reject(new Error(`Catalog Error: Table with name ${name} does not exist!`));

  it("reports missing relations in the order the page settles its queries, whatever order they failed in", async () => {
    const missing: Missing = { relations: [], queries: [] };
    // the second query fails first
    const second = missingTable("mart_fund_status");
    second.catch(() => {});
    await new Promise((r) => setTimeout(r, 5));
    const first = missingTable("mart_allocation");
    first.catch(() => {});
    const a = await settle("pages/finance-allocation", first, (r) => r, missing);
    const b = await settle("pages/finance-fund-status", second, (r) => r, missing);
    expect([a, b]).toEqual([[], []]);
    expect(missing).toEqual({ relations: ["mart_allocation", "mart_fund_status"], queries: ["finance-allocation", "finance-fund-status"] });
  });

  it("passes any other error on", async () => {
    const missing: Missing = { relations: [], queries: [] };
    await expect(settle("pages/x", Promise.reject(new Error("Binder Error: no")), (r) => r, missing)).rejects.toThrow("Binder Error");
    expect(missing.queries).toEqual([]);
  });
});
