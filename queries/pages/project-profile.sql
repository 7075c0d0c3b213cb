-- 项目档案: the project as the warehouse knows it (dim_project: application year, kind, approved price, lifecycle
-- dates) and the as-of date its deadlines are judged at. No row = unknown project.
-- params: $project VARCHAR
SELECT d.*, (SELECT as_of FROM meta_build) AS as_of
FROM dim_project d
WHERE d.project_id = $project::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR d.dept_code = $scope_dept::VARCHAR);
