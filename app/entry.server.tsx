// Renders each document whole before sending it (onAllReady): the pages are small, their charts are server-side
// SVG, and a complete document prints and reads without JavaScript. Scripts carry the request's CSP nonce.
// A document is rendered once per distinct (URL, loader data) and served from memory after that
// (app/document-cache.server.ts).
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./nonce";
import { getUser } from "./auth/session.server";
import { currentWarehouseIdentity } from "./db.server";
import {
  documentKey,
  isPagePath,
  keepPage,
  keptPage,
  NONCE_PLACEHOLDER,
  type KeptPage,
  recallDocument,
  rememberDocument,
  requestKey,
  withNonce,
} from "./document-cache.server";

export { departmentsWithAccounts, keepWarm } from "./warm-up.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const { cspNonce: nonce, documentKey: askedKey } = loadContext as { cspNonce?: string; documentKey?: string };
  const key =
    request.method === "GET"
      ? documentKey({
          url: request.url,
          status: responseStatusCode,
          loaderData: remixContext.staticHandlerContext.loaderData,
          actionData: remixContext.staticHandlerContext.actionData,
          errors: remixContext.staticHandlerContext.errors,
        })
      : null;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const cached = key ? recallDocument(key) : undefined;
  if (cached !== undefined) {
    if (askedKey) keepPage(askedKey, cached);
    return new Response(withNonce(cached, nonce), { headers: responseHeaders, status: responseStatusCode });
  }
  const { html, failed } = await renderDocument(request, remixContext, NONCE_PLACEHOLDER);
  if (key && !failed) {
    rememberDocument(key, html);
    // the same page for the same asker, warehouse and clock: answered before the loaders next time
    if (askedKey) keepPage(askedKey, html);
  }
  return new Response(withNonce(html, nonce), { headers: responseHeaders, status: failed ? 500 : responseStatusCode });
}

function renderDocument(request: Request, remixContext: EntryContext, nonce: string): Promise<{ html: string; failed: boolean }> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          const body = new PassThrough();
          const chunks: Buffer[] = [];
          body.on("data", (c: Buffer) => chunks.push(c));
          // React 18.3's stream writer can emit stray NUL bytes when a multi-byte character straddles its 2 KB
          // chunk (react/react#31134): "导\0出". No page ever contains a NUL of its own, so drop them.
          body.on("end", () => resolve({ html: Buffer.concat(chunks).toString("utf8").replaceAll("\0", ""), failed }));
          body.on("error", reject);
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          failed = true;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}

/**
 * For the server (app/serve.server.ts), before Remix: the key of a page request — who asks, for what, from which
 * warehouse — and the page kept for it (its bytes, gzip'd bytes, and inline-script hashes for its CSP). null when the request is not a page GET or nobody is
 * signed in (Remix then answers as always: the loaders redirect or refuse). Exported from the entry module so that it
 * runs on the same module instances as the loaders (one session store, one warehouse reader).
 */
export async function rememberedDocument(request: Request): Promise<{ key: string; page?: KeptPage } | null> {
  if (request.method !== "GET" || !isPagePath(new URL(request.url).pathname)) return null;
  const identity = currentWarehouseIdentity();
  if (identity === null) return null;
  const who = await getUser(request);
  if (!who) return null;
  const key = requestKey(request.url, who, identity);
  return { key, page: keptPage(key) };
}
