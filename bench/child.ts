// Runs one measurement in its own Node process, so its peak memory is its own and the bench's is not in it.
// Peak RSS comes from /usr/bin/time -v where it exists (the kernel's ru_maxrss of the process), otherwise from
// polling /proc/<pid>/status VmHWM; the child also reports its own ru_maxrss on exit, and the largest figure wins.
// The child writes its result as JSON to a file named on its command line (stdout stays free for logs).
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../etl/db.js";

export interface ChildRun<T> {
  result: T;
  wallMs: number;
  /** Peak resident set size of the child process, bytes. */
  peakRssBytes: number | null;
  rssMethod: string;
  /** CPU time of the child (user + system, all threads), ms: what the work cost, whatever else ran beside it. */
  cpuMs: number;
}

interface ChildEnvelope<T> {
  ok: boolean;
  result?: T;
  error?: string;
  maxRssKiB: number;
  cpuMs: number;
}

function cpuMsNow(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
}

const TIME = "/usr/bin/time";

function readVmHwm(pid: number): Promise<number | null> {
  return readFile(`/proc/${pid}/status`, "utf8").then(
    (s) => {
      const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(s);
      return m ? Number(m[1]) * 1024 : null;
    },
    () => null,
  );
}

async function childPids(pid: number): Promise<number[]> {
  try {
    const s = await readFile(`/proc/${pid}/task/${pid}/children`, "utf8");
    return s.trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Runs the function `fn` exported by `bench/<module>` with `args` (JSON) in a child Node process (through
 *  bench/child-entry.ts) and returns its result and peak RSS. */
export async function runChild<T>(
  module: string,
  fn: string,
  args: unknown,
  { logFile, env = {} }: { logFile: string; env?: Record<string, string> },
): Promise<ChildRun<T>> {
  await mkdir(path.dirname(logFile), { recursive: true });
  const resultFile = `${logFile}.result.json`;
  const timeFile = `${logFile}.time.txt`;
  await rm(resultFile, { force: true });
  await rm(timeFile, { force: true });
  const nodeArgs = [
    "--import",
    "tsx",
    path.join(ROOT, "bench", "child-entry.ts"),
    resultFile,
    module,
    fn,
    JSON.stringify(args),
  ];
  const useTime = existsSync(TIME);
  const [cmd, cmdArgs] = useTime
    ? [TIME, ["-v", "-o", timeFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const log = createWriteStream(logFile);
  const t0 = performance.now();
  const child = spawn(cmd, cmdArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  // Poll VmHWM of the node process (the child itself, or time's child) as the fallback measure.
  let polledHwm = 0;
  const poll = setInterval(async () => {
    if (!child.pid) return;
    const pids = useTime ? await childPids(child.pid) : [child.pid];
    for (const pid of pids) {
      const v = await readVmHwm(pid);
      if (v !== null && v > polledHwm) polledHwm = v;
    }
  }, 250);
  const code: number | null = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c) => resolve(c));
  });
  const wallMs = performance.now() - t0;
  clearInterval(poll);
  await new Promise<void>((r) => log.end(r));

  let envelope: ChildEnvelope<T> | null = null;
  try {
    envelope = JSON.parse(await readFile(resultFile, "utf8")) as ChildEnvelope<T>;
  } catch {
    envelope = null;
  }
  if (!envelope || !envelope.ok) {
    const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-30).join("\n");
    throw new Error(
      `${module} ${fn} 失败（退出码 ${code}）：${envelope?.error ?? "没有结果"}\n日志 ${path.relative(ROOT, logFile)} 末尾：\n${tail}`,
    );
  }

  let timeRss: number | null = null;
  if (useTime) {
    const t = await readFile(timeFile, "utf8").catch(() => "");
    const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(t);
    if (m) timeRss = Number(m[1]) * 1024;
  }
  const selfRss = envelope.maxRssKiB * 1024;
  const candidates: [string, number][] = [
    ["/usr/bin/time -v", timeRss ?? 0],
    ["VmHWM 轮询", polledHwm],
    ["子进程 ru_maxrss", selfRss],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  const [method, peak] = candidates[0];
  return {
    result: envelope.result as T,
    wallMs,
    peakRssBytes: peak > 0 ? peak : null,
    rssMethod: method,
    cpuMs: envelope.cpuMs,
  };
}

/** The child side (bench/child-entry.ts): runs the named export and writes its result for the parent. */
export async function childMain(): Promise<void> {
  const [resultFile, module, fn, argsJson] = process.argv.slice(2);
  let envelope: ChildEnvelope<unknown>;
  try {
    const mod = (await import(pathToFileURL(path.join(ROOT, "bench", module)).href)) as Record<string, (a: unknown) => Promise<unknown>>;
    if (typeof mod[fn] !== "function") throw new Error(`bench/${module} 没有导出函数 ${fn}`);
    const result = await mod[fn](JSON.parse(argsJson ?? "{}"));
    envelope = { ok: true, result, maxRssKiB: process.resourceUsage().maxRSS, cpuMs: cpuMsNow() };
  } catch (err) {
    console.error(err);
    envelope = {
      ok: false,
      error: (err as Error).message ?? String(err),
      maxRssKiB: process.resourceUsage().maxRSS,
      cpuMs: cpuMsNow(),
    };
  }
  await writeFile(resultFile, JSON.stringify(envelope));
  // DuckDB's native threads must not keep the process alive once the result is written.
  process.exit(envelope.ok ? 0 : 1);
}
