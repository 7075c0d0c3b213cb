-- mart_indicators — project × year × indicator: every indicator of every dimension of every scored project-year,
-- with its points, so any score opens down to the raw values that made it (scoring.md; docs/scoring.md).
--
-- One formula for all linear indicators, thresholds from the year's configuration version (int_scoring_params):
--   ratio  = clamp((raw_value − zero_at) ÷ (full_at − zero_at), 0, 1)   -- full_at < zero_at means lower is better
--   points = round(max_points × share × ratio, 4)
-- Indicators that carry their own achievement (filed targets, pilot level) use it as the ratio. An indicator without
-- data has points NULL — never zero, never full marks — and its note starts with 无数据.

CREATE OR REPLACE TABLE mart_indicators AS
WITH raw AS (
  SELECT * FROM int_raw_operation
  UNION ALL BY NAME SELECT * FROM int_raw_integration
  UNION ALL BY NAME SELECT * FROM int_raw_cost_effectiveness
  UNION ALL BY NAME SELECT * FROM int_raw_effectiveness
  UNION ALL BY NAME SELECT * FROM int_raw_security
  UNION ALL BY NAME SELECT * FROM int_raw_innovation
),
scored AS (
  SELECT r.project_id, r.year, p.dimension, p.seq, r.item,
         CASE WHEN r.item IS NULL THEN r.indicator ELSE r.indicator || ':' || r.item END AS indicator,
         CASE WHEN r.item IS NULL THEN p.indicator_name ELSE p.indicator_name || '：' || r.item END AS indicator_name,
         CASE WHEN r.has_data THEN r.raw_value END AS raw_value,
         coalesce(r.target_value, p.full_at) AS target,
         CASE WHEN r.has_data
              THEN coalesce(r.achievement, greatest(0.0, least(1.0, (r.raw_value - p.zero_at) / (p.full_at - p.zero_at))))
         END AS ratio,
         p.max_points * r.share AS max_points,
         CASE WHEN r.achievement IS NOT NULL THEN '按完成度计分'
              ELSE format('{:g} 为满分、{:g} 为零分、其间线性计分', p.full_at, p.zero_at) END AS rule,
         r.has_data, r.detail, s.weights_version
  FROM (SELECT * REPLACE (coalesce(has_data, false) AS has_data) FROM raw) r
  JOIN int_scoring_scope s USING (project_id, year)
  JOIN int_scoring_params p ON p.version = s.weights_version AND p.indicator = r.indicator
),
final AS (
  SELECT project_id, year, dimension, indicator, indicator_name, raw_value, target,
         round(ratio * max_points, 4) AS points,
         round(max_points, 4) AS max_points,
         has_data,
         CASE WHEN has_data
              THEN printf('%s；%s，得 %.2f / %.2f 分', detail, rule, round(ratio * max_points, 4), max_points)
              ELSE '无数据：' || detail END AS note,
         weights_version, seq, item
  FROM scored
)
SELECT project_id, year, dimension, indicator, indicator_name, raw_value, target, points, max_points, has_data, note,
       weights_version
FROM final
ORDER BY project_id, year,
         list_position(['operation', 'integration', 'cost_effectiveness', 'effectiveness', 'security', 'innovation'],
                       dimension),
         seq, item;
