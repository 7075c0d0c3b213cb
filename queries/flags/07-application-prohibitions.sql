-- Art. 7(1)–(4): projects that are in principle not built (原则上不予建设), checked on the application as filed
-- (项目申报, Art. 9). One flag per application and rule; year = apply_year; event_date = apply_date; no deadline.
--
-- Interpretation (docs/rules.md):
--   * ART7_MACHINE_ROOM (7(1)): a 建设内容标签 containing 机房 or 数据中心, and no 法规依据 recorded. Deploying in a
--     self-built machine room without building one is Art. 7(2)'s concern, not 7(1)'s.
--   * ART7_NOT_ON_GOV_CLOUD (7(2)): a 新建/扩建/升级改造 project whose 部署方式 is not 政务云 (自建机房, 其他, or left
--     blank — a blank is no evidence of cloud deployment). As rules.md states the check, a recorded 法规依据 does not
--     exempt 7(2) (it exempts 7(1) and 7(3) only). 运行维护 applications are not new deployments and are not checked.
--   * ART7_VIDEO_CONFERENCE (7(3)): a tag containing 视频会议, and no 法规依据 recorded.
--   * ART7_NO_DATA_CATALOG (7(4), 27, 28): 信息资源目录 not attached (否 or blank), for every kind of project — Art. 27
--     makes the catalog a precondition of every review.
--   Applications dated after the as-of date do not exist yet and are not checked.

CREATE OR REPLACE TABLE int_flags_application_prohibitions AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

applications AS (
  SELECT p.project_id, p.apply_year, p.apply_date, p.kind, p.deployment, p.has_data_catalog,
         coalesce(p.content_tags, []::VARCHAR[]) AS tags,
         nullif(trim(p.legal_basis), '') IS NULL AS no_legal_basis
  FROM stg_projects p, as_of a
  WHERE p.apply_date <= a.as_of
),

machine_room AS (
  SELECT project_id, apply_year, apply_date, 'ART7_MACHINE_ROOM' AS rule_id,
         format('{}年度申报的建设内容含「{}」（新建或扩建机房、高能耗数据中心），未填报法规依据', apply_year,
                array_to_string(list_filter(tags, lambda t: t LIKE '%机房%' OR t LIKE '%数据中心%'), '、')) AS evidence
  FROM applications
  WHERE no_legal_basis
    AND len(list_filter(tags, lambda t: t LIKE '%机房%' OR t LIKE '%数据中心%')) > 0
),

not_on_gov_cloud AS (
  SELECT project_id, apply_year, apply_date, 'ART7_NOT_ON_GOV_CLOUD' AS rule_id,
         format('{}年度{}项目，部署方式为「{}」，未部署或迁移至绍兴市政务云平台', apply_year, kind,
                coalesce(deployment, '未填报')) AS evidence
  FROM applications
  WHERE kind IN ('新建', '扩建', '升级改造')
    AND deployment IS DISTINCT FROM '政务云'
),

video_conference AS (
  SELECT project_id, apply_year, apply_date, 'ART7_VIDEO_CONFERENCE' AS rule_id,
         format('{}年度申报的建设内容含「{}」（视频会议系统），未填报法规依据', apply_year,
                array_to_string(list_filter(tags, lambda t: t LIKE '%视频会议%'), '、')) AS evidence
  FROM applications
  WHERE no_legal_basis
    AND len(list_filter(tags, lambda t: t LIKE '%视频会议%')) > 0
),

no_data_catalog AS (
  SELECT project_id, apply_year, apply_date, 'ART7_NO_DATA_CATALOG' AS rule_id,
         format('{}年度{}项目申报（{}）未附公共数据资源目录（信息资源目录{}）', apply_year, kind,
                evidence_date(apply_date), CASE WHEN has_data_catalog IS NULL THEN '未填报' ELSE '：否' END) AS evidence
  FROM applications
  WHERE has_data_catalog IS NOT TRUE
),

final AS (
  SELECT * FROM machine_room
  UNION ALL SELECT * FROM not_on_gov_cloud
  UNION ALL SELECT * FROM video_conference
  UNION ALL SELECT * FROM no_data_catalog
)
SELECT project_id, apply_year::INTEGER AS year, rule_id, 'application' AS flag_key, project_id AS record_ref,
       evidence, apply_date AS event_date, NULL::DATE AS due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
