-- Art. 34: 对没有实现项目建设目标的，市信管办应督促项目建设单位限期整改；对拒不整改或整改后仍不符合要求的，市信管办暂缓其
-- 后续项目审核，市财政局停止拨付项目运维经费.
--
-- Interpretation (docs/rules.md). A rectification order (stg_rectifications) exists from its 下达日期; only orders
-- issued on or before the as-of date are read; a 完成日期 after the as-of date has not happened, and neither has
-- the 复核结论 that follows it. 整改期限 is a date (not working days). Per order:
--   * ART34_RECTIFICATION_FAILED when
--       - the re-check failed (复核结论 不通过): since = 完成日期 (the re-check date is not exported), or deadline + 1
--         when completed late; not lifted;
--       - not completed and the as-of date is past the deadline (拒不整改): since = deadline + 1; not lifted;
--       - completed after the deadline: since = deadline + 1; lifted on 完成日期 if the re-check passed, else open.
--   * ART34_RECTIFICATION_OPEN when the deadline has not passed (deadline >= as-of) and the order is not completed,
--     or it was completed in time and awaits its re-check (复核结论 blank).
--   * Completed in time and re-check 通过: no flag.
-- FAILED suspends O&M funds (mart_fund_status) and defers the department's later reviews (int_dept_review) from
-- since until lifted_on. One flag per order (record_ref = rectification_id); year = the order's 年度;
-- event_date = 下达日期; due_date = 整改期限.

CREATE OR REPLACE TABLE int_flags_rectification AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

orders AS (
  SELECT r.rectification_id, r.project_id, r.year, coalesce(r.reason, '未实现项目建设目标') AS reason,
         r.ordered_on, r.deadline, a.as_of,
         CASE WHEN r.completed_on <= a.as_of THEN r.completed_on END AS completed_on,
         CASE WHEN r.completed_on <= a.as_of THEN r.recheck_result END AS recheck_result
  FROM stg_rectifications r, as_of a
  WHERE r.ordered_on <= a.as_of
),

classified AS (
  SELECT *,
         CASE
           WHEN recheck_result = '不通过'                          THEN 'recheck_failed'
           WHEN completed_on IS NULL AND as_of > deadline         THEN 'overdue'
           WHEN completed_on > deadline                           THEN 'completed_late'
           WHEN completed_on IS NULL                              THEN 'in_progress'
           WHEN recheck_result IS NULL                            THEN 'awaiting_recheck'
         END AS state
  FROM orders
),

final AS (
  SELECT project_id, year, rectification_id, ordered_on, deadline,
         CASE WHEN state IN ('in_progress', 'awaiting_recheck') THEN 'ART34_RECTIFICATION_OPEN'
              ELSE 'ART34_RECTIFICATION_FAILED' END AS rule_id,
         format('{}年度绩效评估未实现建设目标（{}），整改通知 {} 于 {} 下达，整改期限 {}，', year, reason,
                rectification_id, evidence_date(ordered_on), evidence_date(deadline))
           || CASE state
                WHEN 'recheck_failed'   THEN format('{} 完成整改，复核不通过', evidence_date(completed_on))
                WHEN 'overdue'          THEN format('截至 {} 仍未完成整改，已逾期 {} 天', evidence_date(as_of), as_of - deadline)
                WHEN 'completed_late'   THEN format('逾期 {} 天于 {} 才完成整改，{}', completed_on - deadline,
                                                    evidence_date(completed_on),
                                                    CASE WHEN recheck_result = '通过' THEN '复核通过'
                                                         ELSE '尚待复核' END)
                WHEN 'in_progress'      THEN format('截至 {} 整改进行中，距期限还有 {} 天', evidence_date(as_of),
                                                    deadline - as_of)
                WHEN 'awaiting_recheck' THEN format('已于 {} 完成整改，尚待复核', evidence_date(completed_on))
              END AS evidence,
         CASE state
           WHEN 'recheck_failed' THEN least(completed_on, deadline + 1)
           WHEN 'overdue'        THEN deadline + 1
           WHEN 'completed_late' THEN deadline + 1
         END AS since,
         CASE WHEN state = 'completed_late' AND recheck_result = '通过' THEN completed_on END AS lifted_on
  FROM classified
  WHERE state IS NOT NULL
)
SELECT project_id, year::INTEGER AS year, rule_id, rectification_id AS flag_key, rectification_id AS record_ref,
       evidence, ordered_on AS event_date, deadline AS due_date, since::DATE AS since, lifted_on
FROM final;
