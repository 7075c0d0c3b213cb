-- ART23_NO_ALLOCATION_PLAN — Art. 23: 全市性信息系统，政务云年租赁费在 500 万元及以上的，牵头的市级部门申报项目时应同步
-- 制定市级和各区、县（市）云资源租赁费用分摊方案.
--
-- Interpretation (docs/rules.md):
--   * A 全市性系统 application (city_wide 是) with 分摊方案 否 or blank, whose annual cloud rent reaches 5,000,000.00
--     yuan (the threshold itself included): either the application's 预计年云租赁费, or the rent actually billed in
--     any one Beijing calendar year up to the as-of year (int_project_cloud_year.billed_cost_yuan — the figure the
--     allocation stage tests against the same threshold, so a project the allocation splits among the counties and
--     this flag agree) — a plan is owed once the rent is known to reach the threshold, whichever shows it.
--   * One flag per application; year = apply_year; event_date = apply_date.

CREATE OR REPLACE TABLE int_flags_allocation_plan AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

candidates AS (
  SELECT p.project_id, p.apply_year, p.apply_date, p.est_cloud_rent_yuan
  FROM stg_projects p, as_of a
  WHERE p.apply_date <= a.as_of
    AND p.city_wide IS TRUE
    AND p.has_alloc_plan IS NOT TRUE
),

billed AS (
  -- the year's rent exactly as the allocation stage tests the same threshold (int_project_cloud_year)
  SELECT r.project_id, r.year, r.billed_cost_yuan AS rent_yuan
  FROM int_project_cloud_year r
  CROSS JOIN as_of a
  JOIN candidates c USING (project_id)
  WHERE r.year <= year(a.as_of)
),

peak AS (
  SELECT project_id, arg_max(year, (rent_yuan, -year)) AS year, max(rent_yuan) AS rent_yuan
  FROM billed
  GROUP BY ALL
),

final AS (
  SELECT c.project_id, c.apply_year, c.apply_date,
         format('全市性系统，{}，达到 500 万元，未同步制定市级和各区、县（市）云资源租赁费用分摊方案',
                CASE
                  WHEN c.est_cloud_rent_yuan >= 5000000
                    THEN '申报预计年云租赁费 ' || evidence_wan_yuan(c.est_cloud_rent_yuan)
                         || CASE WHEN k.rent_yuan >= 5000000
                                 THEN format('（{} 年实际计费 {}）', k.year, evidence_yuan(k.rent_yuan)) ELSE '' END
                  ELSE format('申报预计年云租赁费 {}，但 {} 年实际计费 {}',
                              coalesce(evidence_wan_yuan(c.est_cloud_rent_yuan), '未填报'), k.year,
                              evidence_yuan(k.rent_yuan))
                END) AS evidence
  FROM candidates c
  LEFT JOIN peak k USING (project_id)
  WHERE c.est_cloud_rent_yuan >= 5000000 OR k.rent_yuan >= 5000000
)
SELECT project_id, apply_year::INTEGER AS year, 'ART23_NO_ALLOCATION_PLAN' AS rule_id, 'application' AS flag_key,
       project_id AS record_ref, evidence, apply_date AS event_date, NULL::DATE AS due_date, NULL::DATE AS since,
       NULL::DATE AS lifted_on
FROM final;
