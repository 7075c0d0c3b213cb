// `npm run gen` end to end: real files in a temp dir, read back the way an operator's tools would read them. The
// contract's headers and the rule ids are parsed from the specs at test time, so a spec change fails here first.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGenArgs } from "../../etl/gen/cli-args.js";
import { generateInbox, type GenSummary } from "../../etl/gen/index.js";

const SPEC = "/work/shared/spec";
const YEARS: [number, number] = [2024, 2025];
const SEED = 20201022;

// ---------- reading the specs ----------

/** `file` → its column list, from data-contract.md "### Columns" (parenthetical notes after a space dropped). */
async function contractColumns(): Promise<Map<string, string[]>> {
  const text = await readFile(path.join(SPEC, "data-contract.md"), "utf8");
  const section = text.slice(text.indexOf("### Columns"), text.indexOf("## Warehouse"));
  const entries: string[] = [];
  for (const line of section.split("\n")) {
    if (line.startsWith("- `")) entries.push(line.slice(2));
    else if (line.startsWith("  ") && entries.length) entries[entries.length - 1] += " " + line.trim();
  }
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const m = /^`([^`]+)`:\s*(.*)$/.exec(e);
    if (!m) continue;
    let body = m[2];
    if (m[1] === "cloud_billing") body = body.slice(body.indexOf("—") + 1, body.indexOf(". One row")).replace("and the custom column", "");
    // Notes are written ' (…)' with a space; units like 申报金额(万元) have none.
    while (/ \([^()]*\)/.test(body)) body = body.replace(/ \([^()]*\)/g, "");
    out.set(m[1], body.split(",").map((s) => s.trim()).filter(Boolean));
  }
  return out;
}

async function ruleIds(): Promise<string[]> {
  const text = await readFile(path.join(SPEC, "rules.md"), "utf8");
  return [...text.matchAll(/^\| (ART[0-9A-Z_]+) \|/gm)].map((m) => m[1]);
}

// ---------- reading the inbox ----------

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full));
  }
  return out.sort();
}

async function hashes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await listFiles(dir)) out.set(f, createHash("sha256").update(await readFile(path.join(dir, f))).digest("hex"));
  return out;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Decodes a CSV as the contract allows (UTF-8 with or without BOM, GBK) and splits it into records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function readCsv(file: string, encoding: "utf-8" | "gbk"): Promise<{ bom: boolean; rows: string[][] }> {
  const bytes = await readFile(file);
  const bom = bytes.subarray(0, 3).equals(BOM);
  const text = encoding === "gbk" ? iconv.decode(bytes, "gbk") : new TextDecoder("utf-8", { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  return { bom, rows: parseCsv(text) };
}

/** 'YYYY-MM-DD' or 'YYYY/M/D' → 'YYYY-MM-DD'. */
function isoDate(v: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(v);
  if (!m) throw new Error(`not a date: ${v}`);
  return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
}

async function query(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

// ---------- the runs ----------

let root: string;
let a: string;
let summary: GenSummary;
let hashA: Map<string, string>;
let hashB: Map<string, string>;
let hashC: Map<string, string>;
let columns: Map<string, string[]>;
let violations: { project_id: string; year: number; rule_id: string }[];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "xinguan-gen-"));
  a = path.join(root, "a");
  summary = await generateInbox({ out: a, scale: "city", seed: SEED, years: YEARS });
  await generateInbox({ out: path.join(root, "b"), scale: "city", seed: SEED, years: YEARS });
  await generateInbox({ out: path.join(root, "c"), scale: "city", seed: SEED + 1, years: YEARS });
  [hashA, hashB, hashC] = await Promise.all(["a", "b", "c"].map((d) => hashes(path.join(root, d))));
  columns = await contractColumns();
  const { rows } = await readCsv(path.join(a, "_generator", "violations.csv"), "utf-8");
  violations = rows.slice(1).map(([project_id, year, rule_id]) => ({ project_id, year: Number(year), rule_id }));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("npm run gen: determinism", () => {
  it("writes byte-identical files for the same seed", () => {
    expect([...hashA.keys()]).toEqual([...hashB.keys()]);
    for (const [file, h] of hashA) expect(hashB.get(file), file).toBe(h);
  });

  it("writes different data for a different seed", () => {
    for (const f of ["projects.xlsx", "contracts.csv", "_generator/violations.csv"]) expect(hashC.get(f), f).not.toBe(hashA.get(f));
  });
});

describe("npm run gen: the data contract's files", () => {
  const CSV_FILES: [string, "utf-8" | "utf-8-bom" | "gbk"][] = [
    ["reviews.csv", "utf-8-bom"], ["contracts.csv", "gbk"], ["changes.csv", "utf-8"], ["acceptances.csv", "utf-8-bom"],
    ["payments.csv", "utf-8-bom"], ["cloud_resources.csv", "utf-8"], ["operations.csv", "utf-8"], ["security.csv", "utf-8"],
    ["evaluations.csv", "utf-8-bom"], ["targets_actual.csv", "utf-8"], ["rectifications.csv", "utf-8-bom"],
    ["population.csv", "utf-8"], ["calendar.csv", "utf-8"],
  ];

  it("parses every file of the contract from the spec", () => {
    for (const f of [...CSV_FILES.map(([f]) => f), "项目申报", "绩效目标", "systems.json", "cloud_billing"]) expect(columns.get(f), f).toBeDefined();
  });

  it.each(CSV_FILES)("%s has exactly the contract's header, in its encoding (%s)", async (file, encoding) => {
    const { bom, rows } = await readCsv(path.join(a, file), encoding === "gbk" ? "gbk" : "utf-8");
    expect(bom).toBe(encoding === "utf-8-bom");
    expect(rows[0]).toEqual(columns.get(file));
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) expect(r.length).toBe(rows[0].length);
  });

  it("contracts.csv is GBK, not UTF-8", async () => {
    const bytes = await readFile(path.join(a, "contracts.csv"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(iconv.decode(bytes, "gbk")).toContain("合同编号");
  });

  it("projects.xlsx has both sheets with the contract's headers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(a, "projects.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["项目申报", "绩效目标"]);
    for (const name of ["项目申报", "绩效目标"]) {
      const ws = wb.getWorksheet(name)!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(columns.get(name));
    }
    const apps = wb.getWorksheet("项目申报")!;
    expect(apps.rowCount - 1).toBe(summary.files["projects.xlsx#项目申报"]);
    // 申报日期 is a real date cell, or (typed by hand) 'YYYY/M/D' text; amounts are numbers in 万元.
    const kinds = new Set<string>();
    apps.eachRow((row, n) => {
      if (n === 1) return;
      const d = row.getCell(6).value;
      kinds.add(d instanceof Date ? "date" : typeof d === "string" && /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(d) ? "slash" : `bad:${String(d)}`);
      const amount = row.getCell(19).value as number;
      expect(amount).toBeGreaterThanOrEqual(10);
      expect(amount).toBeLessThanOrEqual(3000);
    });
    expect([...kinds].sort()).toEqual(["date", "slash"]);
  });

  it("systems.json is a JSON array with exactly the contract's keys", async () => {
    const list = JSON.parse(await readFile(path.join(a, "systems.json"), "utf8")) as Record<string, unknown>[];
    expect(Array.isArray(list)).toBe(true);
    expect(list.length).toBeGreaterThan(10);
    for (const s of list) expect(Object.keys(s)).toEqual(columns.get("systems.json"));
  });

  it("bills come as both CSV and Parquet months with the FOCUS columns", async () => {
    const files = (await readdir(path.join(a, "cloud_billing"))).sort();
    const csv = files.filter((f) => f.endsWith(".csv"));
    const parquet = files.filter((f) => f.endsWith(".parquet"));
    expect(csv.length).toBeGreaterThan(0);
    expect(parquet.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^focus_\d{4}-\d{2}\.(csv|parquet)$/);
    const { rows } = await readCsv(path.join(a, "cloud_billing", csv[0]), "utf-8");
    expect(rows[0]).toEqual(columns.get("cloud_billing"));
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    const cols = await query(conn, `DESCRIBE SELECT * FROM read_parquet('${path.join(a, "cloud_billing", parquet[0])}')`);
    expect(cols.map((c) => c.column_name)).toEqual(columns.get("cloud_billing"));
    conn.closeSync();
    inst.closeSync();
  });

  it("uses both date spellings, 是/否 only, and amounts in their header's unit", async () => {
    const { rows: contracts } = await readCsv(path.join(a, "contracts.csv"), "gbk");
    const signed = contracts.slice(1).map((r) => r[4]);
    expect(signed.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(signed.some((d) => /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(d) && !/\/0/.test(d))).toBe(true);
    for (const r of contracts.slice(1)) {
      isoDate(r[4]);
      expect(r[5]).toMatch(/^\d+\.\d{2}$/); // 合同金额(元)
      expect(Number(r[5])).toBeGreaterThan(1_000);
    }
    const { rows: reviews } = await readCsv(path.join(a, "reviews.csv"), "utf-8");
    for (const r of reviews.slice(1)) {
      expect(["是", "否"]).toContain(r[6]);
      if (r[4] !== "") expect(r[4]).toMatch(/^\d+\.\d{2}$/); // 核准金额(万元)
    }
  });

  it("population covers the year before every billing year, for the six county-level divisions", async () => {
    const { rows } = await readCsv(path.join(a, "population.csv"), "utf-8");
    const billingYears = new Set(Object.keys(summary.files).filter((f) => f.startsWith("cloud_billing/")).map((f) => Number(/focus_(\d{4})/.exec(f)![1])));
    const codes = ["330602", "330603", "330604", "330624", "330681", "330683"];
    for (const y of billingYears) {
      const have = rows.filter((r) => Number(r[2]) === y - 1).map((r) => r[0]).sort();
      expect(have, `population ${y - 1}`).toEqual(codes);
    }
  });

  it("calendar.csv lists only the exceptions to Monday–Friday, 2020 through 2026", async () => {
    const { rows } = await readCsv(path.join(a, "calendar.csv"), "utf-8");
    const body = rows.slice(1);
    const years = new Set(body.map((r) => Number(r[0].slice(0, 4))));
    expect([...years].sort()).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const [day, type] of body) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      expect(type === "节假日" ? weekday >= 1 && weekday <= 5 : type === "调休上班" && (weekday === 0 || weekday === 6), day).toBe(true);
    }
    expect(body).toContainEqual(["2024-09-29", "调休上班", "国庆节调休"]);
    expect(body).toContainEqual(["2024-10-01", "节假日", "国庆节"]);
  });
});

describe("npm run gen: cloud bills", () => {
  let inst: DuckDBInstance;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    inst = await DuckDBInstance.create(":memory:");
    conn = await inst.connect();
    const dir = path.join(a, "cloud_billing");
    await conn.run(`CREATE TABLE bills AS
      SELECT filename, ResourceId, ChargeCategory, BillingCurrency, Tags, x_CpuUtilization,
             epoch(ChargePeriodStart::TIMESTAMPTZ) AS cps, epoch(ChargePeriodEnd::TIMESTAMPTZ) AS cpe,
             epoch(BillingPeriodStart::TIMESTAMPTZ) AS bps
      FROM read_csv('${dir}/*.csv', filename = true, all_varchar = true)
      UNION ALL BY NAME
      SELECT filename, ResourceId, ChargeCategory, BillingCurrency, Tags, x_CpuUtilization::VARCHAR AS x_CpuUtilization,
             epoch(ChargePeriodStart) AS cps, epoch(ChargePeriodEnd) AS cpe, epoch(BillingPeriodStart) AS bps
      FROM read_parquet('${dir}/*.parquet', filename = true)`);
    await conn.run(`CREATE TABLE res AS SELECT * FROM read_csv('${path.join(a, "cloud_resources.csv")}', all_varchar = true)`);
  });
  afterAll(() => {
    conn.closeSync();
    inst.closeSync();
  });

  it("has one row per resource per day, each day running 16:00Z to 16:00Z", async () => {
    const [r] = await query(conn, `SELECT count(*) AS n,
        count(*) FILTER (WHERE cps % 86400 <> 57600) AS off_boundary,
        count(*) FILTER (WHERE cpe - cps <> 86400) AS not_a_day,
        (SELECT count(*) FROM (SELECT ResourceId, cps, ChargeCategory FROM bills GROUP BY ALL HAVING count(*) > 1)) AS duplicates,
        count(*) FILTER (WHERE BillingCurrency <> 'CNY') AS not_cny,
        count(*) FILTER (WHERE x_CpuUtilization IS NOT NULL AND (x_CpuUtilization::DOUBLE < 0 OR x_CpuUtilization::DOUBLE > 1)) AS bad_cpu
      FROM bills`);
    expect(Number(r.n)).toBe(Object.entries(summary.files).filter(([f]) => f.startsWith("cloud_billing/")).reduce((s, [, n]) => s + n, 0));
    expect(r).toMatchObject({ off_boundary: "0", not_a_day: "0", duplicates: "0", not_cny: "0", bad_cpu: "0" });
  });

  it("bills each resource every day from opening to the day before release, with its project in the Tags", async () => {
    const rows = await query(conn, `
      WITH per AS (
        SELECT ResourceId, min(cps) AS first, max(cps) AS last, count(*) AS days,
               any_value(json_extract_string(Tags, '$.project_id')) AS tag_project
        FROM bills GROUP BY ResourceId)
      SELECT count(*) AS resources,
        count(*) FILTER (WHERE days <> (last - first) / 86400 + 1) AS gaps,
        count(*) FILTER (WHERE tag_project IS DISTINCT FROM res."项目编号") AS wrong_project,
        count(*) FILTER (WHERE first <> epoch(res."开通日期"::DATE) - 28800) AS wrong_start,
        count(*) FILTER (WHERE res."释放日期" IS NOT NULL AND last > epoch(res."释放日期"::DATE) - 86400 - 28800) AS after_release
      FROM per JOIN res ON res."资源编号" = per.ResourceId`);
    const [r] = rows;
    expect(Number(r.resources)).toBeGreaterThan(100);
    expect(r).toMatchObject({ gaps: "0", wrong_project: "0", wrong_start: "0", after_release: "0" });
  });

  it("puts each day in the file of its Beijing month", async () => {
    const [r] = await query(conn, `SELECT count(*) FILTER (WHERE strftime(to_timestamp(cps + 28800) AT TIME ZONE 'UTC', '%Y-%m') <> regexp_extract(filename, 'focus_(\\d{4}-\\d{2})', 1)) AS misplaced FROM bills`);
    expect(r.misplaced).toBe("0");
  });
});

describe("npm run gen: intended violations", () => {
  it("break every rule of rules.md in at least three projects", async () => {
    const ids = await ruleIds();
    expect(ids.length).toBeGreaterThanOrEqual(20);
    for (const id of ids) {
      const projects = new Set(violations.filter((v) => v.rule_id === id).map((v) => v.project_id));
      expect(projects.size, id).toBeGreaterThanOrEqual(3);
    }
    for (const v of violations) expect(ids, v.rule_id).toContain(v.rule_id);
  });

  it("are written sorted, with a manifest of the run", async () => {
    const keys = violations.map((v) => `${v.project_id}\u0000${String(v.year)}\u0000${v.rule_id}`);
    expect(keys).toEqual([...keys].sort());
    const manifest = JSON.parse(await readFile(path.join(a, "_generator", "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ seed: SEED, scale: "city", years: YEARS, as_of: "2026-11-25" });
    expect(manifest.counts).toEqual(summary.files);
    expect(manifest.violation_rows).toBe(violations.length);
  });

  it("include rules.md's example: signed 2024-09-27, filed 2024-10-10 on time, 2024-10-11 late", async () => {
    const { rows } = await readCsv(path.join(a, "contracts.csv"), "gbk");
    const on = (filed: string) => rows.slice(1).filter((r) => isoDate(r[4]) === "2024-09-27" && r[6] !== "" && isoDate(r[6]) === filed).map((r) => r[1]);
    const onTime = on("2024-10-10");
    const late = on("2024-10-11");
    expect(onTime.length).toBeGreaterThan(0);
    expect(late.length).toBeGreaterThan(0);
    const art16 = new Set(violations.filter((v) => v.rule_id === "ART16_CONTRACT_FILING_LATE" && v.year === 2024).map((v) => v.project_id));
    for (const p of onTime) expect(art16.has(p), `${p} filed on the last day`).toBe(false);
    for (const p of late) expect(art16.has(p), `${p} filed a day late`).toBe(true);
  });

  it("keep every near-miss case clean for its rule", async () => {
    const { rows } = await readCsv(path.join(a, "_generator", "near_misses.csv"), "utf-8");
    const cases = rows.slice(1);
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const rulesWithNearMisses = new Set(cases.map((c) => c[1]));
    for (const r of ["ART16_CONTRACT_FILING_LATE", "ART19_ACCEPTANCE_FILING_LATE", "ART30_CATALOG_LATE", "ART23_NO_ALLOCATION_PLAN"]) {
      expect(rulesWithNearMisses.has(r), r).toBe(true);
    }
    for (const [project, rule] of cases) {
      expect(violations.some((v) => v.project_id === project && v.rule_id === rule), `${project} ${rule}`).toBe(false);
    }
  });

  it("leave open rectifications open past 2026-12-31 and failed ones past their deadline by 2026-11-25", async () => {
    const { rows } = await readCsv(path.join(a, "rectifications.csv"), "utf-8");
    const byProject = new Map(rows.slice(1).map((r) => [r[1], r]));
    for (const v of violations.filter((x) => x.rule_id === "ART34_RECTIFICATION_OPEN")) {
      const r = byProject.get(v.project_id)!;
      expect(isoDate(r[5]) > "2026-12-31").toBe(true);
      expect(r[6]).toBe("");
    }
    for (const v of violations.filter((x) => x.rule_id === "ART34_RECTIFICATION_FAILED")) {
      expect(isoDate(byProject.get(v.project_id)![5]) < "2026-11-25").toBe(true);
    }
  });
});

describe("npm run gen: command line", () => {
  it("parses the contract's options and refuses unknown ones", () => {
    expect(parseGenArgs(["--out", "d", "--scale", "province", "--seed", "7", "--years", "2022-2024"])).toEqual({
      kind: "run",
      options: { out: "d", scale: "province", seed: 7, years: [2022, 2024] },
    });
    expect(parseGenArgs(["--out=d"])).toEqual({ kind: "run", options: { out: "d", scale: undefined, seed: undefined, years: undefined } });
    expect(parseGenArgs(["--scale", "town", "--out", "d"]).kind).toBe("error");
    expect(parseGenArgs(["--years", "2024"]).kind).toBe("error");
    expect(parseGenArgs([]).kind).toBe("error");
    expect(parseGenArgs(["--bogus"]).kind).toBe("error");
  });

  it("refuses budget years the export cannot hold", async () => {
    await expect(generateInbox({ out: path.join(root, "bad"), years: [2019, 2025] })).rejects.toThrow(/2021-2025/);
    await expect(generateInbox({ out: path.join(root, "bad"), years: [2025, 2025] })).rejects.toThrow(/two or more/);
  });
});
