-- Which projects' funds are stopped in a year, and why (rules.md "Consequences"): O&M funds suspended under
-- Art. 30 / Art. 34 (or lifted during the year), construction funds blocked under Art. 22. Each cause comes from the
-- fund history with its own article, since and lifted dates; the status row's reasons text is the fallback.
-- The year's period is the one mart_fund_status uses: 1 January to 31 December, or to the as-of date in the as-of
-- year. The routine "no review opinion yet" state (ART22_NO_REVIEW_OPINION) is listed only while it holds.
-- params: $year INTEGER (required), $dept VARCHAR (NULL = every department)
WITH period AS (
  SELECT make_date($year::INTEGER, 1, 1) AS period_start,
         least(make_date($year::INTEGER, 12, 31), (SELECT as_of FROM meta_build)) AS period_end
),

status AS (
  SELECT project_id, year, dept_code, om_status, construction_status, reasons, since, lifted_on, om_at_stake_yuan
  FROM mart_fund_status
  WHERE year = $year::INTEGER
    AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
    AND ($dept::VARCHAR IS NULL OR dept_code = $dept::VARCHAR)
    AND (om_status = 'suspended' OR construction_status = 'blocked' OR lifted_on IS NOT NULL)
),

-- causes that held at some time in the period, one row each (the page groups them per project and fund)
causes AS (
  SELECT e.project_id, e.fund, e.rule_id, e.article, e.reason, e.since,
         CASE WHEN e.lifted_on <= p.period_end THEN e.lifted_on END AS lifted_on
  FROM mart_fund_events e, period p
  WHERE e.since <= p.period_end
    AND (e.lifted_on IS NULL OR e.lifted_on > p.period_start)
    AND NOT (e.rule_id = 'ART22_NO_REVIEW_OPINION' AND e.lifted_on IS NOT NULL AND e.lifted_on <= p.period_end)
)

SELECT s.project_id,
       p.name AS project_name,
       s.dept_code,
       d.dept_name,
       s.year,
       s.om_status,
       s.construction_status,
       s.reasons,
       s.since,
       s.lifted_on,
       s.om_at_stake_yuan,
       c.fund AS cause_fund,
       c.rule_id AS cause_rule_id,
       c.article AS cause_article,
       c.reason AS cause_reason,
       c.since AS cause_since,
       c.lifted_on AS cause_lifted_on
FROM status s
LEFT JOIN causes c USING (project_id)
LEFT JOIN dim_project p USING (project_id)
LEFT JOIN dim_department d ON d.dept_code = s.dept_code
ORDER BY s.om_status = 'suspended' DESC, s.om_at_stake_yuan DESC NULLS LAST, s.project_id, c.since, c.rule_id;
