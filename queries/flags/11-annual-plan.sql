-- ART11_NOT_IN_PLAN — Art. 11: 未列入年度建设计划的，原则上不予安排建设; a mid-year urgent project needs a clear basis,
-- the consent of the municipal Party committee / government, and a funding source fixed by the finance bureau.
--
-- Interpretation (docs/rules.md): 列入年度计划 is 否 or blank, and 临时急需依据 is blank. The export records the urgent
-- basis as one text; any non-blank text is taken as the recorded basis (its content is not parsed).
-- One flag per application; year = apply_year; event_date = apply_date.

CREATE OR REPLACE TABLE int_flags_annual_plan AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

final AS (
  SELECT p.project_id, p.apply_year AS year, p.apply_date AS event_date,
         format('{}年度项目（{}申报）{}，且无经市委、市政府同意并明确资金来源的临时急需依据', p.apply_year,
                evidence_date(p.apply_date),
                CASE WHEN p.in_annual_plan IS NULL THEN '未填报是否列入年度建设计划' ELSE '未列入年度建设计划' END)
           AS evidence
  FROM stg_projects p, as_of a
  WHERE p.apply_date <= a.as_of
    AND p.in_annual_plan IS NOT TRUE
    AND nullif(trim(p.urgent_basis), '') IS NULL
)
SELECT project_id, year::INTEGER AS year, 'ART11_NOT_IN_PLAN' AS rule_id, 'application' AS flag_key,
       project_id AS record_ref, evidence, event_date, NULL::DATE AS due_date, NULL::DATE AS since,
       NULL::DATE AS lifted_on
FROM final;
