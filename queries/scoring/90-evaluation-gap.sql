-- mart_evaluation_gap — project × year: the department's self-evaluation (自评, Art. 33) against the independent one
-- (int_independent_evaluation: 第三方 when there is one, else 信管办), as the weighted mean of the six dimension
-- columns of evaluations.csv with the year's configured weights (the same as mart_scores).
--   When both exist, both means run over the dimensions BOTH evaluators scored, so a blank column cannot open a gap;
--   otherwise each runs over its own non-blank columns. Weights are re-normalised over the dimensions used.
--   gap = self_score − independent_score (both rounded half-up to 2 decimals first): positive = self-inflation.
-- Years no configuration version covers are left out (int_scoring_errors lists the in-use ones).

CREATE OR REPLACE TABLE mart_evaluation_gap AS
WITH long AS (
  SELECT project_id, year, evaluator,
         unnest(['operation', 'integration', 'cost_effectiveness', 'effectiveness', 'security', 'innovation'])
           AS dimension,
         unnest([operation, integration, cost_effectiveness, effectiveness, security, innovation]) AS value
  FROM stg_evaluations
),
self AS (SELECT project_id, year, dimension, value FROM long WHERE evaluator = '自评'),
independent AS (
  SELECT l.project_id, l.year, l.dimension, l.value
  FROM long l
  JOIN int_independent_evaluation i USING (project_id, year, evaluator)
),
pairs AS (
  SELECT project_id, year, dimension, s.value AS self_value, i.value AS independent_value
  FROM self s
  FULL JOIN independent i USING (project_id, year, dimension)
),
weighted AS (
  SELECT p.*, v.version AS weights_version, w.weight,
         bool_or(p.self_value IS NOT NULL) OVER py AS any_self,
         bool_or(p.independent_value IS NOT NULL) OVER py AS any_independent
  FROM pairs p
  JOIN int_scoring_version v USING (year)
  JOIN ref_scoring_weights w ON w.version = v.version AND w.dimension = p.dimension
  WINDOW py AS (PARTITION BY p.project_id, p.year)
),
used AS (
  SELECT *,
         self_value IS NOT NULL AND (independent_value IS NOT NULL OR NOT any_independent) AS self_used,
         independent_value IS NOT NULL AND (self_value IS NOT NULL OR NOT any_self) AS independent_used
  FROM weighted
),
means AS (
  SELECT project_id, year, weights_version,
         round((sum(weight * self_value) FILTER (WHERE self_used)
                / sum(weight) FILTER (WHERE self_used))::DECIMAL(18, 6), 2)::DECIMAL(5, 2) AS self_score,
         round((sum(weight * independent_value) FILTER (WHERE independent_used)
                / sum(weight) FILTER (WHERE independent_used))::DECIMAL(18, 6), 2)::DECIMAL(5, 2) AS independent_score,
         (count(*) FILTER (WHERE self_value IS NOT NULL AND independent_value IS NOT NULL))::INTEGER AS dimensions_compared
  FROM used
  GROUP BY ALL
)
SELECT m.project_id, m.year, d.dept_code, m.self_score, m.independent_score, i.evaluator AS independent_evaluator,
       m.self_score - m.independent_score AS gap, m.dimensions_compared, m.weights_version
FROM means m
LEFT JOIN dim_project d ON d.project_id = m.project_id
LEFT JOIN int_independent_evaluation i ON i.project_id = m.project_id AND i.year = m.year
ORDER BY 1, 2;
