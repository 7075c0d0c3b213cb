-- Department × year: how many projects, their mean score, flags, the review status the compliance engine set
-- (Art. 34 deferred, Art. 7(6) restricted) and how far self-evaluation runs ahead of the independent one (Art. 33).

CREATE OR REPLACE TABLE mart_department_year AS
WITH projects AS (
  SELECT dept_code, year,
         count(*) AS projects,
         round(avg(total_score), 2) AS mean_score,
         sum(flag_count)::INTEGER AS flags
  FROM mart_project_year
  GROUP BY ALL
),
gap AS (
  SELECT dept_code, year, round(avg(gap), 2) AS self_score_gap
  FROM mart_evaluation_gap
  WHERE gap IS NOT NULL
  GROUP BY ALL
),
final AS (
  SELECT p.dept_code, d.dept_name, p.year, p.projects, p.mean_score, p.flags,
         coalesce(r.review_status, 'normal') AS review_status,
         r.review_reasons,
         g.self_score_gap
  FROM projects p
  JOIN dim_department d USING (dept_code)
  LEFT JOIN int_dept_review r USING (dept_code, year)
  LEFT JOIN gap g USING (dept_code, year)
)
SELECT * FROM final ORDER BY dept_code, year;
