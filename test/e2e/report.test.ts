// The annual report as users get it from the production build: /report/2024 in Debian's Chromium (Chinese text,
// three server-rendered SVG charts, nothing fetched from another host), its PDF rendered by the server with headless
// Chromium (first page turned into a PNG with pdftoppm for a person to look at), the clear 503 where Chromium is
// missing, and the data API over HTTP.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT } from "../../etl/db.js";
import { createFixtureWarehouse, type FixtureWarehouse } from "../app/export-fixture.js";
import { launchBrowser, openPage, SCREENSHOT_DIR } from "../support/browser.js";
import { startServer, type RunningServer } from "../support/server.js";
import { fetchAs, prepareAccounts, signIn, signInPage, type TestAccounts } from "../support/auth.js";

// every page and the data API need a signed-in user: an analyst (reads everything, exports everything)
let cookie = "";
const get = (url: string) => fetchAs(cookie)(url);
const ANALYST = [{ username: "analyst1", role: "analyst" as const }];

const OUTPUT = path.join(ROOT, "test-output", "report");

function hasTool(tool: string): boolean {
  try {
    execFileSync("which", [tool], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("annual report (browser, production build)", () => {
  let fx: FixtureWarehouse;
  let tmp: string;
  let server: RunningServer;
  let accounts: TestAccounts | undefined;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, "build", "index.js"))) {
      execFileSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], { cwd: ROOT, stdio: "ignore" });
    }
    mkdirSync(OUTPUT, { recursive: true });
    fx = await createFixtureWarehouse();
    tmp = await mkdtemp(path.join(os.tmpdir(), "xinguan-report-"));
    accounts = await prepareAccounts(ANALYST);
    server = await startServer({ warehouse: fx.file, env: { ...accounts.env, EXPORT_LOG: path.join(tmp, "exports.jsonl") } });
    cookie = await signIn(server.url, "analyst1");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await accounts?.remove();
    await fx?.remove();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("shows the year's report in Chinese with its three charts, from this origin only", async () => {
    const w = await openPage(browser, server.url);
    await signInPage(w.page, server.url, cookie);
    // the browser's own /favicon.ico request is not the page's (the app has no icon yet)
    const failed: string[] = [];
    w.page.on("console", (m) => {
      if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) failed.push(m.text());
    });
    const res = await w.page.goto(`${server.url}/report/2024`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    const report = w.page.getByTestId("annual-report");
    const text = await report.innerText();
    expect(text).toContain("2024 年度绩效评估报告");
    for (const heading of ["一、总体情况", "二、绩效等级分布", "三、单位绩效排名", "四、资金暂停情况", "五、政务云费用区县分摊", "六、问题项目"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("绍兴市公安局");
    expect(text).toContain("越城区");
    for (const chart of ["chart-grades", "chart-departments", "chart-counties"]) {
      const svg = w.page.locator(`[data-testid=${chart}] svg`);
      await expect(svg.count()).resolves.toBe(1);
      expect((await svg.boundingBox())!.height).toBeGreaterThan(100);
      // the chart has drawn shapes and Chinese labels, not an empty frame
      expect(await w.page.locator(`[data-testid=${chart}] svg path`).count()).toBeGreaterThan(3);
    }
    expect(await w.page.locator("[data-testid=chart-grades] svg").innerHTML()).toMatch(/[优良中差]/);
    await w.screenshot("report-2024");
    // in print media the site header and the toolbar are gone
    await w.page.emulateMedia({ media: "print" });
    await expect(w.page.locator(".topbar").isVisible()).resolves.toBe(false);
    await expect(w.page.locator(".report-toolbar").isVisible()).resolves.toBe(false);
    expect(failed).toEqual([]);
    expect([...w.externalHosts]).toEqual([]);
  });

  it("renders the PDF with headless Chromium; its first page has readable Chinese and the charts", async () => {
    const res = await get(`${server.url}/report/2024.pdf`);
    expect(res.status, await res.clone().text().catch(() => "")).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers.get("content-disposition")!)![1])).toBe(
      "绍兴市市级政务信息化项目2024年度绩效评估报告_report-2024.pdf",
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const file = path.join(OUTPUT, "report-2024.pdf");
    await writeFile(file, pdf);
    if (!hasTool("pdftoppm")) {
      console.warn("pdftoppm 未安装（apt-get install -y poppler-utils），跳过 PDF 首页截图");
      return;
    }
    // the text layer holds the Chinese as text (fonts embedded), not boxes
    const firstPage = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-layout", file, "-"]).toString("utf8");
    expect(firstPage).toContain("年度绩效评估报告");
    expect(firstPage).toContain("一、总体情况");
    expect(firstPage).toContain("二、绩效等级分布");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(execFileSync("pdfinfo", [file]).toString()).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const png = path.join(SCREENSHOT_DIR, "report-2024-pdf-page1");
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", file, png]);
    expect((await readFile(`${png}.png`)).byteLength).toBeGreaterThan(20_000);
  });

  it("answers 404 in Chinese for a year without data or a malformed year", async () => {
    const missing = await get(`${server.url}/report/1999`);
    expect(missing.status).toBe(404);
    const body = await missing.text();
    expect(body).toContain("数据仓库中没有 1999 年的项目数据");
    expect(body).toContain("2022、2023、2024、2025");
    expect((await get(`${server.url}/report/20x4`)).status).toBe(404);
    expect((await get(`${server.url}/report/1999.pdf`)).status).toBe(404);
  });

  it("serves the data API from the production build", async () => {
    const csv = await get(`${server.url}/api/marts/mart_flags?year=2024&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toContain("flag_id,project_id,project_name");
    expect(text).toContain("绍兴市");
    const bad = await get(`${server.url}/api/marts/stg_projects`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("未知的数据集：stg_projects。可用：mart_");
    // the log has both exports, the report PDF included
    const log = (await readFile(path.join(tmp, "exports.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(log.some((l) => l.what === "mart_flags" && l.format === "csv" && l.filters.year === 2024)).toBe(true);
    expect(log.some((l) => l.what === "report" && l.format === "pdf")).toBe(true);
  });
});

describe("annual report PDF without Chromium", () => {
  let fx: FixtureWarehouse;
  let server: RunningServer;
  let accounts: TestAccounts | undefined;
  beforeAll(async () => {
    fx = await createFixtureWarehouse();
    accounts = await prepareAccounts(ANALYST);
    server = await startServer({ warehouse: fx.file, env: { ...accounts.env, CHROMIUM_PATH: "/nonexistent/chromium" } });
    cookie = await signIn(server.url, "analyst1");
  });
  afterAll(async () => {
    await server?.stop();
    await accounts?.remove();
    await fx?.remove();
  });

  it("says clearly, with 503, that the PDF cannot be made here and how to print instead", async () => {
    const res = await get(`${server.url}/report/2024.pdf`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain("本服务器未安装 Chromium 浏览器");
    expect(text).toContain("另存为 PDF");
    // the page itself still works
    expect((await get(`${server.url}/report/2024`)).status).toBe(200);
  });
});

// When the shared sample warehouse (test/support/global-setup.ts) is available, the report must render on it too.
const sampleDb = (() => {
  try {
    return inject("sampleDb");
  } catch {
    return undefined;
  }
})();

describe.runIf(Boolean(sampleDb) && existsSync(sampleDb ?? ""))("annual report on the sample warehouse", () => {
  let server: RunningServer;
  let accounts: TestAccounts | undefined;
  let browser: Browser;
  beforeAll(async () => {
    accounts = await prepareAccounts(ANALYST);
    server = await startServer({ warehouse: sampleDb!, env: accounts.env });
    cookie = await signIn(server.url, "analyst1");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await accounts?.remove();
  });

  it("renders /report/2024 with its charts", async () => {
    const w = await openPage(browser, server.url);
    await signInPage(w.page, server.url, cookie);
    const res = await w.page.goto(`${server.url}/report/2024`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    expect(await w.page.getByTestId("annual-report").innerText()).toContain("2024 年度绩效评估报告");
    expect(await w.page.locator(".report-chart svg").count()).toBeGreaterThanOrEqual(2);
    await w.screenshot("report-2024-sample");
    expect(w.consoleErrors.filter((e) => !e.includes("404"))).toEqual([]);
    expect([...w.externalHosts]).toEqual([]);
  });
});
