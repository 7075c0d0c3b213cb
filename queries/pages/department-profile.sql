-- 单位详情: the department and its record year by year (projects, mean score, flags, review status and reasons,
-- self-evaluation gap, whether the year's scores are provisional). No row = unknown department; one row with year
-- NULL = known but no project-years yet.
-- params: $dept VARCHAR
WITH provisional AS (
  SELECT year, bool_or(provisional) AS provisional FROM int_project_score GROUP BY year
)
SELECT d.dept_code, d.dept_name, d.projects AS projects_all_years,
       m.year, m.projects, m.mean_score, m.flags, m.review_status, m.review_reasons, m.self_score_gap,
       coalesce(p.provisional, false) AS provisional,
       (SELECT as_of FROM meta_build) AS as_of
FROM dim_department d
LEFT JOIN mart_department_year m USING (dept_code)
LEFT JOIN provisional p ON p.year = m.year
WHERE d.dept_code = $dept::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR d.dept_code = $scope_dept::VARCHAR)
ORDER BY m.year;
