// The server's warehouse reader (app/db.server.ts) under rapid swaps, in process: 16 concurrent readers — callbacks of
// withWarehouse and export-style leases — each read the build, yield for a random moment, and read the batches, while
// the file is swapped (a copy renamed over it, as the ETL does) every 2–12 ms (and now and then every 60–180 ms) between three warehouses. Every
// call must succeed, every call must read one warehouse from start to end — the one its identity names (pages cache
// views under it, exports are stamped with it) — and once the readers are done and one more
// call has looked, the process must hold no swapped-out warehouse open (DuckDB instances retired, not leaked).
import { copyFile, mkdtemp, readdir, readlink, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema, openWarehouse, ROOT } from "../../etl/db.js";
import { recordFigures } from "../support/reliability-figures.js";

const READERS = 16;
const RUN_MS = 8_000;
const WAREHOUSES = 3;

// The reader runs the suites' own queries (fixtures/queries), not the pages': those belong to the pages.
process.env.XINGUAN_QUERIES = path.join(ROOT, "test", "reliability", "fixtures", "queries");
const { leaseWarehouse, withWarehouse } = await import("../../app/db.server.js");

let work: string;
let live: string;
const sources: string[] = [];

/** A minimal warehouse: meta_build and one batch, both naming warehouse k. */
async function makeWarehouse(k: number): Promise<string> {
  const file = path.join(work, `w${k}.duckdb`);
  const wh = await openWarehouse(file);
  try {
    await createSchema(wh.conn);
    await wh.conn.run(`INSERT INTO meta_build VALUES (DATE '2024-12-0${k + 1}', now()::TIMESTAMP, 'inbox-${k}', 'test')`);
    await wh.conn.run(
      `INSERT INTO etl_batches VALUES (1, 'population', 'marker-${k}.csv', NULL, 'utf-8', ${k}, ${k}, 0, 'loaded', NULL, now()::TIMESTAMP)`,
    );
    // a different size for each warehouse: file timestamps are only as fine as the kernel's clock tick and inodes
    // are reused, so at a swap every few ms two copies could otherwise share inode, mtime and size
    await wh.conn.run("CREATE TABLE padding (i BIGINT, pad VARCHAR)");
    await wh.conn.run("CHECKPOINT");
    const taken = new Set(await Promise.all(sources.map(async (f) => (await stat(f)).size)));
    for (let round = 0; taken.has((await stat(file)).size); round++) {
      await wh.conn.run(`INSERT INTO padding SELECT range, md5(range::VARCHAR || '${k}-${round}') FROM range(20000)`);
      await wh.conn.run("CHECKPOINT");
    }
  } finally {
    wh.close();
  }
  return file;
}

async function openWarehouseFiles(): Promise<string[]> {
  const dir = `/proc/${process.pid}/fd`;
  const targets = await Promise.all((await readdir(dir)).map((n) => readlink(path.join(dir, n)).catch(() => "")));
  return targets.filter((t) => t.startsWith(live));
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "xinguan-reader-"));
  live = path.join(work, "live.duckdb");
  for (let k = 0; k < WAREHOUSES; k++) sources.push(await makeWarehouse(k));
  const sizes = await Promise.all(sources.map(async (f) => (await stat(f)).size));
  if (new Set(sizes).size !== WAREHOUSES) throw new Error(`the test warehouses need distinct sizes: ${sizes.join(", ")}`);
  await copyFile(sources[0], live);
  process.env.WAREHOUSE = live;
});

afterAll(async () => {
  delete process.env.WAREHOUSE;
  await rm(work, { recursive: true, force: true });
});

describe("warehouse reader under rapid swaps", () => {
  it(`${READERS} readers, swaps every few ms: every call succeeds and reads the one warehouse its identity names`, async () => {
    let running = true;
    let swaps = 0;
    const errors: string[] = [];
    const mixed: string[] = [];
    let calls = 0;
    let leases = 0;

    // which warehouse each file (by inode) holds, so a reader's identity can be checked against what it read
    const idOf = (st: { ino: number; mtimeMs: number; size: number }) => `${st.ino}:${st.mtimeMs}:${st.size}`;
    const holds = new Map<string, number>([[idOf(await stat(live)), 0]]);
    const swapper = (async () => {
      let k = 0;
      while (running) {
        k = (k + 1) % WAREHOUSES;
        const tmp = `${live}.building-${process.pid}-${swaps}`;
        await copyFile(sources[k], tmp);
        holds.set(idOf(await stat(tmp)), k); // a rename keeps inode, mtime and size
        await rename(tmp, live);
        swaps++;
        // far faster than any real build (seconds at least): bursts every few ms, where most opens overlap a swap,
        // and calmer spells, where they do not
        await new Promise((r) => setTimeout(r, Math.random() < 0.7 ? 2 + Math.random() * 10 : 60 + Math.random() * 120));
      }
    })();

    const mislabelled: string[] = [];
    let unlabelled = 0;
    const check = (identity: string, as: unknown, files: unknown[], inbox: unknown) => {
      const k = Number(String(as).slice(-1)) - 1;
      if (inbox !== `inbox-${k}` || files.length !== 1 || files[0] !== `marker-${k}.csv`) {
        mixed.push(`as_of ${String(as)} with inbox ${String(inbox)} and batches ${files.join(",")}`);
      }
      // the identity a reader is given (pages cache views under it, exports are stamped with it) names the file read
      // (an instance opened while a swap happened has a label of its own, naming no file: it cannot be wrong)
      if (identity.startsWith("swapped-during-open:")) {
        unlabelled++;
        return;
      }
      const labelled = holds.get(identity);
      if (labelled !== k) mislabelled.push(`identity ${identity} (warehouse ${labelled}) but read warehouse ${k}`);
    };

    const reader = async (id: number) => {
      while (running) {
        try {
          if (id % 4 === 0) {
            // an export's lease: held across awaits, released explicitly
            const lease = await leaseWarehouse();
            try {
              const [b] = (await lease.connection.runAndReadAll("SELECT as_of::VARCHAR AS as_of, inbox FROM meta_build")).getRowObjectsJson();
              await new Promise((r) => setTimeout(r, Math.random() * 5));
              const files = (await lease.connection.runAndReadAll("SELECT file FROM etl_batches")).getRowObjectsJson().map((r) => r.file);
              check(lease.identity, b.as_of, files, b.inbox);
              leases++;
            } finally {
              lease.release();
            }
          } else {
            await withWarehouse(async (w) => {
              const [b] = await w.query("reliability/build");
              await new Promise((r) => setTimeout(r, Math.random() * 5));
              const files = (await w.query("reliability/batches")).map((r) => r.file);
              check(w.identity, b.as_of, files, b.inbox);
            });
          }
          calls++;
        } catch (err) {
          errors.push((err as Error).message);
          calls++;
        }
      }
    };

    const readers = Array.from({ length: READERS }, (_, i) => reader(i));
    await new Promise((r) => setTimeout(r, RUN_MS));
    running = false;
    await swapper;
    await Promise.all(readers);

    expect(errors.slice(0, 5)).toEqual([]);
    expect(mixed.slice(0, 5)).toEqual([]);
    expect(mislabelled.slice(0, 5)).toEqual([]);
    expect(calls - unlabelled, "calls on an instance labelled with its file").toBeGreaterThan(100);
    expect(swaps).toBeGreaterThan(100);
    expect(calls).toBeGreaterThan(READERS * 5);

    // one more call notices the last swap and retires what is left; then only the current file is open
    const [last] = await withWarehouse((w) => w.query("reliability/build"));
    expect(String(last.inbox)).toMatch(/^inbox-\d$/);
    const open = await openWarehouseFiles();
    expect(open.filter((f) => f.endsWith("(deleted)")), "swapped-out warehouses still open").toEqual([]);
    expect([...new Set(open)]).toEqual([live]);

    await recordFigures("reader-swaps", {
      readers: READERS,
      ms: RUN_MS,
      swaps,
      calls,
      leases,
      errors: errors.length,
      mixed: mixed.length,
      mislabelled: mislabelled.length,
      calls_on_an_instance_opened_during_a_swap: unlabelled,
    });
  }, 60_000);
});
