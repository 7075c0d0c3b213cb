// Property-based tests (fast-check) on random input: never a crash, always a reason.
//   - Working days: for random holiday notices (random covered years, with gaps; random 节假日 / 调休上班 days), the
//     warehouse's calendar macros (queries/reference/20-calendar.sql) agree with an independent day-by-day count,
//     and where the calendar cannot tell they fail with an error naming the year to add — never a wrong date.
//   - CSV: parseCsv returns any RFC 4180 table it is given, whatever the fields hold; decodeText reads any bytes or
//     refuses them with a reason; a random payments.csv through loadInbox either is refused with an InboxError naming
//     the file, or loads with every row accounted for (read = loaded + rejected, each rejected row with its reasons).
//   - XLSX: a random 项目申报 sheet (every kind of cell exceljs can hold), and random cuts of a workbook: the same.
//   - JSON: random systems.json documents: the same.
// Allocation rounding has its property test in test/queries/allocation.property.test.ts (largest remainder against an
// independent BigInt implementation, parts sum to the fen); it is not repeated here.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema, openWarehouse, query, ROOT, runSqlFile } from "../../etl/db.js";
import { parseCsv } from "../../etl/load/csv-parse.js";
import { decodeText } from "../../etl/load/decode.js";
import { InboxError, loadInbox } from "../../etl/load/inbox.js";
import { silentReporter } from "../../etl/load/reporter.js";
import { recordFigures } from "../support/reliability-figures.js";
import { cleanSheets, PROJECT_HEADERS, writeWorkbook, type Cell } from "../support/reliability-inbox.js";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";

const figures: Record<string, number> = {};
const count = (key: string, n = 1) => (figures[key] = (figures[key] ?? 0) + n);

let work: string;
let projectsXlsx: Buffer;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "xinguan-fuzz-"));
  await writeWorkbook(work);
  projectsXlsx = await readFile(path.join(work, "projects.xlsx"));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await recordFigures("fuzz", { inputs_tried: figures, total: Object.values(figures).reduce((a, b) => a + b, 0) });
});

// ------------------------------------------------------------------------------------------------ working days

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const yearOf = (d: string) => Number(d.slice(0, 4));

interface Calendar {
  rows: { day: string; day_type: "节假日" | "调休上班"; name: string }[];
}

/** The independent model: every day of the covered years, classified, with the cumulative working-day ordinal. */
function model(cal: Calendar) {
  const years = [...new Set(cal.rows.map((r) => yearOf(r.day)))].sort((a, b) => a - b);
  const exc = new Map(cal.rows.map((r) => [r.day, r.day_type]));
  const days: { day: string; work: boolean; seq: number }[] = [];
  let seq = 0;
  for (const y of years) {
    for (let t = Date.UTC(y, 0, 1); t <= Date.UTC(y, 11, 31); t += DAY) {
      const d = iso(t);
      const dow = new Date(t).getUTCDay(); // 0 Sunday
      const type = exc.get(d) ?? (dow === 0 || dow === 6 ? "周末" : "工作日");
      const work = type === "工作日" || type === "调休上班";
      if (work) seq++;
      days.push({ day: d, work, seq });
    }
  }
  const index = new Map(days.map((d, i) => [d.day, i]));
  const covered = new Set(years);
  /** The last year of the run of consecutive covered years that y belongs to. */
  const runEnd = (y: number) => {
    let e = y;
    while (covered.has(e + 1)) e++;
    return e;
  };
  const err = (year: number) => ({ error: year });
  return {
    addWorkdays(d: string, n: number): { value: string } | { error: number } {
      const y = yearOf(d);
      if (!covered.has(y)) return err(y);
      const end = `${runEnd(y)}-12-31`;
      let left = n;
      for (let i = index.get(d)! + 1; i < days.length && days[i].day <= end; i++) {
        if (days[i].work && --left === 0) return { value: days[i].day };
      }
      return err(runEnd(y) + 1);
    },
    deadlinePassed(d: string, n: number, x: string): { value: boolean } | { error: number } {
      const due = this.addWorkdays(d, n);
      if ("value" in due) return { value: x > due.value };
      const y = yearOf(d);
      if (covered.has(y) && x <= `${runEnd(y)}-12-31`) return { value: false };
      return due;
    },
    between(a: string, b: string): number | null {
      const ia = index.get(a);
      const ib = index.get(b);
      if (ia === undefined || ib === undefined || b > `${runEnd(yearOf(a))}-12-31`) return null;
      return days[ib].seq - days[ia].seq;
    },
    isWorkday(d: string): boolean | null {
      const i = index.get(d);
      return i === undefined ? null : days[i].work;
    },
  };
}

const calendarArb: fc.Arbitrary<{ cal: Calendar; base: number }> = fc
  .record({
    base: fc.integer({ min: 2019, max: 2031 }),
    years: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
    extra: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 364 }), fc.boolean()), {
      maxLength: 40,
    }),
  })
  .map(({ base, years, extra }) => {
    const rows = new Map<string, Calendar["rows"][number]>();
    // each covered year has at least one row (that is what makes it covered); 1 January is a holiday in every notice
    for (const y of years) rows.set(`${base + y}-01-01`, { day: `${base + y}-01-01`, day_type: "节假日", name: "元旦" });
    for (const [y, doy, holiday] of extra) {
      if (!years.includes(y)) continue;
      const d = iso(Date.UTC(base + y, 0, 1) + doy * DAY);
      if (yearOf(d) !== base + y) continue;
      rows.set(d, { day: d, day_type: holiday ? "节假日" : "调休上班", name: holiday ? "假日" : "调休" });
    }
    return { cal: { rows: [...rows.values()] }, base };
  });

describe("working-day arithmetic (property)", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse();
  });
  afterAll(() => wh.close());

  async function installCalendar(cal: Calendar): Promise<void> {
    await wh.conn.run("DELETE FROM stg_calendar");
    // the rows are the test's own constants (dates and two Chinese words), so literals are safe here
    await wh.conn.run(
      `INSERT INTO stg_calendar VALUES ${cal.rows.map((r) => `(DATE '${r.day}', '${r.day_type}', '${r.name}')`).join(", ")}`,
    );
    await runSqlFile(wh.conn, path.join(ROOT, "queries", "reference", "20-calendar.sql"));
  }

  async function sqlValue<T>(sql: string): Promise<{ value: T } | { error: number } | { crash: string }> {
    try {
      const [row] = await query(wh.conn, sql);
      return { value: row.v as T };
    } catch (e) {
      const m = /工作日历未覆盖 (\d{4}) 年/.exec((e as Error).message);
      return m ? { error: Number(m[1]) } : { crash: (e as Error).message };
    }
  }

  it("add_workdays / workday_deadline_passed / workdays_between agree with a day-by-day count, or name the missing year", async () => {
    await fc.assert(
      fc.asyncProperty(
        calendarArb,
        fc.array(
          fc.record({
            offset: fc.integer({ min: -200, max: 5 * 366 + 200 }),
            n: fc.oneof(fc.constantFrom(1, 5, 10), fc.integer({ min: 1, max: 40 })),
            xAfter: fc.integer({ min: -5, max: 90 }),
          }),
          { minLength: 10, maxLength: 25 },
        ),
        async ({ cal, base }, queries) => {
          await installCalendar(cal);
          const m = model(cal);
          // the calendar itself: every covered day classified as the model does, nothing outside the covered years
          const days = await query(wh.conn, "SELECT day::VARCHAR AS d, is_workday AS w FROM ref_calendar ORDER BY day");
          const coveredYears = new Set(cal.rows.map((r) => yearOf(r.day)));
          expect(days.length).toBe([...coveredYears].reduce((s, y) => s + (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 366 : 365), 0));
          for (const d of days) expect(d.w, String(d.d)).toBe(m.isWorkday(String(d.d)));
          for (const q of queries) {
            count("workday_queries");
            const d = iso(Date.UTC(base, 0, 1) + q.offset * DAY);
            const x = iso(Date.UTC(base, 0, 1) + (q.offset + q.xAfter) * DAY);
            const add = await sqlValue<string>(`SELECT add_workdays(DATE '${d}', ${q.n})::VARCHAR AS v`);
            count("error" in add ? "workday_queries_naming_a_missing_year" : "workday_queries_with_a_date");
            expect(add, `add_workdays(${d}, ${q.n})`).toEqual(m.addWorkdays(d, q.n));
            const passed = await sqlValue<boolean>(`SELECT workday_deadline_passed(DATE '${d}', ${q.n}, DATE '${x}') AS v`);
            expect(passed, `workday_deadline_passed(${d}, ${q.n}, ${x})`).toEqual(m.deadlinePassed(d, q.n, x));
            const due = await sqlValue<string | null>(`SELECT workday_due_or_null(DATE '${d}', ${q.n})::VARCHAR AS v`);
            const expectedDue = m.addWorkdays(d, q.n);
            expect(due, `workday_due_or_null(${d}, ${q.n})`).toEqual({ value: "value" in expectedDue ? expectedDue.value : null });
            const between = await sqlValue<string | null>(`SELECT workdays_between(DATE '${d}', DATE '${x}')::VARCHAR AS v`);
            const b = m.between(d, x);
            expect(between, `workdays_between(${d}, ${x})`).toEqual({ value: b === null ? null : String(b) });
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});

// ------------------------------------------------------------------------------------------------ CSV

/** A field as Chinese office exports hold them, and as they break. */
const fieldArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom("", " ", "\u3000", '"', '""', ",", "\n", "\r\n", "\r", "是", "否", "P2024-001", "2024-02-30", "45292", "-1", "1,234.50", "建设", "运维", "\uFEFF", "\u0000") },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9.,\-+e]{0,10}$/) },
);

function csvQuote(f: string): string {
  return /[",\r\n]/.test(f) || f.startsWith('"') ? `"${f.replaceAll('"', '""')}"` : f;
}

describe("CSV reading (property)", () => {
  it("parseCsv gives back any RFC 4180 table, whatever its fields hold", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fieldArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        (records, eol, finalEol) => {
          count("csv_parse_tables");
          const text = records.map((r) => (r.length === 1 && r[0] === "" ? '""' : r.map(csvQuote).join(","))).join(eol) + (finalEol ? eol : "");
          const parsed = parseCsv(text);
          expect(parsed.map((p) => p.fields)).toEqual(records);
          expect(parsed.every((p) => !p.unterminatedQuote)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("parseCsv never throws on any text, and a cut-off quote is flagged, not swallowed", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "中", ",", '"', "\n", "\r", " ", "1") as fc.Arbitrary<string>, maxLength: 80 }), (text) => {
        count("csv_parse_random");
        const parsed = parseCsv(text);
        for (const r of parsed) expect(r.fields.length).toBeGreaterThan(0);
        // only the last record can be cut inside a quote
        expect(parsed.slice(0, -1).every((r) => !r.unterminatedQuote)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("decodeText reads any bytes as UTF-8 (BOM or not) or GB18030, or refuses them with a reason", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => new Uint8Array(Buffer.from(s, "utf8"))),
          fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, "utf8")]))),
          fc.string({ unit: fc.constantFrom("项", "目", "编", "号", "金", "额", "元", "a", "1", ",", "\n") as fc.Arbitrary<string>, maxLength: 30 }).map(
            (s) => new Uint8Array(iconv.encode(s, "gbk")),
          ),
        ),
        (bytes) => {
          count("decode_inputs");
          try {
            const { text, encoding } = decodeText("x.csv", bytes);
            expect(["utf-8", "utf-8-bom", "gb18030"]).toContain(encoding);
            expect(text.includes("\uFFFD") && encoding === "gb18030").toBe(false);
            const utf8 = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
            if (encoding === "utf-8") expect(text).toBe(utf8);
            if (encoding === "gb18030") expect(text).toBe(iconv.decode(Buffer.from(bytes), "gb18030"));
          } catch (err) {
            expect(err).toBeInstanceOf(InboxError);
            expect((err as Error).message).toMatch(/^x\.csv：\S/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("GBK text that is not also valid UTF-8 is decoded back exactly", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."项目编号支付日期金额资金类型建设运维绍兴市大数据局合同备案，。（）") as fc.Arbitrary<string>, minLength: 1, maxLength: 40 }), (s) => {
        count("decode_gbk");
        const bytes = iconv.encode(s, "gbk");
        let validUtf8 = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          validUtf8 = false;
        }
        fc.pre(!validUtf8);
        expect(decodeText("x.csv", bytes)).toEqual({ text: s, encoding: "gb18030" });
      }),
      { numRuns: 500 },
    );
  });
});

// ------------------------------------------------------------------------------------------------ loader

/** Loads an inbox of the clean projects.xlsx plus `files`; returns what a reader of the warehouse would check. */
async function loadFuzzed(files: Record<string, string | Uint8Array>, withProjects = true) {
  const dir = await mkdtemp(path.join(work, "inbox-"));
  try {
    if (withProjects) await writeFile(path.join(dir, "projects.xlsx"), projectsXlsx);
    for (const [f, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
      await writeFile(path.join(dir, f), content);
    }
    const wh = await openWarehouse(":memory:");
    try {
      await createSchema(wh.conn);
      try {
        await loadInbox(wh.conn, dir, silentReporter);
      } catch (err) {
        return { error: err as Error };
      }
      const batches = await query(wh.conn, "SELECT source, file, rows_read, rows_loaded, rows_rejected, status FROM etl_batches");
      const rejects = await query(wh.conn, "SELECT file, row_number, column_name, reason FROM etl_rejects");
      const staged: Record<string, number> = {};
      for (const t of ["stg_projects", "stg_perf_targets", "stg_payments", "stg_systems"]) {
        staged[t] = Number((await query(wh.conn, `SELECT count(*) AS n FROM ${t}`))[0].n);
      }
      return { batches, rejects, staged };
    } finally {
      wh.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The accounting every load must satisfy for `file` (a batch file name) and its staging table. */
function expectAccounted(
  out: Awaited<ReturnType<typeof loadFuzzed>>,
  file: string,
  table: string,
  expectedRead?: number,
  /** The highest row number a reject may name: rows read, except in a sheet, whose numbers follow its rows and
   *  skip nothing while blank rows are not read. */
  maxRow?: number,
): void {
  if ("error" in out) throw out.error;
  const b = out.batches.find((x) => x.file === file)!;
  expect(b, file).toBeDefined();
  const [read, loaded, rejected] = [Number(b.rows_read), Number(b.rows_loaded), Number(b.rows_rejected)];
  expect(read).toBe(loaded + rejected);
  if (expectedRead !== undefined) expect(read).toBe(expectedRead);
  expect(out.staged[table]).toBe(loaded);
  const mine = out.rejects.filter((r) => r.file === file);
  const rows = new Set(mine.map((r) => Number(r.row_number)));
  expect(rows.size).toBe(rejected);
  for (const r of mine) {
    expect(Number(r.row_number)).toBeGreaterThanOrEqual(1);
    expect(Number(r.row_number)).toBeLessThanOrEqual(maxRow ?? read);
    expect(String(r.reason).length).toBeGreaterThan(0);
  }
  for (const other of out.batches) expect(Number(other.rows_read)).toBe(Number(other.rows_loaded) + Number(other.rows_rejected));
}

function expectReason(out: Awaited<ReturnType<typeof loadFuzzed>>, file: string): void {
  if (!("error" in out) || !out.error) return;
  const error = out.error;
  expect(error, error.stack).toBeInstanceOf(InboxError);
  expect(error.message.startsWith(`${file}：`), error.message).toBe(true);
  expect(error.message.length).toBeGreaterThan(file.length + 1);
}

const PAYMENT_HEADERS = ["支付流水号", "项目编号", "支付日期", "金额(元)", "金额(万元)", "资金类型", "备注", ""];
const paymentCell = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("ZF-1", "ZF-2", "ZF-1", "P2024-001", "P2023-010", "P9999", "2024-07-15", "2024/7/1", "2024-02-30", "45292", "100", "1,234.50", "-5", "1e3", "建设", "运维", "") },
  { weight: 2, arbitrary: fieldArb },
);

describe("the loader on random input (property)", () => {
  it("a random payments.csv is refused with a reason naming the file, or every row is accounted for", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // a header drawn from the contract's and other columns, in any order, maybe repeated or missing some
          fc.array(fc.constantFrom(...PAYMENT_HEADERS), { minLength: 1, maxLength: 8 }),
          fc.shuffledSubarray(["支付流水号", "项目编号", "支付日期", "金额(元)", "资金类型"], { minLength: 5, maxLength: 5 }),
        ),
        fc.array(fc.array(paymentCell, { minLength: 0, maxLength: 9 }), { maxLength: 15 }),
        fc.constantFrom("utf8", "utf8bom", "gbk", "crlf"),
        fc.boolean(),
        async (header, rows, enc, truncate) => {
          count("csv_files_loaded");
          let text = [header.map(csvQuote).join(","), ...rows.map((r) => r.map(csvQuote).join(","))].join(enc === "crlf" ? "\r\n" : "\n") + "\n";
          if (truncate && text.length > 10) text = text.slice(0, Math.floor(text.length * 0.8));
          const bytes =
            enc === "gbk" ? iconv.encode(text, "gbk") : enc === "utf8bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : Buffer.from(text);
          const out = await loadFuzzed({ "payments.csv": bytes });
          if ("error" in out) return expectReason(out, "payments.csv");
          // the number of rows read is the number of non-blank records after the header
          const decoded = decodeText("payments.csv", bytes).text;
          const records = parseCsv(decoded).length - 1;
          expectAccounted(out, "payments.csv", "stg_payments", records);
        },
      ),
      { numRuns: 50 },
    );
  }, 240_000);

  it("a random 项目申报 sheet (any kind of cell) is refused with a reason, or every row is accounted for", async () => {
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      fc.constant(null),
      fieldArb,
      fc.double({ noNaN: false }),
      fc.integer(),
      fc.boolean(),
      fc.date({ min: new Date("1899-12-31"), max: new Date("2100-01-01"), noInvalidDate: false }),
      // (plain objects: exceljs calls hasOwnProperty on them, which fast-check's null-prototype records lack)
      fc.record({ formula: fc.constantFrom("A1*2", "SUM(S2:U2)", "#REF!"), result: fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(undefined)) }).map((o) => ({ ...o }) as Cell),
      fc.record({ error: fc.constantFrom("#DIV/0!", "#N/A", "#VALUE!", "#REF!") }).map((o) => ({ ...o }) as Cell),
      fc.record({ richText: fc.array(fc.record({ text: fc.string({ maxLength: 6 }) }).map((o) => ({ ...o })), { maxLength: 3 }) }).map((o) => ({ ...o }) as Cell),
      fc.record({ text: fc.string({ maxLength: 6 }), hyperlink: fc.constant("http://intranet.example/x") }).map((o) => ({ ...o }) as Cell),
    );
    const clean = cleanSheets();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: PROJECT_HEADERS.length - 1 }), cell), { maxLength: 40 }),
        fc.array(fc.array(cell, { maxLength: PROJECT_HEADERS.length }), { maxLength: 4 }),
        fc.option(fc.constantFrom("项目申报 ", "Sheet1", "项目申报（2）"), { nil: undefined }),
        async (edits, extraRows, rename) => {
          count("xlsx_workbooks_loaded");
          const rows = clean[0].rows.map((r) => [...r]);
          for (const [i, [col, v]] of edits.entries()) rows[i % rows.length][col] = v;
          const dir = await mkdtemp(path.join(work, "wb-"));
          try {
            await writeWorkbook(dir, {
              sheets: [{ ...clean[0], name: rename ?? clean[0].name, rows: [...rows, ...extraRows] }, clean[1]],
            });
            const out = await loadFuzzed({ "projects.xlsx": await readFile(path.join(dir, "projects.xlsx")) }, false);
            if ("error" in out) return expectReason(out, (out.error as InboxError).file?.startsWith("projects.xlsx#") ? (out.error as InboxError).file : "projects.xlsx");
            expectAccounted(out, "projects.xlsx#项目申报", "stg_projects", undefined, rows.length + extraRows.length);
            expectAccounted(out, "projects.xlsx#绩效目标", "stg_perf_targets", 3);
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 240_000);

  it("a workbook cut short or bit-flipped is refused with a reason, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
        async (cut, flips) => {
          count("xlsx_corrupted");
          const bytes = Buffer.from(projectsXlsx.subarray(0, Math.max(1, Math.floor(projectsXlsx.length * (flips.length > 0 ? 1 : cut)))));
          for (const [at, x] of flips) bytes[Math.floor(at * (bytes.length - 1))] ^= x;
          const out = await loadFuzzed({ "projects.xlsx": bytes }, false);
          if ("error" in out) {
            const file = (out.error as InboxError).file ?? "projects.xlsx";
            return expectReason(out, file.startsWith("projects.xlsx") ? file : "projects.xlsx");
          }
          expectAccounted(out, "projects.xlsx#项目申报", "stg_projects");
        },
      ),
      { numRuns: 25 },
    );
  }, 240_000);

  it("a random systems.json is refused with a reason, or every element is accounted for", async () => {
    const member = fc.oneof(fc.constant(null), fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constantFrom("P2024-001", "2024-06-01", "2024/6/1", "true", "是"), fc.jsonValue({ maxDepth: 1 }));
    const system = fc.dictionary(
      fc.constantFrom("system_id", "project_id", "name", "registered_on", "go_live_on", "catalog_items", "update_cycle_days", "duplicate_collection", "extra"),
      member,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: fc.array(fc.oneof({ weight: 5, arbitrary: system }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }), { maxLength: 12 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), async (doc) => {
        count("json_documents_loaded");
        const out = await loadFuzzed({ "systems.json": JSON.stringify(doc) ?? "" });
        if ("error" in out) return expectReason(out, "systems.json");
        expect(Array.isArray(doc)).toBe(true);
        expectAccounted(out, "systems.json", "stg_systems", (doc as unknown[]).length);
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});
