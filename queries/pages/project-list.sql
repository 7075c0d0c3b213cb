-- 项目列表: the project-years of one year that match every filter in the URL — department, kind, grade and a
-- compliance rule raised that year (mart_flags.rule_id) — with money, score, fund status and that year's flags.
-- One page of them, best score first; total is the number of matching project-years (the same on every row).
-- params: $year INTEGER, $dept VARCHAR, $kind VARCHAR, $grade VARCHAR, $rule VARCHAR (NULL = no filter on it),
--         $limit INTEGER, $offset INTEGER
WITH flags AS (
  SELECT project_id, list(DISTINCT rule_id ORDER BY rule_id) AS rule_ids
  FROM mart_flags
  WHERE year = $year::INTEGER AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
  GROUP BY project_id
),
final AS (
  SELECT p.project_id, p.name, p.dept_code, p.dept_name, p.kind, p.approved_yuan, p.paid_om_yuan,
         p.cloud_cost_yuan, p.total_score::DOUBLE AS total_score, p.grade, p.om_fund_status, p.construction_fund_status, p.flag_count,
         coalesce(f.rule_ids, []) AS rule_ids
  FROM mart_project_year p
  LEFT JOIN flags f USING (project_id)
  WHERE p.year = $year::INTEGER
    AND ($scope_dept::VARCHAR IS NULL OR p.dept_code = $scope_dept::VARCHAR)
    AND ($dept::VARCHAR IS NULL OR p.dept_code = $dept::VARCHAR)
    AND ($kind::VARCHAR IS NULL OR p.kind = $kind::VARCHAR)
    AND ($grade::VARCHAR IS NULL OR p.grade = $grade::VARCHAR)
    AND ($rule::VARCHAR IS NULL OR list_contains(coalesce(f.rule_ids, []), $rule::VARCHAR))
)
SELECT *, count(*) OVER () AS total
FROM final
ORDER BY total_score DESC NULLS LAST, project_id
LIMIT $limit::INTEGER OFFSET $offset::INTEGER;
