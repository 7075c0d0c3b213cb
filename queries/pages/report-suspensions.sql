-- Projects whose O&M funds are suspended or construction funds blocked in the year, with the reasons and dates.
-- params: $year INTEGER
SELECT fs.project_id, p.name, p.dept_name, fs.om_status, fs.construction_status, fs.reasons, fs.since, fs.lifted_on,
       fs.om_at_stake_yuan
FROM mart_fund_status fs
JOIN dim_project p USING (project_id)
WHERE fs.year = $year::INTEGER
  AND ($scope_dept::VARCHAR IS NULL OR fs.dept_code = $scope_dept::VARCHAR)
  AND (fs.om_status = 'suspended' OR fs.construction_status = 'blocked')
ORDER BY fs.since NULLS LAST, fs.project_id;
