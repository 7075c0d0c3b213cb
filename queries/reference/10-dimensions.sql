-- Dimensions every mart joins to. dim_project carries the approved price (核准价, Art. 21: the ceiling finance funds)
-- and the lifecycle dates other stages need; staging stays a faithful copy of the inbox.

CREATE OR REPLACE TABLE dim_project AS
WITH approved AS (
  -- The latest passing review that set a price is the 核准价; later reviews (changes, Art. 17) supersede earlier ones.
  SELECT project_id, arg_max(approved_yuan, review_date) AS approved_yuan
  FROM stg_reviews
  WHERE conclusion = '通过' AND approved_yuan IS NOT NULL
  GROUP BY project_id
),
systems AS (
  SELECT project_id,
         min(go_live_on) AS go_live_on,
         -- a project is shut down only when every one of its systems is
         CASE WHEN bool_and(shutdown_on IS NOT NULL) THEN max(shutdown_on) END AS shutdown_on
  FROM stg_systems
  GROUP BY project_id
)
SELECT p.project_id, p.name, p.dept_code, p.dept_name, p.apply_year AS year, p.kind, p.alloc_class, p.city_wide,
       p.lead_dept_code, p.deployment, p.internet_facing, p.mlps_level, p.pilot_level,
       a.approved_yuan, s.go_live_on, s.shutdown_on,
       acc.prelim_accepted_on, acc.final_accepted_on
FROM stg_projects p
LEFT JOIN approved a USING (project_id)
LEFT JOIN systems s USING (project_id)
LEFT JOIN stg_acceptances acc USING (project_id)
ORDER BY p.project_id;

CREATE OR REPLACE TABLE dim_department AS
SELECT dept_code, arg_max(dept_name, apply_date) AS dept_name, count(*) AS projects
FROM stg_projects
GROUP BY dept_code
ORDER BY dept_code;

CREATE OR REPLACE TABLE dim_county AS
SELECT county_code, arg_max(county_name, year) AS county_name, min(year) AS first_year, max(year) AS last_year
FROM stg_population
GROUP BY county_code
ORDER BY county_code;

-- The project × year spine: a project exists from the budget year it applied for until the as-of year, or until
-- the year its systems were shut down.
CREATE OR REPLACE TABLE int_project_years AS
SELECT d.project_id, y.year::INTEGER AS year
FROM dim_project d,
     LATERAL (
       SELECT unnest(range(d.year, least(year((SELECT as_of FROM meta_build)),
                                         coalesce(year(d.shutdown_on), 9999)) + 1)) AS year
     ) y
ORDER BY 1, 2;
