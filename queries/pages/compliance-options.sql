-- What the compliance page can be filtered by, and the date the flags were evaluated at (rules.md: flags are
-- evaluated as of a date, so a deadline not yet passed is not a violation).
-- params: none
WITH build AS (
  SELECT as_of AS build_as_of, built_at FROM meta_build
),

flags_as_of AS (
  SELECT max(as_of) AS flags_as_of FROM mart_flags
),

choices AS (
  SELECT 'year' AS kind, year::VARCHAR AS value, year::VARCHAR || '年' AS label, -year AS sort
  FROM (SELECT DISTINCT year FROM mart_flags UNION SELECT DISTINCT year FROM mart_department_year)
  UNION ALL
  SELECT 'dept', dept_code, dept_name, 0
  FROM dim_department
  WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
  UNION ALL
  SELECT DISTINCT 'rule', rule_id, article, 0
  FROM mart_flags
  WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
)

SELECT c.kind, c.value, c.label, b.build_as_of, b.built_at, f.flags_as_of
FROM choices c, build b, flags_as_of f
ORDER BY c.kind, c.sort, c.value;
