-- Cloud cost per project and period (Art. 23). A charge belongs to the Beijing calendar day of its
-- ChargePeriodStart (stg_cloud_billing.charge_date), so the budget year is the Beijing year. Sums stay DECIMAL;
-- the yuan figures are rounded to the fen only at the end.

CREATE OR REPLACE TABLE int_project_cloud_year AS
SELECT project_id,
       year(charge_date)::INTEGER AS year,
       round(sum(billed_cost), 2)::DECIMAL(18,2) AS billed_cost_yuan,
       round(sum(effective_cost), 2)::DECIMAL(18,2) AS effective_cost_yuan,
       avg(cpu_utilization) AS mean_cpu_utilization,
       count(DISTINCT resource_id) AS resources
FROM stg_cloud_billing
WHERE project_id IS NOT NULL
GROUP BY ALL
ORDER BY 1, 2;

CREATE OR REPLACE TABLE mart_cloud_monthly AS
SELECT project_id,
       date_trunc('month', charge_date)::DATE AS month,
       coalesce(service_name, '未标明服务') AS service_name,
       round(sum(billed_cost), 2)::DECIMAL(18,2) AS billed_cost_yuan,
       round(sum(effective_cost), 2)::DECIMAL(18,2) AS effective_cost_yuan
FROM stg_cloud_billing
WHERE project_id IS NOT NULL
GROUP BY ALL
ORDER BY 1, 2, 3;
