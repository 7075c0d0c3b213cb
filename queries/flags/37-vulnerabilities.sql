-- ART37_VULN_UNFIXED — Art. 37: 项目运行过程中，若存在安全隐患和系统漏洞，应及时修复。安全隐患消除后，方可重新上线运行；
-- 若无法修复，系统应予关停.
--
-- Interpretation (docs/rules.md):
--   * A 漏洞 record of severity 严重 or 高危 found on or before the as-of date, with a 整改期限. A record without a
--     deadline cannot be judged late and is not flagged.
--   * The vulnerability stays open until its 修复日期 (if on or before the as-of date). The system keeps running
--     until the project's shutdown (dim_project.shutdown_on, all systems stopped) if on or before the as-of date.
--   * Violation: it was still open and the system still running after the deadline — i.e. the earlier of the fix
--     and the shutdown (or the as-of date) falls after the deadline. Shutting the system down by the deadline is
--     the article's other lawful outcome.
--   * One flag per vulnerability (record_ref = record_id); year = year(整改期限); event_date = discovery date.

CREATE OR REPLACE TABLE int_flags_vulnerabilities AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

vulnerabilities AS (
  SELECT s.record_id, s.project_id, s.severity, s.record_date, s.fix_deadline, a.as_of,
         CASE WHEN s.fixed_on <= a.as_of THEN s.fixed_on END AS fixed_on,
         CASE WHEN d.shutdown_on <= a.as_of THEN d.shutdown_on END AS shutdown_on
  FROM stg_security s
  CROSS JOIN as_of a
  LEFT JOIN dim_project d USING (project_id)
  WHERE s.record_type = '漏洞'
    AND s.severity IN ('严重', '高危')
    AND s.record_date <= a.as_of
    AND s.fix_deadline IS NOT NULL
),

judged AS (
  SELECT *,
         least(coalesce(fixed_on, as_of), coalesce(shutdown_on, as_of)) AS open_until
  FROM vulnerabilities
),

final AS (
  SELECT project_id, record_id, record_date, fix_deadline,
         format('{}漏洞 {} 于 {} 发现，整改期限 {}，', severity, record_id, evidence_date(record_date),
                evidence_date(fix_deadline))
           || CASE
                WHEN fixed_on IS NOT NULL AND fixed_on = open_until
                  THEN format('实际 {} 才修复，逾期 {} 天，期间系统仍在运行', evidence_date(fixed_on), fixed_on - fix_deadline)
                WHEN shutdown_on IS NOT NULL AND shutdown_on = open_until
                  THEN format('未修复，系统至 {} 才关停，逾期运行 {} 天', evidence_date(shutdown_on),
                              shutdown_on - fix_deadline)
                ELSE format('截至 {} 仍未修复，系统仍在运行，已逾期 {} 天', evidence_date(as_of), as_of - fix_deadline)
              END AS evidence
  FROM judged
  WHERE open_until > fix_deadline
)
SELECT project_id, year(fix_deadline)::INTEGER AS year, 'ART37_VULN_UNFIXED' AS rule_id, record_id AS flag_key,
       record_id AS record_ref, evidence, record_date AS event_date, fix_deadline AS due_date,
       NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
