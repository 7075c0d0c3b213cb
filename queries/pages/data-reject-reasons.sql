-- Rejected rows counted by file, column and reason: what to fix in the source system, largest first.
-- params: $source VARCHAR (NULL = every source)
SELECT source, file, column_name, reason, count(*) AS rows, min(row_number) AS first_row
FROM etl_rejects
WHERE $scope_dept::VARCHAR IS NULL -- rejected rows may be any department's: none for a scoped caller
  AND ($source::VARCHAR IS NULL OR source = $source::VARCHAR)
GROUP BY ALL
ORDER BY rows DESC, source, file, first_row;
