-- Department ranking for the year by mean project score (departments without a scorable project last), with their
-- flags and the review status the compliance engine set.
-- params: $year INTEGER
SELECT rank() OVER (ORDER BY mean_score DESC NULLS LAST) AS rank,
       dept_code, dept_name, projects, mean_score, flags, review_status, review_reasons
FROM mart_department_year
WHERE year = $year::INTEGER AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
ORDER BY mean_score DESC NULLS LAST, dept_code;
