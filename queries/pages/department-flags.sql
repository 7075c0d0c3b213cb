-- 单位详情: the compliance flags raised on the department's projects in a year, with article, evidence and consequence.
-- params: $dept VARCHAR, $year INTEGER
SELECT flag_id, project_id, project_name, rule_id, article, severity, evidence, consequence, event_date, due_date
FROM mart_flags
WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR) AND dept_code = $dept::VARCHAR AND year = $year::INTEGER
ORDER BY CASE severity WHEN '严重' THEN 0 WHEN '较重' THEN 1 WHEN '一般' THEN 2 ELSE 3 END, event_date, flag_id;
