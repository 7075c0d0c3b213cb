// GET /admin/audit.csv — the audit log as CSV (UTF-8 with BOM, for Excel), admin only; the download is itself audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readAudit, recordAudit } from "~/auth/audit.server";
import { clientIp, requireUser } from "~/auth/session.server";
import { contentDisposition } from "~/export/export.server";

function cell(v: unknown): string {
  let s = v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formulas in a spreadsheet
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, "admin");
  const event = new URL(request.url).searchParams.get("event") ?? undefined;
  const entries = readAudit({ limit: 1_000_000, event });
  const lines = ["ts,event,actor,role,ip,detail,intact"];
  for (const e of entries) lines.push([e.ts, e.event, e.actor, e.role, e.ip, e.detail, e.intact].map(cell).join(","));
  recordAudit({ event: "export", actor: admin.username, role: admin.role, ip: clientIp(request), detail: { what: "audit_log", format: "csv", rows: entries.length } });
  return new Response("\uFEFF" + lines.join("\r\n") + "\r\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition("审计日志_audit.csv"),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
