-- Staging layer: one table per inbox source (../shared/spec/data-contract.md), English snake_case, cast and
-- validated, nothing derived beyond what the contract itself defines. Every table exists in every warehouse, even
-- when its file was absent from the inbox: the marts then read an empty table and the pages say so.
-- Enumerations keep the source systems' Chinese values (they are the domain's words and what users read).
-- Money is DECIMAL(18,2) yuan (万元 columns are multiplied by 10000 on load); cloud costs keep the bill's precision.

-- 项目申报 (Art. 9): the application as filed in the project-management module.
CREATE TABLE stg_projects (
  project_id            VARCHAR PRIMARY KEY,   -- 项目编号
  name                  VARCHAR NOT NULL,      -- 项目名称
  dept_code             VARCHAR NOT NULL,      -- 建设单位代码
  dept_name             VARCHAR NOT NULL,      -- 建设单位
  apply_year            INTEGER NOT NULL,      -- 申报年度: the budget year applied for
  apply_date            DATE NOT NULL,         -- 申报日期
  kind                  VARCHAR NOT NULL,      -- 项目类型: 新建/扩建/升级改造/运行维护
  alloc_class           VARCHAR,               -- 分摊类别: 民生/审批监管/其他
  city_wide             BOOLEAN,               -- 全市性系统
  lead_dept_code        VARCHAR,               -- 牵头单位代码
  content_tags          VARCHAR[],             -- 建设内容标签, split on ；
  legal_basis           VARCHAR,               -- 法规依据 (NULL = none recorded)
  deployment            VARCHAR,               -- 部署方式: 政务云/自建机房/其他
  internet_facing       BOOLEAN,               -- 互联网部署
  mlps_level            INTEGER,               -- 等保级别 1–4
  classified            BOOLEAN,               -- 涉密
  in_annual_plan        BOOLEAN,               -- 列入年度计划
  urgent_basis          VARCHAR,               -- 临时急需依据 (NULL = none recorded)
  requested_yuan        DECIMAL(18,2),         -- 申报金额(万元) × 10000
  it_invest_yuan        DECIMAL(18,2),         -- 信息化投资(万元) × 10000
  non_it_invest_yuan    DECIMAL(18,2),         -- 非信息化投资(万元) × 10000; NULL = not separated
  est_cloud_rent_yuan   DECIMAL(18,2),         -- 预计年云租赁费(万元) × 10000
  has_alloc_plan        BOOLEAN,               -- 分摊方案
  has_form              BOOLEAN,               -- 申报表
  has_construction_plan BOOLEAN,               -- 建设方案
  has_prior_contract    BOOLEAN,               -- 原合同
  has_prior_eval_report BOOLEAN,               -- 前期绩效评估报告
  has_perf_targets      BOOLEAN,               -- 绩效目标
  has_basis_docs        BOOLEAN,               -- 依据材料
  has_data_catalog      BOOLEAN,               -- 信息资源目录
  has_crypto_plan       BOOLEAN,               -- 密码应用方案
  pilot_level           VARCHAR                -- 示范试点: 国家级/省级/市级/无
);

-- 绩效目标 (Art. 9(3)): targets filed with the application.
CREATE TABLE stg_perf_targets (
  project_id     VARCHAR NOT NULL,   -- 项目编号
  year           INTEGER NOT NULL,   -- 年度
  indicator      VARCHAR NOT NULL,   -- 指标名称
  indicator_type VARCHAR,            -- 指标类型: 产出/效益/满意度
  target_value   DOUBLE NOT NULL,    -- 目标值 (not money)
  unit           VARCHAR,            -- 单位
  direction      VARCHAR NOT NULL,   -- 方向, normalised to '>=' or '<='
  PRIMARY KEY (project_id, year, indicator)
);

-- reviews.csv (Art. 12–14): acceptance, expert review, leading-group review.
CREATE TABLE stg_reviews (
  project_id     VARCHAR NOT NULL,   -- 项目编号
  stage          VARCHAR NOT NULL,   -- 审核环节: 受理/专家论证/领导小组审查
  review_date    DATE NOT NULL,      -- 日期
  conclusion     VARCHAR NOT NULL,   -- 结论: 通过/不通过/退回修改
  approved_yuan  DECIMAL(18,2),      -- 核准金额(万元) × 10000 (the 核准价 of Art. 21)
  opinion        VARCHAR,            -- 意见
  tech_reqs_done BOOLEAN,            -- 技术要求已落实
  PRIMARY KEY (project_id, stage, review_date)
);

-- contracts.csv (Art. 16): contract filing.
CREATE TABLE stg_contracts (
  contract_id        VARCHAR PRIMARY KEY,  -- 合同编号
  project_id         VARCHAR NOT NULL,     -- 项目编号
  supplier           VARCHAR,              -- 供应商
  procurement_method VARCHAR,              -- 采购方式
  signed_on          DATE NOT NULL,        -- 签订日期
  amount_yuan        DECIMAL(18,2) NOT NULL, -- 合同金额(元)
  filed_on           DATE                  -- 备案日期; NULL = not filed
);

-- changes.csv (Art. 17): changes and abolitions.
CREATE TABLE stg_changes (
  project_id         VARCHAR NOT NULL,  -- 项目编号
  change_type        VARCHAR NOT NULL,  -- 变更类型: 内容调整/预算增加/废止
  applied_on         DATE NOT NULL,     -- 申请日期
  re_reviewed        BOOLEAN,           -- 重新审核
  approved_on        DATE,              -- 批准日期
  tendered_on        DATE,              -- 招标日期
  explanation_filed  BOOLEAN,           -- 情况说明已备案
  new_amount_yuan    DECIMAL(18,2),     -- 变更后金额(万元) × 10000
  PRIMARY KEY (project_id, applied_on, change_type)
);

-- acceptances.csv (Art. 19): acceptance filing.
CREATE TABLE stg_acceptances (
  project_id         VARCHAR PRIMARY KEY, -- 项目编号
  prelim_accepted_on DATE,                -- 初步验收日期
  final_accepted_on  DATE,                -- 竣工验收日期
  filed_on           DATE,                -- 备案日期; NULL = not filed
  paid_yuan          DECIMAL(18,2)        -- 已付金额(元)
);

-- payments.csv (Art. 21, 22): treasury payments.
CREATE TABLE stg_payments (
  payment_id  VARCHAR PRIMARY KEY,     -- 支付流水号
  project_id  VARCHAR NOT NULL,        -- 项目编号
  paid_on     DATE NOT NULL,           -- 支付日期
  amount_yuan DECIMAL(18,2) NOT NULL,  -- 金额(元)
  fund_type   VARCHAR NOT NULL         -- 资金类型: 建设/运维
);

-- systems.json (Art. 29, 30): public data platform.
CREATE TABLE stg_systems (
  system_id            VARCHAR PRIMARY KEY,
  project_id           VARCHAR NOT NULL,
  name                 VARCHAR,
  registered_on        DATE,
  go_live_on           DATE,
  shutdown_on          DATE,
  backup_on            DATE,
  catalog_compiled_on  DATE,
  data_collected_on    DATE,
  catalog_items        INTEGER,
  shared_interfaces    INTEGER,
  consumed_interfaces  INTEGER,
  update_cycle_days    INTEGER,
  last_refreshed_on    DATE,
  duplicate_collection BOOLEAN
);

-- cloud_resources.csv (Art. 18, 29): government-cloud resource requests.
CREATE TABLE stg_cloud_resources (
  resource_id   VARCHAR PRIMARY KEY,  -- 资源编号 (= FOCUS ResourceId)
  project_id    VARCHAR NOT NULL,     -- 项目编号
  system_id     VARCHAR,              -- 系统编号
  resource_type VARCHAR,              -- 资源类型: 云主机/云数据库/云存储/云安全
  spec          VARCHAR,              -- 规格
  requested_on  DATE NOT NULL,        -- 申请日期
  opened_on     DATE,                 -- 开通日期
  released_on   DATE                  -- 释放日期; NULL = still held
);

-- cloud_billing/* (Art. 23): FOCUS 1.x, one row per resource per day, some 60 M rows a year at province scale.
-- Every row is validated in full (etl/load/cloud-billing.ts), but the warehouse keeps what the rules read, not the
-- bill lines: writing 17 columns of 60 M rows is what a load costs, and no rule reads BillingAccountId or Tags text
-- (the files stay in the inbox, their sha256 in etl_batches). docs/decisions/009-bills-kept-as-read.md.
--   stg_cloud_billing: one row per loaded bill line, the columns the day-exact rules need (Art. 18 charges after a
--     shutdown; the O&M money billed up to the as-of date).
--   stg_cloud_billing_month: the same lines summed per file, project, resource, service and Beijing month: what
--     the cost marts read (≈ 1/30 of the rows).
-- charge_date is the Beijing (Asia/Shanghai) calendar day of ChargePeriodStart (UTC, as FOCUS requires), which
-- fixes the budget year.
CREATE TABLE stg_cloud_billing (
  source_file          VARCHAR NOT NULL,
  project_id           VARCHAR,            -- Tags.project_id
  resource_id          VARCHAR,
  charge_date          DATE NOT NULL,      -- Beijing day of ChargePeriodStart
  billed_cost          DECIMAL(18,6) NOT NULL -- CNY
);

CREATE TABLE stg_cloud_billing_month (
  source_file          VARCHAR NOT NULL,
  project_id           VARCHAR,
  resource_id          VARCHAR,
  service_name         VARCHAR,
  month                DATE NOT NULL,      -- first day of the Beijing month
  charge_rows          BIGINT NOT NULL,    -- bill lines summed here
  billed_cost          DECIMAL(38,6) NOT NULL,
  effective_cost       DECIMAL(38,6),
  cpu_utilization_sum  DECIMAL(38,10),     -- x_CpuUtilization: sum and count of the non-null values, so any
  cpu_utilization_n    BIGINT NOT NULL,    -- longer period's mean is exact (a DOUBLE sum depends on the order
                                           -- DuckDB's threads add in, and a mean on a scoring edge flips with it)
  first_charge_date    DATE NOT NULL,
  last_charge_date     DATE NOT NULL
);

-- operations.csv (Art. 32): monitoring, monthly.
CREATE TABLE stg_operations (
  project_id         VARCHAR NOT NULL,  -- 项目编号
  month              DATE NOT NULL,     -- 月份 YYYY-MM, stored as the month's first day
  availability_pct   DOUBLE,            -- 可用率(%)
  major_incidents    INTEGER,           -- 重大故障次数
  mean_restore_hours DOUBLE,            -- 平均恢复时长(小时)
  active_users       BIGINT,            -- 活跃用户数
  transactions       BIGINT,            -- 业务办件量
  PRIMARY KEY (project_id, month)
);

-- security.csv (Art. 35–37).
CREATE TABLE stg_security (
  record_id    VARCHAR PRIMARY KEY,  -- 记录编号
  project_id   VARCHAR NOT NULL,     -- 项目编号
  record_type  VARCHAR NOT NULL,     -- 类型: 安全评估报告/安全方案/等保测评备案/渗透测试报告/密码应用评估/漏洞/安全事件
  record_date  DATE NOT NULL,        -- 日期
  severity     VARCHAR,              -- 严重程度: 严重/高危/中危/低危
  fix_deadline DATE,                 -- 整改期限
  fixed_on     DATE                  -- 修复日期
);

-- evaluations.csv (Art. 33): self and independent evaluations, 0–100 per dimension.
CREATE TABLE stg_evaluations (
  project_id         VARCHAR NOT NULL,  -- 项目编号
  year               INTEGER NOT NULL,  -- 年度
  evaluator          VARCHAR NOT NULL,  -- 评价主体: 自评/信管办/第三方
  operation          DOUBLE,            -- 项目运行情况
  integration        DOUBLE,            -- 统建融合
  cost_effectiveness DOUBLE,            -- 成本效益
  effectiveness      DOUBLE,            -- 应用实效
  security           DOUBLE,            -- 信息安全
  innovation         DOUBLE,            -- 创新服务
  PRIMARY KEY (project_id, year, evaluator)
);

-- targets_actual.csv (Art. 32).
CREATE TABLE stg_targets_actual (
  project_id   VARCHAR NOT NULL,  -- 项目编号
  year         INTEGER NOT NULL,  -- 年度
  indicator    VARCHAR NOT NULL,  -- 指标名称
  actual_value DOUBLE,            -- 实际值
  PRIMARY KEY (project_id, year, indicator)
);

-- rectifications.csv (Art. 34).
CREATE TABLE stg_rectifications (
  rectification_id VARCHAR PRIMARY KEY, -- 整改编号
  project_id       VARCHAR NOT NULL,    -- 项目编号
  year             INTEGER NOT NULL,    -- 年度 (the evaluation year that opened it)
  reason           VARCHAR,             -- 原因
  ordered_on       DATE NOT NULL,       -- 下达日期
  deadline         DATE NOT NULL,       -- 整改期限
  completed_on     DATE,                -- 完成日期
  recheck_result   VARCHAR              -- 复核结论: 通过/不通过/NULL
);

-- population.csv (Art. 23): statistics bureau resident population, per county and year.
CREATE TABLE stg_population (
  county_code VARCHAR NOT NULL,  -- 区县代码
  county_name VARCHAR NOT NULL,  -- 区县名称
  year        INTEGER NOT NULL,  -- 年度
  population  BIGINT NOT NULL,   -- 常住人口(人)
  PRIMARY KEY (county_code, year)
);

-- calendar.csv: the State Council holiday notice — only the exceptions to Monday–Friday.
CREATE TABLE stg_calendar (
  day      DATE PRIMARY KEY,  -- 日期
  day_type VARCHAR NOT NULL,  -- 类型: 节假日/调休上班
  name     VARCHAR            -- 名称
);
