-- 统建融合 (integration, Art. 32; Art. 28–31 on the public data platform): raw values per scored project-year.
-- systems.json is the platform's current register, not a yearly history: a system counts for year Y when it was
-- live in Y (go-live ≤ end of Y, not shut down before 1 January of Y), and its catalog counts only when it was
-- compiled by the end of Y. Interface counts are the register's current figures. A scored project always has a
-- system (its go-live date comes from systems.json), so the register's zeros are evidence, not missing data.
-- Columns as in 10-operation.sql.
--
--   gov_cloud             1 when 项目申报.部署方式 = 政务云 (reuse of the city's shared cloud platform), else 0
--   catalog_items         Σ catalog_items of the project's live systems whose catalog was compiled by year end
--   shared_interfaces     Σ shared_interfaces (interfaces offered on 绍兴市公共数据平台)
--   consumed_interfaces   Σ consumed_interfaces (other units' data used through the platform, Art. 31)
--   duplicate_collection  number of live systems flagged duplicate_collection (重复采集)

CREATE OR REPLACE TABLE int_raw_integration AS
WITH systems AS (
  SELECT s.project_id, s.year, s.deployment,
         count(y.system_id) AS systems,
         coalesce(sum(y.catalog_items) FILTER (WHERE y.catalog_compiled_on <= s.period_end), 0) AS catalog_items,
         count(y.system_id) FILTER (WHERE y.catalog_compiled_on <= s.period_end) AS systems_catalogued,
         coalesce(sum(y.shared_interfaces), 0) AS shared_interfaces,
         coalesce(sum(y.consumed_interfaces), 0) AS consumed_interfaces,
         count(y.system_id) FILTER (WHERE y.duplicate_collection) AS duplicate_systems
  FROM int_scoring_scope s
  LEFT JOIN stg_systems y
    ON y.project_id = s.project_id
   AND y.go_live_on <= s.period_end
   -- coalesce, not `shutdown_on IS NULL OR …`: an OR in a LEFT JOIN's condition makes DuckDB compare every pair
   -- (a nested-loop join: 9.8 s at province scale) instead of hashing on project_id (40 ms)
   AND coalesce(y.shutdown_on, DATE '9999-12-31') >= s.period_start
  GROUP BY ALL
),
final AS (
  SELECT project_id, year, 'gov_cloud' AS indicator,
         CASE deployment WHEN '政务云' THEN 1 ELSE 0 END AS raw_value,
         deployment IS NOT NULL AS has_data,
         CASE WHEN deployment IS NULL THEN '项目申报未填部署方式'
              ELSE format('项目申报部署方式：{}', deployment) END AS detail
  FROM systems
  UNION ALL
  SELECT project_id, year, 'catalog_items', catalog_items, systems > 0,
         CASE WHEN systems = 0 THEN 'systems.json 中没有本年度在用的系统'
              ELSE printf('%d 个在用系统中 %d 个已编目，数据项合计 %d', systems, systems_catalogued, catalog_items) END
  FROM systems
  UNION ALL
  SELECT project_id, year, 'shared_interfaces', shared_interfaces, systems > 0,
         CASE WHEN systems = 0 THEN 'systems.json 中没有本年度在用的系统'
              ELSE printf('%d 个在用系统共享接口合计 %d 个', systems, shared_interfaces) END
  FROM systems
  UNION ALL
  SELECT project_id, year, 'consumed_interfaces', consumed_interfaces, systems > 0,
         CASE WHEN systems = 0 THEN 'systems.json 中没有本年度在用的系统'
              ELSE printf('%d 个在用系统调用他单位数据接口合计 %d 个', systems, consumed_interfaces) END
  FROM systems
  UNION ALL
  SELECT project_id, year, 'duplicate_collection', duplicate_systems, systems > 0,
         CASE WHEN systems = 0 THEN 'systems.json 中没有本年度在用的系统'
              ELSE printf('%d 个在用系统中 %d 个存在重复采集', systems, duplicate_systems) END
  FROM systems
)
SELECT project_id, year, indicator, NULL::VARCHAR AS item, raw_value::DOUBLE AS raw_value,
       NULL::DOUBLE AS target_value, NULL::DOUBLE AS achievement, 1.0::DOUBLE AS share, has_data, detail
FROM final
ORDER BY 1, 2, 3;
