-- Who is scored, for which year, under which configuration (Art. 32: 正式投入使用的政务信息化项目, 按年度).
--
-- In use in year Y: went live on or before the end of Y (or the as-of date, for the running year) and not shut down
-- before 1 January of Y. Dates come from dim_project (systems.json: the earliest go-live, and shutdown only when every
-- system of the project is shut down). The year runs from 1 January to the earlier of 31 December and the as-of date,
-- so the running year is scored provisionally on the data to date.
--
-- Configuration: per year, the version in ref_scoring_versions (loaded from config/scoring/*.json by
-- etl/warehouse/reference.ts) with the latest published_on, ties broken by the higher version id. A project-year no
-- version covers is not scored and is listed in int_scoring_errors — never scored with guessed weights.

CREATE OR REPLACE TABLE int_scoring_version AS
SELECT year, version, published_on
FROM ref_scoring_versions
QUALIFY row_number() OVER (PARTITION BY year ORDER BY published_on DESC, version DESC) = 1
ORDER BY year;

-- One row per version × indicator, the thresholds pivoted into columns (indicators without a parameter get NULL).
CREATE OR REPLACE TABLE int_scoring_params AS
SELECT version, dimension, indicator,
       any_value(indicator_name) AS indicator_name,
       min(seq) AS seq,
       max(value) FILTER (WHERE param = 'max_points') AS max_points,
       max(value) FILTER (WHERE param = 'full_at') AS full_at,
       max(value) FILTER (WHERE param = 'zero_at') AS zero_at,
       max(value) FILTER (WHERE param = 'min_peers') AS min_peers,
       max(value) FILTER (WHERE param = 'window_years') AS window_years
FROM ref_scoring_thresholds
WHERE dimension <> 'total'
GROUP BY ALL
ORDER BY version, dimension, seq;

-- Every project-year in use (Art. 32), whether or not a configuration covers it.
CREATE OR REPLACE TABLE int_project_in_use AS
WITH years AS (
  SELECT py.project_id, py.year,
         make_date(py.year, 1, 1) AS period_start,
         least(make_date(py.year, 12, 31), (SELECT as_of FROM meta_build)) AS period_end,
         make_date(py.year, 12, 31) > (SELECT as_of FROM meta_build) AS provisional
  FROM int_project_years py
)
SELECT y.project_id, y.year, d.dept_code, d.kind, d.deployment, d.internet_facing, d.mlps_level, d.pilot_level,
       p.classified, d.approved_yuan, d.go_live_on, d.shutdown_on, y.period_start, y.period_end, y.provisional,
       -- calendar months of the year the project was in service (go-live month to shutdown / as-of month)
       date_diff('month', date_trunc('month', greatest(d.go_live_on, y.period_start)),
                          date_trunc('month', least(coalesce(d.shutdown_on, y.period_end), y.period_end)))::INTEGER + 1
         AS months_in_service
FROM years y
JOIN dim_project d USING (project_id)
JOIN stg_projects p USING (project_id)
WHERE d.go_live_on <= y.period_end
  AND (d.shutdown_on IS NULL OR d.shutdown_on >= y.period_start)
ORDER BY 1, 2;

-- The scored project-years: in use and covered by a configuration version.
CREATE OR REPLACE TABLE int_scoring_scope AS
SELECT u.*, v.version AS weights_version
FROM int_project_in_use u
JOIN int_scoring_version v USING (year)
ORDER BY 1, 2;

CREATE OR REPLACE TABLE int_scoring_errors AS
SELECT project_id, year,
       format('{} 年没有适用的评分配置版本（config/scoring/*.json 的 applies_to_years 未包含该年），该项目年度未评分',
              year) AS message
FROM int_project_in_use
WHERE year NOT IN (SELECT year FROM int_scoring_version)
ORDER BY 1, 2;
