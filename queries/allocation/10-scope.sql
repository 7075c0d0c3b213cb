-- Who is in scope of the county allocation of government-cloud rent, per project × year (Art. 23;
-- ../shared/spec/allocation.md "Who is in scope").
--
-- Art. 23: 市级部门统一建设、统一部署的全市性信息系统，政务云年租赁费在 500 万元及以上的 … 制定市级和各区、县（市）
-- 云资源租赁费用分摊方案. Only such project-years are split among the counties; every other project-year billed any
-- cloud cost still gets one CITY line for its whole rent, so every yuan billed is accounted for exactly once.
--
-- The year's rent is the project's billed cloud cost (FOCUS BilledCost) whose ChargePeriodStart falls in that
-- Beijing calendar year, summed and rounded to the fen by int_project_cloud_year (queries/reference). The threshold
-- is tested on that fen amount. EffectiveCost (amortised) rides along for the amortised view; it never decides scope.

CREATE OR REPLACE TABLE int_allocation_scope AS
WITH rent AS (
  SELECT project_id, year, billed_cost_yuan AS rent_yuan, effective_cost_yuan AS effective_rent_yuan
  FROM int_project_cloud_year
),

projects AS (
  SELECT project_id, dept_code, lead_dept_code, alloc_class, city_wide
  FROM stg_projects
),

facts AS (
  SELECT r.project_id,
         r.year,
         p.dept_code,
         p.lead_dept_code,
         p.alloc_class,
         p.city_wide,
         r.rent_yuan,
         r.effective_rent_yuan,
         p.project_id IS NOT NULL            AS registered,
         -- 全市性系统 left blank is not evidence of a city-wide system: treated as not city-wide, and said so
         coalesce(p.city_wide, false)        AS is_city_wide,
         -- 500 万元及以上 (Art. 23): the threshold itself is in scope
         r.rent_yuan >= 5000000.00           AS reaches_threshold
  FROM rent r
  LEFT JOIN projects p USING (project_id)
),

classified AS (
  SELECT *,
         -- One reason per project-year, in the order Art. 23 states its conditions: the kind of system first,
         -- then the amount, then the class (which decides the split).
         CASE
           WHEN NOT registered            THEN '项目未申报'
           WHEN NOT is_city_wide          THEN '非全市性系统'
           WHEN NOT reaches_threshold     THEN '未达500万元'
           WHEN alloc_class = '民生'       THEN '按上年常住人口'
           WHEN alloc_class = '审批监管'   THEN '市县4:6'
           ELSE                                '其他类别不适用第二十三条'
         END AS basis
  FROM facts
),

final AS (
  SELECT project_id,
         year,
         dept_code,
         lead_dept_code,
         alloc_class,
         city_wide,
         rent_yuan,
         effective_rent_yuan,
         basis IN ('按上年常住人口', '市县4:6') AS allocable,
         basis,
         CASE basis
           WHEN '项目未申报' THEN
             '云账单标签中的项目编号在项目申报中不存在，租赁费暂列市本级'
           WHEN '非全市性系统' THEN
             CASE WHEN city_wide IS NULL
                  THEN '“全市性系统”未填报，按非全市性系统处理，租赁费由市本级全额承担'
                  ELSE '非市级部门统一建设、统一部署的全市性信息系统，不适用第二十三条分摊，租赁费由市本级全额承担'
             END
           WHEN '未达500万元' THEN
             printf('年租赁费 %s 元，未达 500 万元，不适用第二十三条分摊，由牵头市级部门全额承担', rent_yuan::VARCHAR)
           WHEN '其他类别不适用第二十三条' THEN
             CASE WHEN alloc_class IS NULL
                  THEN '分摊类别未填报；第二十三条只规定民生类与审批监管类的分摊方式，租赁费由市本级全额承担'
                  ELSE printf('分摊类别为“%s”；第二十三条只规定民生类与审批监管类的分摊方式，租赁费由市本级全额承担', alloc_class)
             END
         END AS note
  FROM classified
)

SELECT * FROM final
ORDER BY project_id, year;
