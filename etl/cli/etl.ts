// npm run etl -- --inbox DIR [--db FILE] [--as-of YYYY-MM-DD]
// Loads an inbox and rebuilds every mart into a new warehouse, then swaps it in (data-contract.md).
import { parseArgs } from "node:util";
import { buildWarehouse, todayInBeijing } from "../warehouse/build.js";
import { defaultReporter } from "../progress.js";
import { fail, isIsoDate } from "./args.js";

const { values } = parseArgs({
  options: {
    inbox: { type: "string" },
    db: { type: "string" },
    "as-of": { type: "string" },
  },
  strict: true,
});

if (!values.inbox) fail("缺少 --inbox 收件目录。用法：npm run etl -- --inbox DIR [--db FILE] [--as-of YYYY-MM-DD]");
const asOf = values["as-of"] ?? todayInBeijing();
if (!isIsoDate(asOf)) fail(`--as-of 应为 YYYY-MM-DD 格式的有效日期，收到：${asOf}`);
const db = values.db ?? process.env.WAREHOUSE ?? "data/warehouse.duckdb";

const reporter = defaultReporter();
try {
  const r = await buildWarehouse({ inbox: values.inbox, db, asOf, reporter });
  reporter.stop();
  const line = {
    event: "done",
    db: r.db,
    as_of: r.asOf,
    load_ms: Math.round(r.loadMs),
    marts_ms: Math.round(r.martsMs),
    total_ms: Math.round(r.totalMs),
  };
  process.stdout.write(JSON.stringify(line) + "\n");
  process.stderr.write(
    `数据仓库已更新：${r.db}（评估基准日 ${r.asOf}；装载 ${(r.loadMs / 1000).toFixed(1)} 秒，` +
      `指标计算 ${(r.martsMs / 1000).toFixed(2)} 秒）\n`,
  );
} catch (err) {
  reporter.stop();
  fail(`${(err as Error).message}\n原数据仓库未改动，仍在使用。`, 1);
}
