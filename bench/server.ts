// The production server (app/serve.server.ts over build/) on a free loopback port, for the page and browser
// measurements: test/support/server.ts's launcher, with an optional preload (the SQL trace, bench/trace-sql.ts). Its
// account store, audit log and signing secret live in the bench's temp folder (passed in `env`), never in data/.
import path from "node:path";
import { ROOT } from "../etl/db.js";
import { startServer, type RunningServer } from "../test/support/server.js";

export type BenchServer = RunningServer;

export function startBenchServer({
  warehouse,
  env,
  preload,
}: {
  warehouse: string;
  env: Record<string, string>;
  preload?: string;
}): Promise<BenchServer> {
  return startServer({ warehouse, env, nodeArgs: preload ? ["--import", path.join(ROOT, preload)] : [], startTimeoutMs: 60_000 });
}
