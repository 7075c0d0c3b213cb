-- What each district/county owes for a year's shared systems, what it has settled and what is outstanding
-- (allocation.md, Art. 25). settled_yuan / outstanding_yuan are NULL where no settlement data exists.
-- Scoped to one department ($scope_dept): what the counties owe for that department's projects only, summed from
-- mart_allocation (mart_county_year totals every department's systems); settlement is per county, not per project,
-- so settled / outstanding are NULL then.
-- params: $year INTEGER (required), $scope_dept VARCHAR (NULL = every department)
SELECT county_code, county_name, owed_yuan, settled_yuan, outstanding_yuan, projects
FROM mart_county_year
WHERE year = $year::INTEGER AND $scope_dept::VARCHAR IS NULL
UNION ALL
SELECT a.county_code, any_value(a.county_name), sum(a.amount_yuan), NULL, NULL,
       count(DISTINCT a.project_id) FILTER (WHERE a.amount_yuan > 0)
FROM mart_allocation a
JOIN dim_project d USING (project_id)
WHERE a.year = $year::INTEGER AND a.county_code <> 'CITY' AND d.dept_code = $scope_dept::VARCHAR
GROUP BY a.county_code
ORDER BY county_code;
