-- Art. 17: 已审定的项目原则上不得自行调整变更建设内容、增加项目投资预算。如有重大调整或变更的，项目建设单位需在招投标之前，
-- 按程序报市信管办重新审核，经市领导小组批准出具变更意见 … 通过审核的项目如废止 … 应 … 说明情况.
--
-- Interpretation (docs/rules.md):
--   * ART17_CHANGE_WITHOUT_REVIEW — a 内容调整 or 预算增加 applied for on or before the as-of date, and either
--       - 重新审核 is 否 or blank (the change went ahead without re-review), or
--       - the project tendered (招标日期 on or before the as-of date) before the change was approved: no approval on
--         or before the as-of date, or approval later than the tender. Approval on the tender day counts as before.
--     A change under re-review with no tender yet is pending, not a violation.
--   * ART17_ABOLISHED_UNEXPLAINED — a 废止 applied for on or before the as-of date, of a project that had passed a
--     review (any stage, 结论 通过) on or before that date, with 情况说明已备案 否 or blank. An application that was
--     never approved is not "通过审核的项目".
--   * One flag per change record; record_ref = project_id/applied_on/change_type; year = year(applied_on).

CREATE OR REPLACE TABLE int_flags_changes AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

changes AS (
  SELECT c.project_id, c.change_type, c.applied_on, c.re_reviewed, c.explanation_filed, c.new_amount_yuan,
         CASE WHEN c.approved_on <= a.as_of THEN c.approved_on END AS approved_on,
         CASE WHEN c.tendered_on <= a.as_of THEN c.tendered_on END AS tendered_on,
         a.as_of
  FROM stg_changes c, as_of a
  WHERE c.applied_on <= a.as_of
),

first_approval AS (
  SELECT project_id, min(review_date) AS approved_on
  FROM stg_reviews
  WHERE conclusion = '通过'
  GROUP BY ALL
),

without_review AS (
  SELECT project_id, applied_on, change_type, 'ART17_CHANGE_WITHOUT_REVIEW' AS rule_id,
         format('{}申请（{}{}）', change_type, evidence_date(applied_on),
                CASE WHEN new_amount_yuan IS NOT NULL THEN '，变更后金额 ' || evidence_wan_yuan(new_amount_yuan) ELSE '' END)
           || CASE
                WHEN re_reviewed IS NOT TRUE
                  THEN '未报市信管办重新审核' ||
                       CASE WHEN tendered_on IS NOT NULL THEN format('，已于 {} 招标', evidence_date(tendered_on)) ELSE '' END
                WHEN approved_on IS NULL
                  THEN format('已于 {} 招标，截至 {} 变更仍未获市领导小组批准', evidence_date(tendered_on),
                              evidence_date(as_of))
                ELSE format('于 {} 招标后，才于 {} 获批准（应在招投标之前重新审核并批准）', evidence_date(tendered_on),
                            evidence_date(approved_on))
              END AS evidence
  FROM changes
  WHERE change_type IN ('内容调整', '预算增加')
    AND (re_reviewed IS NOT TRUE
         OR (tendered_on IS NOT NULL AND (approved_on IS NULL OR approved_on > tendered_on)))
),

abolished AS (
  SELECT c.project_id, c.applied_on, c.change_type, 'ART17_ABOLISHED_UNEXPLAINED' AS rule_id,
         format('项目于 {} 审核通过，{} 申请废止，未通过项目管理模块备案情况说明', evidence_date(f.approved_on),
                evidence_date(c.applied_on)) AS evidence
  FROM changes c
  JOIN first_approval f ON f.project_id = c.project_id AND f.approved_on <= c.applied_on
  WHERE c.change_type = '废止'
    AND c.explanation_filed IS NOT TRUE
),

final AS (
  SELECT * FROM without_review
  UNION ALL
  SELECT * FROM abolished
)
SELECT project_id, year(applied_on)::INTEGER AS year, rule_id,
       evidence_date(applied_on) || '/' || change_type AS flag_key,
       project_id || '/' || evidence_date(applied_on) || '/' || change_type AS record_ref,
       evidence, applied_on AS event_date, NULL::DATE AS due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
