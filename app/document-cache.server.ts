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
import { LRUCache } from "lru-cache";

/** Base64-safe and unguessable: it must never occur in page data by chance. */
export const NONCE_PLACEHOLDER = `xgnonce${randomBytes(12).toString("hex")}`;

const MAX_BYTES = 64 * 1024 * 1024;
const documents = new LRUCache<string, string>({
  maxSize: MAX_BYTES,
  maxEntrySize: MAX_BYTES / 8,
  sizeCalculation: (html) => Math.max(1, html.length),
});

/** One key for one JSON-able description of a response. */
function hashKey(parts: unknown): string {
  const text = JSON.stringify(parts, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
  return createHash("sha256").update(text).digest("base64url");
}

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
  return hashKey([from.url, from.loaderData]);
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
  return hashKey(["request", url, who.username, who.role, who.deptCode, who.displayName, identity, Math.floor(now / CLOCK_MS)]);
}

export function recallDocument(key: string): string | undefined {
  return documents.get(key);
}

export function rememberDocument(key: string, html: string): void {
  documents.set(key, html);
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

/** `'sha256-…'` of every inline script (no src) in the document: the text between the tags, as the browser hashes it. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1]) || m[2] === "") continue;
    hashes.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

// A page is kept as the rendered text first and made into bytes, gzip and hashes when it is first sent again: the
// gzip of a 150 KB page costs several milliseconds, which the first response (already gzip'd once on its way out,
// with its nonce) should not wait for; a page never asked again never pays it (docs/decisions/008-first-render.md).
type Kept = { page: KeptPage } | { html: string };

const pages = new LRUCache<string, Kept>({
  maxSize: MAX_BYTES,
  sizeCalculation: (kept) => ("page" in kept ? kept.page.body.length + kept.page.gzip.length : kept.html.length * 2),
});

export function keepPage(key: string, htmlWithPlaceholder: string): void {
  if (pages.has(key)) return;
  pages.set(key, { html: htmlWithPlaceholder });
}

export function keptPage(key: string): KeptPage | undefined {
  const kept = pages.get(key);
  if (kept === undefined || "page" in kept) return kept?.page;
  const html = kept.html.replaceAll(` nonce="${NONCE_PLACEHOLDER}"`, "").replaceAll(NONCE_PLACEHOLDER, "");
  const body = Buffer.from(html, "utf8");
  const page: KeptPage = { body, gzip: gzipSync(body), scriptHashes: inlineScriptHashes(html) };
  pages.set(key, { page });
  return page;
}
