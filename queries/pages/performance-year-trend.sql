-- 年度绩效 year on year: for every year that has scores — how many project-years there are, how many were scored, their
-- mean total score and how many fell in each grade — under the page's department and kind filters. Every scored year
-- appears (with zeros when the filters match nothing), so the year picker and the trend line never lose a year.
-- provisional: the year had not closed at the as-of date, so its scores are to date (int_project_score.provisional).
-- Scores are DOUBLE here (a mean is not money). Also the as-of date.
-- params: $dept VARCHAR (NULL = all departments), $kind VARCHAR (NULL = all kinds)
WITH scored_years AS (
  SELECT year, bool_or(provisional) AS provisional
  FROM int_project_score
  WHERE total_score IS NOT NULL
  GROUP BY year
),
project_years AS (
  SELECT year, total_score::DOUBLE AS total_score, grade
  FROM mart_project_year
  WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
    AND ($dept::VARCHAR IS NULL OR dept_code = $dept::VARCHAR)
    AND ($kind::VARCHAR IS NULL OR kind = $kind::VARCHAR)
),
final AS (
  SELECT y.year, y.provisional,
         count(p.year) AS projects,
         count(p.total_score) AS projects_scored,
         round(avg(p.total_score), 2) AS mean_score,
         count(p.total_score) FILTER (WHERE p.grade = '优') AS excellent,
         count(p.total_score) FILTER (WHERE p.grade = '良') AS good,
         count(p.total_score) FILTER (WHERE p.grade = '中') AS fair,
         count(p.total_score) FILTER (WHERE p.grade = '差') AS poor,
         (SELECT as_of FROM meta_build) AS as_of
  FROM scored_years y
  LEFT JOIN project_years p USING (year)
  GROUP BY y.year, y.provisional
)
SELECT * FROM final ORDER BY year;
