-- The districts/counties (区、县（市）) that share a year's rent, and their resident population (常住人口) of the
-- year before (Art. 23: 按上年常住人口比例). The list is reference data per year from the statistics bureau's
-- population.csv (stg_population), never constants in code.
--
-- Both classes use the list of year Y−1 for rent of year Y: livelihood projects need Y−1's populations anyway, and
-- for approval & regulatory projects Y−1 is the latest list published when year Y's rent is settled (a year's
-- population is published the following spring), so one list serves both and the two classes never disagree on
-- which counties exist.
--
-- A county is expected in year X when it has a population row in X, or in X−1 (a county does not vanish silently:
-- it is presumed to continue until the bureau stops reporting it), or both before and after X (a gap). An expected
-- county without a row in X is missing: its population is NULL here and 30-shares.sql turns that into an error
-- instead of silently handing its part to the others. A county whose rows start after X is not expected (it did not
-- exist yet). Consequence: the first year after a genuine abolition or merger also reads as missing and blocks that
-- year's allocation until someone looks at it — deliberate, since a wrong split moves real money.

CREATE OR REPLACE TABLE int_allocation_county_list AS
WITH population AS (
  SELECT county_code, county_name, year, population
  FROM stg_population
),

-- Y−1 for every year with billed rent: allocable project-years need it, and mart_county_year lists the counties
-- of every such year
needed_years AS (
  SELECT DISTINCT year - 1 AS pop_year
  FROM int_allocation_scope
),

spans AS (
  SELECT county_code, min(year) AS first_year, max(year) AS last_year
  FROM population
  GROUP BY county_code
),

expected AS (
  SELECT y.pop_year, s.county_code
  FROM needed_years y
  JOIN spans s ON s.first_year <= y.pop_year AND s.last_year >= y.pop_year - 1
),

final AS (
  SELECT e.pop_year,
         e.county_code,
         -- the name the bureau used that year; for a missing county the name of its latest earlier row
         coalesce(p.county_name,
                  (SELECT arg_max(q.county_name, q.year) FROM population q
                   WHERE q.county_code = e.county_code AND q.year < e.pop_year)) AS county_name,
         p.population,
         p.population IS NULL AS missing
  FROM expected e
  LEFT JOIN population p ON p.county_code = e.county_code AND p.year = e.pop_year
)

SELECT * FROM final
ORDER BY pop_year, county_code;
