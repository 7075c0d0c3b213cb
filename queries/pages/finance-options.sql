-- What the finance page can be filtered by, and the as-of date its statuses are evaluated at.
-- One row per choice: kind = year / dept / county; the page's default year is the first `year` row (the latest year
-- with project money or cloud rent, no later than the as-of year).
-- params: none
WITH build AS (
  SELECT as_of, built_at FROM meta_build
),

years AS (
  SELECT DISTINCT year FROM mart_project_year
  UNION
  SELECT DISTINCT year FROM mart_allocation
),

choices AS (
  SELECT 'year' AS kind, year::VARCHAR AS value, year::VARCHAR || '年' AS label, -year AS sort
  FROM years
  WHERE year <= year((SELECT as_of FROM build))
  UNION ALL
  SELECT 'dept', dept_code, dept_name, 0
  FROM dim_department
  WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
  UNION ALL
  SELECT 'county', 'CITY', '市本级', 0
  UNION ALL
  SELECT 'county', county_code, county_name, 1
  FROM dim_county
)

SELECT c.kind, c.value, c.label, b.as_of, b.built_at
FROM choices c, build b
ORDER BY c.kind, c.sort, c.value;
