// What the figures were measured on: they mean little without it. CPU model from /proc/cpuinfo, cores, memory,
// the kernel, Node and DuckDB versions.
import { readFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import { DuckDBInstance } from "@duckdb/node-api";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  duckdb: string;
  duckdbNodeApi: string;
  chromium: string | null;
}

function cpuModel(): string {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const m = /^model name\s*:\s*(.+)$/m.exec(info);
    if (m) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? "unknown";
}

async function duckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const rows = (await conn.runAndReadAll("SELECT version() AS v")).getRowObjectsJson();
    return String(rows[0]?.v ?? "unknown");
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export async function describeMachine(chromium: string | null = null): Promise<Machine> {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    duckdb: await duckdbVersion(),
    duckdbNodeApi: packageVersion("@duckdb/node-api"),
    chromium,
  };
}

export function machineLine(m: Machine): string {
  return (
    `${m.cpu} · ${m.cores} 核 · ${m.memoryGiB} GiB 内存 · ${m.os} · Node ${m.node} · DuckDB ${m.duckdb}` +
    ` (@duckdb/node-api ${m.duckdbNodeApi})` +
    (m.chromium ? ` · ${m.chromium}` : "")
  );
}
