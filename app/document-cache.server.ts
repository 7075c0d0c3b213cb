// Rendered documents, remembered by what they were rendered from. A page's HTML is a pure function of its URL and
// the loader data of its routes (the user, the scope and the warehouse identity all reach the page through loader
// data), so the key is a hash of exactly those: two requests that would render the same bytes share one rendering,
// and a new warehouse, another user or another filter can never be served a stale page — its data differs.
// Loaders still run on every request (permissions, the idle clock, the warehouse swap), only React's rendering and the
// serialisation of the data into the page are saved; under 16 clients that was most of the CPU a page took
// (docs/decisions/007-performance.md).
// A second key answers a repeat before any loader runs (rememberedDocument in app/entry.server.tsx, used by
// app/serve.server.ts): the URL, who is asking (the session's user, role and department, checked afresh), the
// warehouse file's identity and a ten-minute clock (the freshness banners count days since the build). Only the
// pages (no data requests, API, exports, sign-in or admin) and only a 200 rendered for exactly that key are kept.
// Such a page is sent byte for byte the same each time, gzip'd once: instead of a nonce (which would change the
// bytes), its CSP names the SHA-256 of each inline script it carries (CSP level 2 hash sources) — as strict: only
// those exact scripts run.
// The CSP nonce differs per response: a document is rendered with a placeholder and the request's nonce is put in
// its place when served.
import { createHash, randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";

/** Base64-safe and unguessable: it must never occur in page data by chance. */
export const NONCE_PLACEHOLDER = `xgnonce${randomBytes(12).toString("hex")}`;

const MAX_BYTES = 64 * 1024 * 1024;
const cache = new Map<string, string>();
let bytes = 0;

export interface RenderedFrom {
  url: string;
  status: number;
  loaderData: unknown;
  actionData: unknown;
  errors: unknown;
}

/** The key of a rendering, or null when the page must be rendered afresh (errors, actions, non-200). */
export function documentKey(from: RenderedFrom): string | null {
  if (from.status !== 200 || from.errors || from.actionData) return null;
  const text = JSON.stringify([from.url, from.loaderData], (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
  return createHash("sha256").update(text).digest("base64url");
}

export interface Asker {
  username: string;
  role: string;
  deptCode: string | null;
  displayName: string;
}

const CLOCK_MS = 10 * 60 * 1000;

/** Paths whose GET answer is a page: everything but data requests, the API, downloads, sign-in/out and admin. */
export function isPagePath(pathname: string): boolean {
  return !/^\/(api|build|login|logout|admin)(\/|$)|\.(data|pdf|csv)$/.test(pathname);
}

export function requestKey(url: string, who: Asker, identity: string, now = Date.now()): string {
  const text = JSON.stringify(["request", url, who.username, who.role, who.deptCode, who.displayName, identity, Math.floor(now / CLOCK_MS)]);
  return createHash("sha256").update(text).digest("base64url");
}

export function recallDocument(key: string): string | undefined {
  const html = cache.get(key);
  if (html === undefined) return undefined;
  cache.delete(key);
  cache.set(key, html);
  return html;
}

export function rememberDocument(key: string, html: string): void {
  if (html.length > MAX_BYTES / 8) return;
  const old = cache.get(key);
  if (old !== undefined) bytes -= old.length;
  cache.set(key, html);
  bytes += html.length;
  for (const [k, v] of cache) {
    if (bytes <= MAX_BYTES) break;
    cache.delete(k);
    bytes -= v.length;
  }
}

/** The document as sent: the request's nonce in place of the placeholder (or none, where the server set none). */
export function withNonce(html: string, nonce: string | undefined): string {
  return html.replaceAll(NONCE_PLACEHOLDER, nonce ?? "");
}

/** A page kept for the pre-Remix answer: its bytes (no nonce), gzip'd once, and the hash sources of its inline scripts. */
export interface KeptPage {
  body: Buffer;
  gzip: Buffer;
  scriptHashes: string[];
}

const pages = new Map<string, KeptPage>();
let pageBytes = 0;

/** `'sha256-…'` of every inline script (no src) in the document: the text between the tags, as the browser hashes it. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1]) || m[2] === "") continue;
    hashes.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

export function keepPage(key: string, htmlWithPlaceholder: string): void {
  if (pages.has(key)) return;
  const html = htmlWithPlaceholder.replaceAll(` nonce="${NONCE_PLACEHOLDER}"`, "").replaceAll(NONCE_PLACEHOLDER, "");
  const body = Buffer.from(html, "utf8");
  const page: KeptPage = { body, gzip: gzipSync(body), scriptHashes: inlineScriptHashes(html) };
  pages.set(key, page);
  pageBytes += body.length + page.gzip.length;
  for (const [k, v] of pages) {
    if (pageBytes <= MAX_BYTES) break;
    pages.delete(k);
    pageBytes -= v.body.length + v.gzip.length;
  }
}

export function keptPage(key: string): KeptPage | undefined {
  const page = pages.get(key);
  if (page === undefined) return undefined;
  pages.delete(key);
  pages.set(key, page);
  return page;
}
