-- The annual report's headline figures for one year: projects in scope, money, mean score, flags, suspended funds
-- and the cloud cost allocated to counties. Money sums stay DECIMAL (exact yuan).
-- params: $year INTEGER
WITH py AS (
  SELECT * FROM mart_project_year WHERE year = $year::INTEGER AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
),
flags AS (
  SELECT * FROM mart_flags WHERE year = $year::INTEGER AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
),
funds AS (
  SELECT * FROM mart_fund_status WHERE year = $year::INTEGER AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
)
SELECT (SELECT as_of FROM meta_build) AS as_of,
       (SELECT built_at FROM meta_build) AS built_at,
       (SELECT count(*) FROM py) AS projects,
       (SELECT count(DISTINCT dept_code) FROM py) AS departments,
       (SELECT coalesce(sum(approved_yuan), 0) FROM py) AS approved_yuan,
       (SELECT coalesce(sum(contracted_yuan), 0) FROM py) AS contracted_yuan,
       (SELECT coalesce(sum(paid_construction_yuan), 0) FROM py) AS paid_construction_yuan,
       (SELECT coalesce(sum(paid_om_yuan), 0) FROM py) AS paid_om_yuan,
       (SELECT coalesce(sum(cloud_cost_yuan), 0) FROM py) AS cloud_cost_yuan,
       (SELECT round(avg(total_score), 2) FROM py) AS mean_score,
       (SELECT count(total_score) FROM py) AS scored_projects,
       (SELECT count(*) FROM flags) AS flags,
       (SELECT count(*) FROM flags WHERE severity = '严重') AS serious_flags,
       (SELECT count(DISTINCT project_id) FROM flags) AS flagged_projects,
       (SELECT count(*) FROM funds WHERE om_status = 'suspended') AS om_suspended,
       (SELECT count(*) FROM funds WHERE construction_status = 'blocked') AS construction_blocked,
       (SELECT coalesce(sum(om_at_stake_yuan), 0) FROM funds WHERE om_status = 'suspended') AS om_at_stake_yuan,
       CASE WHEN $scope_dept::VARCHAR IS NULL
            THEN (SELECT coalesce(sum(owed_yuan), 0) FROM mart_county_year WHERE year = $year::INTEGER)
            ELSE (SELECT coalesce(sum(a.amount_yuan), 0) FROM mart_allocation a JOIN dim_project d USING (project_id)
                  WHERE a.year = $year::INTEGER AND a.county_code <> 'CITY' AND d.dept_code = $scope_dept::VARCHAR)
       END AS allocated_yuan;
