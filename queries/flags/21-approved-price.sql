-- ART21_OVER_APPROVED_PRICE — Art. 21: 市信管办对政务信息化项目核准的价格，作为市财政局安排该项目资金预算额度的依据，
-- 不再增减.
--
-- Interpretation (docs/rules.md):
--   * The approved price (核准价) is the 核准金额 of the latest passing review (结论 通过, amount not blank) dated on or
--     before the as-of date — as dim_project defines it, seen as of the as-of date (a re-review of an Art. 17
--     change raises it). A project with no approved price is Art. 22's concern, not this rule's.
--   * Two running totals, each in date order: contracts by signing date, and payments by payment date, both up to
--     the as-of date. The payments are those of the application's own kind of money: 建设 for a 新建/扩建/升级改造
--     application, 运维 for a 运行维护 one (its approved price is its O&M budget).
--   * The flag's event is the contract or payment that first took either total over the approved price (the
--     earlier of the two; a contract before a payment on the same day); year = its year; record_ref = its id.
--     One flag per project; the evidence also gives both totals as of the as-of date.

CREATE OR REPLACE TABLE int_flags_approved_price AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

approved AS (
  SELECT r.project_id, arg_max(r.approved_yuan, r.review_date) AS approved_yuan
  FROM stg_reviews r, as_of a
  WHERE r.conclusion = '通过' AND r.approved_yuan IS NOT NULL AND r.review_date <= a.as_of
  GROUP BY ALL
),

events AS (
  SELECT c.project_id, 1 AS series, '合同' AS what, c.contract_id AS ref, c.signed_on AS on_date, c.amount_yuan
  FROM stg_contracts c, as_of a
  WHERE c.signed_on <= a.as_of
  UNION ALL
  SELECT p.project_id, 2 AS series, p.fund_type || '经费支付' AS what, p.payment_id AS ref, p.paid_on AS on_date,
         p.amount_yuan
  FROM stg_payments p
  JOIN stg_projects j USING (project_id)
  CROSS JOIN as_of a
  WHERE p.paid_on <= a.as_of
    -- the price approved for an application funds that application's kind of money
    AND p.fund_type = CASE WHEN j.kind = '运行维护' THEN '运维' ELSE '建设' END
),

running AS (
  SELECT e.*, ap.approved_yuan,
         sum(e.amount_yuan) OVER (PARTITION BY e.project_id, e.series ORDER BY e.on_date, e.ref
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS total_yuan,
         sum(e.amount_yuan) OVER (PARTITION BY e.project_id, e.series) AS final_total_yuan
  FROM events e
  JOIN approved ap USING (project_id)
),

crossing AS (
  -- the first event that took either total over the approved price
  SELECT *
  FROM running
  WHERE total_yuan > approved_yuan
  QUALIFY row_number() OVER (PARTITION BY project_id ORDER BY on_date, series, ref) = 1
),

totals AS (
  SELECT project_id,
         coalesce(max(final_total_yuan) FILTER (WHERE series = 1), 0) AS contracted_yuan,
         coalesce(max(final_total_yuan) FILTER (WHERE series = 2), 0) AS paid_yuan
  FROM running
  GROUP BY ALL
),

final AS (
  SELECT c.project_id, year(c.on_date) AS year, c.ref AS record_ref, c.on_date AS event_date,
         format('核准价 {}；{} {} 于 {} {}（{}）后，累计{}金额 {}，超出核准价 {}；截至 {} 累计合同金额 {}、累计支付 {}',
                evidence_yuan(c.approved_yuan), c.what, c.ref, evidence_date(c.on_date),
                CASE WHEN c.series = 1 THEN '签订' ELSE '支付' END, evidence_yuan(c.amount_yuan),
                CASE WHEN c.series = 1 THEN '合同' ELSE '支付' END, evidence_yuan(c.total_yuan),
                evidence_yuan(c.total_yuan - c.approved_yuan), evidence_date(a.as_of),
                evidence_yuan(t.contracted_yuan), evidence_yuan(t.paid_yuan)) AS evidence
  FROM crossing c
  JOIN totals t USING (project_id)
  CROSS JOIN as_of a
)
SELECT project_id, year::INTEGER AS year, 'ART21_OVER_APPROVED_PRICE' AS rule_id, 'price' AS flag_key, record_ref,
       evidence, event_date, NULL::DATE AS due_date, NULL::DATE AS since, NULL::DATE AS lifted_on
FROM final;
