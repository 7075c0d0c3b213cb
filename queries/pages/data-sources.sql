-- Per source, whether its file(s) arrived (status `missing` = absent from the inbox) and what was loaded: the
-- freshness check needs every source, whatever the page's source filter.
-- params: none
-- $scope_dept: per-source load records name no project or department; a department caller never reaches /data
-- (no data_status permission), and the scope is echoed, not applied.
SELECT source,
       any_value($scope_dept::VARCHAR) AS scope_dept,
       count(*) FILTER (WHERE status <> 'missing') AS files,
       bool_and(status = 'missing') AS missing,
       sum(rows_read) AS rows_read,
       sum(rows_loaded) AS rows_loaded,
       sum(rows_rejected) AS rows_rejected,
       max(loaded_at) AS loaded_at
FROM etl_batches
GROUP BY source
ORDER BY min(batch_id);
