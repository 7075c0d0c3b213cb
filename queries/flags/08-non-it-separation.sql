-- ART8_NON_IT_NOT_SEPARATED — Art. 8: 涉及非信息化建设内容的，需在项目建设方案中将信息化和非信息化的建设内容及投资概算
-- 分开计列.
--
-- Interpretation (docs/rules.md): an application whose 建设内容标签 include one containing 非信息化, and whose
-- 非信息化投资(万元) is blank (the contract's "blank = not separated") or whose 信息化投资(万元) is blank.
-- One flag per application; year = apply_year; event_date = apply_date; no deadline.

CREATE OR REPLACE TABLE int_flags_non_it_separation AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

applications AS (
  SELECT p.*
  FROM stg_projects p, as_of a
  WHERE p.apply_date <= a.as_of
),

final AS (
  SELECT project_id, apply_year AS year, apply_date AS event_date,
         format('{}年度申报含非信息化建设内容（{}），申报金额 {}，{}未分开计列', apply_year,
                array_to_string(list_filter(content_tags, lambda t: t LIKE '%非信息化%'), '、'),
                coalesce(evidence_wan_yuan(requested_yuan), '未填报'),
                CASE
                  WHEN non_it_invest_yuan IS NULL AND it_invest_yuan IS NULL THEN '信息化与非信息化投资概算均'
                  WHEN non_it_invest_yuan IS NULL THEN format('信息化投资 {}，非信息化投资概算',
                                                              evidence_wan_yuan(it_invest_yuan))
                  ELSE format('非信息化投资 {}，信息化投资概算', evidence_wan_yuan(non_it_invest_yuan))
                END) AS evidence
  FROM applications
  WHERE len(list_filter(coalesce(content_tags, []::VARCHAR[]), lambda t: t LIKE '%非信息化%')) > 0
    AND (non_it_invest_yuan IS NULL OR it_invest_yuan IS NULL)
)
SELECT project_id, year::INTEGER AS year, 'ART8_NON_IT_NOT_SEPARATED' AS rule_id, 'application' AS flag_key,
       project_id AS record_ref, evidence, event_date, NULL::DATE AS due_date, NULL::DATE AS since,
       NULL::DATE AS lifted_on
FROM final;
