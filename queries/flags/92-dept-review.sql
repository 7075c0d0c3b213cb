-- int_dept_review — the department's review status per year (rules.md "Department review status"), read by
-- mart_department_year.
--
-- Interpretation (docs/rules.md):
--   * Grid: every department with a project in int_project_years × every year present in int_project_years.
--   * deferred (暂缓审核, Art. 34): an ART34_RECTIFICATION_FAILED cause of one of the department's projects holds
--     at the end of the year's period (12-31, or the as-of date in the as-of year) — the same since / lifted_on as
--     the O&M suspension (mart_fund_events). A failure that began in an earlier year and is not remedied still
--     defers the department's later reviews.
--   * restricted (申报受限, Art. 7(6)): the department has an ART7_DEPT_BACKLOG flag in that year (an application
--     of that budget year filed while earlier records were incomplete).
--   * deferred outranks restricted (reviews are not held at all); review_reasons lists every reason of both,
--     joined by ；. Otherwise normal, with review_reasons NULL.

CREATE OR REPLACE TABLE int_dept_review AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

departments AS (
  SELECT DISTINCT d.dept_code
  FROM int_project_years s
  JOIN dim_project d USING (project_id)
),

years AS (
  SELECT DISTINCT year FROM int_project_years
),

grid AS (
  SELECT dp.dept_code, y.year, least(make_date(y.year, 12, 31), a.as_of) AS period_end
  FROM departments dp
  CROSS JOIN years y
  CROSS JOIN as_of a
),

deferrals AS (
  SELECT g.dept_code, g.year, f.since,
         format('暂缓审核（第三十四条）：项目 {}（{}）整改 {} {}，自 {} 起', f.project_id, f.project_name, f.record_ref,
                f.title_zh, evidence_date(f.since)) AS reason
  FROM grid g
  JOIN int_flags f
    ON f.dept_code = g.dept_code
   AND f.rule_id = 'ART34_RECTIFICATION_FAILED'
   AND f.since <= g.period_end
   AND (f.lifted_on IS NULL OR f.lifted_on > g.period_end)
),

restrictions AS (
  SELECT f.dept_code, f.year, f.event_date AS since,
         format('申报受限（第七条第（六）项）：{} 申报的项目 {}（{}）时，本单位历年项目建设情况未完善', evidence_date(f.event_date),
                f.project_id, f.project_name) AS reason
  FROM int_flags f
  WHERE f.rule_id = 'ART7_DEPT_BACKLOG'
),

per_year AS (
  SELECT dept_code, year,
         bool_or(kind = 'deferred') AS deferred,
         bool_or(kind = 'restricted') AS restricted,
         string_agg(reason, '；' ORDER BY kind, since, reason) AS reasons
  FROM (SELECT 'deferred' AS kind, * FROM deferrals
        UNION ALL BY NAME
        SELECT 'restricted' AS kind, * FROM restrictions)
  GROUP BY ALL
),

final AS (
  SELECT g.dept_code, g.year,
         CASE WHEN p.deferred THEN 'deferred' WHEN p.restricted THEN 'restricted' ELSE 'normal' END AS review_status,
         p.reasons AS review_reasons
  FROM grid g
  LEFT JOIN per_year p USING (dept_code, year)
)
SELECT dept_code, year::INTEGER AS year, review_status, review_reasons
FROM final
ORDER BY dept_code, year;
