-- mart_scores — project × year × dimension, from mart_indicators (so a department can redo it by hand):
--   coverage = indicators with data ÷ indicators of the dimension
--   scorable = coverage ≥ min_coverage (default 0.5: a dimension at exactly half is scorable, below is not)
--   score    = round_half_up(Σ points ÷ Σ max_points × 100, 2), both sums over the indicators WITH data; NULL when
--              not scorable (never zero, never full marks)
-- int_project_total: the weighted mean of the scorable dimensions' rounded scores, weights re-normalised over them;
-- NULL when fewer than min_scorable_dimensions (default 4 of 6) are scorable or their weights are under
-- min_scorable_weight_share (default 0.6) of the total. Grading happens in 85-project-score.sql.

CREATE OR REPLACE TABLE mart_scores AS
WITH dims AS (
  SELECT s.project_id, s.year, s.weights_version, w.dimension, w.dimension_name, w.weight
  FROM int_scoring_scope s
  JOIN ref_scoring_weights w ON w.version = s.weights_version
),
indicators AS (
  SELECT project_id, year, dimension,
         count(*) AS indicators,
         count(*) FILTER (WHERE has_data) AS indicators_with_data,
         sum(points) FILTER (WHERE has_data) AS points,
         sum(max_points) FILTER (WHERE has_data) AS max_points
  FROM mart_indicators
  GROUP BY ALL
),
rules AS (
  SELECT version, max(value) FILTER (WHERE param = 'min_coverage') AS min_coverage
  FROM ref_scoring_thresholds
  WHERE dimension = 'total' AND indicator = 'total'
  GROUP BY version
),
final AS (
  SELECT d.project_id, d.year, d.dimension, d.dimension_name, d.weight, d.weights_version,
         coalesce(i.indicators, 0)::INTEGER AS indicators,
         coalesce(i.indicators_with_data, 0)::INTEGER AS indicators_with_data,
         coalesce(i.indicators_with_data / i.indicators, 0) AS coverage,
         -- compared on counts, so a dimension at exactly min_coverage is scorable whatever the floating point
         coalesce(i.indicators_with_data >= r.min_coverage * i.indicators AND i.indicators_with_data > 0, false)
           AS scorable,
         i.points, i.max_points
  FROM dims d
  LEFT JOIN indicators i USING (project_id, year, dimension)
  JOIN rules r ON r.version = d.weights_version
)
SELECT project_id, year, dimension, dimension_name,
       CASE WHEN scorable THEN round((points / max_points * 100)::DECIMAL(18, 6), 2)::DECIMAL(5, 2) END AS score,
       weight, round(coverage, 4) AS coverage, scorable, weights_version, indicators, indicators_with_data
FROM final
ORDER BY project_id, year,
         list_position(['operation', 'integration', 'cost_effectiveness', 'effectiveness', 'security', 'innovation'],
                       dimension);

CREATE OR REPLACE TABLE int_project_total AS
WITH rules AS (
  SELECT version,
         max(value) FILTER (WHERE param = 'min_scorable_dimensions') AS min_dimensions,
         max(value) FILTER (WHERE param = 'min_scorable_weight_share') AS min_weight_share
  FROM ref_scoring_thresholds
  WHERE dimension = 'total' AND indicator = 'total'
  GROUP BY version
),
totals AS (
  SELECT project_id, year, weights_version,
         (count(*) FILTER (WHERE scorable))::INTEGER AS scorable_dimensions,
         coalesce(sum(weight) FILTER (WHERE scorable), 0) / sum(weight) AS scorable_weight_share,
         sum(weight * score::DOUBLE) FILTER (WHERE scorable) / sum(weight) FILTER (WHERE scorable) AS weighted_mean
  FROM mart_scores
  GROUP BY ALL
)
SELECT t.project_id, t.year, t.weights_version, s.provisional, t.scorable_dimensions,
       round(t.scorable_weight_share, 4) AS scorable_weight_share,
       CASE WHEN t.scorable_dimensions >= r.min_dimensions
             AND t.scorable_weight_share >= r.min_weight_share - 1e-9
            THEN t.weighted_mean END AS total_unrounded,
       CASE WHEN t.scorable_dimensions < r.min_dimensions
              THEN printf('可评分维度 %d 个，少于 %d 个，总分与等级不计', t.scorable_dimensions, r.min_dimensions::INTEGER)
            WHEN t.scorable_weight_share < r.min_weight_share - 1e-9
              THEN printf('可评分维度权重合计占 %.1f%%，低于 %.1f%%，总分与等级不计', t.scorable_weight_share * 100,
                          r.min_weight_share * 100)
            WHEN t.scorable_dimensions < 6
              THEN printf('%d 个维度可评分，权重按其合计（占 %.1f%%）重新归一', t.scorable_dimensions,
                          t.scorable_weight_share * 100)
       END AS note
FROM totals t
JOIN rules r ON r.version = t.weights_version
JOIN int_scoring_scope s USING (project_id, year)
ORDER BY 1, 2;
