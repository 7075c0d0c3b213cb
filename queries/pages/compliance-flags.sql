-- The flags themselves, with evidence, consequence, due date and as-of date, for every URL filter; one page at a
-- time, with the total count of matching flags on every row.
-- params: $year INTEGER, $dept VARCHAR, $rule VARCHAR (each NULL = no filter), $limit INTEGER, $offset INTEGER
SELECT flag_id,
       project_id,
       project_name,
       dept_code,
       dept_name,
       year,
       rule_id,
       article,
       severity,
       evidence,
       consequence,
       record_ref,
       event_date,
       due_date,
       as_of,
       count(*) OVER () AS total
FROM mart_flags
WHERE ($scope_dept::VARCHAR IS NULL OR dept_code = $scope_dept::VARCHAR)
  AND ($year::INTEGER IS NULL OR year = $year::INTEGER)
  AND ($dept::VARCHAR IS NULL OR dept_code = $dept::VARCHAR)
  AND ($rule::VARCHAR IS NULL OR rule_id = $rule::VARCHAR)
ORDER BY CASE severity WHEN '严重' THEN 0 WHEN '较重' THEN 1 WHEN '一般' THEN 2 ELSE 3 END,
         event_date DESC NULLS LAST,
         flag_id
LIMIT $limit::INTEGER OFFSET $offset::INTEGER;
