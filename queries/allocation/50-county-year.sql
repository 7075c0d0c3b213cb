-- mart_county_year: what each district/county owes per year for the city-wide systems it shares (Art. 23), what it
-- has settled, and what is outstanding — the finance view of allocation.md "Procurement duties that go with it"
-- (Art. 25: the lead department supervises each county's settlement, 资金结付监管).
--
-- settled_yuan is NULL, not 0: the inbox carries no settlement export today (data-contract.md), so nothing is known
-- about settlement; outstanding_yuan is NULL with it rather than pretending everything is unpaid.
-- Grain: every county of the Y−1 list of a year that has any billed rent, plus any county with an allocation line —
-- a county that owes nothing that year shows 0 rather than being absent. Project-years held back by
-- int_allocation_errors are not in owed_yuan (they count in blocked_projects instead).

CREATE OR REPLACE TABLE mart_county_year AS
WITH allocation AS (
  SELECT project_id, year, county_code, county_name, amount_yuan, effective_amount_yuan
  FROM mart_allocation
  WHERE county_code <> 'CITY'
),

rent_years AS (
  SELECT DISTINCT year FROM int_allocation_scope
),

listed AS (
  SELECT y.year, l.county_code, l.county_name
  FROM rent_years y
  JOIN int_allocation_county_list l ON l.pop_year = y.year - 1
),

spine AS (
  SELECT year, county_code, any_value(county_name) AS county_name
  FROM (
    SELECT year, county_code, county_name FROM listed
    UNION ALL
    SELECT year, county_code, county_name FROM allocation
  )
  GROUP BY ALL
),

owed AS (
  SELECT year, county_code,
         sum(amount_yuan)::DECIMAL(18,2)           AS owed_yuan,
         sum(effective_amount_yuan)::DECIMAL(18,2) AS effective_owed_yuan,
         count(DISTINCT project_id)                AS projects
  FROM allocation
  GROUP BY ALL
),

blocked AS (
  SELECT year, count(DISTINCT project_id) AS blocked_projects
  FROM int_allocation_errors
  GROUP BY ALL
),

final AS (
  SELECT s.county_code,
         s.county_name,
         s.year,
         coalesce(o.owed_yuan, 0)::DECIMAL(18,2)  AS owed_yuan,
         CASE WHEN o.projects IS NULL THEN 0 ELSE o.effective_owed_yuan END::DECIMAL(18,2) AS effective_owed_yuan,
         NULL::DECIMAL(18,2)                      AS settled_yuan,
         NULL::DECIMAL(18,2)                      AS outstanding_yuan,
         coalesce(o.projects, 0)::BIGINT          AS projects,
         coalesce(b.blocked_projects, 0)::BIGINT  AS blocked_projects
  FROM spine s
  LEFT JOIN owed o USING (year, county_code)
  LEFT JOIN blocked b USING (year)
)

SELECT * FROM final
ORDER BY year, county_code;
