// A tiny but valid inbox written by hand in the contract's formats (data-contract.md): enough for tests of the
// build machinery (swap, crash safety, server pickup) that must not depend on the sample generator.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

export async function writeTinyInbox(dir?: string, { populationYear = 2023 }: { populationYear?: number } = {}): Promise<string> {
  const inbox = dir ?? (await mkdtemp(path.join(os.tmpdir(), "xinguan-inbox-")));
  await mkdir(inbox, { recursive: true });
  await writeFile(
    path.join(inbox, "calendar.csv"),
    "日期,类型,名称\n2024-01-01,节假日,元旦\n2024-02-04,调休上班,春节\n2024-05-01,节假日,劳动节\n2024-05-11,调休上班,劳动节\n",
  );
  const counties = [
    ["330602", "越城区", 1000000],
    ["330603", "柯桥区", 1100000],
    ["330604", "上虞区", 800000],
    ["330624", "新昌县", 440000],
    ["330681", "诸暨市", 1220000],
    ["330683", "嵊州市", 680000],
  ] as const;
  await writeFile(
    path.join(inbox, "population.csv"),
    "区县代码,区县名称,年度,常住人口(人)\n" +
      counties.map(([c, n, p]) => `${c},${n},${populationYear},${p}`).join("\n") +
      "\n",
  );
  return inbox;
}

/** For a suite of server-side reader tests: a temp folder holding the tiny inbox and the path of a warehouse not
 *  built yet, set as WAREHOUSE for the suite; unset and removed after. Read the fields inside tests (they are set in
 *  the suite's beforeAll). */
export function useTinyWarehouse(prefix: string): { dir: string; db: string; inbox: string } {
  const suite = { dir: "", db: "", inbox: "" };
  beforeAll(async () => {
    suite.dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    suite.db = path.join(suite.dir, "warehouse.duckdb");
    suite.inbox = await writeTinyInbox(path.join(suite.dir, "inbox"));
    process.env.WAREHOUSE = suite.db;
  });
  afterAll(async () => {
    delete process.env.WAREHOUSE;
    await rm(suite.dir, { recursive: true, force: true });
  });
  return suite;
}
