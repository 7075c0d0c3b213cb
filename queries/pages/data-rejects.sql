-- The rejected input rows themselves (file, row, column, value, reason), one page at a time; the page count comes
-- from data-reject-reasons.sql, which counts the same rows.
-- params: $source VARCHAR (NULL = every source), $limit INTEGER, $offset INTEGER
SELECT file, source, row_number, column_name, value, reason
FROM etl_rejects
WHERE $scope_dept::VARCHAR IS NULL -- rejected rows may be any department's: none for a scoped caller
  AND ($source::VARCHAR IS NULL OR source = $source::VARCHAR)
ORDER BY source, file, row_number, column_name NULLS FIRST
LIMIT $limit::INTEGER OFFSET $offset::INTEGER;
