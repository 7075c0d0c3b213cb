// loadInbox on a complete hand-written inbox (test/fixtures/inbox/basic + a projects.xlsx written with exceljs):
// every source parsed into its staging table, every file in etl_batches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDir, makeInbox, writeText, type Loaded } from "../fixtures/inbox/make-inbox.js";

describe("loadInbox on a complete inbox", () => {
  let l: Loaded;
  beforeAll(async () => {
    const dir = await makeInbox("basic");
    await writeText(dir, "_generator/manifest.json", '{"seed": 1}');
    await writeText(dir, ".DS_Store", "x");
    await writeText(dir, "说明.txt", "不是数据");
    l = await loadDir(dir);
  });
  afterAll(async () => l.close());

  it("records every file of the contract in etl_batches, with sha256 and encoding", async () => {
    const batches = await l.q(
      "SELECT source, file, encoding, rows_read, rows_loaded, rows_rejected, status, length(sha256)::INT AS sha_len FROM etl_batches ORDER BY batch_id",
    );
    expect(batches.map((b) => [b.source, b.file, b.encoding, b.rows_read, b.rows_loaded, b.status, b.sha_len])).toEqual([
      ["projects", "projects.xlsx#项目申报", "xlsx", "3", "3", "loaded", 64],
      ["perf_targets", "projects.xlsx#绩效目标", "xlsx", "3", "3", "loaded", 64],
      ["reviews", "reviews.csv", "utf-8-bom", "4", "4", "loaded", 64],
      ["contracts", "contracts.csv", "gb18030", "3", "3", "loaded", 64],
      ["changes", "changes.csv", "utf-8", "2", "2", "loaded", 64],
      ["acceptances", "acceptances.csv", "utf-8", "1", "1", "loaded", 64],
      ["payments", "payments.csv", "utf-8", "3", "3", "loaded", 64],
      ["systems", "systems.json", "json", "2", "2", "loaded", 64],
      ["cloud_resources", "cloud_resources.csv", "utf-8", "3", "3", "loaded", 64],
      ["operations", "operations.csv", "utf-8", "2", "2", "loaded", 64],
      ["security", "security.csv", "utf-8", "2", "2", "loaded", 64],
      ["evaluations", "evaluations.csv", "utf-8", "2", "2", "loaded", 64],
      ["targets_actual", "targets_actual.csv", "utf-8", "2", "2", "loaded", 64],
      ["rectifications", "rectifications.csv", "utf-8", "1", "1", "loaded", 64],
      ["population", "population.csv", "utf-8", "3", "3", "loaded", 64],
      ["calendar", "calendar.csv", "utf-8", "3", "3", "loaded", 64],
      ["cloud_billing", "cloud_billing/2024-01.csv", "utf-8", "4", "4", "loaded", 64],
    ]);
    expect(await l.rejects()).toEqual([]);
    expect(l.result).toMatchObject({ rowsRead: 43, rowsLoaded: 43, rowsRejected: 0, ignored: ["说明.txt"] });
  });

  it("ignores _ and . paths silently and warns about unknown files", () => {
    expect(l.infos.filter((m) => m.includes("忽略"))).toEqual(["收件箱中有数据约定之外的文件，已忽略：说明.txt"]);
    expect(l.files.map((f) => f.file)).not.toContain("_generator/manifest.json");
    expect(l.files).toHaveLength(17);
  });

  it("reads 项目申报 from text, date, formula and rich-text cells; 万元 × 10000 exactly; tags split on ；and ;", async () => {
    const rows = await l.q(
      `SELECT project_id, name, apply_year, apply_date::VARCHAR AS apply_date, kind, city_wide, content_tags, mlps_level,
              requested_yuan::VARCHAR AS req, it_invest_yuan::VARCHAR AS it, non_it_invest_yuan::VARCHAR AS non_it,
              est_cloud_rent_yuan::VARCHAR AS rent, urgent_basis, has_prior_contract, pilot_level
       FROM stg_projects ORDER BY project_id`,
    );
    expect(rows).toEqual([
      {
        project_id: "P2023-010", name: "综合执法系统", apply_year: 2023, apply_date: "2023-04-01", kind: "新建",
        city_wide: true, content_tags: null, mlps_level: 3, req: "3000000.00", it: "3000000.00", non_it: "0.00",
        rent: "200000.00", urgent_basis: null, has_prior_contract: false, pilot_level: "无",
      },
      {
        project_id: "P2024-001", name: "市民卡服务平台升级", apply_year: 2024, apply_date: "2024-03-15", kind: "升级改造",
        city_wide: true, content_tags: ["机房", "视频会议", "非信息化内容"], mlps_level: 3, req: "1205000.00",
        it: "1000000.00", non_it: "205000.00", rent: "123456.00", urgent_basis: null, has_prior_contract: false,
        pilot_level: "省级",
      },
      {
        project_id: "P2024-002", name: "智慧停车二期", apply_year: 2024, apply_date: "2024-03-20", kind: "扩建",
        city_wide: false, content_tags: ["视频会议", "停车诱导屏"], mlps_level: 2, req: "500000.00", it: "450000.00",
        non_it: null, rent: "20000.00", urgent_basis: "上级督办", has_prior_contract: true, pilot_level: "无",
      },
    ]);
  });

  it("normalises 方向 ≥/≤ to >=/<=", async () => {
    const rows = await l.q("SELECT project_id, direction, target_value FROM stg_perf_targets ORDER BY project_id");
    expect(rows).toEqual([
      { project_id: "P2023-010", direction: "<=", target_value: 2 },
      { project_id: "P2024-001", direction: ">=", target_value: 99.9 },
      { project_id: "P2024-002", direction: ">=", target_value: 90 },
    ]);
  });

  it("parses a UTF-8-BOM CSV with a quoted newline, \"\" escapes, YYYY/M/D and 1,150.00 万元", async () => {
    const rows = await l.q(
      "SELECT stage, review_date::VARCHAR AS d, conclusion, approved_yuan::VARCHAR AS yuan, opinion, tech_reqs_done FROM stg_reviews ORDER BY project_id, review_date",
    );
    expect(rows).toEqual([
      { stage: "受理", d: "2024-04-01", conclusion: "通过", yuan: null, opinion: null, tech_reqs_done: null },
      {
        stage: "专家论证", d: "2024-05-06", conclusion: "通过", yuan: "11500000.00",
        opinion: "同意立项，\n建议压缩非信息化内容", tech_reqs_done: true,
      },
      { stage: "领导小组审查", d: "2024-06-10", conclusion: "通过", yuan: "11500000.00", opinion: '核准 "1150" 万元', tech_reqs_done: true },
      { stage: "受理", d: "2024-04-02", conclusion: "退回修改", yuan: null, opinion: "材料不全", tech_reqs_done: false },
    ]);
  });

  it("decodes a GBK contracts.csv; 元 amounts with thousands separators stay exact", async () => {
    const rows = await l.q(
      "SELECT contract_id, supplier, signed_on::VARCHAR AS signed, amount_yuan::VARCHAR AS yuan, filed_on::VARCHAR AS filed FROM stg_contracts ORDER BY contract_id",
    );
    expect(rows).toEqual([
      { contract_id: "HT-2023-005", supplier: "杭州云端软件有限公司", signed: "2023-09-15", yuan: "500000.50", filed: "2023-10-30" },
      { contract_id: "HT-2024-001", supplier: "绍兴某某信息技术有限公司", signed: "2024-07-01", yuan: "1234567.89", filed: "2024-07-20" },
      { contract_id: "HT-2024-002", supplier: "浙江数智科技股份有限公司", signed: "2024-08-03", yuan: "98000.00", filed: null },
    ]);
  });

  it("parses changes, acceptances (CRLF) and payments", async () => {
    expect(
      await l.q("SELECT project_id, change_type, applied_on::VARCHAR AS d, re_reviewed, new_amount_yuan::VARCHAR AS yuan FROM stg_changes ORDER BY project_id"),
    ).toEqual([
      { project_id: "P2023-010", change_type: "废止", d: "2024-02-01", re_reviewed: false, yuan: null },
      { project_id: "P2024-001", change_type: "预算增加", d: "2024-09-01", re_reviewed: true, yuan: "13000000.00" },
    ]);
    expect(
      await l.q("SELECT project_id, final_accepted_on::VARCHAR AS d, paid_yuan::VARCHAR AS paid FROM stg_acceptances"),
    ).toEqual([{ project_id: "P2023-010", d: "2024-03-01", paid: "450000.00" }]);
    expect(
      await l.q("SELECT payment_id, amount_yuan::VARCHAR AS yuan, fund_type FROM stg_payments ORDER BY payment_id"),
    ).toEqual([
      { payment_id: "ZF-0001", yuan: "370370.37", fund_type: "建设" },
      { payment_id: "ZF-0002", yuan: "864197.52", fund_type: "建设" },
      { payment_id: "ZF-0003", yuan: "450000.00", fund_type: "运维" },
    ]);
  });

  it("reads systems.json members by name, in any order, absent members NULL", async () => {
    expect(
      await l.q(
        "SELECT system_id, project_id, go_live_on::VARCHAR AS live, shutdown_on, catalog_items, update_cycle_days, duplicate_collection FROM stg_systems ORDER BY system_id",
      ),
    ).toEqual([
      { system_id: "SYS-001", project_id: "P2024-001", live: "2024-11-01", shutdown_on: null, catalog_items: 42, update_cycle_days: 30, duplicate_collection: false },
      { system_id: "SYS-002", project_id: "P2023-010", live: "2023-12-01", shutdown_on: null, catalog_items: 7, update_cycle_days: null, duplicate_collection: true },
    ]);
  });

  it("parses the remaining CSV sources: 月份 → first day, counts with separators, scores, calendar", async () => {
    expect(
      await l.q("SELECT month::VARCHAR AS m, availability_pct, mean_restore_hours, transactions FROM stg_operations ORDER BY month"),
    ).toEqual([
      { m: "2024-11-01", availability_pct: 99.95, mean_restore_hours: null, transactions: "35000" },
      { m: "2024-12-01", availability_pct: 99.5, mean_restore_hours: 3.5, transactions: "41000" },
    ]);
    expect(await l.q("SELECT resource_id, resource_type, released_on::VARCHAR AS r FROM stg_cloud_resources ORDER BY 1")).toEqual([
      { resource_id: "res-ecs-001", resource_type: "云主机", r: null },
      { resource_id: "res-ecs-900", resource_type: "云主机", r: "2024-02-15" },
      { resource_id: "res-rds-001", resource_type: "云数据库", r: null },
    ]);
    expect(await l.q("SELECT record_id, record_type, severity FROM stg_security ORDER BY 1")).toEqual([
      { record_id: "SEC-001", record_type: "等保测评备案", severity: null },
      { record_id: "SEC-002", record_type: "漏洞", severity: "高危" },
    ]);
    expect(await l.q("SELECT evaluator, operation, innovation FROM stg_evaluations ORDER BY evaluator")).toEqual([
      { evaluator: "第三方", operation: 85, innovation: 70 },
      { evaluator: "自评", operation: 95, innovation: 80 },
    ]);
    expect(await l.q("SELECT indicator, actual_value FROM stg_targets_actual ORDER BY 1")).toEqual([
      { indicator: "平均响应时长", actual_value: 1.6 },
      { indicator: "系统可用率", actual_value: 99.95 },
    ]);
    expect(await l.q("SELECT rectification_id, deadline::VARCHAR AS d, recheck_result FROM stg_rectifications")).toEqual([
      { rectification_id: "ZG-2024-01", d: "2025-06-01", recheck_result: null },
    ]);
    expect(await l.q("SELECT county_code, population FROM stg_population ORDER BY 1")).toEqual([
      { county_code: "330602", population: "1003000" },
      { county_code: "330603", population: "1103000" },
      { county_code: "330604", population: "830000" },
    ]);
    expect(await l.q("SELECT day::VARCHAR AS d, day_type, name FROM stg_calendar ORDER BY 1")).toEqual([
      { d: "2024-01-01", day_type: "节假日", name: "元旦" },
      { d: "2024-02-04", day_type: "调休上班", name: "春节" },
      { d: "2024-02-10", day_type: "节假日", name: "春节" },
    ]);
  });

  it("loads the FOCUS bill: Beijing charge_date, project from Tags, CPU, negative credits kept", async () => {
    // Each line once, on its Beijing day (2023-12-31T16:00Z is 2024-01-01 in Beijing), the credit negative.
    expect(
      await l.q(
        `SELECT charge_date::VARCHAR AS day, resource_id, billed_cost::VARCHAR AS cost, project_id, source_file
         FROM stg_cloud_billing ORDER BY charge_date, resource_id, billed_cost`,
      ),
    ).toEqual([
      { day: "2024-01-01", resource_id: "res-ecs-001", cost: "120.123456", project_id: "P2024-001", source_file: "cloud_billing/2024-01.csv" },
      { day: "2024-01-02", resource_id: "res-ecs-001", cost: "120.123456", project_id: "P2024-001", source_file: "cloud_billing/2024-01.csv" },
      { day: "2024-01-02", resource_id: "res-rds-001", cost: "-15.500000", project_id: "P2024-001", source_file: "cloud_billing/2024-01.csv" },
      { day: "2024-01-02", resource_id: "res-rds-001", cost: "80.000000", project_id: "P2024-001", source_file: "cloud_billing/2024-01.csv" },
    ]);
    // Summed per resource and month: the CPU mean's parts count only the lines that report it.
    expect(
      await l.q(
        `SELECT resource_id, service_name, month::VARCHAR AS month, charge_rows::INT AS n, billed_cost::VARCHAR AS cost,
                effective_cost::VARCHAR AS effective, cpu_utilization_sum::DOUBLE AS cpu_sum, cpu_utilization_n::INT AS cpu_n,
                first_charge_date::VARCHAR AS first, last_charge_date::VARCHAR AS last
         FROM stg_cloud_billing_month ORDER BY resource_id`,
      ),
    ).toEqual([
      { resource_id: "res-ecs-001", service_name: "云服务器 ECS", month: "2024-01-01", n: 2, cost: "240.246912",
        effective: "221.000000", cpu_sum: 0.77, cpu_n: 2, first: "2024-01-01", last: "2024-01-02" },
      { resource_id: "res-rds-001", service_name: "云数据库 RDS", month: "2024-01-01", n: 2, cost: "64.500000",
        effective: "64.500000", cpu_sum: null, cpu_n: 0, first: "2024-01-02", last: "2024-01-02" },
    ]);
  });

  it("reports every file through the reporter with rows read = loaded + rejected", () => {
    for (const f of l.files) expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsRejected);
    expect(l.files.find((f) => f.file === "contracts.csv")).toMatchObject({ source: "contracts", rowsRead: 3, rowsLoaded: 3 });
  });
});

describe("loadInbox on an inbox with files absent", () => {
  it("records absent files as missing with 0 rows and leaves their tables empty", async () => {
    const dir = await makeInbox(null, { workbook: false });
    await writeText(dir, "calendar.csv", "日期,类型,名称\n2024-01-01,节假日,元旦\n");
    const l = await loadDir(dir);
    try {
      const batches = await l.q("SELECT source, file, status, rows_read, sha256 FROM etl_batches ORDER BY batch_id");
      expect(batches).toHaveLength(17);
      expect(batches.filter((b) => b.status === "missing").map((b) => b.file)).toEqual([
        "projects.xlsx#项目申报", "projects.xlsx#绩效目标", "reviews.csv", "contracts.csv", "changes.csv",
        "acceptances.csv", "payments.csv", "systems.json", "cloud_resources.csv", "operations.csv", "security.csv",
        "evaluations.csv", "targets_actual.csv", "rectifications.csv", "population.csv", "cloud_billing/",
      ]);
      expect(batches.find((b) => b.source === "calendar")).toMatchObject({ status: "loaded", rows_read: "1" });
      expect(batches.find((b) => b.source === "contracts")).toMatchObject({ rows_read: "0", sha256: null });
      expect(await l.q("SELECT count(*)::INT AS n FROM stg_projects")).toEqual([{ n: 0 }]);
      expect(l.infos).toContain("缺少文件：contracts.csv（stg_contracts 将为空）");
    } finally {
      await l.close();
    }
  });
});
