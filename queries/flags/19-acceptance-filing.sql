-- ART19_ACCEPTANCE_FILING_LATE — Art. 19: 项目验收之后 5 个工作日内，将项目验收材料以及资金支付情况 … 备案.
--
-- Interpretation (docs/rules.md):
--   * The acceptance is the 竣工验收 (final) when it happened on or before the as-of date, else the 初步验收
--     (preliminary) — the same choice as the flag's year (docs/warehouse.md).
--   * Deadline = the 5th working day after the acceptance (calendar macros, 调休上班 counts).
--   * The filing counts only when dated on or after that acceptance (a filing before the final acceptance was the
--     preliminary one's) and on or before the as-of date, and when it carries the payment status (已付金额 not
--     blank: Art. 19 asks for 验收材料以及资金支付情况 together). Otherwise the acceptance is "not filed".
--   * Late: filed after the deadline; not filed: as-of date past the deadline. One flag per project
--     (record_ref = project_id); year = year of that acceptance; event_date = the acceptance date.
--   * since / lifted_on: the records were incomplete from the day after the deadline until the (complete) filing —
--     read by ART7_DEPT_BACKLOG (80-dept-backlog.sql).

-- Every accepted project's Art. 19 deadline facts, on time or not, are kept as a table: the project life line
-- (queries/marts/30-project-milestones.sql, stage acceptance_filing) reads the same rows the flag below reads, so the
-- milestone and the flag cannot disagree on which acceptance starts the clock, which filing counts, or the deadline.
--   raw_filed_on / paid_yuan: the 备案 as exported, for the evidence of a filing that does not count;
--   filed_on: the filing that counts; due_date: NULL beyond the calendar's covered years (as 16-contract-filing.sql).
CREATE OR REPLACE TABLE int_acceptance_filing AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

acceptances AS (
  SELECT x.project_id, x.filed_on AS raw_filed_on, x.paid_yuan, a.as_of,
         CASE WHEN x.final_accepted_on <= a.as_of THEN x.final_accepted_on ELSE x.prelim_accepted_on END AS accepted_on,
         CASE WHEN x.final_accepted_on <= a.as_of THEN '竣工验收' ELSE '初步验收' END AS acceptance
  FROM stg_acceptances x, as_of a
  WHERE coalesce(CASE WHEN x.final_accepted_on <= a.as_of THEN x.final_accepted_on END,
                 x.prelim_accepted_on) <= a.as_of
),

filings AS (
  SELECT *,
         CASE
           WHEN raw_filed_on <= as_of AND raw_filed_on >= accepted_on AND paid_yuan IS NOT NULL THEN raw_filed_on
         END AS filed_on
  FROM acceptances
)
SELECT project_id, year(accepted_on)::INTEGER AS year, acceptance, accepted_on, raw_filed_on, paid_yuan,
       workday_due_or_null(accepted_on, 5) AS due_date, filed_on,
       workday_deadline_passed(accepted_on, 5, coalesce(filed_on, as_of)) AS is_late,
       as_of
FROM filings;

CREATE OR REPLACE TABLE int_flags_acceptance_filing AS
WITH late AS (
  -- is_late implies a due_date inside the calendar (past it, workday_deadline_passed has already failed the build)
  SELECT * FROM int_acceptance_filing WHERE is_late
),

final AS (
  SELECT project_id, year, accepted_on AS event_date, due_date, filed_on,
         format('项目于 {} {}，应于 {} 前备案验收材料及资金支付情况，', evidence_date(accepted_on), acceptance,
                evidence_date(due_date))
           || CASE
                WHEN filed_on IS NOT NULL
                  THEN format('实际 {} 备案，{}（已付金额 {}）', evidence_date(filed_on),
                              evidence_overdue(due_date, filed_on), evidence_yuan(paid_yuan))
                WHEN raw_filed_on <= as_of AND raw_filed_on < accepted_on
                  THEN format('备案日期 {} 早于{}，{}后未再备案；截至 {} 已{}', evidence_date(raw_filed_on), acceptance,
                              acceptance, evidence_date(as_of), evidence_overdue(due_date, as_of))
                WHEN raw_filed_on <= as_of AND paid_yuan IS NULL
                  THEN format('{} 备案但未填报资金支付情况，视为未完成备案；截至 {} 已{}', evidence_date(raw_filed_on),
                              evidence_date(as_of), evidence_overdue(due_date, as_of))
                ELSE format('截至 {} 仍未备案，已{}', evidence_date(as_of), evidence_overdue(due_date, as_of))
              END AS evidence
  FROM late
)
SELECT project_id, year::INTEGER AS year, 'ART19_ACCEPTANCE_FILING_LATE' AS rule_id, project_id AS flag_key,
       project_id AS record_ref, evidence, event_date, due_date, (due_date + 1)::DATE AS since, filed_on AS lifted_on
FROM final;
