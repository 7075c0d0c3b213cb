-- Flagged projects of the year, worst first: how many flags, how many serious, the worst severity and the articles
-- breached. The report prints the first rows; the full list is the mart_flags export.
-- params: $year INTEGER
WITH f AS (
  SELECT *, CASE severity WHEN '严重' THEN 1 WHEN '较重' THEN 2 WHEN '一般' THEN 3 ELSE 4 END AS severity_rank
  FROM mart_flags
  WHERE year = $year::INTEGER AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
)
SELECT project_id,
       any_value(project_name) AS project_name,
       any_value(dept_name) AS dept_name,
       count(*) AS flags,
       count(*) FILTER (WHERE severity = '严重') AS serious,
       arg_min(severity, severity_rank) AS worst_severity,
       string_agg(DISTINCT '第' || article || '条', '、' ORDER BY '第' || article || '条') AS articles
FROM f
GROUP BY project_id
ORDER BY min(severity_rank), count(*) DESC, project_id;
