-- 信息安全 (security, Art. 32, 35–37): raw values per scored project-year from security.csv. When the file did not
-- arrive (stg_security empty) every security indicator is no data; once it has arrived, a project without a record
-- of a kind has none on file — that is evidence, and scores. Columns as in 10-operation.sql.
--
--   security_evidence   documents on file by year end ÷ documents required: 安全评估报告 and 安全方案 (Art. 35, 36),
--                       plus 等保测评备案 or 渗透测试报告 when internet-facing or 等保级别 ≥ 2 (Art. 36)
--   crypto_assessment   1 when a 密码应用评估 is dated within the last window_years years to year end (Art. 35
--                       定期评估), else 0; a classified (涉密) project: no data (分级保护 applies instead)
--   vuln_fixed_on_time  vulnerabilities (漏洞) whose 整改期限 falls in the year: share fixed on or before it (Art. 37);
--                       no vulnerability due in the year: no data (nothing to measure), not full marks
--   security_incidents  安全事件 records dated in the year

CREATE OR REPLACE TABLE int_raw_security AS
WITH source AS (SELECT count(*) > 0 AS loaded FROM stg_security),
base AS (
  SELECT s.project_id, s.year, s.period_start, s.period_end, s.classified,
         coalesce(s.internet_facing, false) OR coalesce(s.mlps_level, 0) >= 2 AS needs_mlps_or_pentest,
         p.window_years,
         (SELECT loaded FROM source) AS loaded
  FROM int_scoring_scope s
  LEFT JOIN int_scoring_params p ON p.version = s.weights_version AND p.indicator = 'crypto_assessment'
),
evidence AS (
  SELECT b.project_id, b.year, b.period_start, b.period_end, b.classified, b.needs_mlps_or_pentest, b.window_years,
         b.loaded,
         bool_or(r.record_type = '安全评估报告' AND r.record_date <= b.period_end) AS has_assessment,
         bool_or(r.record_type = '安全方案' AND r.record_date <= b.period_end) AS has_plan,
         bool_or(r.record_type IN ('等保测评备案', '渗透测试报告') AND r.record_date <= b.period_end) AS has_mlps_or_pentest,
         max(r.record_date) FILTER (WHERE r.record_type = '密码应用评估' AND r.record_date <= b.period_end)
           AS last_crypto_on,
         count(r.record_id) FILTER (WHERE r.record_type = '漏洞' AND r.fix_deadline BETWEEN b.period_start AND b.period_end)
           AS vulns_due,
         count(r.record_id) FILTER (WHERE r.record_type = '漏洞' AND r.fix_deadline BETWEEN b.period_start AND b.period_end
                                      AND r.fixed_on <= r.fix_deadline) AS vulns_fixed_on_time,
         count(r.record_id) FILTER (WHERE r.record_type = '安全事件' AND r.record_date BETWEEN b.period_start AND b.period_end)
           AS incidents
  FROM base b
  LEFT JOIN stg_security r ON r.project_id = b.project_id
  GROUP BY ALL
),
docs AS (
  SELECT *,
         2 + CASE WHEN needs_mlps_or_pentest THEN 1 ELSE 0 END AS docs_required,
         CASE WHEN has_assessment THEN 1 ELSE 0 END + CASE WHEN has_plan THEN 1 ELSE 0 END
           + CASE WHEN needs_mlps_or_pentest AND has_mlps_or_pentest THEN 1 ELSE 0 END AS docs_on_file,
         concat_ws('、',
                   CASE WHEN NOT coalesce(has_assessment, false) THEN '安全评估报告' END,
                   CASE WHEN NOT coalesce(has_plan, false) THEN '安全方案' END,
                   CASE WHEN needs_mlps_or_pentest AND NOT coalesce(has_mlps_or_pentest, false)
                        THEN '等保测评备案或渗透测试报告' END) AS docs_missing,
         last_crypto_on >= make_date(year - window_years::INTEGER + 1, 1, 1) AS crypto_recent
  FROM evidence
),
final AS (
  SELECT project_id, year, 'security_evidence' AS indicator,
         docs_on_file / docs_required AS raw_value,
         loaded AS has_data,
         CASE WHEN NOT loaded THEN 'security.csv 未提供'
              WHEN docs_missing = '' THEN printf('应有 %d 份材料，均已在案', docs_required)
              ELSE printf('应有 %d 份材料，在案 %d 份，缺：%s', docs_required, docs_on_file, docs_missing) END AS detail
  FROM docs
  UNION ALL
  SELECT project_id, year, 'crypto_assessment',
         CASE WHEN coalesce(crypto_recent, false) THEN 1 ELSE 0 END,
         loaded AND NOT coalesce(classified, false),
         CASE WHEN NOT loaded THEN 'security.csv 未提供'
              WHEN coalesce(classified, false) THEN '涉密项目适用分级保护，不适用本指标'
              WHEN last_crypto_on IS NULL THEN '没有密码应用评估记录'
              WHEN crypto_recent THEN format('最近一次密码应用评估 {}（近 {} 年内）', last_crypto_on, window_years::INTEGER)
              ELSE format('最近一次密码应用评估 {}，已超过 {} 年', last_crypto_on, window_years::INTEGER) END
  FROM docs
  UNION ALL
  SELECT project_id, year, 'vuln_fixed_on_time',
         vulns_fixed_on_time / nullif(vulns_due, 0),
         loaded AND vulns_due > 0,
         CASE WHEN NOT loaded THEN 'security.csv 未提供'
              WHEN vulns_due = 0 THEN '本年度没有到期的漏洞整改，不适用（不计分也不扣分）'
              ELSE printf('本年度到期漏洞 %d 个，按期修复 %d 个', vulns_due, vulns_fixed_on_time) END
  FROM docs
  UNION ALL
  SELECT project_id, year, 'security_incidents',
         incidents,
         loaded,
         CASE WHEN NOT loaded THEN 'security.csv 未提供'
              ELSE printf('本年度安全事件 %d 起', incidents) END
  FROM docs
)
SELECT project_id, year, indicator, NULL::VARCHAR AS item, raw_value::DOUBLE AS raw_value,
       NULL::DOUBLE AS target_value, NULL::DOUBLE AS achievement, 1.0::DOUBLE AS share, has_data, detail
FROM final
ORDER BY 1, 2, 3;
