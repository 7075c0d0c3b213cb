import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";

describe("warehouse schema", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2024-06-30" });
  });
  afterAll(() => wh.close());

  it("creates every staging table of the data contract, empty", async () => {
    const rows = await wh.query(
      "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'stg_%' ORDER BY 1",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      [
        "stg_acceptances", "stg_calendar", "stg_changes", "stg_cloud_billing", "stg_cloud_billing_month",
        "stg_cloud_resources",
        "stg_contracts", "stg_evaluations", "stg_operations", "stg_payments", "stg_perf_targets",
        "stg_population", "stg_projects", "stg_rectifications", "stg_reviews", "stg_security",
        "stg_systems", "stg_targets_actual",
      ],
    );
  });

  it("refuses a batch whose rows read differ from loaded + rejected", async () => {
    await expect(
      wh.conn.run(
        "INSERT INTO etl_batches VALUES (1, 'contracts', 'contracts.csv', NULL, 'utf-8', 10, 8, 1, 'loaded', NULL, now())",
      ),
    ).rejects.toThrow(/CHECK/i);
  });

  it("records the as-of date the marts read", async () => {
    expect(await wh.query("SELECT as_of FROM meta_build")).toEqual([{ as_of: "2024-06-30" }]);
  });
});
