-- The project × year roll-up every page starts from: money (approved, contracted, paid), cloud cost, score, fund
-- status and flag count. Reads the marts of the earlier stages; adds no logic of its own beyond sums.

CREATE OR REPLACE TABLE mart_project_year AS
WITH contracted AS (
  SELECT project_id, year(signed_on)::INTEGER AS year, sum(amount_yuan) AS contracted_yuan
  FROM stg_contracts GROUP BY ALL
),
paid AS (
  SELECT project_id, year(paid_on)::INTEGER AS year,
         sum(amount_yuan) FILTER (WHERE fund_type = '建设') AS paid_construction_yuan,
         sum(amount_yuan) FILTER (WHERE fund_type = '运维') AS paid_om_yuan
  FROM stg_payments GROUP BY ALL
),
flags AS (
  SELECT project_id, year, count(*) AS flag_count FROM mart_flags GROUP BY ALL
),
final AS (
  SELECT s.project_id, s.year, d.name, d.dept_code, d.dept_name, d.kind,
         d.approved_yuan,
         coalesce(c.contracted_yuan, 0)::DECIMAL(18,2) AS contracted_yuan,
         coalesce(p.paid_construction_yuan, 0)::DECIMAL(18,2) AS paid_construction_yuan,
         coalesce(p.paid_om_yuan, 0)::DECIMAL(18,2) AS paid_om_yuan,
         coalesce(cl.billed_cost_yuan, 0)::DECIMAL(18,2) AS cloud_cost_yuan,
         sc.total_score, sc.grade,
         coalesce(fs.om_status, 'eligible') AS om_fund_status,
         coalesce(fs.construction_status, 'ok') AS construction_fund_status,
         coalesce(f.flag_count, 0)::INTEGER AS flag_count
  FROM int_project_years s
  JOIN dim_project d ON d.project_id = s.project_id
  LEFT JOIN contracted c ON c.project_id = s.project_id AND c.year = s.year
  LEFT JOIN paid p ON p.project_id = s.project_id AND p.year = s.year
  LEFT JOIN int_project_cloud_year cl ON cl.project_id = s.project_id AND cl.year = s.year
  LEFT JOIN int_project_score sc ON sc.project_id = s.project_id AND sc.year = s.year
  LEFT JOIN mart_fund_status fs ON fs.project_id = s.project_id AND fs.year = s.year
  LEFT JOIN flags f ON f.project_id = s.project_id AND f.year = s.year
)
SELECT * FROM final ORDER BY project_id, year;
