-- Art. 34: 对没有实现项目建设目标的，市信管办应督促项目建设单位限期整改；对拒不整改或整改后仍不符合要求的，市信管办暂缓其
-- 后续项目审核，市财政局停止拨付项目运维经费.
--
-- Reads the scoring stage: int_rectification_due (queries/scoring/95-rectification-due.sql) lists the project-years
-- the annual evaluation says should be rectified (grade 差 or a filed target missed, closed years only). The flags
-- stage therefore runs after scoring (docs/decisions/006-art34-after-scoring.md).
--
-- Interpretation (docs/rules.md). A rectification order (stg_rectifications) exists from its 下达日期; only orders
-- issued on or before the as-of date are read; a 完成日期 after the as-of date has not happened, and neither has
-- the 复核结论 that follows it. 整改期限 is a date (not working days). An order answers the due project-year of the
-- same project and 年度. Per order:
--   * ART34_RECTIFICATION_FAILED when
--       - the re-check failed (复核结论 不通过): since = 完成日期 (the re-check date is not exported), or deadline + 1
--         when completed late; not lifted;
--       - not completed and the as-of date is past the deadline (拒不整改): since = deadline + 1; not lifted;
--       - completed after the deadline: since = deadline + 1; lifted on 完成日期 if the re-check passed, else open.
--   * ART34_RECTIFICATION_OPEN when the deadline has not passed (deadline >= as-of) and the order is not completed,
--     or it was completed in time and awaits its re-check (复核结论 blank).
--   * Completed in time and re-check 通过: no flag.
--   The evidence names the evaluation's reason (int_rectification_due.reason) when the order's project-year is due.
-- Per due project-year without an order issued on or before the as-of date:
--   * ART34_RECTIFICATION_OPEN (提示): the evaluation has opened the rectification path but no order (and so no
--     deadline) is on record. Never FAILED: 拒不整改 presupposes an order with a deadline the unit let pass; with
--     no deadline set, nothing the unit owed has lapsed. No fund or review consequence (since / lifted_on NULL).
--     flag_key = 'due/<年度>', record_ref = '<project_id>/<年度>' (the evaluated project-year),
--     event_date = 31 December of the evaluated year (the year closed with the result), due_date NULL.
-- FAILED suspends O&M funds (mart_fund_status) and defers the department's later reviews (int_dept_review) from
-- since until lifted_on. One flag per order (record_ref = rectification_id); year = the order's 年度;
-- event_date = 下达日期; due_date = 整改期限.

-- Every rectification order's Art. 34 facts, on time or not, and every due project-year still without an order, are
-- kept as tables: the project life line (queries/marts/30-project-milestones.sql, stage rectification) reads the same
-- rows the flags below read, so the milestone and the flag cannot disagree on the deadline, on whether the order was
-- done (a failed re-check is 整改后仍不符合要求: not done) or on which ART34 rule it raises.
--   state: recheck_failed / overdue / completed_late (→ FAILED), in_progress / awaiting_recheck (→ OPEN), NULL when
--   completed in time and re-checked 通过 (no flag); is_late: the FAILED states (拒不整改, late, or 整改后仍不符合要求);
--   rule_id: the flag the state raises, NULL for none; done_on: the completion that counts (完成日期, unless the
--   re-check failed).
CREATE OR REPLACE TABLE int_rectification_orders AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

orders AS (
  SELECT r.rectification_id, r.project_id, r.year, coalesce(r.reason, '未实现项目建设目标') AS reason,
         d.reason AS due_reason, r.ordered_on, r.deadline, a.as_of,
         CASE WHEN r.completed_on <= a.as_of THEN r.completed_on END AS completed_on,
         CASE WHEN r.completed_on <= a.as_of THEN r.recheck_result END AS recheck_result
  FROM stg_rectifications r
  CROSS JOIN as_of a
  LEFT JOIN int_rectification_due d ON d.project_id = r.project_id AND d.year = r.year
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

judged AS (
  SELECT *, coalesce(state IN ('recheck_failed', 'overdue', 'completed_late'), false) AS is_late
  FROM classified
)
SELECT rectification_id, project_id, year, reason, due_reason, ordered_on, deadline, completed_on, recheck_result,
       CASE WHEN recheck_result IS DISTINCT FROM '不通过' THEN completed_on END AS done_on,
       state, is_late,
       CASE
         WHEN is_late            THEN 'ART34_RECTIFICATION_FAILED'
         WHEN state IS NOT NULL  THEN 'ART34_RECTIFICATION_OPEN'
       END AS rule_id,
       as_of
FROM judged;

-- The project-years the annual evaluation says must be rectified with no order issued on or before the as-of date:
-- the clock has not been set (no 整改期限). record_ref / event_date as the ART34_RECTIFICATION_OPEN flag carries them.
CREATE OR REPLACE TABLE int_rectification_unordered AS
WITH as_of AS (
  SELECT as_of FROM meta_build
)
SELECT d.project_id, d.year, format('{}/{}', d.project_id, d.year) AS record_ref, d.reason,
       make_date(d.year, 12, 31) AS event_date, a.as_of
FROM int_rectification_due d
CROSS JOIN as_of a
WHERE NOT EXISTS (
  SELECT 1 FROM stg_rectifications r
  WHERE r.project_id = d.project_id AND r.year = d.year AND r.ordered_on <= a.as_of
);

CREATE OR REPLACE TABLE int_flags_rectification AS
WITH ordered_flags AS (
  SELECT project_id, year, rule_id,
         rectification_id AS flag_key,
         rectification_id AS record_ref,
         format('{}年度绩效评估未实现建设目标（{}），', year, reason)
           || CASE WHEN due_reason IS NOT NULL THEN format('年度评估认定：{}，', due_reason) ELSE '' END
           || format('整改通知 {} 于 {} 下达，整改期限 {}，', rectification_id, evidence_date(ordered_on),
                     evidence_date(deadline))
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
         ordered_on AS event_date,
         deadline AS due_date,
         CASE state
           WHEN 'recheck_failed' THEN least(completed_on, deadline + 1)
           WHEN 'overdue'        THEN deadline + 1
           WHEN 'completed_late' THEN deadline + 1
         END AS since,
         CASE WHEN state = 'completed_late' AND recheck_result = '通过' THEN completed_on END AS lifted_on
  FROM int_rectification_orders
  WHERE rule_id IS NOT NULL
),

unordered_flags AS (
  -- due project-years with no order issued on or before the as-of date
  SELECT project_id, year,
         'ART34_RECTIFICATION_OPEN' AS rule_id,
         format('due/{}', year) AS flag_key,
         record_ref,
         format('{}年度绩效评估：{}，应由市信管办督促限期整改；截至 {} 尚无整改通知下达记录', year, reason,
                evidence_date(as_of)) AS evidence,
         event_date,
         NULL::DATE AS due_date,
         NULL::DATE AS since,
         NULL::DATE AS lifted_on
  FROM int_rectification_unordered
),

final AS (
  SELECT * FROM ordered_flags
  UNION ALL BY NAME
  SELECT * FROM unordered_flags
)
SELECT project_id, year::INTEGER AS year, rule_id, flag_key, record_ref, evidence, event_date::DATE AS event_date,
       due_date::DATE AS due_date, since::DATE AS since, lifted_on::DATE AS lifted_on
FROM final;
