-- One row per loaded (or missing) inbox file: encoding, checksum, rows read / loaded / rejected, status, time.
-- params: $source VARCHAR (NULL = every source)
SELECT batch_id, source, file, sha256, encoding, rows_read, rows_loaded, rows_rejected, status, message, loaded_at
FROM etl_batches
WHERE $scope_dept::VARCHAR IS NULL -- file-level load records are not department data: none for a scoped caller
  AND ($source::VARCHAR IS NULL OR source = $source::VARCHAR)
ORDER BY batch_id;
