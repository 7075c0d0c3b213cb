-- ART29_CLOUD_BEFORE_REGISTRATION — Art. 29: 项目建设单位应在申请云资源前，通过“绍兴市公共数据平台”完成信息系统登记.
--
-- Interpretation (docs/rules.md):
--   * Each cloud resource requested on or before the as-of date is checked against the registration of the system
--     it names (系统编号); a resource with no 系统编号 against the project's earliest registered system.
--   * Violation: the system was not registered by the request date — registered later, or not registered on or
--     before the as-of date at all. Registering on the request day itself is in time.
--   * One flag per resource (record_ref = resource_id); year = year(requested_on); event_date = requested_on.

CREATE OR REPLACE TABLE int_flags_cloud_registration AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

registrations AS (
  SELECT s.system_id, s.project_id, CASE WHEN s.registered_on <= a.as_of THEN s.registered_on END AS registered_on
  FROM stg_systems s, as_of a
),

project_first AS (
  SELECT project_id, min(registered_on) AS registered_on, arg_min(system_id, registered_on) AS system_id
  FROM registrations
  WHERE registered_on IS NOT NULL
  GROUP BY ALL
),

resources AS (
  SELECT r.resource_id, r.project_id, r.resource_type, r.requested_on, a.as_of,
         CASE WHEN r.system_id IS NOT NULL THEN r.system_id ELSE pf.system_id END AS system_id,
         CASE WHEN r.system_id IS NOT NULL THEN s.registered_on ELSE pf.registered_on END AS registered_on
  FROM stg_cloud_resources r
  CROSS JOIN as_of a
  LEFT JOIN registrations s ON s.system_id = r.system_id
  LEFT JOIN project_first pf ON pf.project_id = r.project_id
  WHERE r.requested_on <= a.as_of
),

final AS (
  SELECT project_id, resource_id, requested_on,
         format('云资源 {}（{}）于 {} 申请，', resource_id, coalesce(resource_type, '未标明类型'),
                evidence_date(requested_on))
           || CASE
                WHEN registered_on IS NOT NULL
                  THEN format('系统 {} 于 {} 才在公共数据平台完成登记（晚 {} 天）', system_id,
                              evidence_date(registered_on), registered_on - requested_on)
                WHEN system_id IS NOT NULL
                  THEN format('系统 {} 截至 {} 仍未在公共数据平台登记', system_id, evidence_date(as_of))
                ELSE format('项目截至 {} 无在公共数据平台登记的信息系统', evidence_date(as_of))
              END AS evidence
  FROM resources
  WHERE registered_on IS NULL OR registered_on > requested_on
)
SELECT project_id, year(requested_on)::INTEGER AS year, 'ART29_CLOUD_BEFORE_REGISTRATION' AS rule_id,
       resource_id AS flag_key, resource_id AS record_ref, evidence, requested_on AS event_date,
       NULL::DATE AS due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
