-- What each district/county owes for a year's shared systems, what it has settled and what is outstanding
-- (allocation.md, Art. 25). settled_yuan / outstanding_yuan are NULL where no settlement data exists.
-- params: $year INTEGER (required)
SELECT county_code, county_name, owed_yuan, settled_yuan, outstanding_yuan, projects
FROM mart_county_year
WHERE year = $year::INTEGER
ORDER BY county_code;
