-- A year's government-cloud rent split between the city and the districts/counties (Art. 23), one row per project ×
-- party, with the Art. 25 procurement duty that goes with the project's rent. The county filter is applied by the page
-- (the chart keeps every county so the selected one can be compared); the department filter keeps projects the
-- department builds or leads.
-- params: $year INTEGER (required), $dept VARCHAR (NULL = every department)
SELECT a.project_id,
       coalesce(p.name, a.project_id) AS project_name,
       p.dept_code,
       p.dept_name,
       a.county_code,
       a.county_name,
       a.alloc_class,
       a.allocable,
       a.rent_yuan,
       a.share,
       a.amount_yuan,
       a.basis,
       a.note,
       u.lead_dept_code,
       ld.dept_name AS lead_dept_name,
       u.duty
FROM mart_allocation a
LEFT JOIN dim_project p USING (project_id)
LEFT JOIN mart_allocation_duty u ON u.project_id = a.project_id AND u.year = a.year
LEFT JOIN dim_department ld ON ld.dept_code = u.lead_dept_code
WHERE a.year = $year::INTEGER
  AND ($scope_dept::VARCHAR IS NULL OR p.dept_code = $scope_dept::VARCHAR)
  AND ($dept::VARCHAR IS NULL OR p.dept_code = $dept::VARCHAR OR u.lead_dept_code = $dept::VARCHAR)
ORDER BY a.allocable DESC, a.rent_yuan DESC, a.project_id, a.county_code <> 'CITY', a.county_code;
