-- 创新服务 (innovation, Art. 32; demonstration and pilot projects, Art. 6(1)). Columns as in 10-operation.sql.
--
--   pilot_status       项目申报.示范试点 (国家级/省级/市级/无) mapped to the version's levels (default 100/80/60/0);
--                      achievement = level ÷ 100
--   expert_innovation  the 创新服务 column of the year's independent evaluation (evaluations.csv; 第三方 preferred
--                      over 信管办, as in mart_evaluation_gap). The self-evaluation is never used here: it is what
--                      the independent score is compared against.
-- "New online services" (scoring.md) has no source in the data contract and is not scored.

-- The independent evaluation of a project-year: 第三方 when there is one (the evaluation the office commissions for key
-- projects, Art. 33), else 信管办. Also read by 90-evaluation-gap.sql.
CREATE OR REPLACE TABLE int_independent_evaluation AS
SELECT *
FROM stg_evaluations
WHERE evaluator IN ('第三方', '信管办')
QUALIFY row_number() OVER (PARTITION BY project_id, year ORDER BY evaluator = '第三方' DESC) = 1
ORDER BY project_id, year;

CREATE OR REPLACE TABLE int_raw_innovation AS
WITH levels AS (
  SELECT version, substr(param, 7) AS level, value
  FROM ref_scoring_thresholds
  WHERE indicator = 'pilot_status' AND param LIKE 'level:%'
),
pilot AS (
  SELECT s.project_id, s.year, 'pilot_status' AS indicator, l.value AS raw_value, l.value / 100 AS achievement,
         l.value IS NOT NULL AS has_data,
         CASE WHEN s.pilot_level IS NULL THEN '项目申报未填示范试点'
              WHEN l.value IS NULL THEN format('示范试点取值「{}」不在配置的级别中', s.pilot_level)
              ELSE format('示范试点：{}（级别分 {}）', s.pilot_level, l.value) END AS detail
  FROM int_scoring_scope s
  LEFT JOIN levels l ON l.version = s.weights_version AND l.level = s.pilot_level
),
expert AS (
  SELECT s.project_id, s.year, 'expert_innovation', e.innovation, NULL, e.innovation IS NOT NULL,
         CASE WHEN e.evaluator IS NULL THEN 'evaluations.csv 中没有该年度信管办或第三方评价'
              WHEN e.innovation IS NULL THEN format('{}评价未填创新服务得分', e.evaluator)
              ELSE format('{}评价创新服务得分 {}', e.evaluator, e.innovation) END
  FROM int_scoring_scope s
  LEFT JOIN int_independent_evaluation e USING (project_id, year)
),
final AS (
  SELECT * FROM pilot
  UNION ALL SELECT * FROM expert
)
SELECT project_id, year, indicator, NULL::VARCHAR AS item, raw_value::DOUBLE AS raw_value,
       NULL::DOUBLE AS target_value, achievement::DOUBLE AS achievement, 1.0::DOUBLE AS share, has_data, detail
FROM final
ORDER BY 1, 2, 3;
