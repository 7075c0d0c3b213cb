// The export log: every export, who asked, what, with which filters, how many rows, when — appended as one JSON
// line to data/audit/exports.jsonl (EXPORT_LOG to change). Append-only: the app never rewrites or deletes a line.
// Until access control arrives, "who" is what the request can tell: a user header set by the intranet's
// authenticating proxy, if any, the forwarded address and the user agent. When the audit store exists, point the
// log at it with setExportLogSink(record => …) at server start; nothing else changes.
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "~/auth/audit.server";
import type { SessionUser } from "~/auth/roles";

export interface ExportRecord {
  /** ISO time the export started. */
  at: string;
  /** user: the signed-in user who asked (role: their role). */
  who: { user: string | null; role?: string | null; address: string | null; userAgent: string | null };
  /** The relation (or report) exported. */
  what: string;
  format: string;
  /** The filters as given: {"year":2024,"dept":"D01"}. */
  filters: Record<string, string | number>;
  limit: number | null;
  /** Rows sent; for an export cut short, the rows sent before it stopped. */
  rows: number;
  bytes: number;
  ms: number;
  /** complete: the client got everything; aborted: the client went away; failed: the server hit an error. */
  status: "complete" | "aborted" | "failed";
  error?: string;
  /** Identity of the warehouse file the rows came from. */
  warehouse: string;
}

export type ExportLogSink = (record: ExportRecord) => Promise<void> | void;

export function exportLogPath(): string {
  return path.resolve(process.env.EXPORT_LOG ?? "data/audit/exports.jsonl");
}

const appendJsonLine: ExportLogSink = async (record) => {
  const file = exportLogPath();
  await mkdir(path.dirname(file), { recursive: true });
  // one write per line, O_APPEND: concurrent exports never interleave inside a line
  await appendFile(file, JSON.stringify(record) + "\n", { encoding: "utf8", flag: "a" });
};

let sink: ExportLogSink = appendJsonLine;

/** Sends export records somewhere else (the audit store); `null` restores the JSON-lines file. */
export function setExportLogSink(next: ExportLogSink | null): void {
  sink = next ?? appendJsonLine;
}

/** Records one export: in the export log (the sink) and, always, in the audit log with the signed-in user who
 *  asked. A failure to record is reported on the server's console, never to the downloader. */
export async function recordExport(record: ExportRecord): Promise<void> {
  try {
    await sink(record);
  } catch (err) {
    console.error(`导出日志写入失败：${(err as Error).message}`, JSON.stringify(record));
  }
  try {
    recordAudit({
      event: "export",
      actor: record.who.user ?? "(未登录)",
      ...(record.who.role ? { role: record.who.role } : {}),
      ...(record.who.address ? { ip: record.who.address } : {}),
      detail: {
        what: record.what,
        format: record.format,
        filters: record.filters,
        limit: record.limit,
        rows: record.rows,
        bytes: record.bytes,
        status: record.status,
      },
    });
  } catch (err) {
    console.error(`审计日志写入失败：${(err as Error).message}`, JSON.stringify(record));
  }
}

/** Who is asking: the signed-in user (every export route requires one), the forwarded address and the agent. */
export function requester(request: Request, user: SessionUser): ExportRecord["who"] {
  const h = request.headers;
  return {
    user: user.username,
    role: user.role,
    address: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip") ?? null,
    userAgent: h.get("user-agent"),
  };
}
