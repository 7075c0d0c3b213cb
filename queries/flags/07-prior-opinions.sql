-- ART7_PRIOR_OPINIONS_OPEN — Art. 7(5): 未按照历年政务信息化项目审核意见落实相关技术要求的项目, in principle not built.
--
-- Interpretation (docs/rules.md):
--   * An open opinion is a review (stg_reviews, any stage and conclusion) of one of the department's projects from an
--     earlier budget year (apply_year < this application's apply_year) whose 技术要求已落实 is 否. A blank means the
--     opinion set no technical requirement. 技术要求已落实 carries no date: it is the state the export shows.
--   * The opinion must have been issued on or before this application's date (an opinion issued later cannot have
--     been outstanding when the department applied).
--   * One flag per application (year = apply_year, event_date = apply_date), listing up to three open opinions and
--     the total; record_ref names the earliest open opinion as project_id/stage/date.

CREATE OR REPLACE TABLE int_flags_prior_opinions AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

applications AS (
  SELECT p.project_id, p.dept_code, p.apply_year, p.apply_date
  FROM stg_projects p, as_of a
  WHERE p.apply_date <= a.as_of
),

open_opinions AS (
  SELECT q.dept_code, q.apply_year AS q_year, q.project_id AS q_id, q.name AS q_name,
         r.stage, r.review_date
  FROM stg_reviews r
  JOIN stg_projects q USING (project_id)
  WHERE r.tech_reqs_done = false
),

matched AS (
  SELECT a.project_id, a.apply_year, a.apply_date, o.*,
         row_number() OVER (PARTITION BY a.project_id ORDER BY o.review_date, o.q_id, o.stage) AS n,
         count(*) OVER (PARTITION BY a.project_id) AS total
  FROM applications a
  JOIN open_opinions o
    ON o.dept_code = a.dept_code
   AND o.q_year < a.apply_year
   AND o.review_date <= a.apply_date
),

final AS (
  SELECT project_id,
         any_value(apply_year) AS year,
         any_value(apply_date) AS event_date,
         max(CASE WHEN n = 1 THEN q_id || '/' || stage || '/' || evidence_date(review_date) END) AS record_ref,
         '本单位历年审核意见的技术要求尚未落实：'
           || string_agg(format('{}年度项目 {}（{}）{}意见（{}）', q_year, q_id, q_name, stage, evidence_date(review_date)),
                         '；' ORDER BY n) FILTER (WHERE n <= 3)
           || CASE WHEN any_value(total) > 3 THEN format('；等共 {} 项', any_value(total)) ELSE '' END AS evidence
  FROM matched
  GROUP BY project_id
)
SELECT project_id, year::INTEGER AS year, 'ART7_PRIOR_OPINIONS_OPEN' AS rule_id, 'application' AS flag_key,
       record_ref, evidence, event_date, NULL::DATE AS due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
