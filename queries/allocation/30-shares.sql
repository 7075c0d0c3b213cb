-- The shares of each project-year's rent, as exact integer weights (part i gets weight_i / weight_total), and the
-- project-years that cannot be shared because the reference data is incomplete (allocation.md "How it is split").
--
--   民生 (直接面向基层涉及民生类)        counties by resident population of Y−1: weight_i = pop_i, total = Σ pop
--   审批监管 (审批监管类非直接面向基层)   city : counties = 4 : 6 (Art. 23: 按市县4:6比例, 各区、县（市）分摊 10%).
--                                       With n counties: CITY weight 4n, each county 6, total 10n — i.e. CITY 40 %
--                                       and each county 60 % / n (= 10 % when n = 6, Shaoxing's six divisions)
--   anything out of scope (10-scope)    CITY weight 1 of 1
-- Weights stay integers (HUGEINT) so 40-largest-remainder.sql can round with exact integer arithmetic.

-- Project-years that must not be shown as allocated: a county of the Y−1 list has no population row (allocation.md:
-- an error that names the county and year; no partial allocation). rent_yuan is the whole rent of the project-year
-- that is therefore missing from mart_allocation; it repeats on each row of the same project-year, so reconcile
-- with sum over DISTINCT (project_id, year).
CREATE OR REPLACE TABLE int_allocation_errors AS
WITH scope AS (
  SELECT project_id, year, alloc_class, basis, rent_yuan, effective_rent_yuan
  FROM int_allocation_scope
  WHERE allocable
),

lists AS (
  SELECT * FROM int_allocation_county_list
),

-- what the failed allocation would have needed, in the words finance reads
purpose AS (
  SELECT *,
         CASE basis WHEN '按上年常住人口' THEN '按人口分摊'
                    ELSE printf('确定 %d 年区县名单、按市县4:6分摊', year - 1) END AS what_failed
  FROM scope
),

missing_county AS (
  SELECT s.project_id, s.year, l.county_code, s.alloc_class, s.rent_yuan, s.effective_rent_yuan,
         printf('%s（%s）缺少 %d 年常住人口，无法%s %s 的 %d 年云租赁费',
                l.county_name, l.county_code, l.pop_year, s.what_failed, s.project_id, s.year) AS message
  FROM purpose s
  JOIN lists l ON l.pop_year = s.year - 1
  WHERE l.missing
),

no_list AS (
  SELECT s.project_id, s.year, NULL::VARCHAR AS county_code, s.alloc_class, s.rent_yuan, s.effective_rent_yuan,
         printf('缺少 %d 年各区县常住人口（population.csv 无该年数据），无法%s %s 的 %d 年云租赁费',
                s.year - 1, s.what_failed, s.project_id, s.year) AS message
  FROM purpose s
  WHERE NOT EXISTS (SELECT 1 FROM lists l WHERE l.pop_year = s.year - 1)
),

-- population shares need a positive total and no negative member (the loader should already refuse these)
population_totals AS (
  SELECT s.project_id, s.year, s.alloc_class, s.rent_yuan, s.effective_rent_yuan,
         sum(l.population) AS total_population,
         min(l.population) AS least_population,
         bool_or(l.missing) AS any_missing
  FROM purpose s
  JOIN lists l ON l.pop_year = s.year - 1
  WHERE s.basis = '按上年常住人口'
  GROUP BY ALL
),

bad_population AS (
  SELECT project_id, year, NULL::VARCHAR AS county_code, alloc_class, rent_yuan, effective_rent_yuan,
         printf('%d 年各区县常住人口合计为 %d 人或含负数，无法按人口分摊 %s 的 %d 年云租赁费',
                year - 1, total_population, project_id, year) AS message
  FROM population_totals
  WHERE NOT any_missing AND (total_population <= 0 OR least_population < 0)
),

final AS (
  SELECT * FROM missing_county
  UNION ALL SELECT * FROM no_list
  UNION ALL SELECT * FROM bad_population
)

SELECT * FROM final
ORDER BY project_id, year, county_code NULLS FIRST;


CREATE OR REPLACE TABLE int_allocation_weights AS
WITH scope AS (
  SELECT s.*
  FROM int_allocation_scope s
  WHERE NOT EXISTS (SELECT 1 FROM int_allocation_errors e WHERE e.project_id = s.project_id AND e.year = s.year)
),

counties AS (
  SELECT pop_year, county_code, county_name, population,
         count(*) OVER (PARTITION BY pop_year) AS n_counties
  FROM int_allocation_county_list
),

-- not allocable: the city's part is the whole rent
city_whole AS (
  SELECT s.project_id, s.year, 'CITY' AS county_code, '市本级' AS county_name,
         1::HUGEINT AS weight, 1::HUGEINT AS weight_total, s.note
  FROM scope s
  WHERE NOT s.allocable
),

-- 民生: by resident population of Y−1
livelihood AS (
  SELECT s.project_id, s.year, c.county_code, c.county_name,
         c.population::HUGEINT AS weight,
         sum(c.population) OVER (PARTITION BY s.project_id, s.year)::HUGEINT AS weight_total,
         printf('按 %d 年常住人口：本区县 %s 人，合计 %s 人', c.pop_year,
                format('{:,}', c.population),
                format('{:,}', sum(c.population) OVER (PARTITION BY s.project_id, s.year))) AS note
  FROM scope s
  JOIN counties c ON c.pop_year = s.year - 1
  WHERE s.basis = '按上年常住人口'
),

-- 审批监管: the 4 : 6 split, the counties' 6 in equal parts. Art. 23's "10 % each" presumes six counties; with
-- another count the split still totals 100 % and every row of the project-year says so.
regulatory_parties AS (
  SELECT s.project_id, s.year, c.pop_year, c.county_code, c.county_name, c.n_counties
  FROM scope s
  JOIN counties c ON c.pop_year = s.year - 1
  WHERE s.basis = '市县4:6'
),

regulatory_note AS (
  SELECT DISTINCT project_id, year,
         CASE WHEN n_counties = 6 THEN NULL
              ELSE printf('%d 年区县名单为 %d 个而非 6 个：市本级仍分摊 40%%，区县合计 60%% 由 %d 个区县均摊，每个 60%%/%d',
                          pop_year, n_counties, n_counties, n_counties)
         END AS note
  FROM regulatory_parties
),

regulatory AS (
  SELECT project_id, year, county_code, county_name,
         6::HUGEINT AS weight, (10 * n_counties)::HUGEINT AS weight_total
  FROM regulatory_parties
  UNION ALL
  SELECT DISTINCT project_id, year, 'CITY', '市本级',
         (4 * n_counties)::HUGEINT, (10 * n_counties)::HUGEINT
  FROM regulatory_parties
),

final AS (
  SELECT project_id, year, county_code, county_name, weight, weight_total, note FROM city_whole
  UNION ALL
  SELECT project_id, year, county_code, county_name, weight, weight_total, note FROM livelihood
  UNION ALL
  SELECT r.project_id, r.year, r.county_code, r.county_name, r.weight, r.weight_total, n.note
  FROM regulatory r
  JOIN regulatory_note n USING (project_id, year)
)

SELECT project_id, year, county_code, county_name, weight, weight_total,
       -- ties in the rounding go to the lower administrative code; the city's part (市本级, code 330600) comes
       -- before every county code 3306xx
       row_number() OVER (PARTITION BY project_id, year
                          ORDER BY county_code <> 'CITY', county_code) AS tie_order,
       note
FROM final
ORDER BY project_id, year, tie_order;
