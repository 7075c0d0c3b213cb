-- Approved vs contracted vs paid in a year (Art. 21: the approved price is the ceiling finance funds), by
-- department; within one department, by project. Largest first (the page charts the first rows, tables all).
-- params: $year INTEGER (required), $dept VARCHAR (NULL = every department, grouped by department)
SELECT CASE WHEN $dept::VARCHAR IS NULL THEN dept_code ELSE project_id END AS key,
       CASE WHEN $dept::VARCHAR IS NULL THEN any_value(dept_name) ELSE any_value(name) END AS label,
       CASE WHEN $dept::VARCHAR IS NULL THEN 'dept' ELSE 'project' END AS level,
       count(*) AS projects,
       sum(approved_yuan)::DECIMAL(18,2) AS approved_yuan,
       sum(contracted_yuan)::DECIMAL(18,2) AS contracted_yuan,
       sum(paid_construction_yuan)::DECIMAL(18,2) AS paid_construction_yuan,
       sum(paid_om_yuan)::DECIMAL(18,2) AS paid_om_yuan
FROM mart_project_year
WHERE year = $year::INTEGER
  AND ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
  AND ($dept::VARCHAR IS NULL OR dept_code = $dept::VARCHAR)
GROUP BY 1
ORDER BY greatest(coalesce(sum(approved_yuan), 0), coalesce(sum(contracted_yuan), 0), coalesce(sum(paid_construction_yuan), 0)) DESC, 1;
