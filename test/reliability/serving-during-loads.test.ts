// Serving during loads: the production server keeps answering every request while loads swap new warehouses in under
// it (docs/decisions/001-warehouse-swap.md), and every request answers from one warehouse.
//   - HTTP: 8 clients on loopback request every page in turn while LOADS builds (child processes running the real
//     buildWarehouse) swap warehouses; every response must be 200 (0 failed requests). Each build's inbox is a
//     different folder with a different set of bill files, so the /data page — whose build info, per-source totals and
//     per-file batches come from separate queries — must name one inbox and list exactly that inbox's bill files.
//   - In process, through app/db.server.ts itself: requests that read the build, then wait until a swap has happened,
//     then read the batches, must still see the warehouse they started with; and once the loads are over, the server
//     must hold no swapped-out warehouse open (no DuckDB instance leaked).
import { stat } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../etl/db.js";
import { recordFigures } from "../support/reliability-figures.js";
import { makeLoadInbox, spawnBuild } from "../support/reliability-build.js";
import {
  ensureRemixBuild,
  openFilesOf,
  PAGES,
  startReliabilityServer,
  type ReliabilityServer,
} from "../support/reliability-server.js";

// In process, the server's reader (app/db.server.ts) runs the suites' own queries (fixtures/queries), not the pages'.
process.env.XINGUAN_QUERIES = path.join(ROOT, "test", "reliability", "fixtures", "queries");
const { withWarehouse } = await import("../../app/db.server.js");

const LOADS = 4;
const CLIENTS = 8;
const REQUEST_TIMEOUT_MS = 60_000;

interface Variant {
  k: number;
  inbox: string;
  asOf: string;
  bills: string[];
}

let work: string;
let live: string;
let variants: Variant[];
let server: ReliabilityServer;

/** Variant k: its own inbox folder, 1–3 synthetic bill files (consecutive variants differ), its own as-of date. */
async function makeVariant(k: number): Promise<Variant> {
  const files = 1 + (k % 3);
  const inbox = await makeLoadInbox(work, { files, rowsPerFile: 5_000 + 500 * k, variant: k });
  const bills = Array.from({ length: files }, (_, i) => `synthetic-${String(i + 1).padStart(2, "0")}.csv`);
  return { k, inbox, asOf: `2024-12-${String(10 + k).padStart(2, "0")}`, bills };
}

async function build(v: Variant): Promise<void> {
  const b = spawnBuild({ inbox: v.inbox, db: live, asOf: v.asOf, wait: false });
  const { code } = await b.exited;
  if (code !== 0) throw new Error(`build ${v.k} failed: ${b.events.at(-1)?.message ?? ""}\n${b.stderr().slice(-2000)}`);
}

/** Which variant a piece of text speaks of: the inbox folders named in it (there must be exactly one). */
function variantsNamedIn(text: string): Variant[] {
  return variants.filter((v) => text.includes(v.inbox));
}

function billsListedIn(text: string): string[] {
  return [...new Set(text.match(/synthetic-\d\d\.csv/g) ?? [])].sort();
}

beforeAll(async () => {
  await ensureRemixBuild();
  work = await mkdtemp(path.join(tmpdir(), "xinguan-serving-"));
  live = path.join(work, "live", "warehouse.duckdb");
  variants = [];
  for (let k = 0; k <= LOADS; k++) variants.push(await makeVariant(k));
  await build(variants[0]);
  server = await startReliabilityServer({ warehouse: live, tmpDir: path.join(work, "server") });
  process.env.WAREHOUSE = live;
}, 300_000);

afterAll(async () => {
  delete process.env.WAREHOUSE;
  await server?.stop();
  await rm(work, { recursive: true, force: true });
});

describe("serving while loads swap warehouses", () => {
  it(`answers every request, each from one warehouse, while ${LOADS} loads swap under it`, async () => {
    const failures: string[] = [];
    const inconsistent: string[] = [];
    const seenOnData = new Set<number>();
    const byPage = new Map<string, number>();
    let requests = 0;
    let loading = true;

    async function client(id: number): Promise<void> {
      let i = id;
      while (loading) {
        const page = PAGES[i++ % PAGES.length];
        try {
          const r = await fetch(server.url + page, {
            headers: server.cookie ? { cookie: server.cookie } : {},
            redirect: "manual",
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const body = await r.text();
          requests++;
          byPage.set(page, (byPage.get(page) ?? 0) + 1);
          if (r.status !== 200) {
            failures.push(`${page}: HTTP ${r.status} ${body.slice(0, 200)}`);
            continue;
          }
          if (page === "/data") {
            const named = variantsNamedIn(body);
            const bills = billsListedIn(body);
            if (named.length !== 1 || JSON.stringify(bills) !== JSON.stringify(named[0].bills)) {
              inconsistent.push(`/data names inboxes ${named.map((v) => v.k)} and lists ${bills.join(",")}`);
            } else {
              seenOnData.add(named[0].k);
            }
          }
        } catch (err) {
          requests++;
          failures.push(`${page}: ${(err as Error).message}`);
        }
      }
    }

    // In process: requests that straddle a swap. Each reads the build, waits for the file to be swapped, reads again.
    const straddled: { started: number; before: string; after: string; sameWarehouse: boolean }[] = [];
    async function straddle(v: Variant, swapped: Promise<void>): Promise<void> {
      await withWarehouse(async (w) => {
        const [b1] = await w.query("reliability/build");
        await swapped;
        const st = await stat(live);
        const [b2] = await w.query("reliability/build");
        const batches = await w.query("reliability/batches");
        const bills = batches.map((b) => String(b.file)).filter((f) => f.includes("synthetic-")).map((f) => path.basename(f)).sort();
        straddled.push({
          started: v.k,
          before: String(b1.inbox),
          after: String(b2.inbox),
          sameWarehouse:
            b1.inbox === v.inbox && b2.inbox === v.inbox && JSON.stringify(bills) === JSON.stringify(v.bills) &&
            !w.identity.startsWith(`${st.ino}:`),
        });
      });
    }

    const clients = Array.from({ length: CLIENTS }, (_, id) => client(id));
    const started = performance.now();
    for (let k = 1; k <= LOADS; k++) {
      let swappedResolve!: () => void;
      const swapped = new Promise<void>((r) => (swappedResolve = r));
      const held = straddle(variants[k - 1], swapped);
      await build(variants[k]);
      swappedResolve();
      await held;
    }
    // keep the clients going until the pages show the last warehouse (bounded), then stop them
    const settle = Date.now() + 60_000;
    while (!seenOnData.has(LOADS) && failures.length === 0 && Date.now() < settle) await new Promise((r) => setTimeout(r, 100));
    loading = false;
    await Promise.all(clients);
    const ms = performance.now() - started;

    expect(failures.slice(0, 20), `server output:\n${server.output().slice(-4000)}`).toEqual([]);
    expect(inconsistent).toEqual([]);
    expect(straddled).toHaveLength(LOADS);
    expect(straddled.filter((s) => !s.sameWarehouse)).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(CLIENTS * PAGES.length);
    for (const p of PAGES) expect(byPage.get(p) ?? 0, p).toBeGreaterThan(0);
    // the pages did follow the swaps
    expect(seenOnData.size).toBeGreaterThanOrEqual(2);
    expect(seenOnData).toContain(LOADS);

    // After the loads: the server answers from the last warehouse and holds no swapped-out one open.
    const last = await fetch(`${server.url}/data`, { headers: server.cookie ? { cookie: server.cookie } : {} });
    const body = await last.text();
    expect(variantsNamedIn(body).map((v) => v.k)).toEqual([LOADS]);
    const files = await openFilesOf(server.pid, live);
    const stale = files.warehouses.filter((f) => f.includes("(deleted)"));
    expect(stale, "swapped-out warehouses still open in the server").toEqual([]);
    expect([...new Set(files.warehouses)]).toEqual([live]);

    await recordFigures("serving-during-loads", {
      loads_swapped: LOADS,
      clients: CLIENTS,
      requests_served_during_loads: requests,
      failed_requests: failures.length,
      inconsistent_responses: inconsistent.length,
      requests_by_page: Object.fromEntries(byPage),
      warehouses_seen_on_data_page: [...seenOnData].sort(),
      in_process_requests_straddling_a_swap: straddled.length,
      server_duckdb_files_open_after: files.warehouses,
      ms: Math.round(ms),
    });
  }, 400_000);
});
