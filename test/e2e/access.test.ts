// Access control over HTTP on the production build and the sample warehouse: every role against every route and
// the data API (allowed → 200, not allowed → 403, signed out → redirect to /login); a department user never sees
// another department's project or department in any page (the HTML, which carries the loaders' chart data), export
// or API response — checked on the data, every project id and department code found; security headers; CSRF
// rejection; the audit log recording sign-ins, failures, exports and user changes; lockout; pages and charts still
// run under the CSP in a real browser.
import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fetchAs, prepareAccounts, signIn, signInPage, TEST_PASSWORD, type TestAccounts } from "../support/auth.js";
import { launchBrowser, openPage } from "../support/browser.js";
import { inlineScriptProblems } from "../support/csp.js";
import { startServer, type RunningServer } from "../support/server.js";

// the generated sample warehouse (or, while iterating with XINGUAN_SKIP_SAMPLE=1, a copy named by ACCESS_WAREHOUSE)
const WAREHOUSE = inject("sampleDb") || process.env.ACCESS_WAREHOUSE || "";

const PROJECT_ID = /\bSX\d{4}-\d{4}\b/g;
const DEPT_CODE = /\b11330600[0-9A-Z]{10}\b/g;

type Role = "leader" | "finance" | "analyst" | "department" | "admin";
const ROLES: Role[] = ["leader", "finance", "analyst", "department", "admin"];

describe.skipIf(!WAREHOUSE || !existsSync(WAREHOUSE))("access control (production build, sample warehouse)", () => {
  let server: RunningServer;
  let accounts: TestAccounts;
  const cookies = {} as Record<Role, string>;
  let own: string; // the department user's department
  let other: string; // another department with projects
  let ownProjects: Set<string>;
  let otherProject: string;
  let ownProject: string;
  /** Department codes a page may legitimately name for the department user: its own, and the lead departments of
   *  its own projects (a field of its own project, shown with that project's allocation). */
  let allowedDepts: Set<string>;
  let year: number;

  beforeAll(async () => {
    const inst = await DuckDBInstance.create(WAREHOUSE, { access_mode: "READ_ONLY" });
    const conn = await inst.connect();
    const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
    const byDept = await rows("SELECT dept_code, count(*) AS n FROM dim_project GROUP BY 1 ORDER BY n DESC, dept_code");
    own = String(byDept[0].dept_code);
    other = String(byDept[1].dept_code);
    const projects = await rows("SELECT project_id, dept_code, lead_dept_code FROM dim_project");
    ownProjects = new Set(projects.filter((p) => p.dept_code === own).map((p) => String(p.project_id)));
    ownProject = [...ownProjects][0];
    otherProject = String(projects.find((p) => p.dept_code === other)!.project_id);
    allowedDepts = new Set([own, ...projects.filter((p) => p.dept_code === own && p.lead_dept_code).map((p) => String(p.lead_dept_code))]);
    year = Number((await rows("SELECT max(year) AS y FROM mart_project_year WHERE total_score IS NOT NULL"))[0].y) - 1;
    conn.closeSync();
    inst.closeSync();

    accounts = await prepareAccounts([
      ...ROLES.map((role) => ({ username: `${role}1`, role, deptCode: role === "department" ? own : null })),
      { username: "locky", role: "leader" },
    ]);
    server = await startServer({ warehouse: WAREHOUSE, env: accounts.env });
    for (const role of ROLES) cookies[role] = await signIn(server.url, `${role}1`);
  });
  afterAll(async () => {
    await server?.stop();
    await accounts?.remove();
  });

  const as = (role: Role) => fetchAs(cookies[role]);
  const get = (role: Role, p: string) => as(role)(server.url + p, { redirect: "manual" });

  // route → roles allowed (everyone else: 403)
  const READERS: Role[] = ["leader", "finance", "analyst", "department"];
  function matrix(): [string, Role[]][] {
    return [
      ["/", ROLES],
      ["/performance", READERS],
      [`/performance?year=${year}`, READERS],
      ["/projects", READERS],
      [`/projects/${ownProject}`, READERS],
      ["/finance", READERS],
      ["/compliance", READERS],
      ["/departments", READERS],
      [`/departments/${own}`, READERS],
      [`/report/${year}`, READERS],
      ["/data", ["analyst", "admin"]],
      ["/admin/users", ["admin"]],
      ["/admin/audit", ["admin"]],
      ["/admin/audit.csv", ["admin"]],
      [`/api/marts/mart_project_year?format=json&year=${year}`, ["finance", "analyst", "department"]],
      [`/api/marts/mart_flags?format=csv&year=${year}`, ["analyst", "department"]],
      ["/api/marts/mart_county_year?format=json", ["finance", "analyst"]],
      ["/api/marts/etl_batches?format=json", ["analyst"]],
      ["/api/marts/dim_county?format=json", ["finance", "analyst", "department"]],
    ];
  }

  it("every role gets 200 where allowed and 403 elsewhere, on every route and the data API", async () => {
    const wrong: string[] = [];
    for (const [route, allowed] of matrix()) {
      for (const role of ROLES) {
        const res = await get(role, route);
        await res.arrayBuffer();
        const want = allowed.includes(role) ? 200 : 403;
        if (res.status !== want) wrong.push(`${role} ${route}: ${res.status}, want ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("signed out, every route redirects to sign-in (the data API included)", async () => {
    for (const [route] of matrix()) {
      const res = await fetch(server.url + route, { redirect: "manual" });
      expect(res.status, route).toBe(302);
      expect(res.headers.get("location"), route).toMatch(/^\/login\?next=/);
    }
  });

  function leaks(text: string): { projects: string[]; depts: string[] } {
    const projects = [...new Set(text.match(PROJECT_ID) ?? [])].filter((p) => !ownProjects.has(p));
    const depts = [...new Set(text.match(DEPT_CODE) ?? [])].filter((d) => !allowedDepts.has(d));
    return { projects, depts };
  }

  it("a department user's pages (HTML and the chart data in them) name only its own projects and department", async () => {
    const pages = [
      "/",
      "/performance",
      `/performance?year=${year}`,
      `/performance?year=${year}&project=${otherProject}`,
      "/projects",
      `/projects?year=${year}`,
      `/projects/${ownProject}`,
      "/finance",
      `/finance?year=${year}`,
      "/compliance",
      `/compliance?year=${year}`,
      "/departments",
      `/departments?year=${year}`,
      `/departments/${own}`,
      `/report/${year}`,
    ];
    let seen = 0;
    for (const p of pages) {
      const res = await get("department", p);
      const html = await res.text();
      expect(res.status, p).toBe(200);
      // an id the caller typed into the URL may be echoed back (the radar's ?project=): not data it was shown
      const found = leaks(html);
      expect({ projects: found.projects.filter((id) => !p.includes(id)), depts: found.depts }, p).toEqual({ projects: [], depts: [] });
      seen += (html.match(PROJECT_ID) ?? []).length;
    }
    // the check looked at real data: the user's own projects do appear
    expect(seen).toBeGreaterThan(10);
  });

  it("another department's project and department pages do not exist for a department user; its filter is refused", async () => {
    expect((await get("department", `/projects/${otherProject}`)).status).toBe(404);
    expect((await get("department", `/departments/${other}`)).status).toBe(404);
    for (const p of [`/performance?dept=${other}`, `/projects?dept=${other}`, `/finance?dept=${other}`, `/compliance?dept=${other}`]) {
      expect((await get("department", p)).status, p).toBe(403);
    }
    expect((await get("department", `/api/marts/mart_flags?format=json&dept=${other}`)).status).toBe(403);
    // the same pages are there for everyone else
    expect((await get("leader", `/projects/${otherProject}`)).status).toBe(200);
    expect((await get("analyst", `/api/marts/mart_flags?format=json&dept=${other}`)).status).toBe(200);
  });

  it("every relation a department user may export holds only its own department's rows, in every format", async () => {
    const relations = [
      "dim_project",
      "dim_department",
      "mart_project_year",
      "mart_flags",
      "mart_fund_status",
      "mart_fund_events",
      "mart_allocation",
      "mart_allocation_duty",
      "mart_department_year",
      "mart_evaluation_gap",
      "mart_scores",
      "mart_indicators",
      "mart_cloud_monthly",
    ];
    for (const rel of relations) {
      const res = await get("department", `/api/marts/${rel}?format=json`);
      expect(res.status, rel).toBe(200);
      const data = (await res.json()) as Record<string, unknown>[];
      expect(data.length, rel).toBeGreaterThan(0);
      for (const r of data) {
        if ("dept_code" in r) expect(r.dept_code, rel).toBe(own);
        if ("project_id" in r) expect(ownProjects.has(String(r.project_id)), `${rel} ${r.project_id}`).toBe(true);
      }
      // the analyst sees more than that: the scope, not an empty relation, made the difference
      if (rel === "mart_project_year") {
        const all = (await (await get("analyst", `/api/marts/${rel}?format=json`)).json()) as unknown[];
        expect(all.length).toBeGreaterThan(data.length);
      }
    }
    const csv = await (await get("department", `/api/marts/mart_flags?format=csv`)).text();
    expect(leaks(csv)).toEqual({ projects: [], depts: [] });
    const parquet = await get("department", `/api/marts/mart_project_year?format=parquet`);
    expect(parquet.status).toBe(200);
    for (const refused of ["mart_county_year", "etl_batches", "etl_rejects"]) {
      expect((await get("department", `/api/marts/${refused}?format=json`)).status, refused).toBe(403);
    }
    for (const open of ["dim_county", "meta_build"]) expect((await get("department", `/api/marts/${open}?format=json`)).status, open).toBe(200);
  });

  it("sends the security headers: a strict CSP with a per-request nonce, nosniff, no framing", async () => {
    // a URL not asked before, so the page is rendered for this request (a repeat comes from memory, below)
    const res = await get("leader", "/performance?csp=1");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`nonce="${nonce}"`);
    expect(inlineScriptProblems(html, csp)).toEqual([]);
    // asked again, the page comes from memory: the same bytes, its inline scripts allowed by their hashes instead
    const again = await get("leader", "/performance?csp=1");
    const againCsp = again.headers.get("content-security-policy") ?? "";
    expect(againCsp).not.toContain(`'nonce-${nonce}'`);
    expect(inlineScriptProblems(await again.text(), againCsp)).toEqual([]);
    // an error page names no SQL and no stack
    const bad = await (await get("leader", "/projects/%27%20OR%201=1--")).text();
    expect(bad).not.toMatch(/SELECT|at .*\.ts:\d+|Error:/);
  });

  it("rejects cross-site POSTs (CSRF): sign-in and sign-out from another origin, or with no origin at all", async () => {
    const form = new URLSearchParams({ username: "leader1", password: TEST_PASSWORD });
    const evilLogin = await fetch(`${server.url}/login`, { method: "POST", redirect: "manual", headers: { Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: form });
    expect(evilLogin.status).toBe(403);
    expect(evilLogin.headers.get("set-cookie")).toBeNull();
    const evilLogout = await as("leader")(`${server.url}/logout`, { method: "POST", redirect: "manual", headers: { Origin: "http://evil.example" } });
    expect(evilLogout.status).toBe(403);
    const bare = await as("leader")(`${server.url}/logout`, { method: "POST", redirect: "manual" });
    expect(bare.status).toBe(403);
    // the session survived both attempts
    expect((await get("leader", "/performance")).status).toBe(200);
    const evilUser = await as("admin")(`${server.url}/admin/users`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "create", username: "mallory", role: "admin", password: TEST_PASSWORD }),
    });
    expect(evilUser.status).toBe(403);
  });

  it("locks an account after repeated failures, even against the right password", async () => {
    const attempt = (password: string) =>
      fetch(`${server.url}/login`, { method: "POST", redirect: "manual", headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ username: "locky", password }) });
    for (let i = 0; i < 5; i++) expect((await attempt("Wrong-Password-1")).status).toBe(401);
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.status).toBe(401);
    expect(await locked.text()).toContain("已锁定");
  });

  it("records sign-ins, failures, exports, refusals and user changes in the audit log, viewable and exportable by the admin", async () => {
    // a user change through the admin page (same origin)
    const created = await as("admin")(`${server.url}/admin/users`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "create", username: "newleader", displayName: "新领导", role: "leader", dept: "", password: TEST_PASSWORD }),
    });
    expect(created.status).toBeLessThan(400);
    await fetch(`${server.url}/login`, { method: "POST", redirect: "manual", headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ username: "analyst1", password: "Not-The-Password-9" }) });
    await (await get("department", `/api/marts/mart_project_year?format=csv&year=${year}`)).text();
    await new Promise((r) => setTimeout(r, 200));
    const dir = accounts.env.AUDIT_DIR;
    const lines = (await Promise.all((await readdir(dir)).map((f) => readFile(path.join(dir, f), "utf8"))))
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { event: string; actor: string; role?: string; detail?: Record<string, unknown>; mac: string });
    const has = (pred: (l: (typeof lines)[number]) => boolean) => lines.some(pred);
    expect(has((l) => l.event === "sign_in" && l.actor === "department1" && l.role === "department")).toBe(true);
    expect(has((l) => l.event === "sign_in_failed" && l.actor === "analyst1")).toBe(true);
    expect(has((l) => l.event === "sign_in_locked" && l.actor === "locky")).toBe(true);
    expect(has((l) => l.event === "export" && l.actor === "department1" && l.detail?.what === "mart_project_year" && l.detail?.format === "csv")).toBe(true);
    expect(has((l) => l.event === "user_created" && l.actor === "admin1" && JSON.stringify(l.detail).includes("newleader"))).toBe(true);
    expect(has((l) => l.event === "access_denied" && l.actor === "admin1")).toBe(true);
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.mac))).toBe(true);
    // the admin reads it in the app and downloads it
    expect(await (await get("admin", "/admin/audit")).text()).toContain("newleader");
    const csv = await (await get("admin", "/admin/audit.csv")).text();
    expect(csv).toContain("sign_in_failed");
    expect(csv).toContain("user_created");
  });

  it("shows the signed-in user and a sign-out button, and a role only the navigation it may use", async () => {
    const dept = await (await get("department", "/performance")).text();
    expect(dept).toContain("department1");
    expect(dept).toContain('action="/logout"');
    expect(dept).not.toContain('href="/data"');
    expect(dept).not.toContain('href="/admin/users"');
    const admin = await (await get("admin", "/")).text();
    expect(admin).toContain('href="/admin/users"');
    expect(admin).not.toContain('href="/performance"');
    // signing out (same origin) ends the session on the server
    const c = await signIn(server.url, "leader1");
    const out = await fetchAs(c)(`${server.url}/logout`, { method: "POST", redirect: "manual", headers: { Origin: server.url } });
    expect(out.status).toBe(302);
    expect((await fetchAs(c)(`${server.url}/performance`, { redirect: "manual" })).status).toBe(302);
  });

  describe("in a browser, under the CSP", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("draws the department user's charts with no CSP violation or console error", async () => {
      const w = await openPage(browser, server.url);
      await signInPage(w.page, server.url, cookies.department);
      // each page twice: rendered (nonce), then from memory (hashes)
      for (const p of ["/performance", "/finance", "/compliance", `/projects/${ownProject}`].flatMap((p) => [p, p])) {
        const res = await w.page.goto(server.url + p, { waitUntil: "networkidle" });
        expect(res?.status(), p).toBe(200);
        await w.page.waitForSelector("canvas, svg", { timeout: 15_000 });
        expect(await w.page.locator("canvas, [_echarts_instance_]").count(), p).toBeGreaterThan(0);
      }
      await w.screenshot("access-department-compliance");
      expect(w.consoleErrors).toEqual([]);
      expect([...w.externalHosts]).toEqual([]);
    });
  });
});
