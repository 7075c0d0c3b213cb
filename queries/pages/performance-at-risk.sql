-- 年度绩效: the projects whose funding the year's result puts at risk (Art. 34, rules.md consequences) under the
-- department and kind filters: graded 差, a performance target missed, a rectification flagged, or O&M funds
-- suspended — with the score, the O&M money at stake and every cause.
-- A target counts as missed when one of the targets filed with the application (Art. 9(3); mart_indicators rows
-- `targets:<指标名称>`, scored by achievement) had an actual value and earned less than its full points — achievement
-- below 1 is exactly "not achieved", whichever the target's direction — in a closed year, one that ended on or before
-- the as-of date (a running year's figures are provisional and order nothing, as in int_rectification_due); or when
-- an Art. 34 rectification flag was raised. Whether the year has closed is read here from meta_build, so the page
-- can ask for this query without waiting for another to tell it the as-of date (docs/decisions/008-first-render.md).
-- params: $year INTEGER, $dept VARCHAR (NULL = all), $kind VARCHAR (NULL = all)
WITH base AS (
  SELECT p.project_id, p.name, p.dept_code, p.dept_name, p.kind, p.approved_yuan, p.total_score::DOUBLE AS total_score,
         p.grade,
         p.om_fund_status, p.construction_fund_status, p.flag_count
  FROM mart_project_year p
  WHERE p.year = $year::INTEGER
    AND ($scope_dept::VARCHAR IS NULL OR p.dept_code = $scope_dept::VARCHAR)
    AND ($dept::VARCHAR IS NULL OR p.dept_code = $dept::VARCHAR)
    AND ($kind::VARCHAR IS NULL OR p.kind = $kind::VARCHAR)
),
-- Only the missed targets are read: the miss is tested in the scan, so the indicator texts (the long `note` above
-- all) are decompressed for those few rows only, not for every indicator row of the year. A project with targets
-- but none missed has no row here, which the LEFT JOIN below reads as 0 missed and no list, as before.
targets AS (
  SELECT i.project_id,
         count(*) AS missed_targets,
         list(i.indicator_name || '（' || split_part(i.note, '；', 1) || '）') AS targets_missed
  FROM mart_indicators i
  WHERE i.year = $year::INTEGER AND i.dimension = 'effectiveness'
    AND (i.indicator = 'targets' OR starts_with(i.indicator, 'targets:'))
    AND i.has_data AND i.points < i.max_points
    AND (SELECT as_of FROM meta_build) >= make_date($year::INTEGER, 12, 31)
  GROUP BY i.project_id
),
rectification AS (
  SELECT f.project_id, count(*) AS rectification_flags, list(f.evidence) AS rectification_evidence
  FROM mart_flags f
  WHERE f.year = $year::INTEGER AND ($scope_dept::VARCHAR IS NULL OR f.dept_code = $scope_dept::VARCHAR) AND starts_with(f.rule_id, 'ART34_')
  GROUP BY f.project_id
),
joined AS (
  SELECT b.*,
         fs.reasons AS om_reasons, fs.since AS om_since, fs.lifted_on AS om_lifted_on,
         coalesce(fs.om_at_stake_yuan, 0)::DECIMAL(18,2) AS om_at_stake_yuan,
         coalesce(t.missed_targets, 0) AS missed_targets, t.targets_missed,
         coalesce(r.rectification_flags, 0) AS rectification_flags, r.rectification_evidence
  FROM base b
  LEFT JOIN mart_fund_status fs ON fs.project_id = b.project_id AND fs.year = $year::INTEGER
  LEFT JOIN targets t ON t.project_id = b.project_id
  LEFT JOIN rectification r ON r.project_id = b.project_id
),
final AS (
  SELECT *,
         coalesce(grade = '差', false) OR missed_targets > 0 OR rectification_flags > 0
           OR om_fund_status = 'suspended' AS at_risk
  FROM joined
)
SELECT * FROM final
WHERE at_risk
ORDER BY total_score NULLS LAST, project_id;
