-- The years the annual report can be written for: those with project-years in the warehouse.
-- params: none
SELECT DISTINCT year FROM mart_project_year WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR) ORDER BY year;
