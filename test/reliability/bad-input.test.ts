// The bad-input corpus (fixtures/bad-inputs.ts), one test per malformed input. For each:
//   - a file that cannot be read: loadInbox throws an InboxError naming the file and the problem, and a build with
//     that inbox fails with the same message and leaves the live warehouse byte-for-byte as it was (no temp left);
//   - rejected rows: exactly the expected rejects (file, row, column, value, reason) and no other, every batch balances
//     (rows read = loaded + rejected), the touched sources hold what they should, and every other source's staging
//     table and batch are exactly those of the clean load.
// Cases marked `bug` describe the right outcome for a known product bug and run as expected failures (it.fails): the
// day the bug is fixed they turn red, and the mark must go. RELIABILITY_SHOW_BUGS=1 runs them as plain tests.
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema, openWarehouse, type Row } from "../../etl/db.js";
import { InboxError, loadInbox } from "../../etl/load/inbox.js";
import { silentReporter } from "../../etl/load/reporter.js";
import { buildWarehouse } from "../../etl/warehouse/build.js";
import { recordFigures } from "../support/reliability-figures.js";
import {
  buildingTemps,
  loadToSnapshot,
  makeCleanInbox,
  removeDir,
  type LoadSnapshot,
} from "../support/reliability-inbox.js";
import { BAD_INPUTS, type BadInput, type RejectSpec } from "./fixtures/bad-inputs.js";

let work: string;
let baseline: LoadSnapshot;
let live: string;
const outcomes: { id: string; outcome: "error" | "load"; bug: string | null; passed: boolean }[] = [];

async function fileIdentity(file: string): Promise<string> {
  const st = await stat(file);
  const sha = createHash("sha256").update(await readFile(file)).digest("hex");
  return `${st.ino}:${st.size}:${st.mtimeMs}:${sha}`;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "xinguan-bad-input-"));
  const clean = await makeCleanInbox(work);
  const loaded = await loadToSnapshot(clean);
  if (!loaded.ok) throw loaded.error;
  baseline = loaded.snapshot;
  // The live warehouse a failed build must leave alone: any valid warehouse file will do (the marts play no part).
  live = path.join(work, "live", "warehouse.duckdb");
  await mkdir(path.dirname(live));
  const wh = await openWarehouse(live);
  try {
    await createSchema(wh.conn);
    await loadInbox(wh.conn, clean, silentReporter);
    await wh.conn.run("CHECKPOINT");
  } finally {
    wh.close();
  }
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await recordFigures("bad-input", {
    inputs_tried: outcomes.length,
    unreadable_files: outcomes.filter((o) => o.outcome === "error").length,
    rejected_or_loaded: outcomes.filter((o) => o.outcome === "load").length,
    known_bugs: outcomes.filter((o) => o.bug).map((o) => `${o.id} (${o.bug})`),
  });
});

function matcher(v: string | null | RegExp): unknown {
  return v instanceof RegExp ? expect.stringMatching(v) : v;
}

function sourceOfTable(table: string): string {
  // The bills' monthly sums are written by the bill load from the same lines (decision 009).
  if (table === "stg_cloud_billing_month") return "cloud_billing";
  return table.replace(/^stg_/, "");
}

/** The inbox path of a batch's file (a sheet's batch shares its workbook's path). */
function pathOf(file: string): string {
  return file.split("#")[0];
}

async function checkLoad(c: BadInput, dir: string): Promise<void> {
  const e = c.expect;
  if ("error" in e) throw new Error("not a load case");
  const outcome = await loadToSnapshot(dir, (e.rows ?? []).map((q) => q.sql));
  if (!outcome.ok) throw outcome.error;
  const { snapshot, extra, infos } = outcome;
  // The warehouse's own integrity checks hold after the load, bad input or not.
  expect(outcome.integrity).toEqual([]);

  // Exactly the expected rejects, nothing else.
  const rejects = snapshot.rejects.map((x) => ({
    file: x.file,
    row: Number(x.row_number),
    column: x.column_name,
    value: x.value,
    reason: x.reason,
  }));
  const want = [...e.rejects]
    .sort((a, b) => (a.file === b.file ? a.row - b.row : a.file < b.file ? -1 : 1))
    .map((x: RejectSpec) => ({ ...x, value: matcher(x.value), reason: matcher(x.reason) }));
  expect(rejects).toEqual(want);

  // Every batch balances; the touched files' batches say what the case expects.
  for (const b of snapshot.batches) {
    expect(Number(b.rows_read), String(b.file)).toBe(Number(b.rows_loaded) + Number(b.rows_rejected));
  }
  for (const spec of e.batches) {
    const b = snapshot.batches.find((x) => x.file === spec.file);
    expect(b, `batch of ${spec.file}`).toBeDefined();
    expect({
      read: Number(b!.rows_read),
      loaded: Number(b!.rows_loaded),
      rejected: Number(b!.rows_rejected),
      status: b!.status,
      ...(spec.encoding ? { encoding: b!.encoding } : {}),
    }).toEqual({
      read: spec.read,
      loaded: spec.loaded,
      rejected: spec.rejected,
      status: spec.status ?? (spec.rejected > 0 ? "loaded_with_rejects" : "loaded"),
      ...(spec.encoding ? { encoding: spec.encoding } : {}),
    });
  }
  // Every other batch is the clean load's; a workbook sheet whose sibling sheet changed keeps all but its hash.
  const specFiles = new Set(e.batches.map((b) => b.file));
  const touchedPaths = new Set(
    baseline.batches.filter((b) => c.sources.includes(String(b.source))).map((b) => pathOf(String(b.file))),
  );
  const others = (batches: Row[]) =>
    batches
      .filter((b) => !specFiles.has(String(b.file)))
      .map((b) => (touchedPaths.has(pathOf(String(b.file))) ? { ...b, sha256: "(same workbook, changed)" } : b));
  expect(others(snapshot.batches)).toEqual(others(baseline.batches));

  // Untouched sources: exactly the clean load. Touched sources: the case's checks, else the clean load too.
  for (const [table, rows] of Object.entries(baseline.tables)) {
    const source = sourceOfTable(table);
    if (c.sources.includes(source) && e.rows) continue;
    expect(snapshot.tables[table], table).toEqual(rows);
  }
  (e.rows ?? []).forEach((q, i) => expect(extra[i], q.sql).toEqual(q.rows));
  for (const line of e.infos ?? []) expect(infos.map((x) => x.message)).toContain(line);
}

async function checkError(c: BadInput, dir: string): Promise<void> {
  const e = c.expect;
  if (!("error" in e)) throw new Error("not an error case");
  const outcome = await loadToSnapshot(dir);
  expect(outcome.ok, "the load should have refused the file").toBe(false);
  if (outcome.ok) return;
  expect(outcome.error).toBeInstanceOf(InboxError);
  expect((outcome.error as InboxError).file).toBe(e.error.file);
  expect(outcome.error.message).toEqual(matcher(e.error.message));

  // The same inbox through a real build: it fails with the same message and the live warehouse is untouched.
  // (Each case has its own copy of the live warehouse: the cases run concurrently.)
  const db = path.join(work, `live-${c.id}`, "warehouse.duckdb");
  await mkdir(path.dirname(db));
  await copyFile(live, db);
  const before = await fileIdentity(db);
  await expect(
    buildWarehouse({ inbox: dir, db, asOf: "2025-06-30", reporter: silentReporter }),
  ).rejects.toThrow(outcome.error.message);
  expect(await fileIdentity(db)).toBe(before);
  expect(await buildingTemps(db)).toEqual([]);
}

describe.concurrent("bad-input corpus", () => {
  it("is a corpus of distinct, described inputs", () => {
    const ids = BAD_INPUTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const inputs = BAD_INPUTS.map((c) => c.input);
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
  });

  it("starts from a clean inbox that loads every source with no reject", () => {
    expect(baseline.rejects).toEqual([]);
    expect(baseline.batches.every((b) => b.status === "loaded")).toBe(true);
    expect(Object.values(baseline.tables).every((rows) => rows.length > 0)).toBe(true);
  });

  for (const c of BAD_INPUTS) {
    // RELIABILITY_SHOW_BUGS=1 runs the known-bug cases as plain tests, to see how they fail today
    const run = c.bug && !process.env.RELIABILITY_SHOW_BUGS ? it.fails : it;
    run(`${c.id}${c.bug ? ` [${c.bug}]` : ""}: ${c.input}`, async () => {
      const record = { id: c.id, outcome: "error" in c.expect ? ("error" as const) : ("load" as const), bug: c.bug ?? null, passed: false };
      outcomes.push(record);
      const dir = await makeCleanInbox(work);
      try {
        await c.write(dir);
        if ("error" in c.expect) await checkError(c, dir);
        else await checkLoad(c, dir);
        record.passed = true;
      } finally {
        await removeDir(dir);
      }
    });
  }
});
