// Inboxes for the reliability suites (test/reliability): a clean, hand-written inbox (test/reliability/fixtures/clean
// plus a projects.xlsx written here with exceljs) that loads with no rejects, helpers to break one file of it, and a
// snapshot of everything a load writes so a test can say "this changed, nothing else did".
// Independent of the generator (etl/gen) and of the loader's own fixtures: the corpus must not move when they do.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { createSchema, ident, openWarehouse, query, ROOT, type Row } from "../../etl/db.js";
import { loadInbox, type LoadResult } from "../../etl/load/inbox.js";
import type { LoadReporter } from "../../etl/load/reporter.js";
import { checkIntegrity, type IntegrityProblem } from "../../etl/warehouse/integrity.js";

export const CLEAN_FIXTURE = path.join(ROOT, "test", "reliability", "fixtures", "clean");

export const PROJECT_HEADERS = [
  "项目编号", "项目名称", "建设单位代码", "建设单位", "申报年度", "申报日期", "项目类型", "分摊类别", "全市性系统",
  "牵头单位代码", "建设内容标签", "法规依据", "部署方式", "互联网部署", "等保级别", "涉密", "列入年度计划",
  "临时急需依据", "申报金额(万元)", "信息化投资(万元)", "非信息化投资(万元)", "预计年云租赁费(万元)", "分摊方案",
  "申报表", "建设方案", "原合同", "前期绩效评估报告", "绩效目标", "依据材料", "信息资源目录", "密码应用方案", "示范试点",
];
export const TARGET_HEADERS = ["项目编号", "年度", "指标名称", "指标类型", "目标值", "单位", "方向"];

export type Cell = ExcelJS.CellValue;

/** The three projects every other clean file refers to (P2024-001, P2024-002, P2023-010), plain cells. */
export function cleanProjectRows(): Cell[][] {
  return [
    [
      "P2024-001", "市民卡服务平台升级", "001001", "市大数据局", 2024, "2024-03-15", "升级改造", "民生", "是",
      "001001", "机房；视频会议", "《绍兴市公共数据条例》", "政务云", "是", 3, "否", "是", null,
      120.5, 100, 20.5, 12.3456, "是", "是", "是", "否", "否", "是", "是", "是", "是", "省级",
    ],
    [
      "P2024-002", "智慧停车二期", "002003", "市交通运输局", 2024, "2024-03-20", "扩建", "审批监管",
      "否", null, "停车诱导屏", null, "自建机房", "否", 2, "否", "是", "上级督办",
      50, 45, null, 2, "否", "是", "是", "是", "否", "是", "否", "是", "否", "无",
    ],
    [
      "P2023-010", "综合执法系统", "003001", "市综合执法局", 2023, "2023/4/1", "新建", "其他", "是", "003001", null, null,
      "政务云", "是", 3, "否", "是", null, 300, 300, 0, 20, "是", "是", "是", "否", "否", "是", "是", "是", "是", "无",
    ],
  ];
}

export function cleanTargetRows(): Cell[][] {
  return [
    ["P2024-001", 2024, "系统可用率", "产出", 99.9, "%", "≥"],
    ["P2024-002", 2024, "用户满意度", "满意度", 90, "%", ">="],
    ["P2023-010", 2023, "平均响应时长", "效益", 2, "秒", "≤"],
  ];
}

export interface WorkbookSpec {
  sheets?: { name: string; headers: Cell[]; rows: Cell[][] }[];
  /** Called with the workbook before it is written: merge cells, add formulas, rename sheets. */
  edit?: (wb: ExcelJS.Workbook) => void;
}

export function cleanSheets(): { name: string; headers: Cell[]; rows: Cell[][] }[] {
  return [
    { name: "项目申报", headers: [...PROJECT_HEADERS], rows: cleanProjectRows() },
    { name: "绩效目标", headers: [...TARGET_HEADERS], rows: cleanTargetRows() },
  ];
}

export async function writeWorkbook(dir: string, spec: WorkbookSpec = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of spec.sheets ?? cleanSheets()) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.headers);
    for (const r of s.rows) ws.addRow(r);
  }
  spec.edit?.(wb);
  await wb.xlsx.writeFile(path.join(dir, "projects.xlsx"));
}

let cleanWorkbook: Promise<Buffer> | null = null;

/** The clean projects.xlsx, written once per process: exceljs stamps the time into every workbook it writes, and the
 *  corpus compares file hashes with the clean load's. */
function cleanWorkbookBytes(): Promise<Buffer> {
  cleanWorkbook ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "xinguan-rel-wb-"));
    try {
      await writeWorkbook(dir);
      return await readFile(path.join(dir, "projects.xlsx"));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return cleanWorkbook;
}

/** A temp copy of the clean inbox, projects.xlsx included. */
export async function makeCleanInbox(parent?: string): Promise<string> {
  const dir = await mkdtemp(path.join(parent ?? tmpdir(), "xinguan-rel-inbox-"));
  await cp(CLEAN_FIXTURE, dir, { recursive: true });
  await writeFile(path.join(dir, "projects.xlsx"), await cleanWorkbookBytes());
  return dir;
}

export async function writeInboxFile(dir: string, file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), content);
}

/** Writes a Parquet file with DuckDB from a SELECT (the test picks the column types). */
export async function writeParquet(dir: string, file: string, select: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  const wh = await openWarehouse(":memory:");
  try {
    await wh.conn.run(`COPY (${select}) TO '${path.join(dir, file).replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    wh.close();
  }
}

export interface InfoLine {
  message: string;
  fields?: Record<string, unknown>;
}

export function recordingReporter(): { reporter: LoadReporter; infos: InfoLine[] } {
  const infos: InfoLine[] = [];
  return {
    infos,
    reporter: { start() {}, progress() {}, file() {}, info: (message, fields) => void infos.push({ message, fields }) },
  };
}

/** Everything a load leaves in a warehouse, comparable with toEqual: every stg_* table (all rows, in a total order),
 *  etl_batches without its clock columns, etl_rejects. */
export interface LoadSnapshot {
  tables: Record<string, Row[]>;
  batches: Row[];
  rejects: Row[];
}

export async function snapshotLoad(conn: Parameters<typeof query>[0]): Promise<LoadSnapshot> {
  const names = (
    await query(conn, "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'stg\\_%' ESCAPE '\\' ORDER BY 1")
  ).map((r) => String(r.table_name));
  const tables: Record<string, Row[]> = {};
  for (const t of names) tables[t] = await query(conn, `SELECT * FROM ${ident(t)} ORDER BY ALL`);
  return {
    tables,
    batches: await query(
      conn,
      "SELECT source, file, sha256, encoding, rows_read, rows_loaded, rows_rejected, status, message FROM etl_batches ORDER BY file, source",
    ),
    rejects: await query(conn, "SELECT * FROM etl_rejects ORDER BY file, row_number, column_name NULLS FIRST, reason"),
  };
}

export type LoadOutcome =
  | { ok: true; result: LoadResult; snapshot: LoadSnapshot; infos: InfoLine[]; extra: Row[][]; integrity: IntegrityProblem[] }
  | { ok: false; error: Error; infos: InfoLine[] };

/** Loads an inbox into a fresh in-memory warehouse with the real schema; a thrown error is returned, not thrown.
 *  `queries` run on the loaded warehouse before it is closed; their rows come back in `extra`. */
export async function loadToSnapshot(dir: string, queries: string[] = []): Promise<LoadOutcome> {
  const wh = await openWarehouse(":memory:");
  const { reporter, infos } = recordingReporter();
  try {
    await createSchema(wh.conn);
    let result: LoadResult;
    try {
      result = await loadInbox(wh.conn, dir, reporter);
    } catch (err) {
      return { ok: false, error: err as Error, infos };
    }
    const extra: Row[][] = [];
    for (const sql of queries) extra.push(await query(wh.conn, sql));
    // checkIntegrity needs meta_build, which the build writes, not the load
    await wh.conn.run("INSERT INTO meta_build VALUES (DATE '2025-06-30', TIMESTAMP '2025-06-30 00:00:00', 'test', 'test')");
    const integrity = await checkIntegrity(wh.conn);
    return { ok: true, result, snapshot: await snapshotLoad(wh.conn), infos, extra, integrity };
  } finally {
    wh.close();
  }
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The .building- temp files beside a warehouse (a killed build leaves one; the next build removes it). */
export async function buildingTemps(db: string): Promise<string[]> {
  const base = path.basename(db) + ".building-";
  return (await readdir(path.dirname(db))).filter((n) => n.startsWith(base)).sort();
}
