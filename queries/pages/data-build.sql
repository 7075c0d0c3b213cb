-- What this warehouse is: the as-of date its flags are evaluated at, and when and from where it was built.
-- params: none
SELECT as_of, built_at, inbox, app_version
FROM meta_build;
