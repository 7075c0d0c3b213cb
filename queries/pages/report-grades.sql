-- Grade distribution of the year's projects (优/良/中/差, and those that could not be graded).
-- params: $year INTEGER
WITH graded AS (
  SELECT coalesce(grade, '未评级') AS grade FROM mart_project_year WHERE year = $year::INTEGER AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
)
SELECT grade, count(*) AS projects
FROM graded
GROUP BY grade
ORDER BY CASE grade WHEN '优' THEN 1 WHEN '良' THEN 2 WHEN '中' THEN 3 WHEN '差' THEN 4 ELSE 5 END;
