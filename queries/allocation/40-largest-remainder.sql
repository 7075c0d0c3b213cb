-- mart_allocation: each project-year's rent split into its parts, exact to the fen (allocation.md "Money is exact").
--
-- Largest-remainder method on integer units, never binary floating point:
--   exact part_i   = total × weight_i / weight_total
--   floor_i        = ⌊total × weight_i / weight_total⌋            (integer division)
--   remainder_i    = (total × weight_i) mod weight_total           (exact: same denominator within a project-year)
--   leftover       = total − Σ floor_i                             (0 ≤ leftover < number of parts)
--   the leftover units go one each to the largest remainders; equal remainders go to the lower code (tie_order).
-- HUGEINT because rent in fen (up to 10^18) × a population (up to ~10^8) overflows BIGINT.
--
-- The same rounding runs on three measures so each adds up exactly: billed rent in fen (amount_yuan, the figure
-- the measures allocate), effective (amortised) cost in fen, and the share itself in units of 10^-10 (so the shares
-- of a project-year sum to exactly 1.0000000000).

CREATE OR REPLACE TABLE mart_allocation AS
WITH weights AS (
  SELECT * FROM int_allocation_weights
),

scope AS (
  SELECT * FROM int_allocation_scope
),

totals AS (
  SELECT project_id, year, 'billed' AS measure, (rent_yuan::DECIMAL(38,2) * 100)::HUGEINT AS total_units
  FROM scope
  UNION ALL
  SELECT project_id, year, 'effective', (effective_rent_yuan::DECIMAL(38,2) * 100)::HUGEINT
  FROM scope
  WHERE effective_rent_yuan IS NOT NULL
  UNION ALL
  SELECT project_id, year, 'share', 10000000000::HUGEINT
  FROM scope
),

products AS (
  SELECT w.project_id, w.year, w.county_code, w.tie_order, t.measure, t.total_units,
         t.total_units * w.weight AS numerator,
         w.weight_total
  FROM weights w
  JOIN totals t USING (project_id, year)
),

-- floor division that stays correct for a negative total (a credit-only year of an out-of-scope project): the
-- remainder is taken in [0, weight_total) and the floor is what is left
floored AS (
  SELECT *,
         ((numerator % weight_total) + weight_total) % weight_total AS remainder
  FROM products
),

ranked AS (
  SELECT *,
         (numerator - remainder) // weight_total AS floor_units,
         total_units - sum((numerator - remainder) // weight_total)
                         OVER (PARTITION BY project_id, year, measure) AS leftover_units,
         row_number() OVER (PARTITION BY project_id, year, measure
                            ORDER BY remainder DESC, tie_order) AS remainder_rank
  FROM floored
),

rounded AS (
  SELECT project_id, year, county_code, measure,
         floor_units + CASE WHEN remainder_rank <= leftover_units THEN 1 ELSE 0 END AS units,
         CASE WHEN remainder_rank <= leftover_units THEN 1 ELSE 0 END AS extra_units
  FROM ranked
),

parts AS (
  SELECT project_id, year, county_code,
         max(units)       FILTER (WHERE measure = 'billed')    AS amount_fen,
         max(extra_units) FILTER (WHERE measure = 'billed')    AS rounding_fen,
         max(units)       FILTER (WHERE measure = 'effective') AS effective_amount_fen,
         max(units)       FILTER (WHERE measure = 'share')     AS share_units
  FROM rounded
  GROUP BY ALL
),

final AS (
  SELECT w.project_id,
         w.year,
         w.county_code,
         w.county_name,
         s.alloc_class,
         s.allocable,
         s.rent_yuan,
         s.effective_rent_yuan,
         (p.share_units::DECIMAL(38,0) * 0.0000000001)::DECIMAL(12,10) AS share,
         (p.amount_fen::DECIMAL(38,0) * 0.01)::DECIMAL(18,2)            AS amount_yuan,
         (p.effective_amount_fen::DECIMAL(38,0) * 0.01)::DECIMAL(18,2)  AS effective_amount_yuan,
         p.rounding_fen::INTEGER                                        AS rounding_fen,
         s.basis,
         w.note
  FROM weights w
  JOIN parts p USING (project_id, year, county_code)
  JOIN scope s USING (project_id, year)
)

SELECT * FROM final
ORDER BY project_id, year, county_code <> 'CITY', county_code;
