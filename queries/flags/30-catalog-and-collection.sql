-- Art. 30: 项目建设单位应在初步验收完成10个工作日内，通过“绍兴市公共数据平台”完成可编目信息系统的目录编制及数据归集工作
-- … 未完成目录编制和数据归集工作、或归集更新不及时、或重复采集数据的，不再安排项目运行维护经费.
-- Both rules suspend O&M funds (mart_fund_status); since / lifted_on below are the suspension's dates.
--
-- Interpretation (docs/rules.md):
--   * ART30_CATALOG_LATE — per system of the project (the systems on the public data platform are the cataloguable
--     ones; a project with no system there is not flagged). The acceptance is the 初步验收 on or before the as-of
--     date (the 竣工验收 when no preliminary one is recorded). Deadline = the 10th working day after it. The work is
--     done on the later of catalog_compiled_on and data_collected_on — both are needed — when that is on or before
--     the as-of date. Late: done after the deadline; not done: as-of date past the deadline.
--     Suspended since the day after the deadline; lifted on the day the work was done (if it was).
--     year = year(acceptance); record_ref = system_id.
--   * ART30_DATA_STALE, stale — a system whose data was collected (data_collected_on on or before the as-of date)
--     and that declares an update cycle (update_cycle_days > 0, calendar days): the next refresh was due
--     update_cycle_days after the last refresh (last_refreshed_on, else data_collected_on). Stale when the as-of date
--     (or the shutdown day, after which no refresh is owed) is past that. A last_refreshed_on after the as-of date
--     proves nothing about the as-of date and is not flagged. Suspended since the day after the refresh was due;
--     the export keeps only the latest refresh, so a stale flag cannot show a lift. year = year(refresh due).
--   * ART30_DATA_STALE, duplicate — duplicate_collection 是 on a system whose data was collected on or before the
--     as-of date; suspended since data_collected_on; year = year(data_collected_on).

-- Every cataloguable system's ART30_CATALOG_LATE deadline facts, on time or not, are kept as a table: the project
-- life line (queries/marts/30-project-milestones.sql, stage catalog) reads the same rows the flag below reads, so the
-- milestone and the flag cannot disagree on which acceptance starts the 10 working days, when the work counts as done,
-- or the deadline. due_date: NULL beyond the calendar's covered years (as 16-contract-filing.sql).
CREATE OR REPLACE TABLE int_catalog_collection AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

accepted AS (
  SELECT x.project_id,
         CASE WHEN x.prelim_accepted_on IS NOT NULL THEN x.prelim_accepted_on ELSE x.final_accepted_on END AS accepted_on,
         CASE WHEN x.prelim_accepted_on IS NOT NULL THEN '初步验收' ELSE '竣工验收' END AS acceptance
  FROM stg_acceptances x, as_of a
  WHERE coalesce(x.prelim_accepted_on, x.final_accepted_on) <= a.as_of
),

catalog_work AS (
  SELECT s.system_id, s.project_id, coalesce(s.name, s.system_id) AS system_name, ac.accepted_on, ac.acceptance,
         CASE WHEN s.catalog_compiled_on <= a.as_of THEN s.catalog_compiled_on END AS catalog_compiled_on,
         CASE WHEN s.data_collected_on <= a.as_of THEN s.data_collected_on END AS data_collected_on,
         a.as_of
  FROM stg_systems s
  CROSS JOIN as_of a
  JOIN accepted ac USING (project_id)
),

done AS (
  -- both are needed: the work is done when the later of the two is
  SELECT *,
         CASE WHEN catalog_compiled_on IS NOT NULL AND data_collected_on IS NOT NULL
              THEN greatest(catalog_compiled_on, data_collected_on) END AS done_on
  FROM catalog_work
)
SELECT system_id, project_id, system_name, year(accepted_on)::INTEGER AS year, acceptance, accepted_on,
       catalog_compiled_on, data_collected_on, workday_due_or_null(accepted_on, 10) AS due_date, done_on,
       workday_deadline_passed(accepted_on, 10, coalesce(done_on, as_of)) AS is_late,
       as_of
FROM done;

CREATE OR REPLACE TABLE int_flags_catalog_and_collection AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

systems AS (
  -- for the refresh and duplicate rules, every system (accepted or not) with what it did up to the as-of date
  SELECT s.system_id, s.project_id, coalesce(s.name, s.system_id) AS system_name,
         CASE WHEN s.data_collected_on <= a.as_of THEN s.data_collected_on END AS data_collected_on,
         CASE WHEN s.last_refreshed_on <= a.as_of THEN s.last_refreshed_on END AS last_refreshed_on,
         s.last_refreshed_on > a.as_of AS refreshed_after_as_of,
         CASE WHEN s.shutdown_on <= a.as_of THEN s.shutdown_on END AS shutdown_on,
         s.update_cycle_days, s.duplicate_collection, a.as_of
  FROM stg_systems s, as_of a
),

catalog_late AS (
  -- is_late implies a due_date inside the calendar (past it, workday_deadline_passed has already failed the build)
  SELECT * FROM int_catalog_collection WHERE is_late
),

catalog_flags AS (
  SELECT project_id, year, 'ART30_CATALOG_LATE' AS rule_id, system_id AS flag_key,
         system_id AS record_ref,
         format('项目于 {} {}，系统 {}（{}）应于 {} 前完成目录编制及数据归集，', evidence_date(accepted_on), acceptance,
                system_id, system_name, evidence_date(due_date))
           || CASE
                WHEN done_on IS NOT NULL
                  THEN format('实际目录编制 {}、数据归集 {}，{}', evidence_date(catalog_compiled_on),
                              evidence_date(data_collected_on), evidence_overdue(due_date, done_on))
                ELSE format('截至 {} {}，已{}', evidence_date(as_of),
                            CASE
                              WHEN catalog_compiled_on IS NULL AND data_collected_on IS NULL THEN '仍未完成目录编制和数据归集'
                              WHEN catalog_compiled_on IS NULL
                                THEN format('数据已于 {} 归集，但仍未完成目录编制', evidence_date(data_collected_on))
                              ELSE format('目录已于 {} 编制，但仍未完成数据归集', evidence_date(catalog_compiled_on))
                            END,
                            evidence_overdue(due_date, as_of))
              END AS evidence,
         accepted_on AS event_date, due_date,
         (due_date + 1) AS since, done_on AS lifted_on
  FROM catalog_late
),

refresh AS (
  SELECT *,
         coalesce(last_refreshed_on, data_collected_on) AS refreshed_on,
         (coalesce(last_refreshed_on, data_collected_on) + update_cycle_days) AS refresh_due
  FROM systems
  WHERE data_collected_on IS NOT NULL
    AND update_cycle_days > 0
    AND NOT coalesce(refreshed_after_as_of, false)
),

stale_flags AS (
  SELECT project_id, year(refresh_due) AS year, 'ART30_DATA_STALE' AS rule_id, system_id || '/stale' AS flag_key,
         system_id AS record_ref,
         format('系统 {}（{}）声明数据更新周期 {} 天，最近一次{}为 {}，应于 {} 前更新，{}', system_id, system_name,
                update_cycle_days, CASE WHEN last_refreshed_on IS NULL THEN '归集' ELSE '更新' END,
                evidence_date(refreshed_on), evidence_date(refresh_due),
                CASE
                  WHEN shutdown_on IS NOT NULL
                    THEN format('至 {} 系统停用时仍未更新，逾期 {} 天', evidence_date(shutdown_on), shutdown_on - refresh_due)
                  ELSE format('截至 {} 仍未更新，逾期 {} 天', evidence_date(as_of), as_of - refresh_due)
                END) AS evidence,
         refreshed_on AS event_date, refresh_due AS due_date,
         (refresh_due + 1) AS since, NULL::DATE AS lifted_on
  FROM refresh
  WHERE least(as_of, coalesce(shutdown_on, as_of)) > refresh_due
),

duplicate_flags AS (
  SELECT project_id, year(data_collected_on) AS year, 'ART30_DATA_STALE' AS rule_id,
         system_id || '/duplicate' AS flag_key, system_id AS record_ref,
         format('系统 {}（{}）于 {} 归集的数据存在重复采集', system_id, system_name, evidence_date(data_collected_on))
           AS evidence,
         data_collected_on AS event_date, NULL::DATE AS due_date,
         data_collected_on AS since, NULL::DATE AS lifted_on
  FROM systems
  WHERE duplicate_collection IS TRUE
    AND data_collected_on IS NOT NULL
),

final AS (
  SELECT * FROM catalog_flags
  UNION ALL SELECT * FROM stale_flags
  UNION ALL SELECT * FROM duplicate_flags
)
SELECT project_id, year::INTEGER AS year, rule_id, flag_key, record_ref, evidence, event_date, due_date,
       since::DATE AS since, lifted_on
FROM final;
