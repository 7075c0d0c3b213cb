// A page kept for the pre-Remix answer is stored as its text and made into bytes, gzip and script hashes when it is
// first sent again (docs/decisions/008-first-render.md): what is sent must be what was sent before that change.
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { inlineScriptHashes, keepPage, keptPage, NONCE_PLACEHOLDER } from "../../app/document-cache.server.js";

describe("kept pages", () => {
  const html = `<!DOCTYPE html><html><head><script nonce="${NONCE_PLACEHOLDER}">window.a = "${NONCE_PLACEHOLDER}";</script>` +
    `<script src="/build/x.js"></script></head><body><p>导出</p><script nonce="${NONCE_PLACEHOLDER}">window.b = 2;</script></body></html>`;

  it("is sent without any nonce, gzip'd, with the hash of each inline script", () => {
    keepPage("k1", html);
    const page = keptPage("k1")!;
    const text = page.body.toString("utf8");
    expect(text).not.toContain(NONCE_PLACEHOLDER);
    expect(text).not.toContain("nonce=");
    expect(text).toBe(html.replaceAll(` nonce="${NONCE_PLACEHOLDER}"`, "").replaceAll(NONCE_PLACEHOLDER, ""));
    expect(gunzipSync(page.gzip).equals(page.body)).toBe(true);
    expect(page.scriptHashes).toEqual(inlineScriptHashes(text));
    expect(page.scriptHashes).toHaveLength(2);
  });

  it("is made once: the same bytes every time it is sent", () => {
    keepPage("k2", html);
    expect(keptPage("k2")).toBe(keptPage("k2"));
  });

  it("keeps the first page kept under a key", () => {
    keepPage("k3", html);
    keepPage("k3", html.replace("导出", "另一个"));
    expect(keptPage("k3")!.body.toString("utf8")).toContain("导出");
  });

  it("knows nothing it was not given", () => {
    expect(keptPage("never")).toBeUndefined();
  });
});
