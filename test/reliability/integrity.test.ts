// The integrity checks the crash and corpus suites rely on (etl/warehouse/integrity.ts) must themselves catch a
// warehouse that lost or gained rows: each tampering below is one a half-finished or buggy load could leave.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema, openWarehouse, query, type Warehouse } from "../../etl/db.js";
import { loadInbox } from "../../etl/load/inbox.js";
import { silentReporter } from "../../etl/load/reporter.js";
import { checkIntegrity } from "../../etl/warehouse/integrity.js";
import { makeCleanInbox, removeDir, writeInboxFile } from "../support/reliability-inbox.js";

let inbox: string;

beforeAll(async () => {
  inbox = await makeCleanInbox();
  // one rejected row, so the rejects bookkeeping has something to check
  await writeInboxFile(inbox, "payments.csv", "支付流水号,项目编号,支付日期,金额(元),资金类型\nZF-1,P2024-001,2024-07-15,5,建设\nZF-2,P2024-001,2024-02-30,5,建设\n");
});
afterAll(async () => removeDir(inbox));

async function loaded(): Promise<Warehouse> {
  const wh = await openWarehouse(":memory:");
  await createSchema(wh.conn);
  await wh.conn.run("INSERT INTO meta_build VALUES (DATE '2024-12-31', now()::TIMESTAMP, 'test', 'test')");
  await loadInbox(wh.conn, inbox, silentReporter);
  return wh;
}

const tamperings: [string, string, RegExp][] = [
  ["a staged row no batch counted", "INSERT INTO stg_payments VALUES ('ZF-9', 'P2024-001', DATE '2024-01-01', 1, '建设')", /stg_payments 有 2 行，批次记录为 1 行/],
  ["a staged row lost", "DELETE FROM stg_population WHERE county_code = '330602'", /stg_population 有 2 行，批次记录为 3 行/],
  ["a bill row lost", "DELETE FROM stg_cloud_billing WHERE billed_cost < 0", /stg_cloud_billing 有 3 行/],
  ["a bill line lost from the monthly sums", "UPDATE stg_cloud_billing_month SET charge_rows = charge_rows - 1 WHERE resource_id = 'res-rds-001'", /stg_cloud_billing_month 汇总了 3 行，批次记录为 4 行/],
  ["the bills' batches gone, their sums still there", "DELETE FROM etl_batches WHERE source = 'cloud_billing'", /stg_cloud_billing_month 有 2 行，但没有任何批次记录/],
  ["a batch that does not balance", "UPDATE etl_batches SET rows_read = rows_read + 1 WHERE file = 'calendar.csv'", /calendar: 读取行数 ≠ 入库行数 \+ 被拒行数/],
  ["a rejected row without its reason", "DELETE FROM etl_rejects WHERE file = 'payments.csv'", /payments.csv 的批次记录被拒 1 行，被拒记录中有 0 行/],
  ["a reason for a file no batch knows", "INSERT INTO etl_rejects VALUES ('payments (1).csv', 'payments', 1, NULL, 'x', '测试')", /被拒记录中的文件 payments \(1\)\.csv 没有批次记录/],
  ["a source's batches gone, its rows still there", "DELETE FROM etl_batches WHERE source = 'security'", /stg_security 有 2 行，但没有任何批次记录/],
  ["a second meta_build row", "INSERT INTO meta_build SELECT * FROM meta_build", /meta_build 应恰有一行/],
];

describe("integrity checks", () => {
  it("pass on a clean load with rejects", async () => {
    const wh = await loaded();
    try {
      expect(await checkIntegrity(wh.conn)).toEqual([]);
      expect(await query(wh.conn, "SELECT rows_read, rows_loaded, rows_rejected FROM etl_batches WHERE file = 'payments.csv'")).toEqual([
        { rows_read: "2", rows_loaded: "1", rows_rejected: "1" },
      ]);
    } finally {
      wh.close();
    }
  });

  for (const [what, sql, message] of tamperings) {
    it(`catch ${what}`, async () => {
      const wh = await loaded();
      try {
        // the CHECK constraint on etl_batches would refuse an unbalanced batch outright; drop it to simulate one
        if (sql.startsWith("UPDATE etl_batches")) {
          await wh.conn.run("CREATE TABLE b AS SELECT * FROM etl_batches; DROP TABLE etl_batches; ALTER TABLE b RENAME TO etl_batches");
        }
        await wh.conn.run(sql);
        const problems = await checkIntegrity(wh.conn);
        expect(problems.map((p) => `${p.source}: ${p.message}`).join("\n")).toMatch(message);
      } finally {
        wh.close();
      }
    });
  }
});
