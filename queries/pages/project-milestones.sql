-- 项目档案 · 项目生命线: every milestone of the project from application to shutdown (mart_project_milestones), each
-- with its event, its deadline, when it was done and whether the deadline was met as of the build's as-of date.
-- params: $project VARCHAR
SELECT stage_seq, stage, stage_name, article, record_ref, event, event_date, due_date, done_date, status,
       workdays_late, days_late, note, flag_id, year
FROM mart_project_milestones
WHERE project_id = $project::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
ORDER BY stage_seq, event_date NULLS LAST, record_ref;
