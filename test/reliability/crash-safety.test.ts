// Crash safety (docs/decisions/001-warehouse-swap.md): builds are started and killed with SIGKILL at random moments —
// while loading, while building marts, around the swap, or at a random time — in one bounded test, until at least 20
// kills have landed before the swap (kills that land after the rename are checked too, and counted apart).
// After every kill the served warehouse must be there, open read-only (through the server's own reader too), pass its
// integrity checks (each staging table holds exactly the rows its etl_batches say; read = loaded + rejected), have no
// WAL beside it, and be exactly the previous warehouse, byte for byte — or, if the kill came after the rename, exactly
// the complete new one (same relations and row counts as an uninterrupted build of that inbox). Then a following load
// completes and leaves no temp file behind. (Supersedes the 6-kill test in test/etl/warehouse-swap.test.ts.)
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../etl/db.js";
import { recordFigures } from "../support/reliability-figures.js";
import { buildingTemps } from "../support/reliability-inbox.js";
import {
  inspectWarehouse,
  makeLoadInbox,
  spawnBuild,
  type BuildChild,
  type BuildEvent,
  type WarehouseState,
} from "../support/reliability-build.js";

// The server's reader (app/db.server.ts) runs the suites' own queries (fixtures/queries), not the pages'.
process.env.XINGUAN_QUERIES = path.join(ROOT, "test", "reliability", "fixtures", "queries");
const { withWarehouse } = await import("../../app/db.server.js");

const MIN_KILLS = 20;
const MAX_ATTEMPTS = 36;
const TEST_BUDGET_MS = 300_000;
const CHILD_DEADLINE_MS = 90_000;
const SWAP_PAUSE_MS = 40;
const OLD_AS_OF = "2024-06-30";
const NEW_AS_OF = "2024-12-31";
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);

/** mulberry32: a seeded generator, so a failing run can be replayed with RELIABILITY_SEED. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Phase = "time" | "start" | "loading" | "marts" | "checkpoint" | "swap" | "after-rename";
interface Plan {
  phase: Phase;
  /** loading: after the n-th file; marts: after the n-th mart script */
  n?: number;
  delayMs: number;
}

interface Attempt extends Plan {
  outcome: "kept-previous" | "new-complete" | "finished-before-kill";
  ms: number;
}

let work: string;
let live: string;
let inboxOld: string;
let inboxNew: string;
let reference: WarehouseState;
let referenceMs = 0;
let referenceFiles = 0;
let referenceMarts = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runToEnd(inbox: string, db: string, asOf: string): Promise<BuildChild> {
  const b = spawnBuild({ inbox, db, asOf, wait: false });
  const { code } = await b.exited;
  if (code !== 0) throw new Error(`build failed (${code}): ${b.events.at(-1)?.message ?? ""}\n${b.stderr().slice(-2000)}`);
  return b;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "xinguan-crash-"));
  live = path.join(work, "live", "warehouse.duckdb");
  inboxOld = await makeLoadInbox(work, { files: 2, rowsPerFile: 5_000, variant: 0 });
  inboxNew = await makeLoadInbox(work, { files: 4, rowsPerFile: 10_000, variant: 1 });
  // The reference: an uninterrupted build of the new inbox (its relations and row counts, its phases).
  const refDb = path.join(work, "reference", "warehouse.duckdb");
  const t0 = performance.now();
  const ref = await runToEnd(inboxNew, refDb, NEW_AS_OF);
  referenceMs = performance.now() - t0;
  referenceFiles = ref.events.filter((e) => e.e === "file").length;
  referenceMarts = ref.events.filter((e) => e.e === "mart").length;
  reference = await inspectWarehouse(refDb);
  // The live warehouse the killed builds must not disturb.
  await runToEnd(inboxOld, live, OLD_AS_OF);
  process.env.WAREHOUSE = live;
}, 300_000);

afterAll(async () => {
  delete process.env.WAREHOUSE;
  await rm(work, { recursive: true, force: true });
});

function plans(random: () => number): Plan[] {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const one = (phase: Phase): Plan => {
    switch (phase) {
      case "time":
        return { phase, delayMs: pick(0, Math.max(1, Math.round(referenceMs))) };
      case "start":
        return { phase, delayMs: pick(0, 150) };
      case "loading":
        return { phase, n: pick(1, referenceFiles - 1), delayMs: pick(0, 15) };
      case "marts":
        return { phase, n: pick(1, referenceMarts - 1), delayMs: pick(0, 15) };
      case "checkpoint":
        // after the last mart script: the integrity check, CHECKPOINT, close and fsync of the new file
        return { phase, n: referenceMarts, delayMs: pick(0, 30) };
      case "swap":
        // the new file is complete and fsynced, the rename is SWAP_PAUSE_MS away
        return { phase, delayMs: pick(0, SWAP_PAUSE_MS - 5) };
      case "after-rename":
        return { phase, delayMs: pick(SWAP_PAUSE_MS + 2, SWAP_PAUSE_MS + 12) };
    }
  };
  const mix: Phase[] = [
    ...Array<Phase>(4).fill("time"),
    ...Array<Phase>(3).fill("start"),
    ...Array<Phase>(6).fill("loading"),
    ...Array<Phase>(5).fill("marts"),
    ...Array<Phase>(2).fill("checkpoint"),
    ...Array<Phase>(3).fill("swap"),
    ...Array<Phase>(2).fill("after-rename"),
  ];
  const out = mix.map(one);
  while (out.length < MAX_ATTEMPTS) out.push(one(mix[Math.floor(random() * mix.length)]));
  // shuffle the planned mix so phases interleave
  for (let i = mix.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function trigger(plan: Plan): (e: BuildEvent) => boolean {
  switch (plan.phase) {
    case "time":
    case "start":
      return (e) => e.e === "go";
    case "loading":
      return (e) => e.e === "file" && e.n === plan.n;
    case "marts":
    case "checkpoint":
      return (e) => e.e === "mart" && e.n === plan.n;
    case "swap":
    case "after-rename":
      return (e) => e.e === "before-swap";
  }
}

describe("crash safety: kill -9 during a load", () => {
  it(`survives at least ${MIN_KILLS} kills at random moments; the served warehouse is always whole (seed ${SEED})`, async () => {
    const started = performance.now();
    const random = rng(SEED);
    const attempts: Attempt[] = [];
    let previous = await inspectWarehouse(live);
    expect(previous.exists).toBe(true);
    expect(previous.problems).toEqual([]);
    expect(previous.asOf).toBe(OLD_AS_OF);
    expect(referenceFiles).toBeGreaterThan(10);
    expect(referenceMarts).toBeGreaterThan(10);

    let next = spawnBuild({ inbox: inboxNew, db: live, asOf: NEW_AS_OF, swapPauseMs: SWAP_PAUSE_MS });
    for (const plan of plans(random)) {
      const keptSoFar = attempts.filter((a) => a.outcome === "kept-previous").length;
      if (keptSoFar >= MIN_KILLS) break;
      if (performance.now() - started > TEST_BUDGET_MS) throw new Error(`budget exceeded after ${attempts.length} attempts`);

      const child = next;
      expect(await child.ready, child.stderr()).not.toBeNull();
      // the next child loads its modules while this one builds, so each kill costs only its own build time
      next = spawnBuild({ inbox: inboxNew, db: live, asOf: NEW_AS_OF, swapPauseMs: SWAP_PAUSE_MS });
      const t0 = performance.now();
      child.go();
      const deadline = setTimeout(() => child.child.kill("SIGKILL"), CHILD_DEADLINE_MS);
      const seen = await child.waitFor(trigger(plan));
      if (seen) {
        if (plan.delayMs > 0) await sleep(plan.delayMs);
        child.child.kill("SIGKILL");
      }
      const { code, signal } = await child.exited;
      clearTimeout(deadline);
      if (signal !== "SIGKILL") expect({ code, error: child.events.at(-1)?.message ?? null }).toEqual({ code: 0, error: null });

      // The served warehouse: there, whole, and either exactly the previous one or exactly the complete new one.
      const now = await inspectWarehouse(live);
      expect(now.exists).toBe(true);
      expect(now.problems).toEqual([]);
      expect(now.walExists).toBe(false);
      for (const b of now.batches) expect(Number(b.rows_read)).toBe(Number(b.rows_loaded) + Number(b.rows_rejected));
      let outcome: Attempt["outcome"];
      if (now.identity === previous.identity) {
        outcome = signal === "SIGKILL" ? "kept-previous" : "finished-before-kill";
        expect(signal, "a build that finished must have swapped").toBe("SIGKILL");
      } else {
        expect(now.asOf).toBe(NEW_AS_OF);
        expect(now.counts).toEqual(reference.counts);
        outcome = signal === "SIGKILL" ? "new-complete" : "finished-before-kill";
      }
      // The server's reader opens it and answers from it.
      const served = await withWarehouse(async (w) => ({ identity: w.identity, rows: await w.query("reliability/build") }));
      expect(served.rows[0]?.as_of).toBe(now.asOf);
      expect(served.identity.split(":")[0], "the server reads the file inspected").toBe(now.identity?.split(":")[0]);
      // Only killed builds' temp files are left (a file and its WAL each), and never piling up: the next build that
      // gets going removes them (one killed before it got that far leaves its predecessor's too).
      const temps = await buildingTemps(live);
      expect(temps.length).toBeLessThanOrEqual(4);
      for (const t of temps) expect(isAlive(Number(t.split(".building-")[1].split("-")[0])), t).toBe(false);

      attempts.push({ ...plan, outcome, ms: Math.round(performance.now() - t0) });
      previous = now;
    }
    next.child.kill("SIGKILL");
    await next.exited;

    const kills = attempts.filter((a) => a.outcome !== "finished-before-kill");
    expect(kills.length).toBeGreaterThanOrEqual(MIN_KILLS);
    // Kills landed in every phase, on both sides of the rename.
    const phases = new Set(kills.map((a) => a.phase));
    for (const p of ["loading", "marts", "checkpoint", "swap"] as const) expect(phases, p).toContain(p);
    const keptPrevious = kills.filter((a) => a.outcome === "kept-previous").length;
    expect(keptPrevious).toBeGreaterThanOrEqual(MIN_KILLS);

    // A following load completes, swaps in the new warehouse and cleans up after the killed ones.
    const final = spawnBuild({ inbox: inboxNew, db: live, asOf: NEW_AS_OF, wait: false });
    expect((await final.exited).code, final.stderr()).toBe(0);
    const done = await inspectWarehouse(live);
    expect(done.problems).toEqual([]);
    expect(done.asOf).toBe(NEW_AS_OF);
    expect(done.counts).toEqual(reference.counts);
    expect(done.identity).not.toBe(previous.identity);
    expect(await buildingTemps(live)).toEqual([]);
    expect(done.walExists).toBe(false);
    expect((await withWarehouse((w) => w.query("reliability/build")))[0]?.as_of).toBe(NEW_AS_OF);

    const byPhase = (p: Phase) => kills.filter((a) => a.phase === p).length;
    await recordFigures("crash-safety", {
      seed: SEED,
      kills_survived: kills.length,
      kills_keeping_previous_warehouse: keptPrevious,
      kills_after_rename_new_warehouse_complete: kills.length - keptPrevious,
      builds_finished_before_their_kill: attempts.length - kills.length,
      kills_by_phase: {
        random_time: byPhase("time"),
        start: byPhase("start"),
        loading: byPhase("loading"),
        marts: byPhase("marts"),
        checkpoint_and_fsync: byPhase("checkpoint"),
        before_rename: byPhase("swap"),
        after_rename: byPhase("after-rename"),
      },
      reference_build_ms: Math.round(referenceMs),
      test_ms: Math.round(performance.now() - started),
      attempts,
    });
  }, 420_000);
});
