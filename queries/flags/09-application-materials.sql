-- ART9_MATERIALS_MISSING — Art. 9 (what an application must include) and Art. 12 (材料形式要件不齐全的，退回并一次性
-- 告知): one flag per application listing every missing material at once.
--
-- Interpretation (docs/rules.md) — required materials by 项目类型:
--   every kind:            申报表 (9(1)), 绩效目标 (9(3)), 依据材料 (9(4))
--   新建/扩建/升级改造:    + 建设方案 (9(2))
--   运行维护:              + 原合同 (原建设项目合同或往年运维服务合同) and 前期绩效评估报告 (9(2))
-- A material counts as missing when its column is 否 or blank. year = apply_year; event_date = apply_date.

CREATE OR REPLACE TABLE int_flags_application_materials AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

applications AS (
  SELECT p.*
  FROM stg_projects p, as_of a
  WHERE p.apply_date <= a.as_of
),

gaps AS (
  SELECT project_id, apply_year, apply_date, kind,
         list_filter([
           CASE WHEN has_form IS NOT TRUE THEN '申报表' END,
           CASE WHEN kind <> '运行维护' AND has_construction_plan IS NOT TRUE THEN '建设方案' END,
           CASE WHEN kind = '运行维护' AND has_prior_contract IS NOT TRUE THEN '原合同' END,
           CASE WHEN kind = '运行维护' AND has_prior_eval_report IS NOT TRUE THEN '前期绩效评估报告' END,
           CASE WHEN has_perf_targets IS NOT TRUE THEN '绩效目标' END,
           CASE WHEN has_basis_docs IS NOT TRUE THEN '依据材料' END
         ], lambda m: m IS NOT NULL) AS missing
  FROM applications
),

final AS (
  SELECT project_id, apply_year AS year, apply_date AS event_date,
         format('{}年度{}项目申报（{}）材料不齐全，缺：{}（共 {} 项）', apply_year, kind, evidence_date(apply_date),
                array_to_string(missing, '、'), len(missing)) AS evidence
  FROM gaps
  WHERE len(missing) > 0
)
SELECT project_id, year::INTEGER AS year, 'ART9_MATERIALS_MISSING' AS rule_id, 'application' AS flag_key,
       project_id AS record_ref, evidence, event_date, NULL::DATE AS due_date, NULL::DATE AS since,
       NULL::DATE AS lifted_on
FROM final;
