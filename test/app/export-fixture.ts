// A small warehouse file with the public relations of docs/warehouse.md (mart_*, dim_*, etl_*, meta_build), plus a
// few non-public ones (stg_, int_, ref_) that the API must refuse — for the export and report tests while the
// sample generator is being finished. Deterministic; Chinese names; money as DECIMAL(18,2) with awkward amounts
// (fen, large, NULL); text that a spreadsheet would take for a formula; text with commas, quotes and line breaks.
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export const FIXTURE_AS_OF = "2025-11-25";
export const FIXTURE_YEARS = [2022, 2023, 2024, 2025];
/** Rows of mart_cloud_monthly: several record batches' worth. */
export const CLOUD_ROWS = 200_000;

/** Project names that start with a formula character, and one with CSV's special characters. */
export const TRICKY_NAMES = [
  '=HYPERLINK("http://evil.example/","点击查看")',
  "+86 政务服务热线整合平台",
  "-旧业务系统下线迁移",
  "@绍兴 政务通知推送平台",
  '含逗号,引号"与\n换行的项目',
];

const SQL = String.raw`
CREATE TABLE meta_build (as_of DATE NOT NULL, built_at TIMESTAMP NOT NULL, inbox VARCHAR NOT NULL, app_version VARCHAR NOT NULL);
INSERT INTO meta_build VALUES (DATE '${FIXTURE_AS_OF}', TIMESTAMP '${FIXTURE_AS_OF} 08:30:00', 'fixture', 'test');

CREATE TABLE etl_batches (batch_id INTEGER, source VARCHAR, file VARCHAR, sha256 VARCHAR, encoding VARCHAR,
  rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT, status VARCHAR, message VARCHAR, loaded_at TIMESTAMP);
INSERT INTO etl_batches VALUES (1, 'projects', 'projects.csv', 'abc', 'utf-8', 60, 60, 0, 'loaded', NULL, TIMESTAMP '${FIXTURE_AS_OF} 08:00:00');
CREATE TABLE etl_rejects (file VARCHAR, source VARCHAR, row_number BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR);

CREATE TABLE dim_department AS
SELECT * FROM (VALUES
  ('D01', '绍兴市大数据发展管理局'), ('D02', '绍兴市公安局'), ('D03', '绍兴市卫生健康委员会'),
  ('D04', '绍兴市教育局'), ('D05', '绍兴市自然资源和规划局'), ('D06', '绍兴市人力资源和社会保障局'),
  ('D07', '绍兴市民政局'), ('D08', '绍兴市交通运输局'), ('D09', '绍兴市生态环境局'),
  ('D10', '绍兴市市场监督管理局'), ('D11', '绍兴市住房和城乡建设局'), ('D12', '绍兴市财政局')
) t(dept_code, dept_name);

CREATE TABLE dim_county AS
SELECT * FROM (VALUES
  ('330602', '越城区', 2021, 2025), ('330603', '柯桥区', 2021, 2025), ('330604', '上虞区', 2021, 2025),
  ('330624', '新昌县', 2021, 2025), ('330681', '诸暨市', 2021, 2025), ('330683', '嵊州市', 2021, 2025)
) t(county_code, county_name, first_year, last_year);

CREATE TABLE dim_project AS
WITH base AS (
  SELECT i,
         'SX' || lpad(i::VARCHAR, 4, '0') AS project_id,
         CASE i
           WHEN 1 THEN '${TRICKY_NAMES[0].replaceAll("'", "''")}'
           WHEN 2 THEN '${TRICKY_NAMES[1]}'
           WHEN 3 THEN '${TRICKY_NAMES[2]}'
           WHEN 4 THEN '${TRICKY_NAMES[3]}'
           WHEN 5 THEN '含逗号,引号"与' || chr(10) || '换行的项目'
           ELSE (['城市大脑', '智慧医疗', '不动产登记', '社保经办', '数字城管', '智慧交通', '生态环境监测',
                  '市场监管', '智慧教育', '养老服务', '住房保障', '财政预算一体化'])[i % 12 + 1]
                || (['平台', '系统', '二期', '升级改造', '运维服务'])[i % 5 + 1]
         END AS name,
         'D' || lpad((i % 12 + 1)::VARCHAR, 2, '0') AS dept_code,
         (2022 + i % 4)::INTEGER AS year,
         (['新建', '扩建', '升级改造', '运行维护'])[i % 4 + 1] AS kind,
         CASE WHEN i = 6 THEN NULL
              WHEN i = 8 THEN 12345678901.23
              WHEN i = 9 THEN 0.10
              ELSE ((i * 7919) % 900000000 + 100000 + (i * 37) % 100 / 100.0) END::DECIMAL(18,2) AS approved_yuan,
         DATE '2022-03-01' + ((i * 53) % 1200)::INTEGER AS go_live_on
  FROM range(1, 61) t(i)
)
SELECT b.project_id, b.name, b.dept_code, d.dept_name, b.year, b.kind,
       CASE WHEN b.i % 3 = 0 THEN '全市性系统' ELSE '其他' END AS alloc_class,
       b.i % 3 = 0 AS city_wide, b.dept_code AS lead_dept_code, '政务云' AS deployment, b.i % 2 = 0 AS internet_facing,
       (2 + b.i % 2)::INTEGER AS mlps_level, NULL::VARCHAR AS pilot_level, b.approved_yuan, b.go_live_on,
       NULL::DATE AS shutdown_on, b.go_live_on + 30 AS prelim_accepted_on, CASE WHEN b.i % 4 = 0 THEN NULL ELSE b.go_live_on + 200 END AS final_accepted_on
FROM base b JOIN dim_department d USING (dept_code)
ORDER BY project_id;

ALTER TABLE dim_department ADD COLUMN projects INTEGER;
UPDATE dim_department SET projects = (SELECT count(*) FROM dim_project p WHERE p.dept_code = dim_department.dept_code);

CREATE TABLE int_project_years AS
SELECT project_id, y::INTEGER AS year FROM dim_project, range(year, 2026) t(y);

CREATE TABLE int_project_score AS
SELECT project_id, year,
       CASE WHEN (hash_i % 11) = 0 THEN NULL ELSE round(48 + (hash_i % 5000) / 100.0, 2)::DECIMAL(5,2) END AS total_score,
       'v1' AS weights_version
FROM (SELECT project_id, year, (hash('x' || project_id || year::VARCHAR) % 1000003)::BIGINT AS hash_i FROM int_project_years);
ALTER TABLE int_project_score ADD COLUMN grade VARCHAR;
UPDATE int_project_score SET grade = CASE WHEN total_score IS NULL THEN NULL WHEN total_score >= 90 THEN '优'
  WHEN total_score >= 75 THEN '良' WHEN total_score >= 60 THEN '中' ELSE '差' END;

CREATE TABLE mart_flags AS
WITH rules(k, rule_id, article, severity, consequence) AS (VALUES
  (0, 'ART16_CONTRACT_FILING_LATE', '16', '较重', '责令限期补正备案'),
  (1, 'ART22_PAID_WITHOUT_REVIEW', '22', '严重', '暂停拨付建设资金'),
  (2, 'ART30_CATALOG_LATE', '30', '一般', '通报并限期编目'),
  (3, 'ART37_VULN_UNFIXED', '37', '严重', '暂停运维资金'),
  (4, 'ART19_ACCEPTANCE_FILING_LATE', '19', '提示', '提醒补充备案')
),
candidates AS (
  SELECT y.project_id, y.year, r.*, row_number() OVER (ORDER BY y.project_id, y.year, r.k) AS n
  FROM int_project_years y JOIN rules r
    ON (abs(hash(y.project_id || y.year::VARCHAR || r.rule_id)) % 7) = 0
)
SELECT 'F' || lpad(c.n::VARCHAR, 5, '0') AS flag_id, c.project_id, p.name AS project_name, p.dept_code, p.dept_name,
       c.year, c.rule_id, c.article, c.severity,
       CASE WHEN c.n = 3 THEN '=1+2 合同金额与核准金额不符'
            ELSE '合同于' || strftime(DATE '2020-01-01' + (c.n * 17 % 1400)::INTEGER, '%Y年%m月%d日') || '签订，金额 '
                 || format('{:,.2f}', (c.n * 104729 % 50000000) / 100.0) || ' 元，逾期 ' || (c.n % 40 + 1) || ' 个工作日' END AS evidence,
       c.consequence,
       'C' || lpad(c.n::VARCHAR, 6, '0') AS record_ref,
       DATE '2022-01-01' + (c.n * 29 % 1400)::INTEGER AS event_date,
       CASE WHEN c.k IN (0, 4) THEN DATE '2022-01-01' + (c.n * 29 % 1400 + 20)::INTEGER END AS due_date,
       (SELECT as_of FROM meta_build) AS as_of
FROM candidates c JOIN dim_project p USING (project_id)
ORDER BY flag_id;

CREATE TABLE mart_fund_status AS
SELECT y.project_id, y.year, p.dept_code,
       CASE WHEN f.rules IS NOT NULL AND list_contains(f.rules, 'ART37_VULN_UNFIXED') THEN 'suspended' ELSE 'eligible' END AS om_status,
       CASE WHEN f.rules IS NOT NULL AND list_contains(f.rules, 'ART22_PAID_WITHOUT_REVIEW') THEN 'blocked' ELSE 'ok' END AS construction_status,
       f.reasons, coalesce(f.rules, []::VARCHAR[]) AS rule_ids, f.since,
       CASE WHEN f.rules IS NOT NULL AND y.year < 2025 THEN f.since + 90 END AS lifted_on,
       ((abs(hash(y.project_id || y.year::VARCHAR)) % 3000000) / 100.0)::DECIMAL(18,2) AS om_at_stake_yuan
FROM int_project_years y
JOIN (SELECT * EXCLUDE (year) FROM dim_project) p USING (project_id)
LEFT JOIN (
  SELECT project_id, year,
         list(rule_id ORDER BY rule_id) FILTER (WHERE rule_id IN ('ART37_VULN_UNFIXED', 'ART22_PAID_WITHOUT_REVIEW')) AS rules,
         string_agg('第' || article || '条：' || consequence, '；' ORDER BY rule_id) FILTER (WHERE rule_id IN ('ART37_VULN_UNFIXED', 'ART22_PAID_WITHOUT_REVIEW')) AS reasons,
         min(event_date) FILTER (WHERE rule_id IN ('ART37_VULN_UNFIXED', 'ART22_PAID_WITHOUT_REVIEW')) AS since
  FROM mart_flags GROUP BY project_id, year
) f USING (project_id, year)
ORDER BY project_id, year;

CREATE TABLE mart_project_year AS
SELECT y.project_id, y.year, p.name, p.dept_code, p.dept_name, p.kind, p.approved_yuan,
       (coalesce(p.approved_yuan, 0) * 0.93)::DECIMAL(18,2) AS contracted_yuan,
       (coalesce(p.approved_yuan, 0) * 0.41)::DECIMAL(18,2) AS paid_construction_yuan,
       ((abs(hash(y.project_id || 'om' || y.year::VARCHAR)) % 80000000) / 100.0)::DECIMAL(18,2) AS paid_om_yuan,
       ((abs(hash(y.project_id || 'cloud' || y.year::VARCHAR)) % 30000000) / 100.0)::DECIMAL(18,2) AS cloud_cost_yuan,
       s.total_score, s.grade, fs.om_status AS om_fund_status, fs.construction_status AS construction_fund_status,
       (SELECT count(*) FROM mart_flags f WHERE f.project_id = y.project_id AND f.year = y.year)::INTEGER AS flag_count
FROM int_project_years y
JOIN (SELECT * EXCLUDE (year) FROM dim_project) p USING (project_id)
LEFT JOIN int_project_score s USING (project_id, year)
LEFT JOIN mart_fund_status fs USING (project_id, year)
ORDER BY project_id, year;

CREATE TABLE mart_department_year AS
SELECT m.dept_code, d.dept_name, m.year, count(*)::BIGINT AS projects, round(avg(m.total_score), 2) AS mean_score,
       sum(m.flag_count)::INTEGER AS flags,
       CASE WHEN sum(m.flag_count) > 8 THEN 'restricted' WHEN sum(m.flag_count) > 5 THEN 'deferred' ELSE 'normal' END AS review_status,
       CASE WHEN sum(m.flag_count) > 5 THEN '问题数 ' || sum(m.flag_count) || ' 个，依第三十四条暂缓受理新项目' END AS review_reasons,
       round(((abs(hash(m.dept_code || m.year::VARCHAR)) % 1500) / 100.0), 2) AS self_score_gap
FROM mart_project_year m JOIN dim_department d USING (dept_code)
GROUP BY m.dept_code, d.dept_name, m.year ORDER BY m.dept_code, m.year;

CREATE TABLE mart_allocation AS
SELECT p.project_id, y.year, c.county_code, c.county_name, p.alloc_class, TRUE AS allocable,
       m.cloud_cost_yuan AS rent_yuan, (1.0 / 6)::DECIMAL(12,10) AS share,
       (m.cloud_cost_yuan / 6)::DECIMAL(18,2) AS amount_yuan, '按上年常住人口' AS basis, NULL::VARCHAR AS note
FROM (SELECT * EXCLUDE (year) FROM dim_project) p JOIN int_project_years y USING (project_id) JOIN mart_project_year m USING (project_id, year), dim_county c
WHERE p.city_wide
ORDER BY project_id, year, county_code;

CREATE TABLE mart_county_year AS
SELECT county_code, county_name, year, sum(amount_yuan)::DECIMAL(18,2) AS owed_yuan,
       (sum(amount_yuan) * CASE WHEN year < 2025 THEN 0.8 ELSE 0.35 END)::DECIMAL(18,2) AS settled_yuan,
       (sum(amount_yuan) - (sum(amount_yuan) * CASE WHEN year < 2025 THEN 0.8 ELSE 0.35 END)::DECIMAL(18,2))::DECIMAL(18,2) AS outstanding_yuan,
       count(DISTINCT project_id)::INTEGER AS projects
FROM mart_allocation GROUP BY county_code, county_name, year ORDER BY year, county_code;

-- 项目生命线 (docs/warehouse.md): project × stage × record_ref, with the project's department and a year per stage
CREATE TABLE mart_project_milestones AS
WITH stages(stage_seq, stage, stage_name, article, event, days) AS (VALUES
  (10, 'application', '申报→审核意见（立项）', '9, 14', '申报', NULL),
  (20, 'contract_filing', '合同签订→备案', '16', '合同签订', 7),
  (30, 'acceptance_filing', '验收→验收备案', '19', '竣工验收', 7),
  (40, 'catalog', '初步验收→目录编制及数据归集', '30', '初步验收', 14),
  (50, 'go_live', '上线运行', '36', '上线', NULL)
),
items AS (
  SELECT p.project_id, p.name AS project_name, p.dept_code, p.dept_name, s.*,
         CASE WHEN s.stage = 'contract_filing' THEN 'C' || substr(p.project_id, 3) ELSE p.project_id END AS record_ref,
         CASE s.stage WHEN 'application' THEN make_date(p.year - 1, 10, 15) WHEN 'contract_filing' THEN p.go_live_on - 120
              WHEN 'acceptance_filing' THEN p.final_accepted_on WHEN 'catalog' THEN p.prelim_accepted_on
              ELSE p.go_live_on END AS event_date,
         p.year AS project_year
  FROM dim_project p, stages s
)
SELECT project_id, project_name, dept_code, dept_name,
       CASE WHEN stage = 'application' THEN project_year ELSE year(event_date) END::INTEGER AS year,
       stage_seq, stage, stage_name, article, record_ref, event, event_date,
       (event_date + days)::DATE AS due_date,
       (event_date + (abs(hash(project_id || stage)) % 20)::INTEGER)::DATE AS done_date,
       CASE WHEN days IS NULL THEN 'done' WHEN abs(hash(project_id || stage)) % 20 <= days THEN 'met' ELSE 'late' END AS status,
       CASE WHEN days IS NOT NULL AND abs(hash(project_id || stage)) % 20 > days THEN (abs(hash(project_id || stage)) % 20 - days)::INTEGER END AS workdays_late,
       CASE WHEN days IS NOT NULL AND abs(hash(project_id || stage)) % 20 > days THEN (abs(hash(project_id || stage)) % 20 - days)::INTEGER END AS days_late,
       event || '于 ' || strftime(event_date, '%Y年%m月%d日') AS note,
       NULL::VARCHAR AS flag_id,
       (SELECT as_of FROM meta_build) AS as_of
FROM items
WHERE event_date IS NOT NULL AND event_date <= (SELECT as_of FROM meta_build)
ORDER BY project_id, stage_seq, record_ref;

-- large enough to span several Arrow record batches and DuckDB chunks
CREATE TABLE mart_cloud_monthly AS
SELECT 'SX' || lpad((i % 60 + 1)::VARCHAR, 4, '0') AS project_id,
       (DATE '2022-01-01' + INTERVAL (i // 60 % 48) MONTH)::DATE AS month,
       (['云服务器', '对象存储', '云数据库', '负载均衡'])[i % 4 + 1] AS service_name,
       -- every 997th line is a credit (negative), as cloud bills have
       (CASE WHEN i % 997 = 0 THEN -1 ELSE 1 END * ((i * 7919) % 10000000 + 1) / 100.0)::DECIMAL(18,2) AS billed_cost_yuan,
       (CASE WHEN i % 997 = 0 THEN -1 ELSE 1 END * ((i * 7919) % 10000000 + 1) / 100.0 * 0.9)::DECIMAL(18,2) AS effective_cost_yuan
FROM range(${CLOUD_ROWS}) t(i);

-- not public: the API must refuse these
CREATE TABLE stg_projects AS SELECT project_id, name FROM dim_project;
CREATE TABLE ref_calendar AS SELECT DATE '2024-01-01' AS day, 2024 AS year, FALSE AS is_workday;
`;

export interface FixtureWarehouse {
  dir: string;
  file: string;
  remove(): Promise<void>;
}

/** Writes the fixture warehouse to a new temp directory. */
export async function createFixtureWarehouse(): Promise<FixtureWarehouse> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-fixture-"));
  const file = path.join(dir, "warehouse.duckdb");
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  try {
    await conn.run(SQL);
    await conn.run("CHECKPOINT");
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return { dir, file, remove: () => rm(dir, { recursive: true, force: true }) };
}
