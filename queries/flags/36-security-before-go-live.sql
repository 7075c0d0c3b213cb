-- Art. 36: 使用市级政务云平台的项目，上线前必须提供信息系统安全评估报告及信息系统信息安全方案，基础设施类项目应提供信息
-- 安全方案 … 部署于互联网或信息安全等级保护二级及以上的新建、改建或扩建信息系统，上线前项目建设单位还需提交等级保护测评
-- 备案证明或由专业安全公司出具的安全渗透测试报告，并已根据报告整改到位.
--
-- Interpretation (docs/rules.md):
--   * "Went live" = the project's first system go-live (min go_live_on over its systems) on or before the as-of
--     date. Security records (stg_security) belong to the project; a document is "on file before go-live" when its
--     date is on or before that go-live day ("went live without" = no such document dated on or before go_live_on).
--   * ART36_NO_SECURITY_ASSESSMENT — a project on the government cloud (部署方式 政务云, or any cloud resource
--     requested) that went live without a 安全评估报告 and a 安全方案 on file; an infrastructure project (a
--     建设内容标签 containing 基础设施) needs the 安全方案 only. The evidence lists what was missing and any
--     document filed only after go-live.
--   * ART36_NO_MLPS_OR_PENTEST — a 新建/扩建/升级改造 project (the article's 新建、改建或扩建) that is internet-facing or
--     at 等保 level 2 or above and went live without either an 等保测评备案 or a 渗透测试报告 that is remediated
--     (整改到位): a record dated on or before go-live whose findings were fixed on or before go-live (fixed_on), or
--     that records no findings at all (no 整改期限 and no 修复日期).
--   * One flag per project and rule (record_ref = project_id); year = year(go_live_on); event_date = go_live_on.

CREATE OR REPLACE TABLE int_flags_security_before_go_live AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

live AS (
  SELECT s.project_id, min(s.go_live_on) AS go_live_on
  FROM stg_systems s, as_of a
  WHERE s.go_live_on <= a.as_of
  GROUP BY ALL
),

projects AS (
  SELECT p.project_id, p.kind, p.deployment, p.internet_facing, p.mlps_level, l.go_live_on,
         len(list_filter(coalesce(p.content_tags, []::VARCHAR[]), lambda t: t LIKE '%基础设施%')) > 0 AS infrastructure,
         p.deployment = '政务云' OR EXISTS (SELECT 1 FROM stg_cloud_resources r WHERE r.project_id = p.project_id)
           AS on_gov_cloud
  FROM stg_projects p
  JOIN live l USING (project_id)
),

documents AS (
  SELECT s.project_id, s.record_id, s.record_type, s.record_date, s.fix_deadline,
         CASE WHEN s.fixed_on <= a.as_of THEN s.fixed_on END AS fixed_on
  FROM stg_security s, as_of a
  WHERE s.record_date <= a.as_of
    AND s.record_type IN ('安全评估报告', '安全方案', '等保测评备案', '渗透测试报告')
),

assessment_docs AS (
  SELECT p.project_id, p.go_live_on, p.infrastructure,
         min(d.record_date) FILTER (WHERE d.record_type = '安全评估报告' AND d.record_date <= p.go_live_on) AS report_before,
         min(d.record_date) FILTER (WHERE d.record_type = '安全评估报告' AND d.record_date > p.go_live_on) AS report_after,
         min(d.record_date) FILTER (WHERE d.record_type = '安全方案' AND d.record_date <= p.go_live_on) AS plan_before,
         min(d.record_date) FILTER (WHERE d.record_type = '安全方案' AND d.record_date > p.go_live_on) AS plan_after
  FROM projects p
  LEFT JOIN documents d ON d.project_id = p.project_id AND d.record_type IN ('安全评估报告', '安全方案')
  WHERE p.on_gov_cloud
  GROUP BY ALL
),

no_assessment AS (
  SELECT project_id, go_live_on, 'ART36_NO_SECURITY_ASSESSMENT' AS rule_id,
         format('项目使用政务云，系统于 {} 上线，上线前未备案：{}{}{}', evidence_date(go_live_on),
                array_to_string(list_filter([
                  CASE WHEN NOT infrastructure AND report_before IS NULL THEN '安全评估报告' END,
                  CASE WHEN plan_before IS NULL THEN '安全方案' END], lambda x: x IS NOT NULL), '、'),
                coalesce('（' || nullif(array_to_string(list_filter([
                  CASE WHEN NOT infrastructure AND report_before IS NULL AND report_after IS NOT NULL
                       THEN format('安全评估报告于 {} 才提交', evidence_date(report_after)) END,
                  CASE WHEN plan_before IS NULL AND plan_after IS NOT NULL
                       THEN format('安全方案于 {} 才提交', evidence_date(plan_after)) END], lambda x: x IS NOT NULL), '；'), '')
                  || '）', ''),
                CASE WHEN infrastructure THEN '（基础设施类项目，须提供信息安全方案）' ELSE '' END) AS evidence
  FROM assessment_docs
  WHERE (NOT infrastructure AND report_before IS NULL) OR plan_before IS NULL
),

mlps_scope AS (
  SELECT *
  FROM projects
  WHERE kind IN ('新建', '扩建', '升级改造')
    AND (internet_facing IS TRUE OR mlps_level >= 2)
),

mlps_docs AS (
  SELECT m.project_id, m.go_live_on, m.internet_facing, m.mlps_level,
         count(d.record_id) FILTER (WHERE d.record_date <= m.go_live_on
                                      AND (d.fixed_on <= m.go_live_on OR (d.fixed_on IS NULL AND d.fix_deadline IS NULL)))
           AS qualifying,
         -- the records filed before go-live that were not remediated by then, in date order (a sorted list:
         -- ordered string_agg is slow here) …
         nullif(array_to_string(list_transform(list_sort(list({
           'on': d.record_date, 'id': d.record_id,
           'text': format('{} {}（{}）{}', d.record_type, d.record_id, evidence_date(d.record_date),
                          CASE
                            WHEN d.fixed_on IS NULL THEN '发现的问题至今未整改'
                            ELSE format('发现的问题于 {} 才整改', evidence_date(d.fixed_on))
                          END)
         }) FILTER (WHERE d.record_date <= m.go_live_on)), lambda x: x.text), '；'), '') AS before_go_live,
         -- … and the first one filed after go-live (later annual re-evaluations add nothing)
         arg_min(format('{} {} 于 {} 上线后才提交', d.record_type, d.record_id, evidence_date(d.record_date)),
                 (d.record_date, d.record_id)) FILTER (WHERE d.record_date > m.go_live_on) AS first_after
  FROM mlps_scope m
  LEFT JOIN documents d ON d.project_id = m.project_id AND d.record_type IN ('等保测评备案', '渗透测试报告')
  GROUP BY ALL
),

no_mlps AS (
  SELECT project_id, go_live_on, 'ART36_NO_MLPS_OR_PENTEST' AS rule_id,
         format('系统{}，于 {} 上线，上线前未提交等级保护测评备案证明或已整改到位的安全渗透测试报告{}',
                concat_ws('、', CASE WHEN internet_facing THEN '部署于互联网' END,
                          CASE WHEN mlps_level >= 2 THEN format('等保{}级', mlps_level) END),
                evidence_date(go_live_on),
                coalesce('（' || nullif(concat_ws('；', before_go_live, first_after), '') || '）', '')) AS evidence
  FROM mlps_docs
  WHERE qualifying = 0
),

final AS (
  SELECT * FROM no_assessment
  UNION ALL
  SELECT * FROM no_mlps
)
SELECT project_id, year(go_live_on)::INTEGER AS year, rule_id, 'go_live' AS flag_key, project_id AS record_ref,
       evidence, go_live_on AS event_date, NULL::DATE AS due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
