-- How evidence reads (mart_flags.evidence): plain Chinese, dates as YYYY-MM-DD, money as `1,234,567.89 元` or
-- `123.45 万元`, lateness in working days where the calendar can count them (rules.md "Working days").
-- Shared by every rule file of this stage so all flags speak the same way.

CREATE OR REPLACE MACRO evidence_date(d) AS strftime(d, '%Y-%m-%d');

-- DECIMAL(18,2) yuan → `1,234,567.89 元`
CREATE OR REPLACE MACRO evidence_yuan(x) AS format('{:,.2f} 元', x::DECIMAL(18,2));

-- yuan → `123.45 万元` (for the application's figures, which the source systems keep in 万元)
CREATE OR REPLACE MACRO evidence_wan_yuan(x) AS format('{:,.2f} 万元', (x / 10000)::DECIMAL(18,2));

-- How late x is against a deadline due (x > due): `逾期 3 个工作日`; when x is itself a rest day right after the
-- deadline (no working day in between) or the calendar does not cover x, count natural days: `逾期 2 天`.
CREATE OR REPLACE MACRO evidence_overdue(due, x) AS
  CASE
    WHEN coalesce(workdays_between(due, x), 0) > 0 THEN format('逾期 {} 个工作日', workdays_between(due, x))
    ELSE format('逾期 {} 天', x - due)
  END;
