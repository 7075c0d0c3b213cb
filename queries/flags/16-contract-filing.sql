-- ART16_CONTRACT_FILING_LATE — Art. 16: 签订正式采购合同 5 个工作日内，应将合同文本以及合同金额 … 备案.
--
-- Interpretation (docs/rules.md):
--   * Deadline = the 5th working day after the signing date (counting starts the day after; 调休上班 counts), via
--     the calendar's workday macros (queries/reference/20-calendar.sql). Filing on the deadline day is on time.
--   * Late: filed after the deadline. Not filed: no filing on or before the as-of date, and the as-of date is past the
--     deadline. A deadline not yet passed (due_date >= as_of) is never a violation.
--   * Only contracts signed on or before the as-of date exist; a filing dated after the as-of date has not happened.
--   * One flag per contract (record_ref = contract_id); year = year(signed_on); event_date = signed_on.
--   * since / lifted_on: the records were incomplete from the day after the deadline until the filing — read by
--     ART7_DEPT_BACKLOG (80-dept-backlog.sql).

-- Every contract's Art. 16 deadline facts, on time or not, are kept as a table: the project life line
-- (queries/marts/30-project-milestones.sql, stage contract_filing) reads the same rows the flag below reads, so the
-- milestone and the flag cannot disagree on the deadline or on whether it was missed.
--   due_date: NULL where the deadline lies beyond the calendar's covered years (workday_due_or_null); is_late then
--   fails the build (calendar_gap_error) only when the as-of date or the filing lies past the covered years too.
CREATE OR REPLACE TABLE int_contract_filing AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

contracts AS (
  SELECT c.contract_id, c.project_id, c.signed_on, c.amount_yuan,
         CASE WHEN c.filed_on <= a.as_of THEN c.filed_on END AS filed_on,
         a.as_of
  FROM stg_contracts c, as_of a
  WHERE c.signed_on <= a.as_of
)
SELECT contract_id, project_id, year(signed_on)::INTEGER AS year, signed_on, amount_yuan,
       workday_due_or_null(signed_on, 5) AS due_date, filed_on,
       workday_deadline_passed(signed_on, 5, coalesce(filed_on, as_of)) AS is_late,
       as_of
FROM contracts;

CREATE OR REPLACE TABLE int_flags_contract_filing AS
WITH late AS (
  -- is_late implies a due_date inside the calendar (past it, workday_deadline_passed has already failed the build)
  SELECT * FROM int_contract_filing WHERE is_late
),

final AS (
  SELECT project_id, year, contract_id AS record_ref, signed_on AS event_date, due_date, filed_on,
         format('合同 {} 于 {} 签订，应于 {} 前备案，{}（合同金额 {}）', contract_id, evidence_date(signed_on),
                evidence_date(due_date),
                CASE
                  WHEN filed_on IS NOT NULL
                    THEN format('实际 {} 备案，{}', evidence_date(filed_on), evidence_overdue(due_date, filed_on))
                  ELSE format('截至 {} 仍未备案，已{}', evidence_date(as_of), evidence_overdue(due_date, as_of))
                END,
                evidence_yuan(amount_yuan)) AS evidence
  FROM late
)
SELECT project_id, year::INTEGER AS year, 'ART16_CONTRACT_FILING_LATE' AS rule_id, record_ref AS flag_key,
       record_ref, evidence, event_date, due_date, (due_date + 1)::DATE AS since, filed_on AS lifted_on
FROM final;
