-- Cloud cost allocated to each county for the year (Art. 23): owed, settled, outstanding, in county-code order.
-- Scoped to one department ($scope_dept): only that department's projects' allocation (see finance-county-year.sql).
-- params: $year INTEGER, $scope_dept VARCHAR (NULL = every department)
WITH c AS (
  SELECT county_code, county_name, owed_yuan, settled_yuan, outstanding_yuan, projects
  FROM mart_county_year
  WHERE year = $year::INTEGER AND $scope_dept::VARCHAR IS NULL
  UNION ALL
  SELECT a.county_code, any_value(a.county_name), sum(a.amount_yuan), NULL, NULL,
         count(DISTINCT a.project_id) FILTER (WHERE a.amount_yuan > 0)
  FROM mart_allocation a
  JOIN dim_project d USING (project_id)
  WHERE a.year = $year::INTEGER AND a.county_code <> 'CITY' AND d.dept_code = $scope_dept::VARCHAR
  GROUP BY a.county_code
)
SELECT * FROM c ORDER BY county_code = 'CITY', county_code;
