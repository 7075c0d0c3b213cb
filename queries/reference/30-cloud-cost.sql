-- Cloud cost per project and period (Art. 23). A charge belongs to the Beijing calendar day of its
-- ChargePeriodStart (stg_cloud_billing.charge_date), so the budget year is the Beijing year. Sums stay DECIMAL;
-- the yuan figures are rounded to the fen only at the end.
--
-- The daily bills are the one big table (≈ 60 M rows at province scale): they are read once, here, into a
-- resource × service × month aggregate (≈ 1/30 of the rows), and every later figure — the year's rent, the monthly
-- cost by service, the O&M money at stake up to the as-of date (flags/91) — is summed from that
-- (docs/decisions/007-performance.md). `billed_to_as_of` keeps the charges on or before the as-of date, so the
-- as-of month splits exactly without another pass over the bills.

CREATE OR REPLACE TABLE int_cloud_resource_month AS
SELECT project_id,
       resource_id,
       coalesce(service_name, '未标明服务') AS service_name,
       date_trunc('month', charge_date)::DATE AS month,
       sum(billed_cost) AS billed_cost,
       sum(effective_cost) AS effective_cost,
       sum(billed_cost) FILTER (WHERE charge_date <= (SELECT as_of FROM meta_build)) AS billed_to_as_of,
       -- avg(x) = sum(x) / count(x) over the non-null values: kept as both parts so the year's mean is exact
       sum(cpu_utilization) AS cpu_utilization_sum,
       count(cpu_utilization) AS cpu_utilization_n
FROM stg_cloud_billing
WHERE project_id IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE TABLE int_project_cloud_year AS
SELECT project_id,
       year(month)::INTEGER AS year,
       round(sum(billed_cost), 2)::DECIMAL(18,2) AS billed_cost_yuan,
       round(sum(effective_cost), 2)::DECIMAL(18,2) AS effective_cost_yuan,
       sum(cpu_utilization_sum) / nullif(sum(cpu_utilization_n), 0) AS mean_cpu_utilization,
       count(DISTINCT resource_id) AS resources,
       -- billed on or before the as-of date: what the O&M money at stake counts (flags/91-fund-status.sql)
       round(coalesce(sum(billed_to_as_of), 0), 2)::DECIMAL(18,2) AS billed_to_as_of_yuan
FROM int_cloud_resource_month
GROUP BY ALL
ORDER BY 1, 2;

CREATE OR REPLACE TABLE mart_cloud_monthly AS
SELECT project_id,
       month,
       service_name,
       round(sum(billed_cost), 2)::DECIMAL(18,2) AS billed_cost_yuan,
       round(sum(effective_cost), 2)::DECIMAL(18,2) AS effective_cost_yuan
FROM int_cloud_resource_month
GROUP BY ALL
ORDER BY 1, 2, 3;
