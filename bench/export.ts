// Export benchmark: the same 1 M-row mart-shaped result (generated in DuckDB) exported as Arrow IPC and as JSON
// through the app's own streaming writers (app/export/*.server.ts), timed in the same run, in alternating order,
// median of several runs. Also shows CSV for reference and the peak JS heap growth of each, which stays flat when
// an export streams (no rows held as JS objects).
//
//   npx tsx bench/export.ts                 # 1,000,000 rows, 3 runs each
//   npx tsx bench/export.ts --rows 200000 --runs 5
//
// Exits with status 1 if Arrow is not at least 2× faster than JSON.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { arrowIpcStream, arrowSelectExpression } from "../app/export/arrow.server.js";
import { csvStream } from "../app/export/csv.server.js";
import { jsonStream } from "../app/export/json.server.js";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg("rows", 1_000_000);
const RUNS = arg("runs", 3);

// Shaped like mart_project_year / mart_flags: codes, Chinese names, a year, a grade, money as DECIMAL(18,2),
// a date, a score and a flag.
const SETUP = `
CREATE TABLE mart_bench AS
SELECT 'P' || lpad(i::VARCHAR, 7, '0') AS project_id,
       '绍兴市' || (['大数据发展管理局', '公安局', '卫生健康委员会', '教育局', '自然资源和规划局'])[i % 5 + 1]
         || '政务信息系统项目' || (i % 997)::VARCHAR AS name,
       'D' || lpad((i % 40)::VARCHAR, 3, '0') AS dept_code,
       (2021 + i % 5)::INTEGER AS year,
       (['优', '良', '中', '差'])[i % 4 + 1] AS grade,
       ((i * 7919) % 1000000000 / 100)::DECIMAL(18,2) AS approved_yuan,
       DATE '2021-01-01' + (i % 1500)::INTEGER AS event_date,
       round((i % 1000) / 10.0, 1)::DOUBLE AS total_score,
       (i % 7 = 0) AS flagged
FROM range($rows) t(i)`;

const QUERY = "SELECT * FROM mart_bench";
// The Arrow writer gets VARCHAR columns as their UTF-8 bytes (what the API does, app/export/export.server.ts).
const TEXT_COLUMNS = ["project_id", "name", "dept_code", "grade"];
const ARROW_QUERY = `SELECT ${["project_id", "name", "dept_code", "year", "grade", "approved_yuan", "event_date", "total_score", "flagged"]
  .map((c) => (TEXT_COLUMNS.includes(c) ? arrowSelectExpression(`"${c}"`, "VARCHAR") : `"${c}"`))
  .join(", ")} FROM mart_bench`;

type Writer = "arrow" | "json" | "csv";

interface Run {
  ms: number;
  bytes: number;
  rows: number;
  heapGrowthMb: number;
}

async function runOnce(conn: DuckDBConnection, writer: Writer): Promise<Run> {
  global.gc?.();
  // JS heap plus ArrayBuffers (Arrow's typed buffers live outside the heap)
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const heap0 = used();
  let heapPeak = heap0;
  let rows = 0;
  let bytes = 0;
  const onRows = (n: number) => (rows += n);
  const t0 = performance.now();
  const result = await conn.stream(writer === "arrow" ? ARROW_QUERY : QUERY);
  const gen =
    writer === "arrow"
      ? arrowIpcStream(result, { onRows, textAsBytes: new Set(TEXT_COLUMNS) })
      : writer === "json"
        ? jsonStream(result, { onRows })
        : csvStream(result, { onRows });
  for await (const piece of gen) {
    bytes += piece.byteLength;
    heapPeak = Math.max(heapPeak, used());
  }
  const ms = performance.now() - t0;
  return { ms, bytes, rows, heapGrowthMb: (heapPeak - heap0) / 2 ** 20 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const fmtMb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;

async function main(): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const conn = await instance.connect();
  await conn.run(SETUP, { rows: ROWS });
  console.log(`导出基准：${ROWS.toLocaleString("en-US")} 行（DuckDB 生成，9 列：文本、中文、INTEGER、DECIMAL(18,2)、DATE、DOUBLE、BOOLEAN），每种格式 ${RUNS} 次取中位数`);
  // one warm-up of each, not counted
  for (const w of ["arrow", "json"] as Writer[]) await runOnce(conn, w);

  const runs: Record<Writer, Run[]> = { arrow: [], json: [], csv: [] };
  for (let i = 0; i < RUNS; i++) {
    const order: Writer[] = i % 2 === 0 ? ["arrow", "json", "csv"] : ["json", "arrow", "csv"];
    for (const w of order) runs[w].push(await runOnce(conn, w));
  }
  const summary = (w: Writer) => ({
    ms: median(runs[w].map((r) => r.ms)),
    bytes: runs[w][0].bytes,
    rows: runs[w][0].rows,
    heap: Math.max(...runs[w].map((r) => r.heapGrowthMb)),
  });
  const arrow = summary("arrow");
  const json = summary("json");
  const csv = summary("csv");
  for (const [label, s] of [["Arrow IPC", arrow], ["JSON", json], ["CSV", csv]] as const) {
    console.log(
      `${label.padEnd(10)} ${s.ms.toFixed(0).padStart(6)} ms  ${fmtMb(s.bytes).padStart(10)}  ${s.rows.toLocaleString("en-US")} 行  内存峰值增长（堆+ArrayBuffer） ${s.heap.toFixed(1)} MB`,
    );
  }
  const speedup = json.ms / arrow.ms;
  console.log(`Arrow 比 JSON 快 ${speedup.toFixed(2)} 倍，字节数为 JSON 的 ${((arrow.bytes / json.bytes) * 100).toFixed(0)}%`);
  conn.closeSync();
  instance.closeSync();
  if (arrow.rows !== ROWS || json.rows !== ROWS) {
    console.error("行数不符");
    process.exit(1);
  }
  if (speedup < 2) {
    console.error("未达到要求：Arrow 应至少比 JSON 快 2 倍");
    process.exit(1);
  }
}

await main();
