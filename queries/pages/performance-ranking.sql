-- 年度绩效 ranking: the scored projects of a year under every filter (department, kind, grade), ranked by total score
-- (ties by project id), cut to the head and the tail — the best and the worst $half each — which is what the chart
-- draws. total is the length of the whole ranking.
-- params: $year INTEGER, $dept VARCHAR, $kind VARCHAR, $grade VARCHAR (NULL = no filter on it), $half INTEGER
WITH ranked AS (
  SELECT project_id, name, dept_name, total_score::DOUBLE AS total_score, grade,
         row_number() OVER (ORDER BY total_score DESC, project_id) AS rank,
         count(*) OVER () AS total
  FROM mart_project_year
  WHERE year = $year::INTEGER AND total_score IS NOT NULL
    AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
    AND ($dept::VARCHAR IS NULL OR dept_code = $dept::VARCHAR)
    AND ($kind::VARCHAR IS NULL OR kind = $kind::VARCHAR)
    AND ($grade::VARCHAR IS NULL OR grade = $grade::VARCHAR)
)
SELECT * FROM ranked
WHERE rank <= $half::INTEGER OR rank > total - $half::INTEGER
ORDER BY rank;
