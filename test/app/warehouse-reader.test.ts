// The server reads the warehouse read-only and picks up a swapped-in file without a restart, while a request that
// started before the swap finishes on the warehouse it started with.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentReporter } from "../../etl/load/reporter.js";
import { buildWarehouse } from "../../etl/warehouse/build.js";
import { WarehouseMissingError, withWarehouse } from "../../app/db.server.js";
import { writeTinyInbox } from "../support/tiny-inbox.js";

describe("server warehouse reader", () => {
  let dir: string;
  let db: string;
  let inbox: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-reader-"));
    db = path.join(dir, "warehouse.duckdb");
    inbox = await writeTinyInbox(path.join(dir, "inbox"));
    process.env.WAREHOUSE = db;
  });
  afterAll(async () => {
    delete process.env.WAREHOUSE;
    await rm(dir, { recursive: true, force: true });
  });

  const asOf = () => withWarehouse(async (w) => (await w.query("pages/load-summary", { scope_dept: null }))[0]?.as_of);

  it("says clearly when there is no warehouse yet", async () => {
    await expect(asOf()).rejects.toBeInstanceOf(WarehouseMissingError);
  });

  it("serves a swapped-in warehouse without a restart, one warehouse per request", async () => {
    await buildWarehouse({ inbox, db, asOf: "2024-06-30", reporter: silentReporter });
    expect(await asOf()).toBe("2024-06-30");

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // a request that starts before the swap and is still running after it
    const longRequest = withWarehouse(async (w) => {
      const first = (await w.query("pages/load-summary", { scope_dept: null }))[0]?.as_of;
      await held;
      const second = (await w.query("pages/load-summary", { scope_dept: null }))[0]?.as_of;
      return [first, second];
    });

    await buildWarehouse({ inbox, db, asOf: "2024-12-31", reporter: silentReporter });
    expect(await asOf()).toBe("2024-12-31");
    release();
    expect(await longRequest).toEqual(["2024-06-30", "2024-06-30"]);
    expect(await asOf()).toBe("2024-12-31");
  });
});
