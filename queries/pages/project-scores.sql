-- 项目档案: the score to the indicator, every scored year — each dimension's score, weight, coverage and whether it was
-- scorable, the weights version, and under it each indicator's raw value, target, points and note (scoring.md: every
-- number opens down to what made it). Dimensions without indicators still appear (indicator NULL).
-- params: $project VARCHAR
SELECT s.year, s.dimension, s.dimension_name, s.score, s.weight, s.coverage, s.scorable, s.weights_version,
       t.total_score, t.grade, t.provisional, t.note AS score_note,
       i.indicator, i.indicator_name, i.raw_value, i.target, i.points, i.max_points, i.has_data, i.note
FROM mart_scores s
LEFT JOIN int_project_score t USING (project_id, year)
LEFT JOIN mart_indicators i USING (project_id, year, dimension)
WHERE s.project_id = $project::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR s.project_id IN (SELECT project_id FROM dim_project WHERE dept_code = $scope_dept::VARCHAR))
ORDER BY s.year DESC, s.dimension, i.indicator;
