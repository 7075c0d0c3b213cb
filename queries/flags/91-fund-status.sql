-- Fund status (rules.md "Consequences that finance and leadership act on"): what finance may pay, per project-year.
--
-- mart_fund_events — the history: one row per cause that withholds a fund, with since (the first day it held) and
-- lifted_on (the day it was remedied; NULL while it holds). Causes:
--   * O&M funds (fund = om), Art. 30 and 34: every ART30_CATALOG_LATE, ART30_DATA_STALE and
--     ART34_RECTIFICATION_FAILED flag, with the dates its rule file set (catalog late: day after the deadline →
--     the day the catalog and collection were done; rectification failed: day after the deadline, or the failed
--     completion → the completion the re-check passed; stale or duplicate data: never lifted in the export).
--   * Construction funds (fund = construction), Art. 22: every ART22_PAID_WITHOUT_REVIEW flag (the first payment
--     before the opinion → the opinion), and the state "no review opinion yet" (rule_id ART22_NO_REVIEW_OPINION,
--     a fund-status cause, not a mart_flags rule): from the application date until the first passing review
--     opinion (as 22-payment-before-review.sql defines it).
--
-- mart_fund_status — one row per project × year of the spine int_project_years. The period of a year ends on
-- 12-31, or on the as-of date in the as-of year; the status is the state at the end of that period:
--   * om_status = suspended when an O&M cause holds then (a cause from an earlier year not yet remedied still
--     holds); construction_status = blocked when a construction cause holds then; else eligible / ok.
--   * reasons / rule_ids list every cause holding at the end of the period, and also every flagged cause lifted
--     during the year (marked 已于 … 解除) — so a year shows why and when a suspension ended. The routine
--     "no review opinion yet" state is listed only while it holds.
--   * since = the earliest start among the causes holding at the end of the period (or, when none holds, among the
--     listed ones); lifted_on = the last lift date when every listed cause was lifted, else NULL.
--   * om_at_stake_yuan = the O&M money that year depends on: O&M payments (资金类型 运维) made in that year plus the
--     government-cloud rent billed for it that year (cloud rent is an operating cost, Art. 20, 23), up to the as-of
--     date. A suspended project usually has no O&M payment yet, so the rent is what finance actually holds back.

CREATE OR REPLACE TABLE mart_fund_events AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

flag_causes AS (
  SELECT project_id, fund, rule_id, article,
         format('{}：{}（{}）', article_zh, title_zh, record_ref) AS reason,
         since, lifted_on
  FROM int_flags
  WHERE fund IS NOT NULL
    AND since IS NOT NULL
),

last_review AS (
  -- the latest review on or before the as-of date, to say why there is no opinion (不通过 / 退回修改)
  SELECT r.project_id, arg_max(r.stage || ' ' || evidence_date(r.review_date) || ' ' || r.conclusion,
                               (r.review_date, r.stage)) AS latest, arg_max(r.conclusion, (r.review_date, r.stage)) AS conclusion
  FROM stg_reviews r, as_of a
  WHERE r.review_date <= a.as_of
  GROUP BY ALL
),

no_opinion AS (
  SELECT p.project_id, 'construction' AS fund, 'ART22_NO_REVIEW_OPINION' AS rule_id, '22' AS article,
         '第二十二条：尚未取得市信管办审核意见'
           || CASE WHEN o.first_opinion_on IS NULL AND l.conclusion IN ('不通过', '退回修改')
                   THEN '（最近一次审核：' || l.latest || '）' ELSE '' END AS reason,
         p.apply_date AS since, o.first_opinion_on AS lifted_on
  FROM stg_projects p
  CROSS JOIN as_of a
  LEFT JOIN int_review_opinions o USING (project_id)
  LEFT JOIN last_review l USING (project_id)
  WHERE p.apply_date <= a.as_of
    AND (o.first_opinion_on IS NULL OR o.first_opinion_on > p.apply_date)
),

final AS (
  SELECT * FROM flag_causes
  UNION ALL
  SELECT * FROM no_opinion
)
SELECT project_id, fund, rule_id, article, reason, since::DATE AS since, lifted_on::DATE AS lifted_on
FROM final
ORDER BY project_id, since, fund, rule_id, reason;

CREATE OR REPLACE TABLE mart_fund_status AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

periods AS (
  SELECT s.project_id, s.year, d.dept_code,
         make_date(s.year, 1, 1) AS period_start,
         least(make_date(s.year, 12, 31), a.as_of) AS period_end
  FROM int_project_years s
  JOIN dim_project d USING (project_id)
  CROSS JOIN as_of a
),

touching AS (
  -- causes that held at some time in the period
  SELECT p.project_id, p.year, e.fund, e.rule_id, e.reason, e.since, e.lifted_on,
         e.lifted_on IS NULL OR e.lifted_on > p.period_end AS holds_at_end
  FROM periods p
  JOIN mart_fund_events e
    ON e.project_id = p.project_id
   AND e.since <= p.period_end
   AND (e.lifted_on IS NULL OR e.lifted_on > p.period_start)
),

listed AS (
  SELECT *
  FROM touching
  WHERE holds_at_end OR rule_id <> 'ART22_NO_REVIEW_OPINION'
),

per_year AS (
  SELECT project_id, year,
         bool_or(holds_at_end AND fund = 'om') AS om_suspended,
         bool_or(holds_at_end AND fund = 'construction') AS construction_blocked,
         bool_or(holds_at_end) AS any_holds,
         -- (ordered string_agg is slow over many small groups: sort a list of structs instead)
         array_to_string(list_transform(list_sort(list({
           'since': since, 'fund': fund, 'rule_id': rule_id,
           'text': reason || CASE WHEN holds_at_end THEN '' ELSE format('（已于 {} 解除）', evidence_date(lifted_on)) END
         })), lambda x: x.text), '；') AS reasons,
         list_sort(list_distinct(list(rule_id))) AS rule_ids,
         min(since) FILTER (WHERE holds_at_end) AS since_open,
         min(since) AS since_listed,
         max(lifted_on) AS last_lifted_on
  FROM listed
  GROUP BY ALL
),

om_paid AS (
  SELECT p.project_id, year(p.paid_on)::INTEGER AS year, sum(p.amount_yuan) AS om_paid_yuan
  FROM stg_payments p, as_of a
  WHERE p.fund_type = '运维' AND p.paid_on <= a.as_of
  GROUP BY ALL
),

cloud_rent AS (
  -- the year's cloud rent billed on or before the as-of date, already summed from the bills in one pass by
  -- queries/reference/30-cloud-cost.sql (re-reading the daily bills here took 12 s at province scale)
  SELECT project_id, year, billed_to_as_of_yuan AS rent_yuan
  FROM int_project_cloud_year
),

final AS (
  SELECT p.project_id, p.year, p.dept_code,
         CASE WHEN y.om_suspended THEN 'suspended' ELSE 'eligible' END AS om_status,
         CASE WHEN y.construction_blocked THEN 'blocked' ELSE 'ok' END AS construction_status,
         y.reasons,
         coalesce(y.rule_ids, []::VARCHAR[]) AS rule_ids,
         coalesce(y.since_open, y.since_listed) AS since,
         CASE WHEN NOT y.any_holds THEN y.last_lifted_on END AS lifted_on,
         round(coalesce(o.om_paid_yuan, 0) + coalesce(r.rent_yuan, 0), 2)::DECIMAL(18,2) AS om_at_stake_yuan
  FROM periods p
  LEFT JOIN per_year y USING (project_id, year)
  LEFT JOIN om_paid o USING (project_id, year)
  LEFT JOIN cloud_rent r USING (project_id, year)
)
SELECT project_id, year::INTEGER AS year, dept_code, om_status, construction_status, reasons, rule_ids,
       since::DATE AS since, lifted_on::DATE AS lifted_on, om_at_stake_yuan
FROM final
ORDER BY project_id, year;
