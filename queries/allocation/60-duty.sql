-- mart_allocation_duty: who must procure the cloud lease and supervise the counties' settlement, per project × year
-- (Art. 25, with Art. 24 for systems that are not city-wide).
--
-- Art. 25: 全市性信息系统政务云租赁按照“统采分签”采购模式 …
--   单个项目年政务云租赁费在 500 万及以上的，由市级牵头部门负责招标和各区、县（市）资金结付监管等。
--   单个项目年政务云租赁费在 500 万以下的，由市级牵头部门负责采购。
-- Art. 25 speaks of city-wide systems and their 市级牵头部门; a system that is not city-wide (or not known to be)
-- has no county side to supervise, and falls under Art. 24 alone: its own department picks the provider from the
-- list the Big Data Bureau tendered. The rent tested is the same fen amount as in 10-scope.sql.

CREATE OR REPLACE TABLE mart_allocation_duty AS
WITH scope AS (
  SELECT project_id, year, dept_code, lead_dept_code, alloc_class, city_wide, rent_yuan, effective_rent_yuan
  FROM int_allocation_scope
),

final AS (
  SELECT project_id,
         year,
         dept_code,
         lead_dept_code,
         -- the department that carries the duty: the lead department of a city-wide system (its 建设单位 when no
         -- lead is recorded), otherwise the 建设单位 itself
         CASE WHEN city_wide THEN coalesce(lead_dept_code, dept_code) ELSE dept_code END AS responsible_dept_code,
         alloc_class,
         coalesce(city_wide, false) AS city_wide,
         rent_yuan,
         effective_rent_yuan,
         rent_yuan >= 5000000.00 AS reaches_threshold,
         CASE WHEN city_wide THEN '25' ELSE '24' END AS article,
         CASE WHEN city_wide THEN '统采分签' END AS procurement_mode,
         CASE
           WHEN city_wide AND rent_yuan >= 5000000.00
             THEN '市级牵头部门负责招标和各区、县（市）资金结付监管（统采分签）'
           WHEN city_wide
             THEN '市级牵头部门负责采购'
           ELSE '建设单位按政府采购程序从入围政务云服务提供商名录中确定租赁服务提供商'
         END AS duty
  FROM scope
)

SELECT * FROM final
ORDER BY project_id, year;
