-- int_project_score — project × year: the total and its grade (Art. 32–34; grades per 财预〔2020〕10号).
--
-- DECISION (rounding before grading): the total is TRUNCATED to 2 decimals (not rounded half-up) and the grade is
-- read off the truncated figure, which is also the figure shown. A total of 89.995 shows 89.99 and is 良, never 优:
-- rounding half-up would show 90.00 and promote a project that did not reach 90. Showing and grading the same
-- truncated number keeps the page and the grade consistent. A tolerance of 1e-6 on the ×100 scale absorbs binary
-- floating-point error (79.99 × 100 = 7998.999…), so a total that is exactly 79.99 stays 79.99.
--   优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below (the version's grade bands; defaults of scoring.md)
-- total_score and grade are NULL when int_project_total is (too few scorable dimensions: see its note).
-- provisional: the year had not closed at the as-of date; the figure is to date and no rectification follows yet.

CREATE OR REPLACE TABLE int_project_score AS
WITH bands AS (
  SELECT version,
         max(value) FILTER (WHERE param = '优') AS min_excellent,
         max(value) FILTER (WHERE param = '良') AS min_good,
         max(value) FILTER (WHERE param = '中') AS min_fair
  FROM ref_scoring_thresholds
  WHERE dimension = 'total' AND indicator = 'grade'
  GROUP BY version
),
truncated AS (
  SELECT *, (floor(total_unrounded * 100 + 1e-6) / 100)::DECIMAL(5, 2) AS total_score
  FROM int_project_total
)
SELECT t.project_id, t.year, t.total_score,
       CASE WHEN t.total_score IS NULL THEN NULL
            WHEN t.total_score >= b.min_excellent THEN '优'
            WHEN t.total_score >= b.min_good THEN '良'
            WHEN t.total_score >= b.min_fair THEN '中'
            ELSE '差' END AS grade,
       t.weights_version, t.provisional, t.scorable_dimensions, t.scorable_weight_share, t.note
FROM truncated t
JOIN bands b ON b.version = t.weights_version
ORDER BY 1, 2;
