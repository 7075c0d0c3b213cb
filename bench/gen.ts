// The inbox the bench measures: generated once per scale into bench/tmp/<scale>/inbox (child process, timed but not
// a target). With --keep a complete earlier inbox of the same scale and seed is reused: a stamp file written after
// the generator returns says it is complete.
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export const SEED = 20201022;
export const YEARS: [number, number] = [2021, 2025];

export interface GenStamp {
  scale: string;
  seed: number;
  years: [number, number];
  ms: number;
  files: number;
  bytes: number;
  at: string;
}

const STAMP = ".bench-complete.json";

async function sizeOf(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    const s = await stat(path.join(dir, String(entry)));
    if (s.isFile()) {
      files += 1;
      bytes += s.size;
    }
  }
  return { files, bytes };
}

export async function readStamp(inbox: string, scale: string): Promise<GenStamp | null> {
  try {
    const s = JSON.parse(await readFile(path.join(inbox, STAMP), "utf8")) as GenStamp;
    return s.scale === scale && s.seed === SEED && s.years.join() === YEARS.join() ? s : null;
  } catch {
    return null;
  }
}

/** Child side: generates the inbox from scratch. */
export async function genChild({ inbox, scale }: { inbox: string; scale: "city" | "province" }): Promise<GenStamp> {
  await rm(inbox, { recursive: true, force: true });
  const { generateInbox } = await import("../etl/gen/index.js");
  const t0 = performance.now();
  await generateInbox({ out: inbox, scale, seed: SEED, years: YEARS, log: (m) => console.log(m) });
  const ms = performance.now() - t0;
  const stamp: GenStamp = { scale, seed: SEED, years: YEARS, ms, ...(await sizeOf(inbox)), at: new Date().toISOString() };
  // a dotfile: the loader does not read it (inbox-files.ts skips names starting with . or _)
  await writeFile(path.join(inbox, STAMP), JSON.stringify(stamp));
  return stamp;
}
