-- int_rectification_due — project × year: which project-years the annual evaluation says should have a
-- rectification (整改) order under Art. 34 ("对没有实现项目建设目标的，市信管办应督促项目建设单位限期整改"):
--   a grade of 差 in int_project_score, or
--   any filed performance target missed (int_target_achievement.achieved = false: ≥ target not reached, or ≤ target
--   exceeded). A target whose actual value was never reported is no data, not a miss, and opens nothing here.
-- Only closed years (31 December on or before the as-of date): a running year's provisional figures order nothing.
-- The compliance engine compares this with the orders actually given (stg_rectifications) for the ART34_* flags.

CREATE OR REPLACE TABLE int_rectification_due AS
WITH as_of AS (SELECT as_of FROM meta_build),
poor AS (
  SELECT project_id, year, 1 AS ord, format('绩效评估等级为差（总分 {}）', total_score) AS reason
  FROM int_project_score
  WHERE grade = '差' AND NOT provisional
),
missed AS (
  SELECT project_id, year, 2 AS ord,
         format('绩效目标「{}」未实现（方向 {}，目标 {}{}，实际 {}{}）', indicator, direction, target_value,
                coalesce(unit, ''), actual_value, coalesce(unit, '')) AS reason
  FROM int_target_achievement
  WHERE achieved = false AND make_date(year, 12, 31) <= (SELECT as_of FROM as_of)
),
reasons AS (SELECT * FROM poor UNION ALL SELECT * FROM missed)
SELECT project_id, year,
       string_agg(reason, '；' ORDER BY ord, reason) AS reason,
       bool_or(ord = 1) AS poor_grade,
       (count(*) FILTER (WHERE ord = 2))::INTEGER AS missed_targets
FROM reasons
GROUP BY project_id, year
ORDER BY 1, 2;
