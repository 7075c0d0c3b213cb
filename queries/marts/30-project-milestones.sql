-- mart_project_milestones — 项目生命线: every milestone of a project from application to shutdown, with the event
-- that starts it, the deadline the measures (绍政办发〔2020〕39号) set for it, the date it was actually done, and
-- whether the deadline was met — as of meta_build.as_of. One row per project × stage × record_ref
-- (docs/warehouse.md). mart_flags says only what went wrong; this mart says the same for what went right.
--
-- The deadlines are the flag files' deadlines by construction: each rule file builds its per-record deadline facts
-- once as an int_ table (event, due date, completion, whether it was late) and both its flag and this mart read that
-- table, so a change to a rule cannot reach one and miss the other (a test also holds the two marts to the same due
-- date on the sample warehouse, test/sample/milestones.test.ts):
--   stage              event (record_ref)                         deadline                      done when            as in
--   application        申报 (project_id)                           none                          first review opinion 22-payment-before-review.sql
--   contract_filing    合同签订 (contract_id)                       5th working day after         备案日期             16-contract-filing.sql
--   acceptance_filing  竣工验收, else 初步验收 (project_id)          5th working day after         complete 备案        19-acceptance-filing.sql
--   catalog            初步验收, else 竣工验收 (system_id)          10th working day after        目录编制 and 数据归集 30-catalog-and-collection.sql
--   go_live            first system live (project_id)             none                          go-live itself       36-security-before-go-live.sql
--   rectification      整改通知下达 (rectification_id)              整改期限 (a date)             整改完成, 复核未不通过 34-rectification.sql
--                      年度评估认定需整改, no order yet (<id>/<年度>) none (pending)
--   cloud_release      系统停用 (resource_id)                       the shutdown day itself       释放, no bill after  18-cloud-release.sql
--   shutdown_backup    系统停用 (system_id)                         the shutdown day itself       系统备份             18-cloud-release.sql
-- read from: int_review_opinions (application), int_contract_filing, int_acceptance_filing, int_catalog_collection,
-- int_rectification_orders / int_rectification_unordered, int_shutdown_resources / int_shutdown_systems.
-- Working days come from the calendar macros (queries/reference/20-calendar.sql): counting starts the day after the
-- event, 调休上班 counts, a completion on the due date is on time. A deadline beyond the calendar's covered years is
-- NULL in those tables (workday_due_or_null) rather than an error: the build fails only where the flags would.
--
-- status, as of the as-of date (a date after it has not happened):
--   met      done on or before the deadline          late     done after it (workdays_late / days_late: by how much)
--   open     not done, deadline not passed yet        missing  not done, deadline passed (lateness counted to as_of)
--   done     happened; the measures set no deadline   pending  not done, no deadline set (review opinion awaited;
--                                                             a rectification due with no order and so no 整改期限)
-- Art. 18 (及时注销云资源, 做好备份) sets no number of days: the flag reads "by the shutdown day", and so does this mart;
-- a shut-down system's resource or backup not done is "missing" from the shutdown day on. Art. 34: a re-check that
-- failed (复核不通过) means the rectification was not done (整改后仍不符合要求) — "missing", as the flag says FAILED.
-- flag_id: the mart_flags row raised on this milestone, when there is one (late / missing; open for ART34_…_OPEN).

CREATE OR REPLACE TABLE mart_project_milestones AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

-- 申报 → 审核意见 (Art. 9, 12–14; Art. 22: no construction funds without the opinion) ------------------------------
reviews AS (
  SELECT r.project_id,
         string_agg(format('{} {} {}', r.stage, evidence_date(r.review_date), r.conclusion), '；'
                    ORDER BY r.review_date, r.stage) AS trail,
         arg_max(r.approved_yuan, (r.review_date, r.stage))
           FILTER (WHERE r.conclusion = '通过' AND r.approved_yuan IS NOT NULL) AS approved_yuan
  FROM stg_reviews r, as_of a
  WHERE r.review_date <= a.as_of
  GROUP BY ALL
),

application_items AS (
  SELECT p.project_id, p.apply_year AS year, 10 AS stage_seq, 'application' AS stage,
         '申报→审核意见（立项）' AS stage_name, '9, 14' AS article, p.project_id AS record_ref, '申报' AS event,
         p.apply_date AS event_date, NULL::DATE AS due_date, o.first_opinion_on AS done_date,
         false AS has_deadline, NULL::BOOLEAN AS is_late,
         format('{}年度项目于 {} 申报', p.apply_year, evidence_date(p.apply_date))
           || CASE
                WHEN o.first_opinion_on IS NOT NULL
                  THEN format('，{} 取得审核意见（{}通过）', evidence_date(o.first_opinion_on), o.first_opinion_stage)
                       || coalesce(format('，核准金额 {}', evidence_wan_yuan(r.approved_yuan)), '')
                ELSE format('，截至 {} 尚未取得审核意见（未取得审核意见的项目不予核拨建设经费，第二十二条）',
                            evidence_date(a.as_of))
              END
           || coalesce(format('。审核记录：{}', r.trail), '') AS note,
         NULL::VARCHAR AS flag_id
  FROM stg_projects p
  CROSS JOIN as_of a
  LEFT JOIN int_review_opinions o USING (project_id)
  LEFT JOIN reviews r USING (project_id)
  WHERE p.apply_date <= a.as_of
),

-- 合同签订 → 备案 (Art. 16: 5 个工作日内): int_contract_filing, the rows ART16_CONTRACT_FILING_LATE reads ------------
contract_items AS (
  SELECT project_id, year, 20 AS stage_seq, 'contract_filing' AS stage, '合同签订→备案' AS stage_name,
         '16' AS article, contract_id AS record_ref, '合同签订' AS event, signed_on AS event_date,
         due_date, filed_on AS done_date, true AS has_deadline, is_late,
         format('合同 {} 于 {} 签订（合同金额 {}），应在签订后 5 个工作日内备案', contract_id, evidence_date(signed_on),
                evidence_yuan(amount_yuan)) AS note,
         'ART16_CONTRACT_FILING_LATE:' || project_id || ':' || contract_id AS flag_id
  FROM int_contract_filing
),

-- 验收 → 验收备案 (Art. 19: 5 个工作日内, materials with the payment status): int_acceptance_filing, the rows
-- ART19_ACCEPTANCE_FILING_LATE reads ----------------------------------------------------------------------------------
acceptance_items AS (
  SELECT project_id, year, 30 AS stage_seq, 'acceptance_filing' AS stage,
         '验收→验收备案' AS stage_name, '19' AS article, project_id AS record_ref, acceptance AS event,
         accepted_on AS event_date, due_date, filed_on AS done_date, true AS has_deadline, is_late,
         format('项目于 {} {}，应在验收后 5 个工作日内备案验收材料及资金支付情况', evidence_date(accepted_on), acceptance)
           || CASE
                WHEN filed_on IS NOT NULL THEN format('（已付金额 {}）', evidence_yuan(paid_yuan))
                WHEN raw_filed_on <= as_of AND raw_filed_on < accepted_on
                  THEN format('（备案日期 {} 早于{}，{}后未再备案）', evidence_date(raw_filed_on), acceptance, acceptance)
                WHEN raw_filed_on <= as_of AND paid_yuan IS NULL
                  THEN format('（{} 备案但未填报资金支付情况，视为未完成备案）', evidence_date(raw_filed_on))
                ELSE ''
              END AS note,
         'ART19_ACCEPTANCE_FILING_LATE:' || project_id || ':' || project_id AS flag_id
  FROM int_acceptance_filing
),

-- 初步验收 → 目录编制及数据归集 (Art. 30: 10 个工作日内), per system: int_catalog_collection, the rows
-- ART30_CATALOG_LATE reads ----------------------------------------------------------------------------------------------
catalog_items AS (
  SELECT project_id, year, 40 AS stage_seq, 'catalog' AS stage,
         '初步验收→目录编制及数据归集' AS stage_name, '30' AS article, system_id AS record_ref, acceptance AS event,
         accepted_on AS event_date, due_date, done_on AS done_date, true AS has_deadline, is_late,
         format('项目于 {} {}，系统 {}（{}）应在 10 个工作日内完成目录编制及数据归集', evidence_date(accepted_on),
                acceptance, system_id, system_name)
           || CASE
                WHEN catalog_compiled_on IS NULL AND data_collected_on IS NULL THEN ''
                ELSE format('（目录编制 {}，数据归集 {}）', coalesce(evidence_date(catalog_compiled_on), '未完成'),
                            coalesce(evidence_date(data_collected_on), '未完成'))
              END AS note,
         'ART30_CATALOG_LATE:' || project_id || ':' || system_id AS flag_id
  FROM int_catalog_collection
),

-- 上线 (Art. 36 sets what must be on file before it, not a deadline): the project's first system live ------------
go_live_items AS (
  SELECT s.project_id, year(min(s.go_live_on)) AS year, 50 AS stage_seq, 'go_live' AS stage, '上线运行' AS stage_name,
         '36' AS article, s.project_id AS record_ref, '上线' AS event, min(s.go_live_on) AS event_date,
         NULL::DATE AS due_date, min(s.go_live_on) AS done_date,
         false AS has_deadline, NULL::BOOLEAN AS is_late,
         string_agg(format('系统 {}（{}）{} 上线', s.system_id, coalesce(s.name, s.system_id), evidence_date(s.go_live_on)),
                    '；' ORDER BY s.go_live_on, s.system_id) AS note,
         NULL::VARCHAR AS flag_id
  FROM stg_systems s, as_of a
  WHERE s.go_live_on <= a.as_of
  GROUP BY s.project_id
),

-- 整改通知 → 整改完成 (Art. 34: 限期整改; 整改期限 is a date): int_rectification_orders, the rows the ART34 flags
-- read — done_on is not set by a completion whose re-check failed; is_late is the FAILED states, rule_id the flag ------
rectification_items AS (
  SELECT project_id, year, 60 AS stage_seq, 'rectification' AS stage, '整改通知→整改完成' AS stage_name,
         '34' AS article, rectification_id AS record_ref, '整改通知下达' AS event, ordered_on AS event_date,
         deadline AS due_date, done_on AS done_date, true AS has_deadline, is_late,
         format('{}年度绩效评估未实现建设目标（{}），整改通知 {} 下达，整改期限 {}', year, reason, rectification_id,
                evidence_date(deadline))
           || CASE
                WHEN recheck_result = '不通过' THEN format('（{} 完成整改，复核不通过，视为未完成整改）', evidence_date(completed_on))
                WHEN completed_on IS NOT NULL AND recheck_result IS NULL THEN '（尚待复核）'
                WHEN completed_on IS NOT NULL THEN '（复核通过）'
                ELSE ''
              END AS note,
         rule_id || ':' || project_id || ':' || rectification_id AS flag_id
  FROM int_rectification_orders
),

-- A project-year the annual evaluation says must be rectified (int_rectification_due: grade 差 or a filed target
-- missed) with no order issued on or before the as-of date (int_rectification_unordered, as ART34_RECTIFICATION_OPEN
-- reads it, flag_key due/<年度>): the clock has not been set — no deadline, "pending".
rectification_due_items AS (
  SELECT project_id, year, 60 AS stage_seq, 'rectification' AS stage, '整改通知→整改完成' AS stage_name,
         '34' AS article, record_ref, '年度评估认定需整改' AS event,
         event_date, NULL::DATE AS due_date, NULL::DATE AS done_date,
         false AS has_deadline, NULL::BOOLEAN AS is_late,
         format('{}年度绩效评估：{}，应由市信管办督促限期整改；截至 {} 尚无整改通知下达，未设整改期限', year, reason,
                evidence_date(as_of)) AS note,
         'ART34_RECTIFICATION_OPEN:' || project_id || ':due/' || year AS flag_id
  FROM int_rectification_unordered
),

-- 系统停用 → 云资源释放 / 系统备份 (Art. 18: 系统停用后 … 做好系统备份 … 注销使用云资源): int_shutdown_resources and
-- int_shutdown_systems, the rows and the judgement (not_released, backup_late) ART18_CLOUD_NOT_RELEASED reads -------
release_items AS (
  -- A resource never opened and never billed after the shutdown holds nothing to release (no row, no flag). One
  -- billed after the shutdown was still held on its last billed day: released_by is no earlier than that.
  SELECT project_id, year(shutdown_on) AS year, 70 AS stage_seq, 'cloud_release' AS stage,
         '系统停用→云资源释放' AS stage_name, '18' AS article, resource_id AS record_ref, '系统停用' AS event,
         shutdown_on AS event_date, shutdown_on AS due_date, released_by AS done_date,
         true AS has_deadline, not_released AS is_late,
         format('{}于 {} 停用，云资源 {}（{}{}）应随之注销', what_stopped, evidence_date(shutdown_on), resource_id,
                coalesce(resource_type, '未标明类型'), coalesce('，' || spec, ''))
           || CASE WHEN released_on IS NOT NULL THEN format('，释放记录 {}', evidence_date(released_on)) ELSE '' END
           || CASE
                WHEN billed_after
                  THEN format('，停用后仍计费 {} 天（{} 至 {}），共 {}', billed_days, evidence_date(first_day),
                              evidence_date(last_day), evidence_yuan(billed_after_yuan))
                ELSE ''
              END AS note,
         'ART18_CLOUD_NOT_RELEASED:' || project_id || ':' || resource_id AS flag_id
  FROM int_shutdown_resources
  WHERE opened_on IS NOT NULL OR billed_after
),

backup_items AS (
  SELECT project_id, year(shutdown_on) AS year, 80 AS stage_seq, 'shutdown_backup' AS stage,
         '系统停用→系统备份' AS stage_name, '18' AS article, system_id AS record_ref, '系统停用' AS event,
         shutdown_on AS event_date, shutdown_on AS due_date, backup_on AS done_date,
         true AS has_deadline, backup_late AS is_late,
         format('系统 {}（{}）于 {} 停用，停用时应已做好系统备份', system_id, system_name, evidence_date(shutdown_on)) AS note,
         'ART18_CLOUD_NOT_RELEASED:' || project_id || ':' || system_id || '/backup' AS flag_id
  FROM int_shutdown_systems
),

items AS (
  SELECT * FROM application_items
  UNION ALL BY NAME SELECT * FROM contract_items
  UNION ALL BY NAME SELECT * FROM acceptance_items
  UNION ALL BY NAME SELECT * FROM catalog_items
  UNION ALL BY NAME SELECT * FROM go_live_items
  UNION ALL BY NAME SELECT * FROM rectification_items
  UNION ALL BY NAME SELECT * FROM rectification_due_items
  UNION ALL BY NAME SELECT * FROM release_items
  UNION ALL BY NAME SELECT * FROM backup_items
),

classified AS (
  SELECT i.*, a.as_of,
         CASE
           WHEN NOT i.has_deadline THEN CASE WHEN i.done_date IS NOT NULL THEN 'done' ELSE 'pending' END
           WHEN i.done_date IS NOT NULL THEN CASE WHEN i.is_late THEN 'late' ELSE 'met' END
           ELSE CASE WHEN i.is_late THEN 'missing' ELSE 'open' END
         END AS status
  FROM items i, as_of a
),

measured AS (
  -- how late: to the completion (late) or to the as-of date so far (missing)
  SELECT *,
         CASE
           WHEN status = 'late' THEN done_date
           WHEN status = 'missing' THEN as_of
         END AS late_to
  FROM classified
),

final AS (
  SELECT m.project_id, d.name AS project_name, d.dept_code, d.dept_name, m.year::INTEGER AS year,
         m.stage_seq::INTEGER AS stage_seq, m.stage, m.stage_name, m.article, m.record_ref, m.event,
         m.event_date::DATE AS event_date, m.due_date::DATE AS due_date, m.done_date::DATE AS done_date, m.status,
         -- NULL where the calendar cannot count the days (days_late still tells)
         CASE WHEN m.late_to IS NOT NULL THEN workdays_between(m.due_date, m.late_to) END::INTEGER AS workdays_late,
         CASE WHEN m.late_to IS NOT NULL THEN greatest(m.late_to - m.due_date, 0) END::INTEGER AS days_late,
         m.note || CASE WHEN m.status = 'pending' THEN '' ELSE '；' END || CASE m.status
           WHEN 'met' THEN format('期限 {}，{} 完成，按期', evidence_date(m.due_date), evidence_date(m.done_date))
           WHEN 'late' THEN format('期限 {}，{} 才完成，{}', evidence_date(m.due_date), evidence_date(m.done_date),
                                   evidence_overdue(m.due_date, m.done_date))
           WHEN 'open' THEN CASE
                              WHEN m.due_date IS NULL
                                THEN format('截至 {} 尚未完成；期限超出工作日历已覆盖的年份，待补充节假日安排后计算',
                                            evidence_date(m.as_of))
                              ELSE format('期限 {}，截至 {} 尚未完成，期限未到', evidence_date(m.due_date),
                                          evidence_date(m.as_of))
                            END
           WHEN 'missing' THEN format('期限 {}，截至 {} 仍未完成，已{}', evidence_date(m.due_date),
                                      evidence_date(m.as_of), evidence_overdue(m.due_date, m.as_of))
           WHEN 'done' THEN '办法未对本环节设期限'
           ELSE ''
         END AS note,
         f.flag_id,
         m.as_of
  FROM measured m
  JOIN dim_project d USING (project_id)
  LEFT JOIN mart_flags f ON f.flag_id = m.flag_id
)
SELECT * FROM final
ORDER BY project_id, stage_seq, event_date, record_ref;
