-- 单位: every department in a year — projects, mean score, flags, review status with its reasons (Art. 34 deferred,
-- Art. 7(6) restricted) and the self-evaluation gap. Departments with no project that year appear with NULLs.
-- params: $year INTEGER
SELECT d.dept_code, d.dept_name, d.projects AS projects_all_years,
       m.projects, m.mean_score, m.flags, m.review_status, m.review_reasons, m.self_score_gap
FROM dim_department d
LEFT JOIN mart_department_year m ON m.dept_code = d.dept_code AND m.year = $year::INTEGER
WHERE ($scope_dept::VARCHAR IS NULL OR d.dept_code = $scope_dept::VARCHAR)
ORDER BY m.mean_score DESC NULLS LAST, d.dept_code;
