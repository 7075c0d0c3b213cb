// Starts the production server (`npm start` without its prestart: app/serve.server.ts over build/) on a free loopback
// port against a given warehouse, in ONE Node process (node --import tsx, not the tsx CLI, so the pid is the server's
// own: its memory and open files can be read from /proc, and a signal reaches it). Used by the browser and HTTP tests,
// the reliability suites (test/support/reliability-server.ts) and the bench (bench/server.ts). The caller stops it.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT } from "../../etl/db.js";

export interface RunningServer {
  url: string;
  pid: number;
  /** The server's recent stdout and stderr. */
  output(): string;
  /** The first answer to GET / (body read): tells whether the pages ask for a sign-in. */
  first: Response;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export async function startServer({
  warehouse,
  env = {},
  nodeArgs = [],
  startTimeoutMs = 90_000,
}: {
  warehouse: string;
  env?: Record<string, string>;
  /** Extra node flags before the script, e.g. --expose-gc or another --import. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}): Promise<RunningServer> {
  const port = await freePort();
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    PORT: String(port),
    HOST: "127.0.0.1",
    WAREHOUSE: warehouse,
    NODE_ENV: "production",
  };
  // a suite may point its own in-process reader at its own queries; the server reads the product's
  if (!env.XINGUAN_QUERIES) delete serverEnv.XINGUAN_QUERIES;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", ...nodeArgs, path.join(ROOT, "app/serve.server.ts")], {
    cwd: ROOT,
    env: serverEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exit = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exit;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out.slice(-3000)}`);
    try {
      const r = await fetch(`${url}/`, { redirect: "manual" });
      await r.arrayBuffer();
      // up and answering: anything but a server error (503 = no warehouse yet, which some tests want)
      if (r.status < 500 || r.status === 503) return { url, pid: child.pid!, output: () => out, first: r, stop };
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not start in ${startTimeoutMs / 1000} s: ${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
