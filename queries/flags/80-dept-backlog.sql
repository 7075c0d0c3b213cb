-- ART7_DEPT_BACKLOG — Art. 7(6): 未完善历年政务信息化项目建设情况的单位，原则上不得申报新增项目.
-- Built from the Art. 16 and Art. 19 findings, so this file runs after them (hence 80-, not 07-).
--
-- Interpretation (docs/rules.md):
--   * "Incomplete records" of an earlier year's project = a filing the measures require that was overdue and still
--     missing: a contract not filed within 5 working days of signing (Art. 16), or an acceptance whose materials
--     and payment status (资金支付情况) were not filed within 5 working days (Art. 19) — exactly the records that
--     ART16_CONTRACT_FILING_LATE / ART19_ACCEPTANCE_FILING_LATE flag, during the time they were overdue and not
--     yet filed (since ≤ day < lifted_on).
--   * Only earlier projects that had passed a review (结论 通过) and had not been abolished (废止) by the new
--     application's date count: an abolished or never-approved project has no construction records to complete.
--   * "New project" (新增项目) = a 新建/扩建/升级改造 application; 运行维护 applications of existing systems are not new.
--   * Flag an application (apply_date on or before the as-of date) when, on its application date, a project of the
--     same department from an earlier budget year (apply_year smaller) had such an incomplete record.
--   * One flag per application (year = apply_year, event_date = apply_date), listing up to three incomplete
--     records and the total; record_ref = the earliest of them (contract_id, or the project_id of an acceptance).

CREATE OR REPLACE TABLE int_flags_dept_backlog AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

new_applications AS (
  SELECT p.project_id, p.dept_code, p.apply_year, p.apply_date
  FROM stg_projects p, as_of a
  WHERE p.apply_date <= a.as_of
    AND p.kind IN ('新建', '扩建', '升级改造')
),

incomplete_records AS (
  SELECT f.project_id AS q_id, q.name AS q_name, q.dept_code, q.apply_year AS q_year, f.rule_id, f.record_ref,
         f.event_date, f.due_date, f.since, f.lifted_on
  FROM (SELECT * FROM int_flags_contract_filing
        UNION ALL
        SELECT * FROM int_flags_acceptance_filing) f
  JOIN stg_projects q USING (project_id)
),

approvals AS (
  SELECT project_id, min(review_date) AS approved_on
  FROM stg_reviews
  WHERE conclusion = '通过'
  GROUP BY ALL
),

abolitions AS (
  SELECT project_id, min(applied_on) AS abolished_on
  FROM stg_changes
  WHERE change_type = '废止'
  GROUP BY ALL
),

matched AS (
  SELECT a.project_id, a.apply_year, a.apply_date, r.*,
         row_number() OVER (PARTITION BY a.project_id ORDER BY r.due_date, r.q_id, r.record_ref) AS n,
         count(*) OVER (PARTITION BY a.project_id) AS total
  FROM new_applications a
  JOIN incomplete_records r
    ON r.dept_code = a.dept_code
   AND r.q_year < a.apply_year
   AND r.since <= a.apply_date
   AND (r.lifted_on IS NULL OR r.lifted_on > a.apply_date)
  -- only projects that were approved and not abolished by then have records to complete
  JOIN approvals ap ON ap.project_id = r.q_id AND ap.approved_on <= a.apply_date
  LEFT JOIN abolitions ab ON ab.project_id = r.q_id
  WHERE ab.abolished_on IS NULL OR ab.abolished_on > a.apply_date
),

final AS (
  SELECT project_id,
         any_value(apply_year) AS year,
         any_value(apply_date) AS event_date,
         max(CASE WHEN n = 1 THEN record_ref END) AS record_ref,
         format('本次申报（{}）时，本单位历年项目建设情况未完善：', evidence_date(any_value(apply_date)))
           || string_agg(
                format('{}年度项目 {}（{}）{}应于 {} 前备案，{}', q_year, q_id, q_name,
                       CASE WHEN rule_id = 'ART16_CONTRACT_FILING_LATE'
                            THEN format('合同 {}（{} 签订）', record_ref, evidence_date(event_date))
                            ELSE format('验收（{}）材料及资金支付情况', evidence_date(event_date)) END,
                       evidence_date(due_date),
                       CASE WHEN lifted_on IS NULL THEN '至今未备案'
                            ELSE format('直至 {} 才备案', evidence_date(lifted_on)) END),
                '；' ORDER BY n) FILTER (WHERE n <= 3)
           || CASE WHEN any_value(total) > 3 THEN format('；等共 {} 项', any_value(total)) ELSE '' END AS evidence
  FROM matched
  GROUP BY project_id
)
SELECT project_id, year::INTEGER AS year, 'ART7_DEPT_BACKLOG' AS rule_id, 'application' AS flag_key, record_ref,
       evidence, event_date, NULL::DATE AS due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
