// The production server (app/serve.server.ts over build/) on a free loopback port, for the page and browser
// measurements. Like test/support/server.ts, but the server runs in one Node process (node --import tsx, no tsx
// wrapper process), may be given a preload (the SQL trace), and its account store, audit log and signing secret live
// in the bench's temp folder, never in data/.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT } from "../etl/db.js";

export interface BenchServer {
  url: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export async function startBenchServer({
  warehouse,
  env,
  preload,
}: {
  warehouse: string;
  env: Record<string, string>;
  preload?: string;
}): Promise<BenchServer> {
  const port = await freePort();
  const args = ["--import", "tsx"];
  if (preload) args.push("--import", path.join(ROOT, preload));
  args.push(path.join(ROOT, "app/serve.server.ts"));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", WAREHOUSE: warehouse, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
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
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务器启动失败：${out.slice(-3000)}`);
    try {
      const r = await fetch(url + "/", { redirect: "manual" });
      await r.arrayBuffer();
      break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`服务器 60 秒内未启动：${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, output: () => out, stop };
}
