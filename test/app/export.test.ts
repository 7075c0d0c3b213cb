// Exports, downloaded through the API route's loader and read back with an independent reader — DuckDB's read_csv
// and read_parquet on the downloaded file, exceljs, apache-arrow's tableFromIPC, JSON.parse — then compared with
// the mart queried directly, row for row: Chinese text and amounts exact, formula-like text neutralised.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { tableFromIPC, type Table } from "apache-arrow";
import ExcelJS from "exceljs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader } from "../../app/routes/api.marts.$name";
import { columnLabel, relationTitle } from "../../app/export/labels";
import { buildExportQuery, parseExportRequest } from "../../app/export/request.server";
import { CLOUD_ROWS, createFixtureWarehouse, TRICKY_NAMES, type FixtureWarehouse } from "./export-fixture";
import { inProcessAccounts } from "../support/auth";

type Row = Record<string, unknown>;

let fx: FixtureWarehouse;
let out: string;
let db: DuckDBInstance;
let conn: DuckDBConnection;
let logFile: string;
let accounts: Awaited<ReturnType<typeof inProcessAccounts>>;
let analystCookie: string;
/** The fixture project with the most flags, its department (a department account is made for it), and a project of
 *  another department. */
let project: string;
let projectDept: string;
let otherProject: string;
let deptCookie: string;

async function sql(text: string, params?: Record<string, string | number>): Promise<Row[]> {
  return (await conn.runAndReadAll(text, params)).getRowObjectsJson() as Row[];
}

/** GET through the route's loader, as Remix calls it (as the analyst unless another session cookie is given). */
async function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Response> {
  const url = new URL(pathAndQuery, "http://127.0.0.1");
  const name = decodeURIComponent(url.pathname.replace(/^\/api\/marts\//, ""));
  const res = await loader({ request: new Request(url, { headers: { Cookie: analystCookie, ...headers } }), params: { name }, context: {} });
  return res as Response;
}

async function download(pathAndQuery: string, file: string): Promise<{ res: Response; file: string; bytes: Buffer }> {
  const res = await get(pathAndQuery);
  const bytes = Buffer.from(await res.arrayBuffer());
  const target = path.join(out, file);
  await writeFile(target, bytes);
  return { res, file: target, bytes };
}

const neutralised = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** The relation's rows for a filter, straight from the warehouse (JSON-safe: DECIMAL and dates as exact text). */
async function expected(relation: string, where: string, params: Record<string, string | number>): Promise<Row[]> {
  return sql(`SELECT * FROM fx.${relation} WHERE ${where}`, params);
}

async function textColumns(relation: string): Promise<Set<string>> {
  const rows = await sql(
    "SELECT column_name FROM duckdb_columns() WHERE database_name = 'fx' AND table_name = $t AND data_type = 'VARCHAR'",
    { t: relation },
  );
  return new Set(rows.map((r) => String(r.column_name)));
}

beforeAll(async () => {
  fx = await createFixtureWarehouse();
  out = await mkdtemp(path.join(os.tmpdir(), "xinguan-downloads-"));
  logFile = path.join(out, "audit", "exports.jsonl");
  process.env.WAREHOUSE = fx.file;
  process.env.EXPORT_LOG = logFile;
  db = await DuckDBInstance.create(":memory:");
  conn = await db.connect();
  await conn.run(`ATTACH '${fx.file}' AS fx (READ_ONLY)`);
  [{ project, projectDept }] = (await sql(
    "SELECT project_id AS project, dept_code AS \"projectDept\" FROM fx.mart_flags GROUP BY ALL ORDER BY count(*) DESC, project_id LIMIT 1",
  )) as { project: string; projectDept: string }[];
  [{ otherProject }] = (await sql(
    "SELECT min(project_id) AS \"otherProject\" FROM fx.mart_flags WHERE dept_code <> $d",
    { d: projectDept },
  )) as { otherProject: string }[];
  // the data API needs a signed-in user with the export permission: an analyst (every relation, unscoped), and a
  // department user (its own department's rows only)
  accounts = await inProcessAccounts([
    { username: "analyst1", role: "analyst" },
    { username: "dept1", role: "department", deptCode: projectDept },
  ]);
  analystCookie = await accounts.cookie("analyst1");
  deptCookie = await accounts.cookie("dept1");
});

afterAll(async () => {
  conn?.closeSync();
  db?.closeSync();
  delete process.env.WAREHOUSE;
  delete process.env.EXPORT_LOG;
  await accounts?.remove();
  await rm(out, { recursive: true, force: true });
  await fx?.remove();
});

// Two filtered views: flags of one department in one year (with a formula-like project name and evidence), and
// the project-year mart of one year (Chinese names, a NULL amount, 12,345,678,901.23 元 and 0.10 元, a name with a
// comma, a quote and a line break).
const VIEWS = [
  { relation: "mart_flags", query: "year=2025&dept=D03", where: "year = 2025 AND dept_code = 'D03'" },
  { relation: "mart_project_year", query: "year=2024", where: "year = 2024" },
  { relation: "mart_fund_status", query: "year=2025", where: "year = 2025" },
  // no year column: a limit instead; negative amounts (credits) and DATE months
  { relation: "mart_cloud_monthly", query: "limit=3000", where: "true LIMIT 3000" },
] as const;

describe("the fixture views are the interesting ones", () => {
  it("contain formula-like text, awkward amounts and a list column", async () => {
    const flags = await expected("mart_flags", VIEWS[0].where, {});
    expect(flags.length).toBeGreaterThan(1);
    expect(flags.some((r) => String(r.evidence).startsWith("="))).toBe(true);
    expect(flags.some((r) => r.project_name === TRICKY_NAMES[1])).toBe(true);
    const py = await expected("mart_project_year", VIEWS[1].where, {});
    const amounts = py.map((r) => r.approved_yuan);
    expect(amounts).toContain("12345678901.23");
    expect(amounts).toContain("0.10");
    expect(amounts).toContain(null);
    expect(py.some((r) => String(r.name).includes("\n"))).toBe(true);
    expect(py.some((r) => String(r.name).startsWith("="))).toBe(true);
    const cloud = await expected("mart_cloud_monthly", VIEWS[3].where, {});
    expect(cloud.some((r) => String(r.billed_cost_yuan).startsWith("-"))).toBe(true);
  });

  it("formula-like text is neutralised in CSV and XLSX only; Parquet, Arrow and JSON keep it exact", async () => {
    const csv = (await download("/api/marts/mart_project_year?year=2024&format=csv", "neutral.csv")).bytes.toString("utf8");
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example/"",""点击查看"")",`);
    expect(csv).toContain(",'+86 政务服务热线整合平台,");
    expect(csv).not.toMatch(/(^|,)[=+@]/m);
    const json = (await (await get("/api/marts/mart_project_year?year=2024&format=json")).json()) as Row[];
    expect(json.map((r) => r.name)).toContain(TRICKY_NAMES[0]);
  });

  it("stops reading the warehouse when the client goes away, and logs the export as aborted", async () => {
    const res = await get("/api/marts/mart_cloud_monthly?format=csv");
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 50));
    const last = JSON.parse((await readFile(logFile, "utf8")).trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ what: "mart_cloud_monthly", format: "csv", status: "aborted" });
    expect(last.rows).toBeLessThan(CLOUD_ROWS);
  });
});

describe.each(VIEWS)("exports of $relation?$query", ({ relation, query, where }) => {
  let rows: Row[];
  let text: Set<string>;
  beforeAll(async () => {
    rows = await expected(relation, where, {});
    text = await textColumns(relation);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("CSV: UTF-8 with BOM, read back by DuckDB read_csv, equal row for row, formulas neutralised", async () => {
    const { res, file, bytes } = await download(`/api/marts/${relation}?${query}&format=csv`, `${relation}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await sql(
      `SELECT * FROM read_csv($f, header = true, all_varchar = true, quote = '"', escape = '"', delim = ',', strict_mode = true)`,
      { f: file },
    );
    expect(back.length).toBe(rows.length);
    expect(Object.keys(back[0])).toEqual(Object.keys(rows[0]));
    back.forEach((got, i) => {
      const want: Row = {};
      for (const [k, v] of Object.entries(rows[i])) {
        want[k] = v === null ? null : Array.isArray(v) ? JSON.stringify(v) : text.has(k) ? neutralised(String(v)) : String(v);
      }
      expect(got).toEqual(want);
    });
  });

  it("Parquet: read back by DuckDB read_parquet with its types, equal row for row", async () => {
    const { res, file } = await download(`/api/marts/${relation}?${query}&format=parquet`, `${relation}.parquet`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(await sql(`SELECT * FROM read_parquet($f)`, { f: file })).toEqual(rows);
    const types = await sql(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($f))`, { f: file });
    const original = await sql(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM fx.${relation})`);
    expect(types).toEqual(original);
  });

  it("JSON: an array of row objects, exact", async () => {
    const { res, bytes } = await download(`/api/marts/${relation}?${query}&format=json`, `${relation}.json`);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(JSON.parse(bytes.toString("utf8"))).toEqual(rows);
  });

  it("Arrow IPC stream: read back by tableFromIPC, equal row for row, money as Decimal128", async () => {
    const { res, bytes } = await download(`/api/marts/${relation}?${query}&format=arrow`, `${relation}.arrows`);
    expect(res.headers.get("content-type")).toBe("application/vnd.apache.arrow.stream");
    const table = tableFromIPC(bytes);
    expect(table.numRows).toBe(rows.length);
    expect(table.schema.fields.map((f) => f.name)).toEqual(Object.keys(rows[0]));
    for (const f of table.schema.fields) {
      if (f.name.endsWith("_yuan")) expect(String(f.type)).toBe("Decimal[18e+2]");
      if (COLUMN_LABEL_EXPECTED[f.name]) expect(f.metadata.get("label")).toBe(COLUMN_LABEL_EXPECTED[f.name]);
    }
    expect(arrowRows(table)).toEqual(rows);
  });

  it("XLSX: read back by exceljs — Chinese headers, frozen header, numbers, dates as dates, formulas neutralised", async () => {
    const { res, file } = await download(`/api/marts/${relation}?${query}&format=xlsx`, `${relation}.xlsx`);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.length).toBe(1);
    const ws = wb.worksheets[0];
    const names = Object.keys(rows[0]);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(names.map(columnLabel));
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.rowCount).toBe(rows.length + 1);
    rows.forEach((want, i) => {
      const row = ws.getRow(i + 2);
      names.forEach((name, c) => {
        const cell = row.getCell(c + 1);
        const v = want[name];
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (v === null) {
          expect(cell.value).toBeNull();
        } else if (name.endsWith("_yuan")) {
          expect(typeof cell.value).toBe("number");
          expect((cell.value as number).toFixed(2)).toBe(v);
          expect(cell.numFmt).toBe("#,##0.00");
        } else if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
          expect(cell.value).toBeInstanceOf(Date);
          expect((cell.value as Date).toISOString().slice(0, 10)).toBe(v);
          expect(cell.numFmt).toBe("yyyy-mm-dd");
        } else if (Array.isArray(v)) {
          expect(cell.value).toBe(v.length === 0 ? null : neutralised(v.join("；")));
        } else if (text.has(name)) {
          expect(cell.value).toBe(neutralised(String(v)));
        } else if (typeof v === "string" && typeof cell.value === "number") {
          // DECIMAL scores and shares, BIGINT counts: numbers in Excel, equal in value
          expect(cell.value).toBe(Number(v));
        } else {
          expect(cell.value).toBe(v);
        }
      });
    });
  });
});

const COLUMN_LABEL_EXPECTED: Record<string, string> = { project_name: "项目名称", approved_yuan: "核准金额（元）" };

/** Arrow rows in the warehouse's JSON-safe form: Decimal128 → exact text with its scale, DateDay → YYYY-MM-DD,
 *  Int64 → text, lists → arrays. */
function arrowRows(table: Table): Row[] {
  const rows: Row[] = [];
  const fields = table.schema.fields;
  const columns = fields.map((f) => table.getChild(f.name)!);
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    fields.forEach((f, c) => {
      const v = columns[c].get(i);
      const type = String(f.type);
      if (v === null) row[f.name] = null;
      else if (type.startsWith("Decimal")) row[f.name] = decimalText(v as Uint32Array, (f.type as { scale: number }).scale);
      else if (type.startsWith("Date")) row[f.name] = new Date(v as number).toISOString().slice(0, 10);
      else if (typeof v === "bigint") row[f.name] = String(v);
      else if (type.startsWith("List")) row[f.name] = [...(v as Iterable<unknown>)];
      else row[f.name] = v;
    });
    rows.push(row);
  }
  return rows;
}

/** Decimal128 words (little-endian, two's complement) → "1234.56". */
function decimalText(words: Uint32Array, scale: number): string {
  let n = 0n;
  for (let k = 3; k >= 0; k--) n = (n << 32n) | BigInt(words[k]);
  if (n >= 1n << 127n) n -= 1n << 128n;
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return neg ? `-${text}` : text;
}

describe("the data API", () => {
  it("serves the public relations only, with 400 and the list of what exists for anything else", async () => {
    for (const name of ["stg_projects", "int_project_score", "ref_calendar", "information_schema.tables", "duckdb_tables", "nope"]) {
      const res = await get(`/api/marts/${encodeURIComponent(name)}`);
      expect(res.status, name).toBe(400);
      const msg = await res.text();
      expect(msg).toContain(`未知的数据集：${name}。可用：mart_`);
      expect(msg).toContain("dim_project");
      expect(msg).toContain("meta_build");
      const listed = msg.slice(msg.indexOf("可用：") + 3).trim().split(", ");
      expect(listed.every((n) => /^(mart_|dim_|etl_)|^meta_build$/.test(n)), listed.join()).toBe(true);
    }
  });

  it("rejects bad parameters with 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["mart_flags?year=20x4", "参数 year"],
      ["mart_flags?year=1800", "参数 year"],
      ["mart_flags?dept=D01;DROP", "参数 dept"],
      ["mart_flags?grade=A", "参数 grade"],
      ["mart_flags?format=pdf", "参数 format"],
      ["mart_flags?limit=-3", "参数 limit"],
      ["mart_flags?yaer=2024", "未知的参数：yaer"],
      ["mart_flags?year=2024&year=2025", "参数 year 只能出现一次"],
      ["dim_county?year=2024", "没有 year 列，不能按参数 year"],
      ["mart_county_year?dept=D01", "没有 dept_code 列，不能按参数 dept"],
    ];
    for (const [q, text] of cases) {
      const res = await get(`/api/marts/${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await res.text(), q).toContain(text);
    }
  });

  it("defaults to Arrow, honours limit and gives a Chinese-safe file name", async () => {
    const res = await get("/api/marts/mart_flags?year=2024&limit=3");
    expect(res.headers.get("content-type")).toBe("application/vnd.apache.arrow.stream");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7E]+"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1];
    expect(decodeURIComponent(encoded)).toBe("合规问题清单_mart_flags_year-2024_limit-3.arrows");
    expect(tableFromIPC(Buffer.from(await res.arrayBuffer())).numRows).toBe(3);
  });

  it("filters by Chinese values (kind, grade) exactly", async () => {
    const res = await get(`/api/marts/mart_project_year?year=2024&kind=${encodeURIComponent("升级改造")}&grade=${encodeURIComponent("良")}&format=json`);
    const got = (await res.json()) as Row[];
    const want = await expected("mart_project_year", "year = 2024 AND kind = '升级改造' AND grade = '良'", {});
    expect(want.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });

  it("streams a large mart as several Arrow record batches and logs every export", async () => {
    const res = await get("/api/marts/mart_cloud_monthly?format=arrow", { "x-forwarded-for": "10.1.2.3", "user-agent": "pytest" });
    const table = tableFromIPC(Buffer.from(await res.arrayBuffer()));
    expect(table.numRows).toBe(CLOUD_ROWS);
    expect(table.batches.length).toBeGreaterThan(1);
    const [total] = await sql("SELECT sum(billed_cost_yuan)::VARCHAR AS s FROM fx.mart_cloud_monthly");
    let cents = 0n;
    const col = table.getChild("billed_cost_yuan")!;
    for (let i = 0; i < table.numRows; i++) cents += BigInt(decimalText(col.get(i) as Uint32Array, 2).replace(".", ""));
    expect(`${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`).toBe(total.s);

    // the log is written when the body ends
    await new Promise((r) => setTimeout(r, 50));
    const lines = (await readFile(logFile, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    const last = lines.at(-1);
    expect(last).toMatchObject({
      what: "mart_cloud_monthly",
      format: "arrow",
      filters: {},
      rows: CLOUD_ROWS,
      status: "complete",
      who: { user: "analyst1", role: "analyst", address: "10.1.2.3", userAgent: "pytest" },
    });
    expect(last.bytes).toBeGreaterThan(0);
    expect(Date.parse(last.at)).not.toBeNaN();
    const flagged = lines.find((l) => l.what === "mart_flags" && l.format === "csv");
    expect(flagged).toMatchObject({ filters: { year: 2025, dept: "D03" }, status: "complete" });
    expect(flagged.rows).toBe((await expected("mart_flags", VIEWS[0].where, {})).length);
  });

  it("an empty result still carries its schema", async () => {
    const res = await get("/api/marts/mart_flags?year=2099&format=arrow");
    const table = tableFromIPC(Buffer.from(await res.arrayBuffer()));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toContain("project_name");
    const csv = await get("/api/marts/mart_flags?year=2099&format=csv");
    const csvText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(csvText.split("\r\n")[0]).toBe("\uFEFFflag_id,project_id,project_name,dept_code,dept_name,year,rule_id,article,severity,evidence,consequence,record_ref,event_date,due_date,as_of");
  });
});

/** A warehouse row as the CSV export writes it, read back with all_varchar: text neutralised, lists as JSON. */
function asCsv(row: Row, text: Set<string>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v === null ? null : Array.isArray(v) ? JSON.stringify(v) : text.has(k) ? neutralised(String(v)) : String(v);
  }
  return out;
}

const readCsv = (file: string) =>
  sql(`SELECT * FROM read_csv($f, header = true, all_varchar = true, quote = '"', escape = '"', delim = ',', strict_mode = true)`, { f: file });

describe("the project filter", () => {
  it("the fixture's projects are the ones the tests need: several flags, and another department's", async () => {
    const [{ n }] = await sql("SELECT count(*)::INTEGER AS n FROM fx.mart_flags WHERE project_id = $p", { p: project });
    expect(Number(n)).toBeGreaterThan(2);
    expect(otherProject).toMatch(/^SX\d{4}$/);
    const [other] = await sql("SELECT dept_code FROM fx.dim_project WHERE project_id = $p", { p: otherProject });
    expect(other.dept_code).not.toBe(projectDept);
  });

  // read back independently: the CSV by DuckDB's read_csv, the Parquet by read_parquet, the JSON by JSON.parse —
  // each equal, row for row, to the relation queried directly for that project, and fewer than all the rows
  it.each(["mart_flags", "mart_project_milestones", "mart_cloud_monthly", "mart_fund_status", "mart_project_year", "dim_project"])(
    "%s?project=… downloads exactly that project's rows (CSV, Parquet, JSON)",
    async (relation) => {
      const want = await expected(relation, "project_id = $p", { p: project });
      const [{ n }] = await sql(`SELECT count(*)::INTEGER AS n FROM fx.${relation}`);
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(Number(n));
      const text = await textColumns(relation);

      const csv = await download(`/api/marts/${relation}?project=${project}&format=csv`, `${relation}-project.csv`);
      expect(csv.res.status).toBe(200);
      const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(csv.res.headers.get("content-disposition")!)![1]);
      expect(name).toBe(`${relationTitle(relation)}_${relation}_project-${project}.csv`);
      const back = await readCsv(csv.file);
      expect(back.length).toBe(want.length);
      expect(back).toEqual(want.map((r) => asCsv(r, text)));

      const parquet = await download(`/api/marts/${relation}?project=${project}&format=parquet`, `${relation}-project.parquet`);
      expect(parquet.res.status).toBe(200);
      expect(await sql("SELECT * FROM read_parquet($f)", { f: parquet.file })).toEqual(want);

      const json = await get(`/api/marts/${relation}?project=${project}&format=json`);
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual(want);
    },
  );

  it("combines with the other filters (AND), and a project the warehouse does not know is an empty download", async () => {
    const [{ year }] = await sql("SELECT min(year) AS year FROM fx.mart_flags WHERE project_id = $p", { p: project });
    const want = await expected("mart_flags", "project_id = $p AND year = $y", { p: project, y: Number(year) });
    expect(want.length).toBeGreaterThan(0);
    const res = await get(`/api/marts/mart_flags?year=${year}&project=${project}&format=json`);
    expect(await res.json()).toEqual(want);
    const none = await get(`/api/marts/mart_flags?project=${project}&dept=${projectDept === "D01" ? "D02" : "D01"}&format=json`);
    expect(await none.json()).toEqual([]);
    const unknown = await get("/api/marts/mart_cloud_monthly?project=SX2024-0001&format=csv");
    expect(unknown.status).toBe(200);
    const csvText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await unknown.arrayBuffer());
    expect(csvText).toBe("\uFEFFproject_id,month,service_name,billed_cost_yuan,effective_cost_yuan\r\n");
  });

  it("is logged with the export", async () => {
    const res = await get(`/api/marts/mart_project_milestones?project=${project}&format=csv`);
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 50));
    const last = JSON.parse((await readFile(logFile, "utf8")).trim().split("\n").at(-1)!);
    const [{ n }] = await sql("SELECT count(*)::INTEGER AS n FROM fx.mart_project_milestones WHERE project_id = $p", { p: project });
    expect(last).toMatchObject({ what: "mart_project_milestones", filters: { project }, rows: Number(n), status: "complete" });
  });

  it("a malformed project is a 400 naming the parameter and what a project id looks like", async () => {
    const bad = ["SX 2024-0001", "SX2024-0001;DROP TABLE dim_project", "SX0005' OR '1'='1", "项目0005", "SX0005/../x", "x".repeat(65)];
    for (const v of bad) {
      const res = await get(`/api/marts/mart_flags?project=${encodeURIComponent(v)}&format=csv`);
      expect(res.status, v).toBe(400);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      const msg = await res.text();
      expect(msg, v).toContain("参数 project（项目编号）的值无效：");
      expect(msg, v).toContain("应为1–64 位字母、数字、下划线、点或连字符，如 SX2024-0001");
      expect(msg).not.toContain("x".repeat(65)); // a long value is shortened in the message
    }
    const twice = await get(`/api/marts/mart_flags?project=${project}&project=${otherProject}`);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("参数 project 只能出现一次");
  });

  it("a relation without project_id is a 400 naming the relation", async () => {
    for (const relation of ["mart_county_year", "mart_department_year", "dim_department", "dim_county", "etl_batches", "meta_build"]) {
      const res = await get(`/api/marts/${relation}?project=${project}&format=csv`);
      expect(res.status, relation).toBe(400);
      expect(await res.text()).toContain(`数据集 ${relation} 没有 project_id 列，不能按参数 project（项目编号）筛选`);
    }
  });

  it("reaches SQL as a bound parameter, never spliced into the text", () => {
    const columns = [
      { name: "project_id", type: "VARCHAR" },
      { name: "dept_code", type: "VARCHAR" },
      { name: "year", type: "INTEGER" },
    ];
    const relation = { name: "mart_flags", columns };
    const req = parseExportRequest(relation, new URLSearchParams({ project: "SX2024-0001", year: "2024" }));
    expect(req.filters).toEqual({ year: 2024, project: "SX2024-0001" });
    const q = buildExportQuery({ ...req, scope: { dept: "D07" } });
    expect(q.sql).toContain('"project_id" = $project::VARCHAR');
    expect(q.sql).not.toContain("SX2024-0001");
    expect(q.params).toMatchObject({ project: "SX2024-0001", scope_dept: "D07" });
  });

  describe("for a department user", () => {
    const asDept = (q: string) => get(q, { Cookie: deptCookie });
    const bySet = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

    it("reads its rows in the relation's stored order, also where the scope goes through dim_project, so limit is stable", async () => {
      const own = new Set((await sql("SELECT project_id FROM fx.dim_project WHERE dept_code = $d", { d: projectDept })).map((r) => r.project_id));
      const want = (await expected("mart_cloud_monthly", "true", {})).filter((r) => own.has(r.project_id));
      expect(want.length).toBeGreaterThan(3);
      for (let i = 0; i < 10; i++) {
        const res = await asDept(`/api/marts/mart_cloud_monthly?format=json`);
        expect(res.status).toBe(200);
        const key = (r: Row) => `${r.project_id}|${r.month}|${r.service_name}`;
        expect(((await res.json()) as Row[]).map(key)).toEqual(want.map(key));
      }
    });

    it("its own department's project: exactly that project's rows, also where the scope goes through dim_project", async () => {
      for (const relation of ["mart_flags", "mart_project_milestones", "mart_cloud_monthly"]) {
        const res = await asDept(`/api/marts/${relation}?project=${project}&format=json`);
        expect(res.status, relation).toBe(200);
        const want = await expected(relation, "project_id = $p", { p: project });
        expect(want.length).toBeGreaterThan(0);
        expect(bySet((await res.json()) as Row[])).toEqual(bySet(want));
      }
      const withDept = await asDept(`/api/marts/mart_flags?dept=${projectDept}&project=${project}&format=json`);
      expect(((await withDept.json()) as Row[]).length).toBeGreaterThan(0);
    });

    it("another department's project: a 403 as for another department's dept, and none of its rows", async () => {
      const [{ n }] = await sql("SELECT count(*)::INTEGER AS n FROM fx.mart_cloud_monthly WHERE project_id = $p", { p: otherProject });
      expect(Number(n)).toBeGreaterThan(0); // there is something to withhold
      const queries = [
        ...["mart_flags", "mart_project_milestones", "mart_cloud_monthly", "mart_fund_status", "dim_project"].flatMap((r) => [
          `/api/marts/${r}?project=${otherProject}&format=csv`,
          `/api/marts/${r}?project=${otherProject}&format=json`,
        ]),
        `/api/marts/mart_flags?dept=${projectDept}&project=${otherProject}&format=arrow`,
        // a project id no department has is refused alike: the answer does not tell the two apart
        "/api/marts/mart_flags?project=SX2024-0001&format=csv",
      ];
      for (const q of queries) {
        const res = await asDept(q);
        expect(res.status, q).toBe(403);
        const msg = await res.text();
        expect(msg, q).toBe("您只能导出本单位的项目数据（参数 project 须为本单位的项目编号）。\n");
        expect(msg).not.toContain(otherProject);
      }
      const otherDept = await asDept(`/api/marts/mart_flags?dept=${projectDept === "D01" ? "D02" : "D01"}&project=${otherProject}`);
      expect(otherDept.status).toBe(403);
      expect(await otherDept.text()).toContain("参数 dept 须为本单位代码");
    });
  });
});
