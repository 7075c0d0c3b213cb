// Runs before `npm start`: on a fresh clone there is no warehouse yet, so generate the sample inbox and build one,
// with visible progress. An existing warehouse is left exactly as it is.
import { existsSync } from "node:fs";
import path from "node:path";
import { generateInbox } from "../gen/index.js";
import { buildWarehouse, todayInBeijing } from "../warehouse/build.js";
import { defaultReporter } from "../progress.js";
import { DuckDBInstance } from "@duckdb/node-api";
import { seedDemoAccounts } from "./demo-accounts.js";

const db = path.resolve(process.env.WAREHOUSE ?? "data/warehouse.duckdb");
const inbox = path.resolve(process.env.SAMPLE_INBOX ?? "data/inbox");

if (existsSync(db)) {
  process.stderr.write(`使用现有数据仓库：${db}\n`);
} else {
  if (!existsSync(path.join(inbox, "projects.xlsx"))) {
    process.stderr.write(`未找到数据仓库，正在生成示例收件目录：${inbox}\n`);
    await generateInbox({ out: inbox, scale: "city", seed: 20201022, years: [2021, 2025] });
  }
  process.stderr.write(`正在装载示例数据并计算指标……\n`);
  const reporter = defaultReporter();
  const r = await buildWarehouse({ inbox, db, asOf: todayInBeijing(), reporter });
  reporter.stop();
  process.stderr.write(`示例数据仓库已建立：${r.db}（用时 ${(r.totalMs / 1000).toFixed(1)} 秒）\n`);
  // Sample data only, and only once: one demo account per role (seedDemoAccounts does nothing when any user exists),
  // the department account scoped to the sample's first department.
  await seedDemoAccounts(await firstDepartment(r.db));
}

async function firstDepartment(file: string): Promise<string> {
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  try {
    const conn = await instance.connect();
    const rows = (await conn.runAndReadAll("SELECT dept_code FROM dim_department ORDER BY dept_code LIMIT 1")).getRowsJson();
    conn.closeSync();
    if (!rows[0]) throw new Error("示例数据仓库没有单位（dim_department 为空），无法创建演示账户");
    return String(rows[0][0]);
  } finally {
    instance.closeSync();
  }
}
