// Cloud cost per project and period (Art. 23; queries/reference/30-cloud-cost.sql) from bill lines stored as the
// loader stores them: the year's rent, the monthly cost by service, the money billed up to the as-of date when the
// as-of date falls inside a month, the exact CPU mean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";

let wh: TestWarehouse;

const line = (day: string, cost: string, extra: Record<string, string | number | null> = {}) => ({
  source_file: "cloud_billing/t.csv", project_id: "P1", resource_id: "R-1", service_name: "云服务器", charge_date: day,
  billed_cost: cost, effective_cost: cost, cpu_utilization: null, ...extra,
});

beforeAll(async () => {
  wh = await createTestWarehouse({ asOf: "2025-06-15" });
  await wh.insertBills([
    line("2024-12-31", "1.000001"),
    line("2025-05-31", "10.00", { cpu_utilization: 0.1 }),
    line("2025-06-01", "100.00", { cpu_utilization: 0.2 }),
    line("2025-06-15", "1000.00", { cpu_utilization: 0.3, source_file: "cloud_billing/u.csv" }),
    line("2025-06-16", "10000.00"), // the day after the as-of date
    line("2025-07-01", "100000.00", { service_name: null, resource_id: "R-2" }),
    line("2025-06-10", "-0.50", { resource_id: "R-2" }), // a credit, before the as-of date
    line("2025-06-10", "7.00", { project_id: null, resource_id: "R-X" }), // untagged: not a project's cost
  ]);
  await wh.buildMarts();
});
afterAll(() => wh.close());

describe("cloud cost per project", () => {
  it("sums the Beijing year's rent and, for the as-of year, only what was billed up to the as-of date", async () => {
    expect(
      await wh.query(
        `SELECT year, billed_cost_yuan, billed_to_as_of_yuan, resources::INT AS resources, mean_cpu_utilization
         FROM int_project_cloud_year WHERE project_id = 'P1' ORDER BY year`,
      ),
    ).toEqual([
      { year: 2024, billed_cost_yuan: "1.00", billed_to_as_of_yuan: "1.00", resources: 1, mean_cpu_utilization: null },
      // 10 + 100 + 1000 − 0.50 up to 06-15; 10 000 on 06-16 and 100 000 in July come after it
      { year: 2025, billed_cost_yuan: "111109.50", billed_to_as_of_yuan: "1109.50", resources: 2, mean_cpu_utilization: 0.2 },
    ]);
  });

  it("gives the monthly cost by service, an unnamed service named as such, untagged charges left out", async () => {
    expect(
      await wh.query(
        `SELECT project_id, month::VARCHAR AS month, service_name, billed_cost_yuan FROM mart_cloud_monthly
         ORDER BY project_id, month, service_name`,
      ),
    ).toEqual([
      { project_id: "P1", month: "2024-12-01", service_name: "云服务器", billed_cost_yuan: "1.00" },
      { project_id: "P1", month: "2025-05-01", service_name: "云服务器", billed_cost_yuan: "10.00" },
      { project_id: "P1", month: "2025-06-01", service_name: "云服务器", billed_cost_yuan: "11099.50" },
      { project_id: "P1", month: "2025-07-01", service_name: "未标明服务", billed_cost_yuan: "100000.00" },
    ]);
  });

  it("keeps each stored month's lines, sums, CPU parts and first and last day", async () => {
    expect(
      await wh.query(
        `SELECT source_file, resource_id, month::VARCHAR AS month, charge_rows::INT AS n, billed_cost::VARCHAR AS cost,
                cpu_utilization_sum::VARCHAR AS cpu_sum, cpu_utilization_n::INT AS cpu_n,
                first_charge_date::VARCHAR AS first, last_charge_date::VARCHAR AS last
         FROM stg_cloud_billing_month WHERE project_id = 'P1' AND month = DATE '2025-06-01' ORDER BY 1, 2`,
      ),
    ).toEqual([
      { source_file: "cloud_billing/t.csv", resource_id: "R-1", month: "2025-06-01", n: 2, cost: "10100.000000",
        cpu_sum: "0.2000000000", cpu_n: 1, first: "2025-06-01", last: "2025-06-16" },
      { source_file: "cloud_billing/t.csv", resource_id: "R-2", month: "2025-06-01", n: 1, cost: "-0.500000",
        cpu_sum: null, cpu_n: 0, first: "2025-06-10", last: "2025-06-10" },
      { source_file: "cloud_billing/u.csv", resource_id: "R-1", month: "2025-06-01", n: 1, cost: "1000.000000",
        cpu_sum: "0.3000000000", cpu_n: 1, first: "2025-06-15", last: "2025-06-15" },
    ]);
  });
});
