// Whether a page's Content-Security-Policy lets exactly its own inline scripts run: each inline <script> must carry
// the policy's nonce or have its SHA-256 listed (CSP level 2 hash sources), and the policy must not allow inline
// script in general. Computed here independently of the server's code.
import { createHash } from "node:crypto";

export function inlineScriptProblems(html: string, csp: string): string[] {
  const problems: string[] = [];
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  if (!scriptSrc) problems.push("no script-src");
  if (/unsafe-inline|unsafe-eval|\*/.test(scriptSrc)) problems.push(`script-src too wide: ${scriptSrc}`);
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  let inline = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1]) || m[2] === "") continue;
    inline++;
    const own = /\snonce="([^"]*)"/.exec(m[1])?.[1];
    const hash = `'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`;
    if (!(nonce !== undefined && own === nonce) && !scriptSrc.includes(hash)) problems.push(`inline script not allowed: ${m[2].slice(0, 60)}`);
  }
  if (inline === 0) problems.push("no inline script found (the check would prove nothing)");
  return problems;
}
