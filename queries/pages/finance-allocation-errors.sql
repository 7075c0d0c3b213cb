-- Project-years whose rent could not be allocated (a county's Y−1 population is missing): shown loudly, never as if
-- the allocation were complete (allocation.md "Money is exact").
-- params: $year INTEGER (required), $dept VARCHAR (NULL = every department)
SELECT e.project_id,
       coalesce(p.name, e.project_id) AS project_name,
       p.dept_name,
       e.year,
       e.county_code,
       e.message,
       u.rent_yuan
FROM int_allocation_errors e
LEFT JOIN dim_project p USING (project_id)
LEFT JOIN mart_allocation_duty u ON u.project_id = e.project_id AND u.year = e.year
WHERE e.year = $year::INTEGER
  AND ($scope_dept::VARCHAR IS NULL OR p.dept_code = $scope_dept::VARCHAR)
  AND ($dept::VARCHAR IS NULL OR p.dept_code = $dept::VARCHAR OR u.lead_dept_code = $dept::VARCHAR)
ORDER BY e.project_id, e.county_code NULLS FIRST;
