-- 项目档案: how the project's cloud rent is allocated to the city and the counties each year (Art. 23), with the
-- basis and share; the parts of a year add up to its rent exactly.
-- params: $project VARCHAR
SELECT year, county_code, county_name, alloc_class, allocable, rent_yuan, share, amount_yuan, basis, note
FROM mart_allocation
WHERE project_id = $project::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR project_id IN (SELECT project_id FROM dim_project WHERE dept_code = $scope_dept::VARCHAR))
ORDER BY year DESC, CASE WHEN county_code = 'CITY' THEN 0 ELSE 1 END, county_code;
