// 6. Browser: headless Debian Chromium opens the leadership page (/performance) in a fresh profile (empty cache) and
// we take the time from navigation start to the first chart drawn — the Chart wrapper sets data-rendered="true" on
// its .chart-box right after ECharts' setOption has drawn the canvas; an init script watches for it and notes
// performance.now(), whose origin is the navigation start. Also the page's JavaScript: every script response, gzip'd
// with node:zlib, summed (what a first visit downloads over a compressing link).
import { gzipSync } from "node:zlib";
import { launchBrowser } from "../test/support/browser.js";
import { isLoginRedirect, prepareAuth, signIn } from "./auth.js";
import { startBenchServer } from "./server.js";
import { median } from "./stats.js";

export const LEADERSHIP_PAGE = "/performance";

export interface BrowserResult {
  page: string;
  chromium: string;
  runs: number;
  /** Navigation start → first chart drawn, each cold run (fresh profile), ms. */
  firstChartMs: number[];
  firstChartMedianMs: number;
  /** Navigation start → first contentful paint, each run: when the server-rendered SVG charts are first on screen
   *  (before the client hydrates them into interactive ECharts). */
  firstPaintMs: number[];
  firstPaintMedianMs: number;
  /** Navigation start → DOMContentLoaded of the first run, for context. */
  domContentLoadedMs: number;
  scripts: { url: string; bytes: number; gzipBytes: number }[];
  jsBytes: number;
  jsGzipBytes: number;
  signedIn: boolean;
  status: "measured" | "login" | "no-chart";
  note: string | null;
}

const FIRST_CHART = '.chart-box[data-rendered="true"]';

/** Runs before the page's own scripts: notes performance.now() (ms since navigation start) when the first chart box
 *  is marked rendered. A string, not a function: tsx would wrap a function's inner functions in a helper that does
 *  not exist in the page. */
const FIRST_CHART_WATCH = `
  window.__benchFirstChart = null;
  (function () {
    var seen = function () {
      if (window.__benchFirstChart === null && document.querySelector('${FIRST_CHART}')) {
        window.__benchFirstChart = performance.now();
      }
      return window.__benchFirstChart !== null;
    };
    var obs = new MutationObserver(function () { if (seen()) obs.disconnect(); });
    obs.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-rendered"] });
  })();
`;

export async function measureBrowser({
  warehouse,
  tmpDir,
  runs = 3,
}: {
  warehouse: string;
  tmpDir: string;
  runs?: number;
}): Promise<BrowserResult> {
  const auth = await prepareAuth(tmpDir);
  const server = await startBenchServer({ warehouse, env: auth.env });
  const browser = await launchBrowser();
  const result: BrowserResult = {
    page: LEADERSHIP_PAGE,
    chromium: `Chromium ${browser.version()}`,
    runs: 0,
    firstChartMs: [],
    firstChartMedianMs: NaN,
    firstPaintMs: [],
    firstPaintMedianMs: NaN,
    domContentLoadedMs: NaN,
    scripts: [],
    jsBytes: 0,
    jsGzipBytes: 0,
    signedIn: false,
    status: "measured",
    note: null,
  };
  try {
    let cookie: string | null = null;
    const probe = await fetch(server.url + LEADERSHIP_PAGE, { redirect: "manual" });
    await probe.arrayBuffer();
    if (isLoginRedirect(probe)) {
      try {
        cookie = await signIn(server.url, auth);
        result.signedIn = true;
      } catch (err) {
        result.status = "login";
        result.note = `需要登录，未测（${(err as Error).message}）`;
        return result;
      }
    }
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
      try {
        if (cookie) {
          await context.addCookies(
            cookie.split("; ").map((c) => {
              const eq = c.indexOf("=");
              return { name: c.slice(0, eq), value: c.slice(eq + 1), url: server.url };
            }),
          );
        }
        await context.addInitScript({ content: FIRST_CHART_WATCH });
        const page = await context.newPage();
        const scripts = new Map<string, Promise<{ bytes: number; gzipBytes: number } | null>>();
        if (i === 0) {
          page.on("response", (r) => {
            const type = r.request().resourceType();
            const url = r.url();
            const isJs = type === "script" || /\.m?js(\?|$)/.test(new URL(url).pathname) ||
              /javascript/.test(r.headers()["content-type"] ?? "");
            if (!isJs || scripts.has(url) || r.status() !== 200) return;
            scripts.set(
              url,
              r.body().then(
                (b) => ({ bytes: b.length, gzipBytes: gzipSync(b).length }),
                () => null,
              ),
            );
          });
        }
        const response = await page.goto(server.url + LEADERSHIP_PAGE, { waitUntil: "commit" });
        if (response && response.status() >= 400) {
          result.status = "no-chart";
          result.note = `页面返回 HTTP ${response.status()}`;
          return result;
        }
        try {
          // Playwright's selector engine runs in its own world: unaffected by the page's CSP
          await page.waitForSelector(FIRST_CHART, { state: "attached", timeout: 30_000 });
        } catch {
          result.status = "no-chart";
          result.note = `30 秒内没有图表绘制完成（${FIRST_CHART}）`;
          return result;
        }
        let at: number | null = null;
        for (let k = 0; k < 20 && typeof at !== "number"; k++) {
          at = (await page.evaluate("window.__benchFirstChart")) as number | null;
          if (typeof at !== "number") await page.waitForTimeout(50);
        }
        if (typeof at !== "number") throw new Error("首张图表的时间没有记下（初始化脚本未运行）");
        result.firstChartMs.push(at);
        result.firstPaintMs.push(
          Number(await page.evaluate('performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN')),
        );
        if (i === 0) {
          await page.waitForLoadState("networkidle").catch(() => {});
          result.domContentLoadedMs = Number(
            await page.evaluate('performance.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd ?? NaN'),
          );
          for (const [url, p] of scripts) {
            const s = await p;
            if (!s) continue;
            result.scripts.push({ url: new URL(url).pathname, ...s });
          }
          result.jsBytes = result.scripts.reduce((a, s) => a + s.bytes, 0);
          result.jsGzipBytes = result.scripts.reduce((a, s) => a + s.gzipBytes, 0);
        }
        result.runs += 1;
      } finally {
        await context.close();
      }
    }
    result.firstChartMedianMs = median(result.firstChartMs);
    result.firstPaintMedianMs = median(result.firstPaintMs.filter(Number.isFinite));
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}
