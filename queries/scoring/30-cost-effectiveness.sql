-- 成本效益 (cost_effectiveness, Art. 32; the approved price of Art. 21): raw values per scored project-year.
-- Amounts are cumulative to the end of the year (or the as-of date). Columns as in 10-operation.sql.
--
--   within_approval       max(Σ contracts signed, Σ payments made) ÷ dim_project.approved_yuan; payments are the
--                         建设 funds, or all funds of a 运行维护 project (its approval is for O&M)
--   budget_execution      Σ those payments ÷ approved_yuan (over 1 is full here; within_approval penalises it)
--   cloud_utilization     int_project_cloud_year.mean_cpu_utilization (mean FOCUS x_CpuUtilization, 0–1)
--   cost_per_user         (运维 payments in the year + the year's billed cloud cost) ÷ mean monthly 活跃用户数,
--                         divided by the MEDIAN of the same figure over the year's scored projects of the same
--                         项目类型 that have it (the project included); no data below min_peers such projects
--   cost_per_transaction  the same running cost ÷ Σ 业务办件量 of the year, against the peers' median
--
-- A file that did not arrive (payments.csv absent: stg_payments empty) gives no data, never zero paid.

CREATE OR REPLACE TABLE int_raw_cost_effectiveness AS
WITH payments_loaded AS (SELECT count(*) > 0 AS loaded FROM stg_payments),
money AS (
  SELECT s.project_id, s.year, s.kind, s.deployment, s.weights_version, nullif(s.approved_yuan, 0)::DOUBLE AS approved_yuan,
         (SELECT coalesce(sum(c.amount_yuan), 0) FROM stg_contracts c
           WHERE c.project_id = s.project_id AND c.signed_on <= s.period_end)::DOUBLE AS contracted_yuan,
         (SELECT coalesce(sum(p.amount_yuan), 0) FROM stg_payments p
           WHERE p.project_id = s.project_id AND p.paid_on <= s.period_end
             AND (p.fund_type = '建设' OR s.kind = '运行维护'))::DOUBLE AS paid_yuan,
         (SELECT coalesce(sum(p.amount_yuan), 0) FROM stg_payments p
           WHERE p.project_id = s.project_id AND p.paid_on BETWEEN s.period_start AND s.period_end
             AND p.fund_type = '运维')::DOUBLE AS om_paid_year_yuan,
         cy.billed_cost_yuan::DOUBLE AS cloud_cost_year_yuan,
         cy.mean_cpu_utilization,
         (SELECT avg(o.active_users) FROM stg_operations o
           WHERE o.project_id = s.project_id AND o.month BETWEEN s.period_start AND s.period_end) AS mean_users,
         (SELECT sum(o.transactions) FROM stg_operations o
           WHERE o.project_id = s.project_id AND o.month BETWEEN s.period_start AND s.period_end)::DOUBLE
           AS transactions
  FROM int_scoring_scope s
  LEFT JOIN int_project_cloud_year cy USING (project_id, year)
),
unit AS (
  SELECT *,
         om_paid_year_yuan + coalesce(cloud_cost_year_yuan, 0) AS running_cost_yuan,
         CASE WHEN om_paid_year_yuan + coalesce(cloud_cost_year_yuan, 0) > 0 AND mean_users > 0
              THEN (om_paid_year_yuan + coalesce(cloud_cost_year_yuan, 0)) / mean_users END AS cost_per_user,
         CASE WHEN om_paid_year_yuan + coalesce(cloud_cost_year_yuan, 0) > 0 AND transactions > 0
              THEN (om_paid_year_yuan + coalesce(cloud_cost_year_yuan, 0)) / transactions END AS cost_per_transaction
  FROM money
),
-- Peers: the same year and 项目类型; MEDIAN (the middle value, the mean of the two middle ones for an even count),
-- so one extravagant or one tiny project cannot move everybody's benchmark.
peers AS (
  SELECT *,
         median(cost_per_user) OVER w AS peer_median_per_user,
         count(cost_per_user) OVER w AS peers_per_user,
         median(cost_per_transaction) OVER w AS peer_median_per_transaction,
         count(cost_per_transaction) OVER w AS peers_per_transaction
  FROM unit
  WINDOW w AS (PARTITION BY year, kind)
),
with_params AS (
  SELECT pe.*, pu.min_peers AS min_peers_user, pt.min_peers AS min_peers_transaction,
         (SELECT loaded FROM payments_loaded) AS payments_loaded
  FROM peers pe
  LEFT JOIN int_scoring_params pu ON pu.version = pe.weights_version AND pu.indicator = 'cost_per_user'
  LEFT JOIN int_scoring_params pt ON pt.version = pe.weights_version AND pt.indicator = 'cost_per_transaction'
),
final AS (
  SELECT project_id, year, 'within_approval' AS indicator,
         greatest(contracted_yuan, paid_yuan) / approved_yuan AS raw_value,
         approved_yuan > 0 AND greatest(contracted_yuan, paid_yuan) > 0 AS has_data,
         CASE WHEN coalesce(approved_yuan, 0) <= 0 THEN '没有核准价（stg_reviews 中没有通过且核定金额的审核）'
              WHEN greatest(contracted_yuan, paid_yuan) = 0 THEN '截至年末没有合同或支付记录'
              ELSE printf('合同 %.2f 元、支付 %.2f 元，取大者 ÷ 核准价 %.2f 元 = %.4f', contracted_yuan, paid_yuan,
                          approved_yuan, greatest(contracted_yuan, paid_yuan) / approved_yuan) END AS detail
  FROM with_params
  UNION ALL
  SELECT project_id, year, 'budget_execution',
         paid_yuan / approved_yuan,
         approved_yuan > 0 AND payments_loaded,
         CASE WHEN coalesce(approved_yuan, 0) <= 0 THEN '没有核准价（stg_reviews 中没有通过且核定金额的审核）'
              WHEN NOT payments_loaded THEN 'payments.csv 未提供'
              ELSE printf('截至年末累计支付 %.2f 元 ÷ 核准价 %.2f 元 = %.4f', paid_yuan, approved_yuan,
                          paid_yuan / approved_yuan) END
  FROM with_params
  UNION ALL
  SELECT project_id, year, 'cloud_utilization',
         mean_cpu_utilization,
         mean_cpu_utilization IS NOT NULL,
         CASE WHEN mean_cpu_utilization IS NOT NULL
                THEN printf('云账单 x_CpuUtilization 年均 %.4f（%.2f%%）', mean_cpu_utilization, mean_cpu_utilization * 100)
              WHEN cloud_cost_year_yuan IS NOT NULL THEN '本年云账单未含 x_CpuUtilization'
              ELSE format('本年无云账单（部署方式：{}）', coalesce(deployment, '未填')) END
  FROM with_params
  UNION ALL
  SELECT project_id, year, 'cost_per_user',
         cost_per_user / peer_median_per_user,
         cost_per_user IS NOT NULL AND peers_per_user >= min_peers_user,
         CASE WHEN cost_per_user IS NULL
                THEN CASE WHEN running_cost_yuan <= 0 THEN '本年没有运维支付或云账单，无法计算运行成本'
                          ELSE 'operations.csv 本年度没有活跃用户数' END
              WHEN peers_per_user < min_peers_user
                THEN printf('单位用户成本 %.2f 元/人；同类(%s)可比项目仅 %d 个，少于 %d 个，不作比较',
                            cost_per_user, kind, peers_per_user, min_peers_user::INTEGER)
              ELSE printf('运行成本 %.2f 元（运维支付 %.2f + 云账单 %.2f）÷ 月均活跃用户 %.1f = %.2f 元/人；同类(%s) %d 个项目中位数 %.2f 元/人，比值 %.4f',
                          running_cost_yuan, om_paid_year_yuan, coalesce(cloud_cost_year_yuan, 0), mean_users,
                          cost_per_user, kind, peers_per_user, peer_median_per_user,
                          cost_per_user / peer_median_per_user) END
  FROM with_params
  UNION ALL
  SELECT project_id, year, 'cost_per_transaction',
         cost_per_transaction / peer_median_per_transaction,
         cost_per_transaction IS NOT NULL AND peers_per_transaction >= min_peers_transaction,
         CASE WHEN cost_per_transaction IS NULL
                THEN CASE WHEN running_cost_yuan <= 0 THEN '本年没有运维支付或云账单，无法计算运行成本'
                          ELSE 'operations.csv 本年度没有业务办件量' END
              WHEN peers_per_transaction < min_peers_transaction
                THEN printf('单笔办件成本 %.4f 元/件；同类(%s)可比项目仅 %d 个，少于 %d 个，不作比较',
                            cost_per_transaction, kind, peers_per_transaction, min_peers_transaction::INTEGER)
              ELSE printf('运行成本 %.2f 元 ÷ 办件量 %d = %.4f 元/件；同类(%s) %d 个项目中位数 %.4f 元/件，比值 %.4f',
                          running_cost_yuan, transactions::BIGINT, cost_per_transaction, kind, peers_per_transaction,
                          peer_median_per_transaction, cost_per_transaction / peer_median_per_transaction) END
  FROM with_params
)
SELECT project_id, year, indicator, NULL::VARCHAR AS item, raw_value::DOUBLE AS raw_value,
       NULL::DOUBLE AS target_value, NULL::DOUBLE AS achievement, 1.0::DOUBLE AS share,
       has_data, detail
FROM final
ORDER BY 1, 2, 3;
