-- 项目档案: every compliance flag raised on the project, with its article, evidence, consequence, the record it rests
-- on, the event and the deadline (NULL where the rule has none).
-- params: $project VARCHAR
SELECT flag_id, year, rule_id, article, severity, evidence, consequence, record_ref, event_date, due_date
FROM mart_flags
WHERE project_id = $project::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
ORDER BY coalesce(event_date, make_date(year, 1, 1)), rule_id, flag_id;
