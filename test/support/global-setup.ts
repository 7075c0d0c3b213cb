// Once per `npm test`: a fresh sample inbox from the generator and a warehouse built from it by the real ETL,
// shared read-only by the suites that test the product end to end (rules against the generator's manifest,
// allocation totals, pages in the browser). Also builds the Remix app for the browser tests.
import { execFileSync } from "node:child_process";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT } from "../../etl/db.js";

// One folder per run, so two runs in the same checkout never rewrite each other's sample; folders of finished runs
// are removed by the next run.
const SAMPLES = path.join(ROOT, "test-output", "samples");
export const SAMPLE_DIR = path.join(SAMPLES, String(process.pid));
export const SAMPLE_AS_OF = "2026-11-25";

export default async function setup(project: TestProject): Promise<void> {
  // XINGUAN_SKIP_SAMPLE=1 gives a fast run of the unit suites alone; the end-to-end suites then skip themselves.
  // CI never sets it (.ci/run), so there every suite runs.
  if (process.env.XINGUAN_SKIP_SAMPLE === "1") {
    project.provide("sampleInbox", "");
    project.provide("sampleDb", "");
    project.provide("sampleAsOf", SAMPLE_AS_OF);
    return;
  }
  const { generateInbox } = await import("../../etl/gen/index.js");
  const { silentReporter } = await import("../../etl/load/reporter.js");
  const { buildWarehouse } = await import("../../etl/warehouse/build.js");
  const inbox = path.join(SAMPLE_DIR, "inbox");
  const db = path.join(SAMPLE_DIR, "warehouse.duckdb");
  await removeFinishedRuns();
  await mkdir(SAMPLE_DIR, { recursive: true });
  await generateInbox({ out: inbox, scale: "city", seed: 20201022, years: [2021, 2025] });
  await buildWarehouse({ inbox, db, asOf: SAMPLE_AS_OF, reporter: silentReporter });
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: ROOT,
    stdio: "ignore",
    // vitest runs with NODE_ENV=test; the browser tests serve the production build
    env: { ...process.env, NODE_ENV: "production" },
  });
  project.provide("sampleInbox", inbox);
  project.provide("sampleDb", db);
  project.provide("sampleAsOf", SAMPLE_AS_OF);
}

async function removeFinishedRuns(): Promise<void> {
  let names: string[] = [];
  try {
    names = await readdir(SAMPLES);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive || pid === process.pid) await rm(path.join(SAMPLES, name), { recursive: true, force: true });
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    sampleInbox: string;
    sampleDb: string;
    sampleAsOf: string;
  }
}
