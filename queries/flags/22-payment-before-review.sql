-- ART22_PAID_WITHOUT_REVIEW — Art. 22: 未取得市信管办审核意见的项目，市财政局不予核拨建设经费.
--
-- Interpretation (docs/rules.md):
--   * The review opinion (审核意见) is a passing review on or before the as-of date: 结论 通过 at the 领导小组审查
--     stage (Art. 14's 审查意见), or any passing review that set a 核准金额 (an approved price is an opinion).
--     受理 (accepting the application for review) alone is not an opinion.
--   * Flag a project whose construction payment (资金类型 建设) was made, on or before the as-of date, before the
--     first such opinion — or while none exists. A payment on the day of the opinion is not before it.
--   * One flag per project; the event is the earliest such payment (record_ref = payment_id, year = year(paid_on)).
--   * Construction fund status (91-fund-status.sql): blocked from that payment until the first opinion
--     (since / lifted_on carried here).

CREATE OR REPLACE TABLE int_review_opinions AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

final AS (
  SELECT r.project_id,
         min(r.review_date) AS first_opinion_on,
         arg_min(r.stage, r.review_date) AS first_opinion_stage
  FROM stg_reviews r, as_of a
  WHERE r.conclusion = '通过'
    AND (r.stage = '领导小组审查' OR r.approved_yuan IS NOT NULL)
    AND r.review_date <= a.as_of
  GROUP BY ALL
)
SELECT * FROM final ORDER BY project_id;

CREATE OR REPLACE TABLE int_flags_payment_before_review AS
WITH as_of AS (
  SELECT as_of FROM meta_build
),

early_payments AS (
  SELECT p.project_id, p.payment_id, p.paid_on, p.amount_yuan, o.first_opinion_on, o.first_opinion_stage, a.as_of
  FROM stg_payments p
  CROSS JOIN as_of a
  LEFT JOIN int_review_opinions o USING (project_id)
  WHERE p.fund_type = '建设'
    AND p.paid_on <= a.as_of
    AND (o.first_opinion_on IS NULL OR p.paid_on < o.first_opinion_on)
),

final AS (
  SELECT project_id,
         min(paid_on) AS first_paid_on,
         arg_min(payment_id, (paid_on, payment_id)) AS record_ref,
         arg_min(amount_yuan, (paid_on, payment_id)) AS first_amount_yuan,
         count(*) AS payments,
         sum(amount_yuan) AS total_yuan,
         any_value(first_opinion_on) AS first_opinion_on,
         any_value(first_opinion_stage) AS first_opinion_stage,
         any_value(as_of) AS as_of
  FROM early_payments
  GROUP BY project_id
)
SELECT project_id, year(first_paid_on)::INTEGER AS year, 'ART22_PAID_WITHOUT_REVIEW' AS rule_id,
       'payment' AS flag_key, record_ref,
       format('建设经费支付 {} 于 {} 支付 {}，', record_ref, evidence_date(first_paid_on), evidence_yuan(first_amount_yuan))
         || CASE
              WHEN first_opinion_on IS NULL
                THEN format('截至 {} 仍未取得市信管办审核意见', evidence_date(as_of))
              ELSE format('早于 {} 取得的审核意见（{}通过）', evidence_date(first_opinion_on), first_opinion_stage)
            END
         || format('；审核意见前共支付 {} 笔，合计 {}', payments, evidence_yuan(total_yuan)) AS evidence,
       first_paid_on AS event_date, NULL::DATE AS due_date,
       first_paid_on AS since, first_opinion_on AS lifted_on
FROM final;
