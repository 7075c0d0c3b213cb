-- Cloud cost allocated to each county for the year (Art. 23): owed, settled, outstanding, in county-code order.
-- params: $year INTEGER
SELECT county_code, county_name, owed_yuan, settled_yuan, outstanding_yuan, projects
FROM mart_county_year
WHERE year = $year::INTEGER
ORDER BY county_code = 'CITY', county_code;
