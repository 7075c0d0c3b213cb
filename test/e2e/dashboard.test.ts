// The dashboard as a user drives it, in headless Chromium on the production build and the generated sample:
// every page draws its charts in readable Chinese from this origin only; clicking a chart element lands on the
// filtered view; changing a filter changes the URL; back returns. Screenshots go to test-output/screenshots/.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { articleLabel, RULES } from "../../app/domain/rules.js";
import { prepareAccounts, signIn, signInPage, type TestAccounts } from "../support/auth.js";
import { launchBrowser, openPage, type WatchedPage } from "../support/browser.js";
import { startServer, type RunningServer } from "../support/server.js";

const PAGES: { path: string; name: string; heading: RegExp; minCharts: number }[] = [
  { path: "/performance", name: "performance", heading: /年度绩效/, minCharts: 4 },
  { path: "/finance", name: "finance", heading: /资金/, minCharts: 2 },
  { path: "/compliance", name: "compliance", heading: /合规/, minCharts: 3 },
  { path: "/departments", name: "departments", heading: /单位/, minCharts: 1 },
  { path: "/projects", name: "projects", heading: /项目/, minCharts: 0 },
  { path: "/data", name: "data", heading: /数据/, minCharts: 0 },
];

/** Clicks across a chart's box until a click navigates: bars sit where the data puts them, vertical or horizontal,
 *  so the box is swept on a grid (the feet of vertical bars first, then the rest). */
async function clickChartUntilNavigation(page: Page, testId: string): Promise<string> {
  const before = page.url();
  const box = await page.getByTestId(testId).locator(".chart-box").boundingBox();
  if (!box) throw new Error(`chart ${testId} not visible`);
  const points: [number, number][] = [];
  for (let fx = 0.08; fx < 0.97; fx += 0.03) points.push([fx, 0.82]);
  for (let fy = 0.06; fy < 0.95; fy += 0.04) for (const fx of [0.3, 0.36, 0.42, 0.5]) points.push([fx, fy]);
  for (const [fx, fy] of points) {
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    // wait long enough that a click which navigates is seen before the next click could land on the new page
    await page.waitForURL((u) => u.href !== before, { timeout: 600 }).catch(() => undefined);
    if (page.url() !== before) {
      await page.waitForLoadState("networkidle");
      return page.url();
    }
  }
  throw new Error(`no click on ${testId} navigated`);
}

describe.skipIf(!inject("sampleDb"))("dashboard in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let accounts: TestAccounts;
  let cookie: string;

  beforeAll(async () => {
    accounts = await prepareAccounts([{ username: "analyst-e2e", role: "analyst" }]);
    server = await startServer({ warehouse: inject("sampleDb"), env: accounts.env });
    cookie = await signIn(server.url, "analyst-e2e");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await accounts?.remove();
  });

  async function open(path: string): Promise<WatchedPage> {
    const w = await openPage(browser, server.url);
    await signInPage(w.page, server.url, cookie);
    const res = await w.page.goto(server.url + path, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    return w;
  }

  for (const p of PAGES) {
    it(`draws ${p.path} in Chinese with its charts, from this origin only`, async () => {
      const w = await open(p.path);
      await expect(w.page.locator("h1").first().innerText()).resolves.toMatch(p.heading);
      if (p.minCharts > 0) {
        await w.page.waitForSelector(".chart-box[data-rendered=true] canvas", { timeout: 20_000 });
        // the charts in view take over first, one at a time; those below the fold once the browser is idle
        await expect
          .poll(() => w.page.locator(".chart-box[data-rendered=true] canvas").count(), { timeout: 10_000 })
          .toBeGreaterThanOrEqual(p.minCharts);
      }
      const text = await w.page.locator("main").innerText();
      expect(text).toMatch(/[\u4e00-\u9fff]{4,}/);
      expect(text).not.toMatch(/undefined|NaN|\[object Object\]/);
      await w.screenshot(`page-${p.name}`);
      expect(w.consoleErrors).toEqual([]);
      expect([...w.externalHosts]).toEqual([]);
      await w.page.close();
    });
  }

  it("drills from a grade bar to the filtered project list, and back", async () => {
    const w = await open("/performance");
    await w.page.waitForSelector("[data-testid=grade-distribution] .chart-box[data-rendered=true] canvas");
    const landed = await clickChartUntilNavigation(w.page, "grade-distribution");
    expect(landed).toMatch(/\/projects\?.*grade=/);
    await w.page.waitForLoadState("networkidle");
    const grade = new URL(landed).searchParams.get("grade");
    // client-side navigation: wait until the list shows the filtered data
    await expect.poll(async () => (await w.page.locator("table.data tbody tr").first().innerText()).includes(grade!), { timeout: 15_000 }).toBe(true);
    const rows = await w.page.locator("table.data tbody tr").allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows.slice(0, 20)) expect(r).toContain(grade!);
    await w.screenshot("drill-grade");
    await w.page.goBack({ waitUntil: "networkidle" });
    expect(new URL(w.page.url()).pathname).toBe("/performance");
    await w.page.close();
  });

  it("drills from an article bar to the compliance view filtered by that rule", async () => {
    const w = await open("/compliance");
    await w.page.waitForSelector("[data-testid=chart-flags-by-article] .chart-box[data-rendered=true] canvas");
    const landed = await clickChartUntilNavigation(w.page, "chart-flags-by-article");
    const rule = new URL(landed).searchParams.get("rule");
    expect(rule).toMatch(/^ART\d+/);
    await expect
      .poll(async () => (await w.page.getByTestId("flag-list").locator("tbody tr").first().innerText()).includes(RULES[rule!].short), { timeout: 15_000 })
      .toBe(true);
    const rows = await w.page.getByTestId("flag-list").locator("tbody tr").allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    // every listed flag is of the clicked rule: its article and short title
    for (const r of rows) {
      expect(r).toContain(articleLabel(RULES[rule!].article));
      expect(r).toContain(RULES[rule!].short);
    }
    await w.page.close();
  });

  it("puts a changed filter in the URL, so the link reproduces the view", async () => {
    const w = await open("/compliance");
    const select = w.page.locator("form.filter-bar select[name=year]");
    const options = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.length).toBeGreaterThan(1);
    const target = options[options.length - 1];
    await Promise.all([w.page.waitForURL((u) => u.searchParams.get("year") === target), select.selectOption(target)]);
    await w.page.waitForLoadState("networkidle");
    const viaLink = await open(`/compliance?year=${target}`);
    expect(await viaLink.page.locator("form.filter-bar select[name=year]").inputValue()).toBe(target);
    await w.page.goBack({ waitUntil: "networkidle" });
    expect(new URL(w.page.url()).searchParams.get("year")).not.toBe(target);
    await w.page.close();
    await viaLink.page.close();
  });
});
