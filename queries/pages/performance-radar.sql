-- 年度绩效 radar: one project's six dimension scores in a year against the median of all scorable projects of the same
-- kind (项目类型) that year, the project included; peers is how many scores each median is taken over.
-- params: $year INTEGER, $project VARCHAR
WITH target AS (
  SELECT project_id, name, kind FROM dim_project WHERE project_id = $project::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
),
peers AS (
  SELECT s.dimension, median(s.score::DOUBLE) AS peer_median, count(s.score) AS peers
  FROM mart_scores s
  JOIN dim_project d USING (project_id)
  WHERE s.year = $year::INTEGER AND d.kind = (SELECT kind FROM target) AND s.scorable AND s.score IS NOT NULL
  GROUP BY s.dimension
),
final AS (
  SELECT t.project_id, t.name, t.kind, s.dimension, s.dimension_name, s.score::DOUBLE AS score, s.weight, s.coverage,
         s.scorable,
         s.weights_version, -- for a department caller the kind's median is a benchmark over every department's projects: shown only when
         -- at least 3 scores make it (fewer would let one read another department's score off it)
         CASE WHEN $scope_dept::VARCHAR IS NULL OR p.peers >= 3 THEN round(p.peer_median, 2) END AS peer_median,
         coalesce(p.peers, 0) AS peers
  FROM target t
  JOIN mart_scores s ON s.project_id = t.project_id AND s.year = $year::INTEGER
  LEFT JOIN peers p USING (dimension)
)
SELECT * FROM final ORDER BY dimension;
