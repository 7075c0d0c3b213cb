-- 项目档案: the project's government-cloud bill month by month and service (Beijing month of the charge period).
-- params: $project VARCHAR
SELECT month, service_name, billed_cost_yuan, effective_cost_yuan
FROM mart_cloud_monthly
WHERE project_id = $project::VARCHAR
ORDER BY month, service_name;
