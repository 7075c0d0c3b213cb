// The first page, as a user opens it: what the warehouse holds per source, in readable Chinese, served entirely
// from the app's own origin.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, openPage } from "../support/browser.js";
import { startServer, type RunningServer } from "../support/server.js";
import { prepareAccounts, signIn, signInPage, type TestAccounts } from "../support/auth.js";

describe.skipIf(!inject("sampleDb"))("overview page (browser)", () => {
  let server: RunningServer;
  let browser: Browser;
  let accounts: TestAccounts;
  let cookie: string;
  beforeAll(async () => {
    accounts = await prepareAccounts([{ username: "leader1", role: "leader" }]);
    server = await startServer({ warehouse: inject("sampleDb"), env: accounts.env });
    cookie = await signIn(server.url, "leader1");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await accounts?.remove();
  });

  it("shows the load summary per source in Chinese", async () => {
    const w = await openPage(browser, server.url);
    await signInPage(w.page, server.url, cookie);
    const res = await w.page.goto(server.url + "/", { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    const table = w.page.getByTestId("load-summary");
    await expect(table.isVisible()).resolves.toBe(true);
    const text = await table.innerText();
    for (const label of ["项目申报", "合同备案", "政务云账单", "常住人口", "节假日安排"]) expect(text).toContain(label);
    expect(await w.page.textContent("body")).toContain(`评估基准日 ${inject("sampleAsOf")}`);
    // rows loaded are real numbers, not zeros: the sample inbox was loaded
    const loaded = await w.page.locator("[data-testid=load-summary] tbody tr td:nth-child(6)").allInnerTexts();
    expect(loaded.some((t) => Number(t.replaceAll(",", "")) > 100)).toBe(true);
    await w.screenshot("overview");
    expect(w.consoleErrors).toEqual([]);
    expect([...w.externalHosts]).toEqual([]);
  });
});
