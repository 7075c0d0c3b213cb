-- 项目档案: the project year by year — money, cloud cost, total score and grade with the weights version that scored
-- it, and its fund status with every reason, since when and when it lifted (rules.md consequences).
-- params: $project VARCHAR
SELECT p.year, p.approved_yuan, p.contracted_yuan, p.paid_construction_yuan, p.paid_om_yuan, p.cloud_cost_yuan,
       p.total_score, p.grade, s.weights_version, s.provisional, s.note AS score_note, p.om_fund_status, p.construction_fund_status, p.flag_count,
       fs.reasons AS fund_reasons, fs.rule_ids AS fund_rule_ids, fs.since AS fund_since, fs.lifted_on AS fund_lifted_on,
       fs.om_at_stake_yuan
FROM mart_project_year p
LEFT JOIN int_project_score s USING (project_id, year)
LEFT JOIN mart_fund_status fs USING (project_id, year)
WHERE p.project_id = $project::VARCHAR AND ($scope_dept::VARCHAR IS NULL OR p.dept_code = $scope_dept::VARCHAR)
ORDER BY p.year;
