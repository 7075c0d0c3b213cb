-- ART18_CLOUD_NOT_RELEASED — Art. 18: 系统停用后，项目建设单位应做好系统备份工作，及时关停系统，并注销使用云资源.
--
-- Interpretation (docs/rules.md):
--   * A system is shut down when its shutdown_on is on or before the as-of date.
--   * Resources of the system: cloud_resources rows with its 系统编号; a resource with no 系统编号 belongs to its
--     project and counts as shut down when every system of the project is (dim_project.shutdown_on).
--   * A resource is not released when, after the shutdown day and up to the as-of date, the bills still charge it
--     (sum of BilledCost by Beijing charge day > 0), or it was opened and its 释放日期 is blank, after the as-of
--     date, or after the shutdown day. Releasing on the shutdown day itself is on time. One flag per resource
--     (record_ref = resource_id).
--   * No backup: backup_on blank, after the as-of date, or after the shutdown day (a backup must exist when the
--     system stops). One flag per system (record_ref = system_id).
--   * year = year(shutdown_on); event_date = shutdown_on; Art. 18 sets no deadline (due_date NULL).

-- The shut-down systems and resources, with what the bills charged after the shutdown and whether Art. 18 was met,
-- are kept as tables: the project life line (queries/marts/30-project-milestones.sql, stages cloud_release and
-- shutdown_backup) reads the same facts and the same judgement as the flag, and the daily bills are read for them
-- once, here.
--   backup_late: no backup on record when the system stopped (blank, after the as-of date, or after the shutdown day).
CREATE OR REPLACE TABLE int_shutdown_systems AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

systems AS (
  SELECT s.system_id, s.project_id, coalesce(s.name, s.system_id) AS system_name, s.shutdown_on,
         CASE WHEN s.backup_on <= a.as_of THEN s.backup_on END AS backup_on,
         a.as_of
  FROM stg_systems s, as_of a
  WHERE s.shutdown_on <= a.as_of
)
SELECT system_id, project_id, system_name, shutdown_on, backup_on,
       backup_on IS NULL OR backup_on > shutdown_on AS backup_late,
       as_of
FROM systems;

--   not_released: still charged after the shutdown day, or opened and not released by the shutdown day (the flag).
--   released_by: when the resource was last held — its 释放日期, or its last day billed after the shutdown when later
--   (a resource billed after the shutdown was still held that day); NULL while not released.
CREATE OR REPLACE TABLE int_shutdown_resources AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

shut_systems AS (
  SELECT * FROM int_shutdown_systems
),

shut_projects AS (
  SELECT d.project_id, d.shutdown_on
  FROM dim_project d, as_of a
  WHERE d.shutdown_on <= a.as_of
),

resources AS (
  -- each resource with the shutdown that ends its use
  SELECT r.resource_id, r.project_id, r.resource_type, r.spec,
         CASE WHEN r.opened_on <= a.as_of THEN r.opened_on END AS opened_on,
         CASE WHEN r.released_on <= a.as_of THEN r.released_on END AS released_on,
         CASE WHEN r.system_id IS NOT NULL THEN s.shutdown_on ELSE p.shutdown_on END AS shutdown_on,
         CASE WHEN r.system_id IS NOT NULL THEN '系统 ' || s.system_id || '（' || s.system_name || '）'
              ELSE '项目全部系统' END AS what_stopped,
         a.as_of
  FROM stg_cloud_resources r
  CROSS JOIN as_of a
  LEFT JOIN shut_systems s ON s.system_id = r.system_id
  LEFT JOIN shut_projects p ON p.project_id = r.project_id
  WHERE CASE WHEN r.system_id IS NOT NULL THEN s.shutdown_on ELSE p.shutdown_on END IS NOT NULL
),

billed_after AS (
  SELECT b.resource_id,
         sum(b.billed_cost) AS billed_after_yuan,
         count(DISTINCT b.charge_date) AS billed_days,
         min(b.charge_date) AS first_day,
         max(b.charge_date) AS last_day
  FROM stg_cloud_billing b
  JOIN resources r USING (resource_id)
  WHERE b.charge_date > r.shutdown_on
    AND b.charge_date <= r.as_of
  GROUP BY ALL
),

billed AS (
  SELECT r.*, coalesce(b.billed_after_yuan, 0) > 0 AS billed_after, b.billed_after_yuan, b.billed_days, b.first_day,
         b.last_day
  FROM resources r
  LEFT JOIN billed_after b USING (resource_id)
)
SELECT *,
       billed_after OR (opened_on IS NOT NULL AND (released_on IS NULL OR released_on > shutdown_on)) AS not_released,
       CASE
         WHEN released_on IS NULL THEN NULL
         WHEN billed_after THEN greatest(released_on, last_day)
         ELSE released_on
       END AS released_by
FROM billed;

CREATE OR REPLACE TABLE int_flags_cloud_release AS
WITH not_released AS (
  SELECT r.project_id, r.shutdown_on, r.resource_id AS record_ref, r.resource_id AS flag_key,
         format('{}于 {} 停用，云资源 {}（{}{}）', r.what_stopped, evidence_date(r.shutdown_on), r.resource_id,
                coalesce(r.resource_type, '未标明类型'), coalesce('，' || r.spec, ''))
           || CASE
                WHEN r.released_on IS NULL THEN format('截至 {} 仍未释放', evidence_date(r.as_of))
                WHEN r.released_on > r.shutdown_on THEN format('于 {} 才释放', evidence_date(r.released_on))
                ELSE format('已于 {} 释放', evidence_date(r.released_on))
              END
           || CASE
                WHEN r.billed_after
                  THEN format('，停用后仍计费 {} 天（{} 至 {}），共 {}', r.billed_days, evidence_date(r.first_day),
                              evidence_date(r.last_day), evidence_yuan(r.billed_after_yuan))
                ELSE ''
              END AS evidence
  FROM int_shutdown_resources r
  WHERE r.not_released
),

no_backup AS (
  SELECT project_id, shutdown_on, system_id AS record_ref, system_id || '/backup' AS flag_key,
         format('系统 {}（{}）于 {} 停用，{}', system_id, system_name, evidence_date(shutdown_on),
                CASE
                  WHEN backup_on IS NULL THEN format('截至 {} 无系统备份记录', evidence_date(as_of))
                  ELSE format('系统备份于 {} 才完成，停用时未做备份', evidence_date(backup_on))
                END) AS evidence
  FROM int_shutdown_systems
  WHERE backup_late
),

final AS (
  SELECT * FROM not_released
  UNION ALL
  SELECT * FROM no_backup
)
SELECT project_id, year(shutdown_on)::INTEGER AS year, 'ART18_CLOUD_NOT_RELEASED' AS rule_id, flag_key, record_ref,
       evidence, shutdown_on AS event_date, NULL::DATE AS due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
