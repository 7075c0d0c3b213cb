// The production HTTP server: Express around the Remix build in build/ (`npm start` runs this file). Express adds
// what remix-serve cannot: a per-request CSP nonce (or, for a page sent again from memory, its inline scripts'
// hashes), security headers on every response (等保 2.0 / OWASP ASVS L2),
// gzip, and long-lived caching of fingerprinted assets. Everything is served from this origin: no CDN.
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import path from "node:path";
import { pathToFileURL } from "node:url";
import compression from "compression";
import express from "express";
import { randomBytes } from "node:crypto";

const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;

/** The policy of every response; `scripts` allows the inline scripts: the response's nonce, or — for a page sent
 *  from memory, the same bytes each time — the hashes of its inline scripts. */
function contentSecurityPolicy(scripts: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scripts}`,
    // ECharts and React set inline style attributes; no inline <style> or script is ever needed beyond the nonce
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const app = express();
app.disable("x-powered-by");
app.set("etag", false); // pages carry a per-response nonce: an ETag of one would never match
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
app.use(compression());

// How many requests are being answered, and when the last one began or ended: the warm-up after a warehouse swap
// (app/warm-up.server.tsx) works only once none has been for a moment.
let serving = 0;
let lastActivity = 0;
app.use((_req, res, next) => {
  serving += 1;
  lastActivity = performance.now();
  let done = false;
  const end = () => {
    if (done) return;
    done = true;
    serving -= 1;
    lastActivity = performance.now();
  };
  res.once("finish", end);
  res.once("close", end);
  next();
});

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(`'nonce-${nonce}'`));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  next();
});

// CSRF, at the edge: a state-changing request (anything but GET/HEAD/OPTIONS) must name this host as its Origin (or,
// without one, its Referer). Refused with a 403 here — Remix's own check would answer a cross-site form post with a
// 500 — and every action checks again itself (assertSameOrigin in app/auth/session.server.ts).
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const claimed = req.get("origin") ?? req.get("referer");
  let host: string | null = null;
  try {
    host = claimed ? new URL(claimed).host : null;
  } catch {
    host = null;
  }
  const expected = [req.get("host"), req.get("x-forwarded-host")].filter(Boolean);
  if (host !== null && expected.includes(host)) return next();
  res.status(403).type("text/plain; charset=utf-8").send("请求来源校验失败（跨站请求被拒绝）。");
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

// A page asked again by the same user from the same warehouse is answered from memory before Remix runs
// (app/document-cache.server.ts; docs/decisions/007-performance.md). The entry module decides — with the loaders'
// own session store and warehouse reader — and says no for anything that is not a signed-in page GET.
type Kept = { body: Buffer; gzip: Buffer; scriptHashes: string[] };
type Remembered = (request: Request) => Promise<{ key: string; page?: Kept } | null>;
const rememberedDocument = (build.entry.module as { rememberedDocument?: Remembered }).rememberedDocument;
app.get("*", (req, res, next) => {
  if (!rememberedDocument) return next();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const url = `${req.protocol}://${req.get("host")}${req.originalUrl}`;
  rememberedDocument(new Request(url, { headers }))
    .then((hit) => {
      if (!hit) return next();
      res.locals.documentKey = hit.key;
      const page = hit.page;
      if (page === undefined) return next();
      res.setHeader("Content-Security-Policy", contentSecurityPolicy(page.scriptHashes.join(" ")));
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Vary", "Accept-Encoding");
      // gzip'd once, when first sent again; the compression middleware leaves a response that already has an
      // encoding alone
      if (req.acceptsEncodings("gzip") === "gzip") {
        res.setHeader("Content-Encoding", "gzip");
        res.status(200).end(page.gzip);
      } else {
        res.status(200).end(page.body);
      }
    })
    .catch(next);
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (_req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      documentKey: res.locals.documentKey as string | undefined,
    }),
  }),
);

// Never show a stack trace: Express's default error page would.
app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  console.error(err);
  res.status(500).type("text/plain; charset=utf-8").send("服务器内部错误");
});

// The warm-up (app/warm-up.server.tsx; docs/decisions/008-first-render.md, 011-prepared-views.md): before the server
// listens, each page's default view is rehearsed (read and rendered, nothing kept: V8's compiled code, the open
// warehouse and DuckDB's buffers are what is left), because a process that has just started renders its first pages
// several times slower than a warm one; then the views users open first are prepared and kept (XINGUAN_PREPARE=0 turns
// that off). After every warehouse swap the views are prepared again in the background, a step at a time, only once
// no request has been answered for QUIET_MS. The start waits WARM_UP_BUDGET_MS at most (a large warehouse takes
// longer; the rest goes on in the background, as do the departments' own views). XINGUAN_WARM_UP=0 turns it all off.
const QUIET_MS = 200;
const REQUEST_REHEARSALS = 5;
const WARM_UP_BUDGET_MS = 15_000;
const { keepWarm, departmentsWithAccounts } = build.entry.module as Partial<typeof import("./warm-up.server")>;
const warming = keepWarm !== undefined && process.env.XINGUAN_WARM_UP !== "0";
if (keepWarm && warming) {
  const idle = async (): Promise<void> => {
    for (;;) {
      // let the event loop take in whatever has arrived first: a request is counted once Express sees it
      await new Promise((resolve) => setImmediate(resolve));
      if (serving === 0 && performance.now() - lastActivity >= QUIET_MS) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const { first } = keepWarm({ idle, prepare: process.env.XINGUAN_PREPARE !== "0", departments: departmentsWithAccounts });
  await Promise.race([first, new Promise((resolve) => setTimeout(resolve, WARM_UP_BUDGET_MS).unref())]);
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = app.listen(port, host, async () => {
  if (warming) await rehearseRequests();
  console.log(`信管已启动：http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}（数据仓库 ${process.env.WAREHOUSE ?? "data/warehouse.duckdb"}）`);
});

// The warm-up rehearses the pages outside Remix; what a request goes through around them — Express, Remix's handler,
// the document with its root layout, React's streaming renderer, gzip — is compiled by asking this server for the
// sign-in page (no session, no side effect) a few times before it says it has started. Failures do not matter.
async function rehearseRequests(): Promise<void> {
  const address = server.address();
  if (address === null || typeof address === "string") return;
  const at = address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address;
  const url = `http://${at.includes(":") ? `[${at}]` : at}:${address.port}/login`;
  for (let i = 0; i < REQUEST_REHEARSALS; i++) {
    try {
      await (await fetch(url, { headers: { "accept-encoding": "gzip" } })).arrayBuffer();
    } catch {
      return;
    }
  }
}
