-- ART5_NO_CRYPTO_PLAN — Art. 5(5) and 35: 非涉密项目方案应包括符合国家标准设计的密码应用方案; 同步规划、建设、运行密码
-- 保障系统并定期评估.
--
-- Interpretation (docs/rules.md):
--   * Plan: a non-classified (涉密 ≠ 是) new / expansion / upgrade project (新建/扩建/升级改造) whose application has
--     no 密码应用方案. Operation-and-maintenance applications (运行维护) file no project plan (Art. 9(2)) and are
--     not checked for one. One flag per application, year = apply_year, event_date = apply_date.
--   * Assessment: a crypto system is planned, built and run together with the project (同步规划、建设、运行) and
--     assessed periodically; national rules (商用密码应用安全性评估) want the first assessment before go-live. "定期"
--     is not quantified by the measures, so we check the minimal reading: a non-classified project whose first system
--     went live (on or before the as-of date) and that has no 密码应用评估 record at all dated on or before the as-of
--     date. due_date = the go-live day: on the go-live day itself it is not yet a violation. One flag per project,
--     year = apply_year (docs/warehouse.md), event_date = go-live.
--   * The two findings are separate rows (flag_key plan / assessment) because they rest on different evidence.

CREATE OR REPLACE TABLE int_flags_crypto AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

projects AS (
  SELECT p.*, a.as_of
  FROM stg_projects p, as_of a
  WHERE p.apply_date <= a.as_of
),

first_go_live AS (
  SELECT s.project_id, min(s.go_live_on) AS go_live_on
  FROM stg_systems s, as_of a
  WHERE s.go_live_on <= a.as_of
  GROUP BY ALL
),

assessments AS (
  SELECT s.project_id, max(s.record_date) AS last_assessed_on
  FROM stg_security s, as_of a
  WHERE s.record_type = '密码应用评估' AND s.record_date <= a.as_of
  GROUP BY ALL
),

missing_plan AS (
  SELECT project_id,
         apply_year AS year,
         'plan' AS flag_key,
         project_id AS record_ref,
         format('{}年度{}项目申报（{}）为非涉密项目，申报材料未附密码应用方案', apply_year, kind,
                evidence_date(apply_date)) AS evidence,
         apply_date AS event_date,
         NULL::DATE AS due_date
  FROM projects
  WHERE classified IS NOT TRUE
    AND kind IN ('新建', '扩建', '升级改造')
    AND has_crypto_plan IS NOT TRUE
),

missing_assessment AS (
  SELECT p.project_id,
         p.apply_year AS year,
         'assessment' AS flag_key,
         p.project_id AS record_ref,
         format('系统于 {} 上线，截至 {} 无密码应用评估记录（应于上线前完成并定期评估）', evidence_date(g.go_live_on),
                evidence_date(p.as_of)) AS evidence,
         g.go_live_on AS event_date,
         g.go_live_on AS due_date
  FROM projects p
  JOIN first_go_live g USING (project_id)
  LEFT JOIN assessments s USING (project_id)
  WHERE p.classified IS NOT TRUE
    AND p.as_of > g.go_live_on
    AND s.last_assessed_on IS NULL
),

final AS (
  SELECT * FROM missing_plan
  UNION ALL
  SELECT * FROM missing_assessment
)
SELECT project_id, year::INTEGER AS year, 'ART5_NO_CRYPTO_PLAN' AS rule_id, flag_key, record_ref, evidence,
       event_date, due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
