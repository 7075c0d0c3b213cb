-- What this warehouse is: the as-of date its flags are evaluated at, and when and from where it was built.
-- params: none
-- $scope_dept: per-source load records name no project or department; a department caller never reaches /data
-- (no data_status permission), and the scope is echoed, not applied.
SELECT as_of, built_at, inbox, app_version, $scope_dept::VARCHAR AS scope_dept
FROM meta_build;
