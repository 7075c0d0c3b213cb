-- 项目列表 filter choices: the years that have project data (n = project-years with a final, non-provisional score),
-- every department, and every rule that has raised a flag — one row per choice, tagged by facet. Also the as-of date.
-- params: none
WITH years AS (
  SELECT 'year' AS facet, p.year::VARCHAR AS value, p.year::VARCHAR || '年' AS label,
         count(s.total_score) FILTER (WHERE NOT s.provisional) AS n,
         coalesce(bool_or(s.provisional), false) AS provisional
  FROM mart_project_year p
  LEFT JOIN int_project_score s USING (project_id, year)
  WHERE ($scope_dept::VARCHAR IS NULL OR p.dept_code = $scope_dept::VARCHAR)
  GROUP BY p.year
),
depts AS (
  SELECT 'dept' AS facet, dept_code AS value, dept_name AS label, projects AS n, NULL::BOOLEAN AS provisional
  FROM dim_department
  WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
),
rules AS (
  SELECT 'rule' AS facet, rule_id AS value, rule_id AS label, count(*) AS n, NULL::BOOLEAN AS provisional
  FROM mart_flags WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR) GROUP BY rule_id
),
final AS (
  SELECT * FROM years UNION ALL SELECT * FROM depts UNION ALL SELECT * FROM rules
)
SELECT facet, value, label, n, provisional, (SELECT as_of FROM meta_build) AS as_of
FROM final ORDER BY facet, value;
