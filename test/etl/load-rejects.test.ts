// Bad input, kind by kind: either the row is rejected with the precise reason, row, column and value while the good
// rows still load (rows read = loaded + rejected), or the file cannot be read at all and loadInbox throws an
// InboxError naming the file and what is wrong.
import { rm } from "node:fs/promises";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { InboxError } from "../../etl/load/inbox.js";
import {
  billLine,
  defaultProjectRows,
  FOCUS_HEADER,
  loadDir,
  makeInbox,
  writeParquetBill,
  writeText,
  type Loaded,
  type WorkbookOptions,
} from "../fixtures/inbox/make-inbox.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** An inbox of projects.xlsx (3 projects) plus the given files. */
async function inboxWith(files: Record<string, string | Uint8Array>, workbook: WorkbookOptions = {}): Promise<string> {
  const dir = await makeInbox(null, { workbook });
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) await writeText(dir, file, text);
  return dir;
}

async function loadWith(files: Record<string, string | Uint8Array>, workbook: WorkbookOptions = {}): Promise<Loaded> {
  return loadDir(await inboxWith(files, workbook));
}

async function expectUnreadable(files: Record<string, string | Uint8Array>, message: string, workbook: WorkbookOptions = {}): Promise<void> {
  const dir = await inboxWith(files, workbook);
  const attempt = loadDir(dir);
  await expect(attempt).rejects.toBeInstanceOf(InboxError);
  await expect(attempt).rejects.toThrow(message);
}

async function expectCounts(l: Loaded, file: string, read: number, loaded: number, rejected: number): Promise<void> {
  const b = await l.batch(file);
  expect([Number(b.rows_read), Number(b.rows_loaded), Number(b.rows_rejected)]).toEqual([read, loaded, rejected]);
  expect(b.status).toBe(rejected > 0 ? "loaded_with_rejects" : "loaded");
}

const PAYMENTS_HEADER = "支付流水号,项目编号,支付日期,金额(元),资金类型";
const CONTRACTS_HEADER = "合同编号,项目编号,供应商,采购方式,签订日期,合同金额(元),备案日期";

function reject(file: string, source: string, row: number, column: string | null, value: string | null, reason: string) {
  return { file, source, row_number: String(row), column_name: column, value, reason };
}

describe("files that cannot be read at all → InboxError", () => {
  it("wrong encoding: UTF-16", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${CONTRACTS_HEADER}\n`, "utf16le")]);
    await expectUnreadable({ "contracts.csv": utf16 }, "contracts.csv：文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 编码的 CSV");
  });

  it("wrong encoding: bytes that are neither UTF-8 nor GB18030", async () => {
    const bytes = Buffer.concat([Buffer.from(`${PAYMENTS_HEADER}\nZF-1,P2024-001,2024-01-01,1,`), Buffer.from([0xff, 0xff, 0x80]), Buffer.from("\n")]);
    await expectUnreadable({ "payments.csv": bytes }, "payments.csv：无法识别的编码：既不是 UTF-8，也不是 GBK/GB18030");
  });

  it("missing required column", async () => {
    await expectUnreadable(
      { "contracts.csv": "合同编号,项目编号,供应商,采购方式,合同金额(元),备案日期\nHT-1,P2024-001,甲,公开招标,100,\n" },
      "contracts.csv：缺少列：签订日期",
    );
  });

  it("duplicated column", async () => {
    await expectUnreadable(
      { "payments.csv": `${PAYMENTS_HEADER},金额(元)\nZF-1,P2024-001,2024-01-01,1,建设,2\n` },
      "payments.csv：表头重复：“金额(元)”出现不止一次",
    );
  });

  it("an amount header without its unit", async () => {
    await expectUnreadable(
      { "payments.csv": "支付流水号,项目编号,支付日期,金额,资金类型\nZF-1,P2024-001,2024-01-01,1,建设\n" },
      "payments.csv：列“金额”没有注明单位，应为 金额(元) 或 金额(万元)",
    );
  });

  it("empty file", async () => {
    await expectUnreadable({ "payments.csv": "" }, "payments.csv：文件为空（没有表头）");
  });

  it("JSON object instead of array", async () => {
    await expectUnreadable(
      { "systems.json": '{"system_id": "SYS-1", "project_id": "P2024-001"}' },
      "systems.json：应为 JSON 数组（[ {...}, … ]），实际是对象",
    );
  });

  it("JSON that does not parse", async () => {
    await expectUnreadable({ "systems.json": '[{"system_id": "SYS-1",' }, "systems.json：不是合法的 JSON");
  });

  it("XLSX with the sheet renamed", async () => {
    await expectUnreadable({}, "projects.xlsx：缺少工作表“绩效目标”（文件中的工作表：项目申报、目标）", {
      sheetNames: ["项目申报", "目标"],
    });
  });

  it("XLSX sheet missing a required column", async () => {
    await expectUnreadable({}, "projects.xlsx#绩效目标：缺少列：方向", {
      targetHeaders: ["项目编号", "年度", "指标名称", "指标类型", "目标值", "单位"],
    });
  });

  it("a Parquet bill that is not Parquet", async () => {
    await expectUnreadable({ "cloud_billing/2024-03.parquet": "PAR1 not really" }, "cloud_billing/2024-03.parquet：不是可读取的 Parquet 文件");
  });

  it("a file that is not an XLSX at all", async () => {
    const dir = await makeInbox(null, { workbook: false });
    dirs.push(dir);
    await writeText(dir, "projects.xlsx", "项目编号\nP1\n");
    await expect(loadDir(dir)).rejects.toThrow(/^projects\.xlsx：不是可读取的 XLSX 文件/);
  });

  it("an amount in both units (金额(元) and 金额(万元)): ambiguous, never one picked silently", async () => {
    await expectUnreadable(
      { "payments.csv": "支付流水号,项目编号,支付日期,金额(元),金额（万元）,资金类型\nZF-1,P2024-001,2024-01-01,500000,5,建设\n" },
      "payments.csv：列“金额(元)”和“金额（万元）”同时出现，无法确定以哪一列为准：请只保留一种单位的金额列",
    );
  });

  it("a Parquet bill whose BilledCost is BOOLEAN (DuckDB would cast true to 1)", async () => {
    const dir = await inboxWith({});
    await writeParquetBill(
      dir,
      "cloud_billing/2024-02.parquet",
      `SELECT 'GOV-SX' AS BillingAccountId, TIMESTAMP '2024-02-01 00:00:00' AS BillingPeriodStart,
              TIMESTAMP '2024-03-01 00:00:00' AS BillingPeriodEnd, TIMESTAMP '2024-02-01 16:00:00' AS ChargePeriodStart,
              TIMESTAMP '2024-02-02 16:00:00' AS ChargePeriodEnd, 'Usage' AS ChargeCategory, true AS BilledCost,
              1.5::DECIMAL(18,6) AS EffectiveCost, 'CNY' AS BillingCurrency, 'res-p' AS ResourceId, 'ecs' AS ResourceType,
              'Compute' AS ServiceCategory, 'ECS' AS ServiceName, 24.0 AS ConsumedQuantity, 'Hours' AS ConsumedUnit,
              '{"project_id":"P2024-002"}' AS Tags`,
    );
    const attempt = loadDir(dir);
    await expect(attempt).rejects.toBeInstanceOf(InboxError);
    await expect(attempt).rejects.toThrow("cloud_billing/2024-02.parquet：列 BilledCost 的类型是 BOOLEAN，无法作为金额");
  });
});

describe("layouts that load fine", () => {
  it("headers in a different order, padded, with full-width brackets", async () => {
    const l = await loadWith({ "payments.csv": " 资金类型 ,金额（元）,支付日期,项目编号,支付流水号\n运维,100.5,2024-01-02,P2024-001,ZF-1\n" });
    try {
      expect(await l.q("SELECT payment_id, amount_yuan::VARCHAR AS y, fund_type FROM stg_payments")).toEqual([
        { payment_id: "ZF-1", y: "100.50", fund_type: "运维" },
      ]);
      await expectCounts(l, "payments.csv", 1, 1, 0);
    } finally {
      await l.close();
    }
  });

  it("an extra column is ignored", async () => {
    const l = await loadWith({ "payments.csv": `${PAYMENTS_HEADER},备注\nZF-1,P2024-001,2024-01-02,100,建设,首付款\n` });
    try {
      expect(await l.q("SELECT payment_id FROM stg_payments")).toEqual([{ payment_id: "ZF-1" }]);
      await expectCounts(l, "payments.csv", 1, 1, 0);
    } finally {
      await l.close();
    }
  });

  it("header only: 0 rows, loaded", async () => {
    const l = await loadWith({ "payments.csv": `${PAYMENTS_HEADER}\r\n` });
    try {
      await expectCounts(l, "payments.csv", 0, 0, 0);
    } finally {
      await l.close();
    }
  });

  it("an amount header in 万元 where the contract says 元 is converted by the header's unit", async () => {
    const l = await loadWith({ "payments.csv": "支付流水号,项目编号,支付日期,金额(万元),资金类型\nZF-1,P2024-001,2024-01-02,1.2345,建设\n" });
    try {
      expect(await l.q("SELECT amount_yuan::VARCHAR AS y FROM stg_payments")).toEqual([{ y: "12345.00" }]);
    } finally {
      await l.close();
    }
  });

  it("XLSX formula cells load their cached result", async () => {
    const l = await loadWith({});
    try {
      // P2024-002's 申报金额 is =S4*2 cached as 50 (万元)
      expect(await l.q("SELECT requested_yuan::VARCHAR AS y FROM stg_projects WHERE project_id = 'P2024-002'")).toEqual([
        { y: "500000.00" },
      ]);
    } finally {
      await l.close();
    }
  });
});

describe("rows rejected with their reason, the good rows loaded", () => {
  it("truncated last line (too few fields) and a ragged row with too many", async () => {
    const l = await loadWith({
      "payments.csv": `${PAYMENTS_HEADER}\nZF-1,P2024-001,2024-01-02,100,建设\nZF-2,P2024-001,2024-01-03,5,运维,多余\nZF-3,P2024-001,2024-0`,
    });
    try {
      expect(await l.rejects("payments.csv")).toEqual([
        reject("payments.csv", "payments", 2, null, "ZF-2,P2024-001,2024-01-03,5,运维,多余", "列数多于表头：该行有 6 列，表头只有 5 列"),
        reject("payments.csv", "payments", 3, null, "ZF-3,P2024-001,2024-0", "列数不足：该行只有 3 列，表头有 5 列（行被截断？）"),
      ]);
      await expectCounts(l, "payments.csv", 3, 1, 2);
    } finally {
      await l.close();
    }
  });

  it("truncated inside a quoted field", async () => {
    const l = await loadWith({
      "contracts.csv": `${CONTRACTS_HEADER}\nHT-1,P2024-001,甲,公开招标,2024-01-01,100,\nHT-2,P2024-001,"乙公司`,
    });
    try {
      expect(await l.rejects("contracts.csv")).toEqual([
        reject("contracts.csv", "contracts", 2, null, "HT-2,P2024-001,乙公司", "引号没有闭合：该行在文件末尾被截断"),
      ]);
      await expectCounts(l, "contracts.csv", 2, 1, 1);
    } finally {
      await l.close();
    }
  });

  it("quoted newline: the field keeps it and later rows keep their row numbers", async () => {
    const l = await loadWith({
      "contracts.csv": `${CONTRACTS_HEADER}\r\nHT-1,P2024-001,"甲公司\r\n（联合体）",公开招标,2024-01-01,100,\r\nHT-2,P2024-001,乙,公开招标,2024-02-30,100,\r\n`,
    });
    try {
      expect(await l.q("SELECT supplier FROM stg_contracts")).toEqual([{ supplier: "甲公司\r\n（联合体）" }]);
      expect(await l.rejects("contracts.csv")).toEqual([
        reject("contracts.csv", "contracts", 2, "签订日期", "2024-02-30", "日期不存在：2024-02-30"),
      ]);
      await expectCounts(l, "contracts.csv", 2, 1, 1);
    } finally {
      await l.close();
    }
  });

  it("impossible dates 2024-02-30 and 2024/13/1, an Excel serial, a bad format", async () => {
    const l = await loadWith({
      "payments.csv": [
        PAYMENTS_HEADER,
        "ZF-1,P2024-001,2024-02-30,1,建设",
        "ZF-2,P2024-001,2024/13/1,1,建设",
        "ZF-3,P2024-001,45321,1,建设",
        "ZF-4,P2024-001,2024年1月5日,1,建设",
        "ZF-5,P2024-001,2024/2/29,1,建设",
        "ZF-6,P2024-001,0000-01-01,1,建设",
        "ZF-7,P2024-001,2101/1/1,1,建设",
      ].join("\n"),
    });
    try {
      expect(await l.rejects("payments.csv")).toEqual([
        reject("payments.csv", "payments", 1, "支付日期", "2024-02-30", "日期不存在：2024-02-30"),
        reject("payments.csv", "payments", 2, "支付日期", "2024/13/1", "日期不存在：2024/13/1"),
        reject("payments.csv", "payments", 3, "支付日期", "45321", "日期是 Excel 序列号，不是日期：45321（应为 YYYY-MM-DD 或 YYYY/M/D）"),
        reject("payments.csv", "payments", 4, "支付日期", "2024年1月5日", "日期格式无效：2024年1月5日（应为 YYYY-MM-DD 或 YYYY/M/D）"),
        reject("payments.csv", "payments", 6, "支付日期", "0000-01-01", "日期超出范围（1900–2100 年）：0000-01-01"),
        reject("payments.csv", "payments", 7, "支付日期", "2101/1/1", "日期超出范围（1900–2100 年）：2101/1/1"),
      ]);
      expect(await l.q("SELECT payment_id, paid_on::VARCHAR AS d FROM stg_payments")).toEqual([{ payment_id: "ZF-5", d: "2024-02-29" }]);
      await expectCounts(l, "payments.csv", 7, 1, 6);
    } finally {
      await l.close();
    }
  });

  it("negative and non-numeric amounts; thousands separators accepted", async () => {
    const l = await loadWith({
      "payments.csv": [PAYMENTS_HEADER, "ZF-1,P2024-001,2024-01-01,-100,建设", "ZF-2,P2024-001,2024-01-01,十万,建设", 'ZF-3,P2024-001,2024-01-01,"1,234.50",建设', "ZF-4,P2024-001,2024-01-01,1.2.3,建设"].join("\n"),
    });
    try {
      expect(await l.rejects("payments.csv")).toEqual([
        reject("payments.csv", "payments", 1, "金额(元)", "-100", "金额不能为负数：-100"),
        reject("payments.csv", "payments", 2, "金额(元)", "十万", "金额不是数字：十万"),
        reject("payments.csv", "payments", 4, "金额(元)", "1.2.3", "金额不是数字：1.2.3"),
      ]);
      expect(await l.q("SELECT amount_yuan::VARCHAR AS y FROM stg_payments")).toEqual([{ y: "1234.50" }]);
      await expectCounts(l, "payments.csv", 4, 1, 3);
    } finally {
      await l.close();
    }
  });

  it("enumerations, 是/否, blank required cells, ranges, months", async () => {
    const l = await loadWith({
      "payments.csv": [PAYMENTS_HEADER, "ZF-1,P2024-001,2024-01-01,1,基建", ",P2024-001,2024-01-01,1,建设"].join("\n"),
      "changes.csv": ["项目编号,变更类型,申请日期,重新审核,批准日期,招标日期,情况说明已备案,变更后金额(万元)", "P2024-001,内容调整,2024-03-01,Y,,,是,"].join("\n"),
      "operations.csv": ["项目编号,月份,可用率(%),重大故障次数,平均恢复时长(小时),活跃用户数,业务办件量", "P2024-001,2024-13,99,0,1,1,1", "P2024-001,2024-02,101,0,1,1,1", "P2024-001,2024/3,98,-1,1,1,1"].join("\n"),
    });
    try {
      expect(await l.rejects("payments.csv")).toEqual([
        reject("payments.csv", "payments", 1, "资金类型", "基建", "不是允许的值（建设/运维）：基建"),
        reject("payments.csv", "payments", 2, "支付流水号", null, "必填项为空"),
      ]);
      expect(await l.rejects("changes.csv")).toEqual([reject("changes.csv", "changes", 1, "重新审核", "Y", "应为“是”或“否”：Y")]);
      expect(await l.rejects("operations.csv")).toEqual([
        reject("operations.csv", "operations", 1, "月份", "2024-13", "月份不存在：2024-13"),
        reject("operations.csv", "operations", 2, "可用率(%)", "101", "数值超出范围（0–100）：101"),
        reject("operations.csv", "operations", 3, "重大故障次数", "-1", "数值超出范围（≥ 0）：-1"),
      ]);
      await expectCounts(l, "operations.csv", 3, 0, 3);
    } finally {
      await l.close();
    }
  });

  it("a row with several bad cells is rejected once, with one reason per cell", async () => {
    const l = await loadWith({ "payments.csv": [PAYMENTS_HEADER, "ZF-1,P2024-001,2024-02-30,-5,其他", "ZF-2,P2024-001,2024-01-01,5,建设"].join("\n") });
    try {
      expect(await l.rejects("payments.csv")).toEqual([
        reject("payments.csv", "payments", 1, "支付日期", "2024-02-30", "日期不存在：2024-02-30"),
        reject("payments.csv", "payments", 1, "资金类型", "其他", "不是允许的值（建设/运维）：其他"),
        reject("payments.csv", "payments", 1, "金额(元)", "-5", "金额不能为负数：-5"),
      ]);
      await expectCounts(l, "payments.csv", 2, 1, 1);
    } finally {
      await l.close();
    }
  });

  it("duplicate natural key in one file: the first row wins", async () => {
    const l = await loadWith({
      "payments.csv": [PAYMENTS_HEADER, "ZF-1,P2024-001,2024-01-01,1,建设", "ZF-2,P2024-001,2024-01-01,2,建设", "ZF-1,P2024-001,2024-01-09,3,运维"].join("\n"),
      "reviews.csv": ["项目编号,审核环节,日期,结论,核准金额(万元),意见,技术要求已落实", "P2024-001,受理,2024-04-01,通过,,,", "P2024-001,受理,2024/4/1,不通过,,,"].join("\n"),
    });
    try {
      expect(await l.rejects("payments.csv")).toEqual([
        reject("payments.csv", "payments", 3, null, "ZF-1", "自然键重复：支付流水号 = ZF-1，与第 1 行重复"),
      ]);
      expect(await l.q("SELECT payment_id, amount_yuan::INT AS y FROM stg_payments ORDER BY 1")).toEqual([
        { payment_id: "ZF-1", y: 1 },
        { payment_id: "ZF-2", y: 2 },
      ]);
      expect(await l.rejects("reviews.csv")).toEqual([
        reject("reviews.csv", "reviews", 2, null, "P2024-001/受理/2024-04-01", "自然键重复：项目编号+审核环节+日期 = P2024-001/受理/2024-04-01，与第 1 行重复"),
      ]);
      await expectCounts(l, "payments.csv", 3, 2, 1);
    } finally {
      await l.close();
    }
  });

  it("unknown project reference", async () => {
    const l = await loadWith({
      "contracts.csv": [CONTRACTS_HEADER, "HT-1,P2024-001,甲,公开招标,2024-01-01,100,", "HT-2,P2024-999,乙,公开招标,2024-01-01,100,"].join("\n"),
      "systems.json": JSON.stringify([{ system_id: "S1", project_id: "P2024-999" }, { system_id: "S2", project_id: "P2023-010" }]),
    });
    try {
      expect(await l.rejects("contracts.csv")).toEqual([
        reject("contracts.csv", "contracts", 2, "项目编号", "P2024-999", "项目编号 P2024-999 不存在于项目申报"),
      ]);
      expect(await l.rejects("systems.json")).toEqual([
        reject("systems.json", "systems", 1, "project_id", "P2024-999", "项目编号 P2024-999 不存在于项目申报"),
      ]);
      await expectCounts(l, "contracts.csv", 2, 1, 1);
      await expectCounts(l, "systems.json", 2, 1, 1);
    } finally {
      await l.close();
    }
  });

  it("JSON elements that are not objects, members of the wrong shape", async () => {
    const l = await loadWith({
      "systems.json": JSON.stringify([{ system_id: "S1", project_id: "P2024-001", catalog_items: "many" }, "S2", { system_id: "S3", project_id: "P2024-001", name: { zh: "x" } }, { system_id: "S4", project_id: "P2024-001", duplicate_collection: "maybe" }]),
    });
    try {
      expect(await l.rejects("systems.json")).toEqual([
        reject("systems.json", "systems", 1, "catalog_items", "many", "不是整数：many"),
        reject("systems.json", "systems", 2, null, '"S2"', "数组元素应为对象，实际是string"),
        reject("systems.json", "systems", 3, "name", '{"zh":"x"}', "值应为文本、数字或布尔值，实际是对象"),
        reject("systems.json", "systems", 4, "duplicate_collection", "maybe", "应为 true 或 false：maybe"),
      ]);
      await expectCounts(l, "systems.json", 4, 0, 4);
    } finally {
      await l.close();
    }
  });

  it("JSON numbers a float cannot hold are reported as written, not as Infinity or a rounded integer", async () => {
    const l = await loadWith({
      "systems.json": `[{"system_id": "S1", "project_id": "P2024-001", "catalog_items": 1e400},
        {"system_id": "S2", "project_id": "P2024-001", "catalog_items": 9007199254740993},
        {"system_id": "S3", "project_id": "P2024-001", "catalog_items": 12, "name": -1e400}]`,
    });
    try {
      expect(await l.rejects("systems.json")).toEqual([
        reject("systems.json", "systems", 1, "catalog_items", "1e400", "不是整数：1e400"),
        reject("systems.json", "systems", 2, "catalog_items", "9007199254740993", "不是整数：9007199254740993"),
      ]);
      // A text member keeps the number's own text.
      expect(await l.q("SELECT system_id, catalog_items::VARCHAR AS n, name FROM stg_systems ORDER BY 1")).toEqual([
        { system_id: "S3", n: "12", name: "-1e400" },
      ]);
    } finally {
      await l.close();
    }
  });

  it("XLSX: a formula without a cached result, an error cell, an impossible text date; real date cells are fine", async () => {
    const rows = defaultProjectRows();
    rows[0][18] = { formula: "T2*2" }; // 申报金额 never calculated
    rows[1][5] = "2024-02-30";
    rows[2][14] = { error: "#DIV/0!" }; // 等保级别
    const l = await loadWith({}, { projectRows: rows });
    try {
      expect(await l.rejects("projects.xlsx#项目申报")).toEqual([
        reject("projects.xlsx#项目申报", "projects", 1, "申报金额(万元)", null, "公式没有缓存的计算结果：=T2*2（请在 Excel 中重新计算并保存）"),
        reject("projects.xlsx#项目申报", "projects", 2, "申报日期", "2024-02-30", "日期不存在：2024-02-30"),
        reject("projects.xlsx#项目申报", "projects", 3, "等保级别", null, "单元格是错误值 #DIV/0!"),
      ]);
      await expectCounts(l, "projects.xlsx#项目申报", 3, 0, 3);
      // With no project left, every target refers to a project that does not exist.
      await expectCounts(l, "projects.xlsx#绩效目标", 3, 0, 3);
    } finally {
      await l.close();
    }
  });

  it("XLSX targets: 方向 other than ≥/≤, duplicate key", async () => {
    const l = await loadWith({}, {
      targetRows: [
        ["P2024-001", 2024, "系统可用率", "产出", 99.9, "%", "≥"],
        ["P2024-001", 2024, "系统可用率", "产出", 99, "%", "≥"],
        ["P2024-002", 2024, "响应", "效益", 1, "秒", "="],
      ],
    });
    try {
      expect(await l.rejects("projects.xlsx#绩效目标")).toEqual([
        reject("projects.xlsx#绩效目标", "perf_targets", 2, null, "P2024-001/2024/系统可用率", "自然键重复：项目编号+年度+指标名称 = P2024-001/2024/系统可用率，与第 1 行重复"),
        reject("projects.xlsx#绩效目标", "perf_targets", 3, "方向", "=", "方向应为 ≥ 或 ≤：="),
      ]);
    } finally {
      await l.close();
    }
  });
});

describe("cloud bills", () => {
  it("a USD row, an unknown ChargeCategory, a bad timestamp, non-JSON Tags, CPU out of 0–1", async () => {
    const l = await loadWith({
      "cloud_billing/2024-01.csv": [
        FOCUS_HEADER,
        billLine({ resource: "r1" }),
        billLine({ resource: "r2", currency: "USD" }),
        billLine({ resource: "r3", category: "Refund" }),
        billLine({ resource: "r4", start: "2024-01-32T16:00:00Z" }),
        billLine({ resource: "r5" }).replace(`"{""project_id"":""P2024-001""}"`, "project=P2024-001"),
        billLine({ resource: "r6", cpu: "1.5" }),
        billLine({ resource: "r7", cost: "abc" }),
      ].join("\n"),
    });
    try {
      const f = "cloud_billing/2024-01.csv";
      expect(await l.rejects(f)).toEqual([
        reject(f, "cloud_billing", 2, "BillingCurrency", "USD", "币种应为 CNY：USD"),
        reject(f, "cloud_billing", 3, "ChargeCategory", "Refund", "不是允许的值（Usage/Purchase/Tax/Credit/Adjustment）：Refund"),
        reject(f, "cloud_billing", 4, "ChargePeriodStart", "2024-01-32T16:00:00Z", "时间格式无效：2024-01-32T16:00:00Z"),
        reject(f, "cloud_billing", 5, "Tags", "project=P2024-001", "Tags 不是 JSON 对象：project=P2024-001"),
        reject(f, "cloud_billing", 6, "x_CpuUtilization", "1.5", "数值超出范围（0–1）：1.5"),
        reject(f, "cloud_billing", 7, "BilledCost", "abc", "金额不是数字：abc"),
        reject(f, "cloud_billing", 7, "EffectiveCost", "abc", "金额不是数字：abc"),
      ]);
      expect(await l.q("SELECT resource_id FROM stg_cloud_billing")).toEqual([{ resource_id: "r1" }]);
      await expectCounts(l, f, 7, 1, 6);
    } finally {
      await l.close();
    }
  });

  it("duplicate natural key across two billing files (and within one): first wins, later rejected naming the first", async () => {
    const l = await loadWith({
      "cloud_billing/2024-01.csv": [FOCUS_HEADER, billLine({ resource: "r1" }), billLine({ resource: "r2", currency: "USD" }), billLine({ resource: "r3" }), billLine({ resource: "r1", cost: "99" })].join("\n"),
      "cloud_billing/2024-02.csv": [FOCUS_HEADER, billLine({ resource: "r9" }), billLine({ resource: "r3", cost: "77" })].join("\n"),
    });
    try {
      expect(await l.rejects()).toEqual([
        reject("cloud_billing/2024-01.csv", "cloud_billing", 2, "BillingCurrency", "USD", "币种应为 CNY：USD"),
        reject("cloud_billing/2024-01.csv", "cloud_billing", 4, null, "r1/2024-01-01T16:00:00Z/Usage", "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r1/2024-01-01T16:00:00Z/Usage，与第 1 行重复"),
        reject("cloud_billing/2024-02.csv", "cloud_billing", 2, null, "r3/2024-01-01T16:00:00Z/Usage", "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r3/2024-01-01T16:00:00Z/Usage，与 cloud_billing/2024-01.csv 第 3 行重复"),
      ]);
      expect(await l.q("SELECT resource_id, billed_cost::INT AS c, source_file FROM stg_cloud_billing ORDER BY resource_id")).toEqual([
        { resource_id: "r1", c: 11, source_file: "cloud_billing/2024-01.csv" },
        { resource_id: "r3", c: 11, source_file: "cloud_billing/2024-01.csv" },
        { resource_id: "r9", c: 11, source_file: "cloud_billing/2024-02.csv" },
      ]);
      await expectCounts(l, "cloud_billing/2024-01.csv", 4, 2, 2);
      await expectCounts(l, "cloud_billing/2024-02.csv", 2, 1, 1);
    } finally {
      await l.close();
    }
  });

  it("a Parquet bill with BilledCost written as VARCHAR, 'abc' in some rows", async () => {
    const dir = await inboxWith({});
    await writeParquetBill(
      dir,
      "cloud_billing/2024-02.parquet",
      `SELECT 'GOV-SX' AS BillingAccountId, TIMESTAMP '2024-02-01 00:00:00' AS BillingPeriodStart,
              TIMESTAMP '2024-03-01 00:00:00' AS BillingPeriodEnd,
              TIMESTAMPTZ '2024-02-01 16:00:00+00' + (i * INTERVAL 1 DAY) AS ChargePeriodStart,
              TIMESTAMPTZ '2024-02-02 16:00:00+00' + (i * INTERVAL 1 DAY) AS ChargePeriodEnd,
              'Usage' AS ChargeCategory,
              CASE WHEN i IN (1, 3) THEN 'abc' ELSE (i * 1.5)::VARCHAR END AS BilledCost,
              (i * 1.5)::DECIMAL(18,6) AS EffectiveCost, 'CNY' AS BillingCurrency, 'res-p' AS ResourceId,
              'ecs' AS ResourceType, 'Compute' AS ServiceCategory, 'ECS' AS ServiceName, 24.0 AS ConsumedQuantity,
              'Hours' AS ConsumedUnit, '{"project_id":"P2024-002"}' AS Tags, 0.25::DOUBLE AS x_CpuUtilization
       FROM range(5) t(i)`,
    );
    const l = await loadDir(dir);
    try {
      const f = "cloud_billing/2024-02.parquet";
      expect(await l.rejects(f)).toEqual([
        reject(f, "cloud_billing", 2, "BilledCost", "abc", "金额不是数字：abc"),
        reject(f, "cloud_billing", 4, "BilledCost", "abc", "金额不是数字：abc"),
      ]);
      expect(await l.q("SELECT charge_date::VARCHAR AS d, billed_cost::VARCHAR AS c, project_id FROM stg_cloud_billing ORDER BY 1")).toEqual([
        { d: "2024-02-02", c: "0.000000", project_id: "P2024-002" },
        { d: "2024-02-04", c: "3.000000", project_id: "P2024-002" },
        { d: "2024-02-06", c: "6.000000", project_id: "P2024-002" },
      ]);
      const b = await l.batch(f);
      expect(b).toMatchObject({ encoding: "parquet", rows_read: "5", rows_loaded: "3", rows_rejected: "2" });
    } finally {
      await l.close();
    }
  });

  it("ragged lines (too few fields, too many, a quote cut off) are rejected one by one; the rest loads", async () => {
    const f = "cloud_billing/2024-01.csv";
    const l = await loadWith({
      [f]: [
        FOCUS_HEADER,
        billLine({ resource: "r1" }),
        "GOV-SX,2024-01-01T00:00:00Z",
        "", // a blank line is not a row: the numbers after it do not move
        `${billLine({ resource: "r3" })},多余`,
        billLine({ resource: "r4", currency: "USD" }),
        billLine({ resource: "r1" }),
        `GOV-SX,"2024-01-01T00:00:00Z,2024-02`,
      ].join("\n"),
    });
    try {
      expect(await l.rejects(f)).toEqual([
        reject(f, "cloud_billing", 2, null, "GOV-SX,2024-01-01T00:00:00Z", "列数不足：该行只有 2 列，表头有 17 列（行被截断？）"),
        reject(f, "cloud_billing", 3, null, `${billLine({ resource: "r3" })},多余`.slice(0, 200), "列数多于表头：该行有 18 列，表头只有 17 列"),
        reject(f, "cloud_billing", 4, "BillingCurrency", "USD", "币种应为 CNY：USD"),
        reject(f, "cloud_billing", 5, null, "r1/2024-01-01T16:00:00Z/Usage", "自然键重复：ResourceId+ChargePeriodStart+ChargeCategory = r1/2024-01-01T16:00:00Z/Usage，与第 1 行重复"),
        reject(f, "cloud_billing", 6, null, 'GOV-SX,"2024-01-01T00:00:00Z,2024-02', "引号没有闭合：该行在文件末尾被截断"),
      ]);
      expect(await l.q("SELECT resource_id FROM stg_cloud_billing")).toEqual([{ resource_id: "r1" }]);
      await expectCounts(l, f, 6, 1, 5);
    } finally {
      await l.close();
    }
  });

  it("a one-row bill whose row has an extra field is rejected, not dropped", async () => {
    const f = "cloud_billing/2024-01.csv";
    const l = await loadWith({ [f]: `${FOCUS_HEADER}\n${billLine()},多余\n` });
    try {
      expect(await l.rejects(f)).toEqual([
        reject(f, "cloud_billing", 1, null, `${billLine()},多余`.slice(0, 200), "列数多于表头：该行有 18 列，表头只有 17 列"),
      ]);
      await expectCounts(l, f, 1, 0, 1);
    } finally {
      await l.close();
    }
  });

  it("a bill row in year 0000 is out of range", async () => {
    const f = "cloud_billing/2024-01.csv";
    const l = await loadWith({ [f]: `${FOCUS_HEADER}\n${billLine({ resource: "r1", start: "0000-01-01T16:00:00Z" })}\n` });
    try {
      expect(await l.rejects(f)).toEqual([
        reject(f, "cloud_billing", 1, "ChargePeriodStart", "0000-01-01T16:00:00Z", "时间超出范围（1900–2100 年）：0000-01-01T16:00:00Z"),
      ]);
    } finally {
      await l.close();
    }
  });

  it("a GBK billing CSV whose first non-ASCII byte lies beyond the first MiB is transcoded and loads", async () => {
    const lines = [FOCUS_HEADER];
    for (let i = 0; i < 8000; i++) lines.push(billLine({ resource: `r${i}` }));
    lines.push(billLine({ resource: "r-gbk" }).replace("云服务器 ECS", "对象存储"));
    const bytes = iconv.encode(`${lines.join("\n")}\n`, "gbk");
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const l = await loadWith({ "cloud_billing/2024-01.csv": bytes });
    try {
      expect(await l.q("SELECT service_name FROM stg_cloud_billing_month WHERE resource_id = 'r-gbk'")).toEqual([
        { service_name: "对象存储" },
      ]);
      expect(await l.batch("cloud_billing/2024-01.csv")).toMatchObject({ encoding: "gb18030", rows_read: "8001", rows_loaded: "8001" });
    } finally {
      await l.close();
    }
  });
});
