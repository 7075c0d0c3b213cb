-- 应用实效 (effectiveness, Art. 32; the targets filed with the application, Art. 9(3)). Columns as in 10-operation.sql.
--
-- int_target_achievement: every filed target (stg_perf_targets, the 绩效目标 sheet) against its achieved value
-- (stg_targets_actual), for every project-year — scored or not, since Art. 34 rectification follows any missed target.
--   方向 '>=': achieved when actual ≥ target; achievement = min(actual ÷ target, 1) (a target ≤ 0: 1 if achieved else 0)
--   方向 '<=': achieved when actual ≤ target; achievement = 1 if achieved, else target ÷ actual (0 if target ≤ 0)
--   no actual value reported: achieved and achievement NULL (no data — neither met nor missed)
--
--   targets            one indicator row per filed target, `targets:<指标名称>`; the version's max_points for
--                      `targets` is shared equally among the year's targets; points = share × achievement.
--                      A year without filed targets gives one no-data row `targets`.
--   user_trend         mean monthly 活跃用户数 of the year ÷ that of the year before − 1
--   transaction_trend  mean monthly 业务办件量 of the year ÷ that of the year before − 1 (monthly means, so a
--                      part year compares fairly with a whole one)

CREATE OR REPLACE TABLE int_target_achievement AS
SELECT t.project_id, t.year, t.indicator, t.indicator_type, t.unit, t.direction, t.target_value, a.actual_value,
       CASE WHEN a.actual_value IS NULL THEN NULL
            WHEN t.direction = '<=' THEN a.actual_value <= t.target_value
            ELSE a.actual_value >= t.target_value END AS achieved,
       CASE WHEN a.actual_value IS NULL THEN NULL
            WHEN t.direction = '<=' THEN
              CASE WHEN a.actual_value <= t.target_value THEN 1.0
                   WHEN t.target_value <= 0 THEN 0.0
                   ELSE t.target_value / a.actual_value END
            ELSE
              CASE WHEN a.actual_value >= t.target_value THEN 1.0
                   WHEN t.target_value <= 0 THEN 0.0
                   ELSE greatest(0.0, a.actual_value / t.target_value) END
       END AS achievement
FROM stg_perf_targets t
LEFT JOIN stg_targets_actual a USING (project_id, year, indicator)
ORDER BY 1, 2, 3;

CREATE OR REPLACE TABLE int_raw_effectiveness AS
WITH targets AS (
  SELECT s.project_id, s.year, 'targets' AS indicator, t.indicator AS item,
         t.actual_value AS raw_value, t.target_value, t.achievement,
         1.0 / count(*) OVER (PARTITION BY s.project_id, s.year) AS share,
         t.actual_value IS NOT NULL AS has_data,
         CASE WHEN t.actual_value IS NULL
              THEN format('targets_actual.csv 未报送实际值（目标 {} {} {}）', t.direction, t.target_value,
                          coalesce(t.unit, ''))
              ELSE printf('方向 %s：目标 %s%s，实际 %s%s，%s，完成度 %.4f', t.direction, t.target_value::VARCHAR,
                          coalesce(t.unit, ''), t.actual_value::VARCHAR, coalesce(t.unit, ''),
                          CASE WHEN t.achieved THEN '已实现' ELSE '未实现' END, t.achievement) END AS detail
  FROM int_scoring_scope s
  JOIN int_target_achievement t USING (project_id, year)
),
no_targets AS (
  SELECT s.project_id, s.year, 'targets', NULL, NULL, NULL, NULL, 1.0, false, '绩效目标表中没有该年度的绩效目标'
  FROM int_scoring_scope s
  WHERE NOT EXISTS (SELECT 1 FROM int_target_achievement t WHERE t.project_id = s.project_id AND t.year = s.year)
),
monthly AS (
  SELECT s.project_id, s.year,
         avg(o.active_users) FILTER (WHERE year(o.month) = s.year) AS users_now,
         avg(o.active_users) FILTER (WHERE year(o.month) = s.year - 1) AS users_before,
         avg(o.transactions) FILTER (WHERE year(o.month) = s.year) AS tx_now,
         avg(o.transactions) FILTER (WHERE year(o.month) = s.year - 1) AS tx_before
  FROM int_scoring_scope s
  LEFT JOIN stg_operations o
    ON o.project_id = s.project_id AND o.month >= make_date(s.year - 1, 1, 1) AND o.month <= s.period_end
  GROUP BY ALL
),
trends AS (
  SELECT project_id, year, 'user_trend', NULL, users_now / nullif(users_before, 0) - 1, NULL, NULL, 1.0,
         users_now IS NOT NULL AND users_before > 0,
         CASE WHEN users_now IS NULL THEN 'operations.csv 本年度没有活跃用户数'
              WHEN coalesce(users_before, 0) <= 0 THEN '上年没有活跃用户数，无法计算同比'
              ELSE printf('月均活跃用户 本年 %.1f ÷ 上年 %.1f − 1 = %.4f', users_now, users_before,
                          users_now / users_before - 1) END
  FROM monthly
  UNION ALL
  SELECT project_id, year, 'transaction_trend', NULL, tx_now / nullif(tx_before, 0) - 1, NULL, NULL, 1.0,
         tx_now IS NOT NULL AND tx_before > 0,
         CASE WHEN tx_now IS NULL THEN 'operations.csv 本年度没有业务办件量'
              WHEN coalesce(tx_before, 0) <= 0 THEN '上年没有业务办件量，无法计算同比'
              ELSE printf('月均办件量 本年 %.1f ÷ 上年 %.1f − 1 = %.4f', tx_now, tx_before, tx_now / tx_before - 1) END
  FROM monthly
),
final AS (
  SELECT * FROM targets
  UNION ALL SELECT * FROM no_targets
  UNION ALL SELECT * FROM trends
)
SELECT project_id, year, indicator, item::VARCHAR AS item, raw_value::DOUBLE AS raw_value,
       target_value::DOUBLE AS target_value, achievement::DOUBLE AS achievement, share::DOUBLE AS share,
       has_data, detail
FROM final
ORDER BY 1, 2, 3, 4;
