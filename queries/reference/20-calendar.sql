-- The working-day calendar (工作日历) and the one piece of arithmetic every "N 个工作日内" deadline uses
-- (Art. 16 and 19: 5 working days; Art. 30: 10 working days; rules.md "Working days").
--
-- Input: stg_calendar, the State Council General Office's holiday notice as the operator drops it in calendar.csv:
-- only the exceptions to Monday–Friday (节假日 = a weekday off, 调休上班 = a weekend day worked).
--
-- Interpretation (docs/rules.md "工作日"):
--   * A year is covered ("known") when calendar.csv has at least one row dated in it; ref_calendar then has every
--     day of that year and no day of any other year. A missing year is never guessed as plain Monday–Friday.
--   * Working days are Monday–Friday minus 节假日, plus 调休上班 (make-up working days count).
--   * "N working days after D": counting starts the day after D; the deadline is the N-th working day after D,
--     inclusive. With workday_seq = the ordinal of the last working day on or before a day, that is the working day
--     whose workday_seq = workday_seq(D) + N — a join, not a loop.
--   * A deadline the calendar cannot place (D in an uncovered year, or the N-th working day beyond the covered run
--     of years) fails the build with an error naming the year to add — but only where a rule actually needs that
--     deadline: workday_deadline_passed(d, n, x) answers "is x past the deadline?" without the exact date when x
--     itself lies inside the covered run (then the deadline, being later than the covered run, cannot have passed).
--
-- Macros (persisted with the warehouse, so analysts can use the same arithmetic):
--   add_workdays(d, n)                 → DATE: the N-th working day after d; error when the calendar cannot tell
--   workday_deadline_passed(d, n, x)   → BOOLEAN: x > add_workdays(d, n), erroring only when undecidable
--   workday_due_or_null(d, n)          → DATE or NULL (no error): for callers that handle the gap themselves
--   workdays_between(a, b)             → BIGINT: working days in (a, b], NULL when either date is uncovered
-- DuckDB decorrelates the macros' scalar subqueries into hash joins on the distinct input dates, so a rule that
-- calls them over a whole table stays set-based.

CREATE OR REPLACE TABLE ref_calendar AS
WITH exceptions AS (
  SELECT day, day_type, name FROM stg_calendar
),

known_years AS (
  SELECT DISTINCT year(day)::INTEGER AS year FROM exceptions
),

days AS (
  SELECT unnest(generate_series(make_date(year, 1, 1), make_date(year, 12, 31), INTERVAL 1 DAY))::DATE AS day
  FROM known_years
),

classified AS (
  SELECT d.day,
         year(d.day)::INTEGER AS year,
         CASE
           WHEN e.day_type IS NOT NULL THEN e.day_type     -- 节假日 / 调休上班, as the notice says
           WHEN isodow(d.day) >= 6     THEN '周末'
           ELSE '工作日'
         END AS day_type,
         e.name
  FROM days d
  LEFT JOIN exceptions e USING (day)
),

final AS (
  SELECT day,
         year,
         day_type IN ('工作日', '调休上班') AS is_workday,
         day_type,
         name,
         sum(CASE WHEN day_type IN ('工作日', '调休上班') THEN 1 ELSE 0 END)
           OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)::BIGINT AS workday_seq
  FROM classified
)
SELECT * FROM final ORDER BY day;

-- Runs of consecutive covered years: a deadline may run from one covered year into the next, never across a gap.
CREATE OR REPLACE TABLE int_calendar_coverage AS
WITH years AS (
  SELECT DISTINCT year FROM ref_calendar
),

runs AS (
  SELECT year, year - row_number() OVER (ORDER BY year) AS run FROM years
),

final AS (
  SELECT year,
         make_date(max(year) OVER (PARTITION BY run), 12, 31) AS covered_through,
         (max(year) OVER (PARTITION BY run) + 1)::INTEGER     AS next_uncovered_year
  FROM runs
)
SELECT * FROM final ORDER BY year;

-- The N-th working day after d (N ≥ 1), or NULL when d's year is not covered or that day lies past the covered run.
CREATE OR REPLACE MACRO workday_due_or_null(d, n) AS (
  SELECT w.day
  FROM ref_calendar c
  JOIN int_calendar_coverage k ON k.year = c.year
  JOIN ref_calendar w ON w.is_workday AND w.workday_seq = c.workday_seq + n AND w.day <= k.covered_through
  WHERE c.day = d
);

-- The first year the calendar would need to place a deadline counted from d.
CREATE OR REPLACE MACRO calendar_missing_year(d) AS
  coalesce((SELECT k.next_uncovered_year FROM int_calendar_coverage k WHERE k.year = year(d)), year(d));

CREATE OR REPLACE MACRO calendar_gap_error(d) AS
  error(format('工作日历未覆盖 {0} 年：请在 calendar.csv 中加入国务院办公厅 {0} 年节假日安排', calendar_missing_year(d)));

CREATE OR REPLACE MACRO add_workdays(d, n) AS
  CASE
    WHEN d IS NULL OR n IS NULL THEN NULL::DATE
    ELSE coalesce(workday_due_or_null(d, n), calendar_gap_error(d)::DATE)
  END;

-- Is x past the N-th working day after d? (x > due: a filing on the due date itself is on time.)
CREATE OR REPLACE MACRO workday_deadline_passed(d, n, x) AS
  CASE
    WHEN d IS NULL OR n IS NULL OR x IS NULL THEN NULL::BOOLEAN
    ELSE coalesce(
      x > workday_due_or_null(d, n),
      -- the deadline lies past the covered run; x inside the run cannot be past it
      CASE WHEN x <= (SELECT k.covered_through FROM int_calendar_coverage k WHERE k.year = year(d)) THEN false END,
      calendar_gap_error(d)::BOOLEAN
    )
  END;

-- Working days in (a, b]: how many working days late a filing was. NULL when the calendar cannot tell.
CREATE OR REPLACE MACRO workdays_between(a, b) AS (
  SELECT cb.workday_seq - ca.workday_seq
  FROM ref_calendar ca
  JOIN int_calendar_coverage k ON k.year = ca.year
  JOIN ref_calendar cb ON cb.day = b AND cb.day <= k.covered_through
  WHERE ca.day = a
);
