-- Departments whose project reviews are deferred (Art. 34: rectification failed) or restricted (Art. 7(6): earlier
-- projects' records incomplete), with the reasons.
-- Without a year, the latest year's status: what holds now.
-- params: $year INTEGER (NULL = the latest year), $dept VARCHAR (NULL = every department)
SELECT dept_code, dept_name, year, review_status, review_reasons, projects, flags
FROM mart_department_year
WHERE review_status <> 'normal'
  AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
  AND year = coalesce($year::INTEGER, (SELECT max(year) FROM mart_department_year))
  AND ($dept::VARCHAR IS NULL OR dept_code = $dept::VARCHAR)
ORDER BY year DESC, review_status = 'deferred' DESC, dept_code;
