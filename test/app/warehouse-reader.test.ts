// The server reads the warehouse read-only and picks up a swapped-in file without a restart, while a request that
// started before the swap finishes on the warehouse it started with.
import { describe, expect, it } from "vitest";
import { silentReporter } from "../../etl/load/reporter.js";
import { buildWarehouse } from "../../etl/warehouse/build.js";
import { WarehouseMissingError, withWarehouse } from "../../app/db.server.js";
import { useTinyWarehouse } from "../support/tiny-inbox.js";

describe("server warehouse reader", () => {
  const suite = useTinyWarehouse("xinguan-reader-");

  const asOf = () => withWarehouse(async (w) => (await w.query("pages/load-summary", { scope_dept: null }))[0]?.as_of);

  it("says clearly when there is no warehouse yet", async () => {
    await expect(asOf()).rejects.toBeInstanceOf(WarehouseMissingError);
  });

  it("serves a swapped-in warehouse without a restart, one warehouse per request", async () => {
    await buildWarehouse({ inbox: suite.inbox, db: suite.db, asOf: "2024-06-30", reporter: silentReporter });
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

    await buildWarehouse({ inbox: suite.inbox, db: suite.db, asOf: "2024-12-31", reporter: silentReporter });
    expect(await asOf()).toBe("2024-12-31");
    release();
    expect(await longRequest).toEqual(["2024-06-30", "2024-06-30"]);
    expect(await asOf()).toBe("2024-12-31");
  });
});
