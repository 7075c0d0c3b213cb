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
      // gzip'd once when kept; the compression middleware leaves a response that already has an encoding alone
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

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
app.listen(port, host, () => {
  console.log(`信管已启动：http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}（数据仓库 ${process.env.WAREHOUSE ?? "data/warehouse.duckdb"}）`);
});
