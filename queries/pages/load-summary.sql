-- What the warehouse holds, per source: files, rows read / loaded / rejected, and when it was built.
-- params: none
-- $scope_dept: per-source counts name no project or department (the overview every signed-in user sees); the
-- scope is echoed, not applied.
SELECT b.source,
       any_value($scope_dept::VARCHAR) AS scope_dept,
       count(*) FILTER (WHERE b.status <> 'missing') AS files,
       sum(b.rows_read) AS rows_read,
       sum(b.rows_loaded) AS rows_loaded,
       sum(b.rows_rejected) AS rows_rejected,
       bool_or(b.status = 'missing') AND count(*) = 1 AS missing,
       max(b.loaded_at) AS loaded_at,
       (SELECT as_of FROM meta_build) AS as_of,
       (SELECT built_at FROM meta_build) AS built_at
FROM etl_batches b
GROUP BY b.source
ORDER BY min(b.batch_id);
