-- 项目档案: the project's government-cloud bill month by month and service (Beijing month of the charge period).
-- params: $project VARCHAR
SELECT month, service_name, billed_cost_yuan, effective_cost_yuan
FROM mart_cloud_monthly
WHERE project_id = $project::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR project_id IN (SELECT project_id FROM dim_project WHERE dept_code = $scope_dept::VARCHAR))
ORDER BY month, service_name;
