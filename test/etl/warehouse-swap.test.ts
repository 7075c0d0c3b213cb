// The atomic swap (docs/decisions/001-warehouse-swap.md): a build killed at any moment leaves the previous
// warehouse intact, readable and passing its integrity checks; a failed build changes nothing; the next build works.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWarehouse, query, ROOT } from "../../etl/db.js";
import { silentReporter } from "../../etl/load/reporter.js";
import { buildWarehouse } from "../../etl/warehouse/build.js";
import { checkIntegrity } from "../../etl/warehouse/integrity.js";
import { writeTinyInbox } from "../support/tiny-inbox.js";

async function snapshot(db: string) {
  const wh = await openWarehouse(db, { access_mode: "READ_ONLY" });
  try {
    return {
      problems: await checkIntegrity(wh.conn),
      meta: await query(wh.conn, "SELECT as_of, inbox FROM meta_build"),
      batches: await query(wh.conn, "SELECT source, file, sha256, rows_read, rows_loaded, rows_rejected, status FROM etl_batches ORDER BY batch_id"),
      population: await query(wh.conn, "SELECT * FROM stg_population ORDER BY ALL"),
    };
  } finally {
    wh.close();
  }
}

describe("warehouse swap", () => {
  let dir: string;
  let db: string;
  let inboxA: string;
  let inboxB: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-swap-"));
    db = path.join(dir, "warehouse.duckdb");
    inboxA = await writeTinyInbox(path.join(dir, "inbox-a"), { populationYear: 2023 });
    inboxB = await writeTinyInbox(path.join(dir, "inbox-b"), { populationYear: 2024 });
    await buildWarehouse({ inbox: inboxA, db, asOf: "2024-06-30", reporter: silentReporter });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("builds a warehouse that passes its integrity checks", async () => {
    const s = await snapshot(db);
    expect(s.problems).toEqual([]);
    expect(s.meta[0].as_of).toBe("2024-06-30");
    expect(s.population).toHaveLength(6);
  });

  it("leaves the live warehouse untouched when a build fails", async () => {
    const before = await snapshot(db);
    await expect(
      buildWarehouse({ inbox: path.join(dir, "no-such-inbox"), db, asOf: "2024-07-01", reporter: silentReporter }),
    ).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
    expect((await readdir(dir)).filter((n) => n.includes(".building-"))).toEqual([]);
  });

  it("survives kill -9 at random moments of a load, then the next load completes", async () => {
    const before = await snapshot(db);
    const kills = 6;
    for (let i = 0; i < kills; i++) {
      const child = spawn(
        process.execPath,
        // one process (node with tsx's loader), not the tsx CLI, which would run the build in a grandchild that
        // SIGKILL of its parent leaves running
        ["--import", "tsx", path.join(ROOT, "etl/cli/etl.ts"), "--inbox", inboxB, "--db", db, "--as-of", "2024-12-31"],
        { cwd: ROOT, stdio: "ignore", env: { ...process.env, CI: "1" } },
      );
      // spread the kills over start-up, loading, mart building and the moments around the swap
      const delay = 300 + Math.floor(Math.random() * 2500);
      await new Promise((r) => setTimeout(r, delay));
      if (child.exitCode === null && child.signalCode === null) {
        const exit = once(child, "exit");
        child.kill("SIGKILL");
        await exit;
      }
      const after = await snapshot(db);
      expect(after.problems).toEqual([]);
      // either the old warehouse, exactly, or (if the build had already finished) the complete new one
      if (after.meta[0].as_of === "2024-06-30") expect(after).toEqual(before);
      else expect(after.population.every((r) => r.year === 2024)).toBe(true);
    }
    const r = await buildWarehouse({ inbox: inboxB, db, asOf: "2024-12-31", reporter: silentReporter });
    expect(r.db).toBe(db);
    const s = await snapshot(db);
    expect(s.problems).toEqual([]);
    expect(s.meta[0].as_of).toBe("2024-12-31");
    expect(s.population.every((r) => r.year === 2024)).toBe(true);
    expect((await readdir(dir)).filter((n) => n.includes(".building-"))).toEqual([]);
    expect(existsSync(`${db}.wal`)).toBe(false);
  }, 120_000);
});
