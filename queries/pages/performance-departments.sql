-- 年度绩效: every department in the selected year under the kind filter — projects, how many were scored, their mean
-- total score and 差 count — and how far its self-evaluations run ahead of the independent ones (mart_evaluation_gap,
-- Art. 33: a positive gap is inflation). Departments with no project that year are listed with NULLs so the page
-- can say so. Review status and its reasons are the 单位 page's (pages/department-*.sql): at province scale their
-- texts were most of what this page sent to the browser for ~700 departments, and the page shows none of them.
-- params: $year INTEGER, $kind VARCHAR (NULL = all)
WITH projects AS (
  SELECT dept_code,
         count(*) AS projects,
         count(total_score) AS projects_scored,
         round(avg(total_score), 2) AS mean_score,
         count(*) FILTER (WHERE grade = '差') AS poor,
         sum(flag_count) AS flags
  FROM mart_project_year
  WHERE year = $year::INTEGER AND ($kind::VARCHAR IS NULL OR kind = $kind::VARCHAR)
  GROUP BY dept_code
),
gap AS (
  SELECT g.dept_code,
         count(g.gap) AS gap_projects,
         round(avg(g.self_score), 2) AS mean_self_score,
         round(avg(g.independent_score), 2) AS mean_independent_score,
         round(avg(g.gap), 2) AS mean_gap
  FROM mart_evaluation_gap g
  JOIN dim_project d USING (project_id)
  WHERE g.year = $year::INTEGER AND g.gap IS NOT NULL AND ($kind::VARCHAR IS NULL OR d.kind = $kind::VARCHAR)
  GROUP BY g.dept_code
),
final AS (
  SELECT d.dept_code, d.dept_name,
         coalesce(p.projects, 0) AS projects, coalesce(p.projects_scored, 0) AS projects_scored,
         p.mean_score, coalesce(p.poor, 0) AS poor, coalesce(p.flags, 0) AS flags,
         coalesce(g.gap_projects, 0) AS gap_projects, g.mean_self_score, g.mean_independent_score, g.mean_gap
  FROM dim_department d
  LEFT JOIN projects p USING (dept_code)
  LEFT JOIN gap g USING (dept_code)
)
SELECT * FROM final WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR) ORDER BY mean_score DESC NULLS LAST, dept_code;
