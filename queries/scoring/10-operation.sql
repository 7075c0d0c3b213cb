-- 项目运行情况 (operation, Art. 32): the raw value of each indicator per scored project-year, from operations.csv.
-- Points are computed once for every dimension in 70-indicators.sql from the thresholds of the year's version.
--
-- Every int_raw_* table has the same columns: project_id, year, indicator (config id), item (NULL, or the target's
-- name for per-target rows), raw_value, target_value (NULL = the version's full_at), achievement (NULL = linear
-- between zero_at and full_at; else the share 0–1 of max_points earned), share (of the indicator's max_points),
-- has_data, detail (Chinese: the evidence, or why there is no data).
--
--   availability     mean of the months' 可用率(%) reported in the year
--   major_incidents  sum of the months' 重大故障次数 reported in the year
--   restore_hours    mean of 平均恢复时长(小时) over the months with a major incident, weighted by their incident count;
--                    a year without a major incident has nothing to restore: no data (not applicable), not full marks
--   usage_months     months with 活跃用户数 > 0 or 业务办件量 > 0 ÷ months in service in the year (capped at 1)

CREATE OR REPLACE TABLE int_raw_operation AS
WITH ops AS (
  SELECT s.project_id, s.year, s.months_in_service,
         count(o.availability_pct) AS availability_months,
         avg(o.availability_pct) AS availability_pct,
         count(o.major_incidents) AS incident_months,
         sum(o.major_incidents) AS incidents,
         sum(o.major_incidents) FILTER (WHERE o.major_incidents > 0 AND o.mean_restore_hours IS NOT NULL)
           AS incidents_with_restore,
         sum(o.major_incidents * o.mean_restore_hours)
           FILTER (WHERE o.major_incidents > 0 AND o.mean_restore_hours IS NOT NULL) AS incident_restore_hours,
         count(*) FILTER (WHERE o.active_users IS NOT NULL OR o.transactions IS NOT NULL) AS usage_months_reported,
         count(*) FILTER (WHERE o.active_users > 0 OR o.transactions > 0) AS active_months
  FROM int_scoring_scope s
  LEFT JOIN stg_operations o
    ON o.project_id = s.project_id AND o.month BETWEEN s.period_start AND s.period_end
  GROUP BY ALL
),
availability AS (
  SELECT project_id, year, 'availability' AS indicator, availability_pct AS raw_value,
         availability_months > 0 AS has_data,
         CASE WHEN availability_months > 0
              THEN printf('operations.csv %d 个月可用率平均 %.4f%%', availability_months, availability_pct)
              ELSE 'operations.csv 本年度没有报送可用率' END AS detail
  FROM ops
),
incidents AS (
  SELECT project_id, year, 'major_incidents', incidents::DOUBLE,
         incident_months > 0,
         CASE WHEN incident_months > 0
              THEN printf('operations.csv %d 个月重大故障合计 %d 次', incident_months, incidents)
              ELSE 'operations.csv 本年度没有报送重大故障次数' END
  FROM ops
),
restore AS (
  SELECT project_id, year, 'restore_hours',
         incident_restore_hours / nullif(incidents_with_restore, 0),
         coalesce(incidents_with_restore, 0) > 0,
         CASE WHEN coalesce(incidents_with_restore, 0) > 0
                THEN printf('%d 次重大故障按次加权平均恢复时长 %.2f 小时', incidents_with_restore,
                            incident_restore_hours / incidents_with_restore)
              WHEN coalesce(incidents, 0) > 0 THEN '有重大故障但未报送平均恢复时长'
              WHEN incident_months > 0 THEN '本年度无重大故障，恢复时长不适用（不计分也不扣分）'
              ELSE 'operations.csv 本年度没有报送重大故障与恢复时长' END
  FROM ops
),
usage AS (
  SELECT project_id, year, 'usage_months',
         least(1.0, active_months / months_in_service),
         usage_months_reported > 0,
         CASE WHEN usage_months_reported > 0
              THEN printf('在用 %d 个月中有活跃用户或办件的月份 %d 个', months_in_service, active_months)
              ELSE 'operations.csv 本年度没有报送活跃用户数或业务办件量' END
  FROM ops
),
final AS (
  SELECT * FROM availability
  UNION ALL SELECT * FROM incidents
  UNION ALL SELECT * FROM restore
  UNION ALL SELECT * FROM usage
)
SELECT project_id, year, indicator, NULL::VARCHAR AS item, raw_value::DOUBLE AS raw_value,
       NULL::DOUBLE AS target_value, NULL::DOUBLE AS achievement, 1.0::DOUBLE AS share, has_data, detail
FROM final
ORDER BY 1, 2, 3;
