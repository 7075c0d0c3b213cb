// Headless Debian Chromium driven by playwright-core (never a downloaded browser). Every page opened through here
// records console errors and any request to a host other than the app's own: the product runs on an intranet.
import { chromium, type Browser, type Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../etl/db.js";

export const SCREENSHOT_DIR = path.join(ROOT, "test-output", "screenshots");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  externalHosts: Set<string>;
  screenshot(name: string): Promise<string>;
}

export async function openPage(browser: Browser, baseUrl: string): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  const consoleErrors: string[] = [];
  const externalHosts = new Set<string>();
  const origin = new URL(baseUrl).host;
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.on("request", (r) => {
    const u = r.url();
    if (/^https?:/.test(u) && new URL(u).host !== origin) externalHosts.add(new URL(u).host);
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    page,
    consoleErrors,
    externalHosts,
    async screenshot(name) {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}
