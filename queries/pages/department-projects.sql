-- 单位详情: the department's projects in a year — score, grade, fund status with reasons, flags, self-evaluation gap.
-- params: $dept VARCHAR, $year INTEGER
SELECT p.project_id, p.name, p.kind, p.approved_yuan, p.total_score::DOUBLE AS total_score, p.grade, p.om_fund_status,
       p.construction_fund_status, p.flag_count, fs.reasons AS fund_reasons, g.self_score::DOUBLE AS self_score,
       g.gap::DOUBLE AS gap
FROM mart_project_year p
LEFT JOIN mart_fund_status fs USING (project_id, year)
LEFT JOIN mart_evaluation_gap g USING (project_id, year)
WHERE ($scope_dept::VARCHAR IS NULL OR p.dept_code = $scope_dept::VARCHAR) AND p.dept_code = $dept::VARCHAR AND p.year = $year::INTEGER
ORDER BY p.total_score DESC NULLS LAST, p.project_id;
