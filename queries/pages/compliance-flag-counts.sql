-- Flags counted by year × department × rule × severity × project: the cube the four compliance charts slice (by
-- article, by department, department × article, by year), each chart ignoring its own dimension's filter so it can
-- cross-filter the others. Kept per project so "涉及项目" counts stay exact after any roll-up.
-- params: none
SELECT year,
       dept_code,
       any_value(dept_name) AS dept_name,
       rule_id,
       any_value(article) AS article,
       severity,
       project_id,
       count(*) AS flags
FROM mart_flags
WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
GROUP BY year, dept_code, rule_id, severity, project_id
ORDER BY year, dept_code, rule_id, project_id;
