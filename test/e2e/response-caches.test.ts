// The server remembers query results and rendered pages (docs/decisions/007-performance.md). What a user must be able
// to rely on regardless: a remembered page is never another user's or another department's page, never from the
// warehouse that was swapped out, and every response carries its own CSP nonce — the one the header names.
import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fetchAs, prepareAccounts, signIn, type TestAccounts } from "../support/auth.js";
import { inlineScriptProblems } from "../support/csp.js";
import { startServer, type RunningServer } from "../support/server.js";

const SAMPLE = inject("sampleDb") || "";
const PROJECT_ID = /\bSX\d{4}-\d{4}\b/g;

describe.skipIf(!SAMPLE || !existsSync(SAMPLE))("response caches (production build, copy of the sample warehouse)", () => {
  let dir: string;
  let warehouse: string;
  let server: RunningServer;
  let accounts: TestAccounts;
  let analyst: (url: string, init?: RequestInit) => Promise<Response>;
  let dept: (url: string, init?: RequestInit) => Promise<Response>;
  let own: string;
  let ownProjects: Set<string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-caches-"));
    warehouse = path.join(dir, "warehouse.duckdb");
    await copyFile(SAMPLE, warehouse);
    const inst = await DuckDBInstance.create(warehouse, { access_mode: "READ_ONLY" });
    const conn = await inst.connect();
    const rows = (await conn.runAndReadAll("SELECT dept_code, list(project_id) AS ps FROM dim_project GROUP BY 1 ORDER BY len(ps) DESC, 1 LIMIT 1")).getRowObjectsJson();
    own = String(rows[0].dept_code);
    ownProjects = new Set((rows[0].ps as string[]).map(String));
    conn.closeSync();
    inst.closeSync();
    accounts = await prepareAccounts([
      { username: "cache-analyst", role: "analyst" },
      { username: "cache-dept", role: "department", deptCode: own },
      { username: "cache-leader", role: "leader" },
      { username: "cache-admin", role: "admin" },
    ]);
    server = await startServer({ warehouse, env: accounts.env });
    analyst = fetchAs(await signIn(server.url, "cache-analyst"));
    dept = fetchAs(await signIn(server.url, "cache-dept"));
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await accounts?.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it("lets each response run exactly its own inline scripts: a fresh nonce when rendered, their hashes when from memory", async () => {
    const nonces: string[] = [];
    const bodies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await analyst(`${server.url}/compliance`);
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      const html = await res.text();
      expect(inlineScriptProblems(html, csp)).toEqual([]);
      expect(html).not.toMatch(/xgnonce[0-9a-f]{24}/);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      if (nonce) nonces.push(nonce);
      bodies.push(html);
    }
    // the first was rendered with a nonce; the repeats are the same bytes, so they cannot carry one
    expect(nonces.length).toBeGreaterThanOrEqual(1);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(bodies[2]).toBe(bodies[1]);
  });

  it("never serves one user's remembered page to another", async () => {
    // the analyst's view of every project first, so a careless cache would have it ready for the department
    const all = await (await analyst(`${server.url}/projects`)).text();
    const allIds = new Set(all.match(PROJECT_ID));
    expect([...allIds].some((p) => !ownProjects.has(p))).toBe(true);
    for (let i = 0; i < 2; i++) {
      const mine = await (await dept(`${server.url}/projects`)).text();
      const foreign = [...new Set(mine.match(PROJECT_ID))].filter((p) => !ownProjects.has(p));
      expect(foreign).toEqual([]);
      expect(mine).toContain("cache-dept");
    }
    expect(await (await analyst(`${server.url}/projects`)).text()).toContain("cache-analyst");
  });

  it("shows the new warehouse's data after a swap, not the remembered page of the old one", async () => {
    const asOf = async () => /评估基准日 (?:<!-- -->)?(\d{4}-\d{2}-\d{2})/.exec(await (await analyst(`${server.url}/`)).text())?.[1];
    const before = await asOf();
    expect(before).toMatch(/^\d{4}-/);
    expect(await asOf()).toBe(before); // now remembered
    // a new warehouse file, swapped in by rename as the ETL does, differing in its as-of date
    const next = path.join(dir, "next.duckdb");
    await copyFile(SAMPLE, next);
    const inst = await DuckDBInstance.create(next);
    const conn = await inst.connect();
    await conn.run("UPDATE meta_build SET as_of = as_of - INTERVAL 1 DAY");
    await conn.run("CHECKPOINT");
    conn.closeSync();
    inst.closeSync();
    await rename(next, warehouse);
    const after = await asOf();
    expect(after).not.toBe(before);
    expect(new Date(after!).getTime()).toBe(new Date(before!).getTime() - 86_400_000);
  });

  it("sends no stray NUL characters (React 18.3 writes some where a Chinese character straddles its 2 KB chunk)", async () => {
    const inst = await DuckDBInstance.create(SAMPLE, { access_mode: "READ_ONLY" });
    const conn = await inst.connect();
    const ids = (await conn.runAndReadAll("SELECT project_id FROM dim_project ORDER BY project_id LIMIT 60")).getRowObjectsJson();
    conn.closeSync();
    inst.closeSync();
    const paths = ["/", "/performance", "/finance", "/compliance", "/projects", "/departments", "/data", ...ids.map((r) => `/projects/${r.project_id}`)];
    const withNul: string[] = [];
    for (const p of paths) {
      const html = await (await analyst(`${server.url}${p}`)).text();
      if (html.includes("\u0000")) withNul.push(p);
    }
    expect(withNul).toEqual([]);
  });

  it("keeps refusing a page a role may not see, however often it is asked", async () => {
    const leader = fetchAs(await signIn(server.url, "cache-leader"));
    await analyst(`${server.url}/data`); // remembered for the analyst
    for (let i = 0; i < 3; i++) expect((await leader(`${server.url}/data`)).status).toBe(403);
  });

  it("stops answering a user from memory the moment an admin disables the account", async () => {
    const victim = fetchAs(await signIn(server.url, "cache-dept"));
    expect((await victim(`${server.url}/projects`)).status).toBe(200);
    expect((await victim(`${server.url}/projects`)).status).toBe(200); // now answered from memory
    const admin = fetchAs(await signIn(server.url, "cache-admin"));
    const res = await admin(`${server.url}/admin/users`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "disable", username: "cache-dept" }),
    });
    expect(res.status).toBeLessThan(400);
    const after = await victim(`${server.url}/projects`, { redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it("still refuses a signed-out request for a page it has remembered", async () => {
    await analyst(`${server.url}/finance`);
    const res = await fetch(`${server.url}/finance`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });
});
