-- 单位: the years with department data, how many departments and how many have a mean score, whether that year's
-- scores are provisional (the year had not closed at the as-of date), and the as-of date — for the year picker and
-- the default year (the latest with final scores).
-- params: none
WITH provisional AS (
  SELECT year, bool_or(provisional) AS provisional FROM int_project_score GROUP BY year
)
SELECT m.year, count(*) AS departments, count(m.mean_score) AS departments_scored,
       coalesce(any_value(p.provisional), false) AS provisional,
       (SELECT as_of FROM meta_build) AS as_of
FROM mart_department_year m
LEFT JOIN provisional p USING (year)
WHERE ($scope_dept::VARCHAR IS NULL OR m.dept_code = $scope_dept::VARCHAR)
GROUP BY m.year
ORDER BY m.year;
