-- mart_flags — every finding of the rule files of this stage, one row per project × year × rule_id × evidence
-- record (docs/warehouse.md), with the article, severity and consequence from the rule catalogue
-- (00-rule-catalog.sql) and the project's name and department from dim_project.
--
-- flag_id is the stable text key `rule_id:project_id:flag_key`, where flag_key names the evidence record within the
-- project (contract_id, resource_id, system_id/stale, rectification_id, 'application' for application checks …).
-- int_flags keeps, beside the public columns, since / lifted_on: when the non-compliance began and when it was
-- remedied, where a rule can tell (read by mart_fund_status and int_dept_review).

-- A view: the findings are stored once (int_flags_* and mart_flags), not a third time.
CREATE OR REPLACE VIEW int_flags AS
WITH findings AS (
  SELECT * FROM int_flags_crypto
  UNION ALL BY NAME SELECT * FROM int_flags_application_prohibitions
  UNION ALL BY NAME SELECT * FROM int_flags_prior_opinions
  UNION ALL BY NAME SELECT * FROM int_flags_dept_backlog
  UNION ALL BY NAME SELECT * FROM int_flags_non_it_separation
  UNION ALL BY NAME SELECT * FROM int_flags_application_materials
  UNION ALL BY NAME SELECT * FROM int_flags_annual_plan
  UNION ALL BY NAME SELECT * FROM int_flags_contract_filing
  UNION ALL BY NAME SELECT * FROM int_flags_changes
  UNION ALL BY NAME SELECT * FROM int_flags_cloud_release
  UNION ALL BY NAME SELECT * FROM int_flags_acceptance_filing
  UNION ALL BY NAME SELECT * FROM int_flags_approved_price
  UNION ALL BY NAME SELECT * FROM int_flags_payment_before_review
  UNION ALL BY NAME SELECT * FROM int_flags_allocation_plan
  UNION ALL BY NAME SELECT * FROM int_flags_cloud_registration
  UNION ALL BY NAME SELECT * FROM int_flags_catalog_and_collection
  UNION ALL BY NAME SELECT * FROM int_flags_rectification
  UNION ALL BY NAME SELECT * FROM int_flags_security_before_go_live
  UNION ALL BY NAME SELECT * FROM int_flags_vulnerabilities
),

final AS (
  SELECT f.rule_id || ':' || f.project_id || ':' || f.flag_key AS flag_id,
         f.project_id,
         d.name AS project_name,
         d.dept_code,
         d.dept_name,
         f.year::INTEGER AS year,
         f.rule_id,
         r.article,
         r.severity,
         f.evidence,
         r.consequence,
         f.record_ref,
         f.event_date::DATE AS event_date,
         f.due_date::DATE AS due_date,
         m.as_of,
         f.since::DATE AS since,
         f.lifted_on::DATE AS lifted_on,
         r.fund,
         r.title_zh,
         r.article_zh
  FROM findings f
  JOIN ref_flag_rules r USING (rule_id)
  JOIN dim_project d USING (project_id)
  CROSS JOIN meta_build m
)
SELECT * FROM final;

CREATE OR REPLACE TABLE mart_flags AS
SELECT flag_id, project_id, project_name, dept_code, dept_name, year, rule_id, article, severity, evidence,
       consequence, record_ref, event_date, due_date, as_of
FROM int_flags
ORDER BY project_id, year, rule_id, flag_id;
