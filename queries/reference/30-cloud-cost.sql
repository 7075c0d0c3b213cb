-- Cloud cost per project and period (Art. 23). A charge belongs to the Beijing calendar day of its
-- ChargePeriodStart (stg_cloud_billing.charge_date), so the budget year is the Beijing year. Sums stay DECIMAL;
-- the yuan figures are rounded to the fen only at the end.
--
-- The daily bills (≈ 60 M rows at province scale) arrive already summed per file, project, resource, service and
-- Beijing month (stg_cloud_billing_month, written by the load: docs/decisions/009-bills-kept-as-read.md); the year's
-- rent and the monthly cost by service are summed from that. Only the O&M money at stake up to the as-of date
-- (flags/91) needs days: whole months before the as-of month come from the monthly sums, the as-of month's days up
-- to the as-of date from the daily lines (stg_cloud_billing, filtered to that one month).

-- A view, not a table: the load's sums are already at (nearly) this grain, and writing 2 M rows again costs more
-- than summing them twice below.
CREATE OR REPLACE VIEW int_cloud_resource_month AS
SELECT project_id,
       resource_id,
       coalesce(service_name, '未标明服务') AS service_name,
       month,
       sum(billed_cost) AS billed_cost,
       sum(effective_cost) AS effective_cost,
       -- avg(x) = sum(x) / count(x) over the non-null values: kept as both parts so the year's mean is exact
       sum(cpu_utilization_sum) AS cpu_utilization_sum,
       sum(cpu_utilization_n) AS cpu_utilization_n
FROM stg_cloud_billing_month
WHERE project_id IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE TABLE int_project_cloud_year AS
WITH as_of AS (SELECT as_of, date_trunc('month', as_of)::DATE AS as_of_month FROM meta_build),
-- straight from the load's sums (a sum of sums; the view above would group them once more for nothing)
year_cost AS (
  SELECT project_id,
         year(month)::INTEGER AS year,
         sum(billed_cost) AS billed_cost,
         sum(effective_cost) AS effective_cost,
         -- exact sums (DECIMAL), so the mean does not depend on the order the bills were added in; to 10 places,
         -- the precision each day's value was summed at (0.6 / 3 is 0.2, not 0.19999999999999998)
         round(sum(cpu_utilization_sum) / nullif(sum(cpu_utilization_n), 0), 10)::DOUBLE AS mean_cpu_utilization,
         count(DISTINCT resource_id) AS resources,
         sum(billed_cost) FILTER (WHERE month < (SELECT as_of_month FROM as_of)) AS billed_before_as_of_month
  FROM stg_cloud_billing_month
  WHERE project_id IS NOT NULL
  GROUP BY ALL
),
-- billed in the as-of month on or before the as-of date
as_of_month AS (
  SELECT project_id, year(charge_date)::INTEGER AS year, sum(billed_cost) AS billed_cost
  FROM stg_cloud_billing
  WHERE project_id IS NOT NULL
    AND charge_date >= (SELECT as_of_month FROM as_of)
    AND charge_date <= (SELECT as_of FROM as_of)
  GROUP BY ALL
)
SELECT y.project_id,
       y.year,
       round(y.billed_cost, 2)::DECIMAL(18,2) AS billed_cost_yuan,
       round(y.effective_cost, 2)::DECIMAL(18,2) AS effective_cost_yuan,
       y.mean_cpu_utilization,
       y.resources,
       -- billed on or before the as-of date: what the O&M money at stake counts (flags/91-fund-status.sql)
       round(coalesce(y.billed_before_as_of_month, 0) + coalesce(m.billed_cost, 0), 2)::DECIMAL(18,2)
         AS billed_to_as_of_yuan
FROM year_cost y
LEFT JOIN as_of_month m USING (project_id, year)
ORDER BY 1, 2;

CREATE OR REPLACE TABLE mart_cloud_monthly AS
SELECT project_id,
       month,
       coalesce(service_name, '未标明服务') AS service_name,
       round(sum(billed_cost), 2)::DECIMAL(18,2) AS billed_cost_yuan,
       round(sum(effective_cost), 2)::DECIMAL(18,2) AS effective_cost_yuan
FROM stg_cloud_billing_month
WHERE project_id IS NOT NULL
GROUP BY ALL
ORDER BY 1, 2, 3;
