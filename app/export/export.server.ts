// GET /api/marts/:name — one public relation, filtered like the page it came from, in the format asked for,
// streamed straight from DuckDB to the client and recorded in the export log. The route only calls exportRelation.
//
// The warehouse connection is leased for the life of the response body (not just the loader), released when the
// body ends, fails or the client goes away, and the export is logged then, with the rows actually sent.
import { leaseWarehouse, WarehouseMissingError, type WarehouseLease } from "~/db.server";
import { arrowIpcStream, arrowSelectExpression } from "./arrow.server";
import { readCatalog } from "./catalog.server";
import { csvStream } from "./csv.server";
import { jsonStream } from "./json.server";
import { COLUMN_LABELS, relationTitle, type ExportFormat } from "./labels";
import { recordExport, requester, type ExportRecord } from "./log.server";
import { recordAudit } from "~/auth/audit.server";
import { mayExport, scopeOf, type SessionUser } from "~/auth/roles";
import { clientIp } from "~/auth/session.server";
import { writeParquet } from "./parquet.server";
import {
  buildExportQuery,
  describeFilters,
  ExportRequestError,
  parseExportRequest,
  PROJECT_SCOPE_MESSAGE,
  projectScopeQuery,
  resolveRelation,
  scopeCondition,
  type ExportRequest,
} from "./request.server";
import { XLSX_MAX_ROWS, xlsxStream } from "./xlsx.server";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  arrow: "application/vnd.apache.arrow.stream",
  parquet: "application/vnd.apache.parquet",
  csv: "text/csv; charset=utf-8; header=present",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

const EXTENSIONS: Record<ExportFormat, string> = {
  arrow: "arrows",
  parquet: "parquet",
  csv: "csv",
  xlsx: "xlsx",
  json: "json",
};

/** A plain-text error response in Chinese, for people and for scripts (`requests` shows r.text). */
export function textResponse(message: string, status: number): Response {
  return new Response(message + "\n", {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** RFC 6266 / 5987: an ASCII fallback name and the exact UTF-8 name, which every current browser prefers. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]+/g, "_").replace(/["\\]/g, "_").replace(/_+/g, "_").replace(/^_+/, "");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** "合规问题清单_mart_flags_year-2024_dept-D01.csv" */
export function exportFileName(req: Pick<ExportRequest, "relation" | "filters" | "limit" | "format">): string {
  const parts = [relationTitle(req.relation.name), req.relation.name];
  for (const [k, v] of Object.entries(req.filters)) parts.push(`${k}-${v}`);
  if (req.limit !== null) parts.push(`limit-${req.limit}`);
  const unique = parts[0] === parts[1] ? parts.slice(1) : parts;
  return `${unique.join("_")}.${EXTENSIONS[req.format]}`;
}

interface Body {
  chunks: AsyncGenerator<Uint8Array>;
  rows(): number;
  length?: number;
}

async function openBody(lease: WarehouseLease, req: ExportRequest): Promise<Body> {
  const conn = lease.connection;
  let rows = 0;
  const onRows = (n: number) => (rows += n);
  const counted = (chunks: AsyncGenerator<Uint8Array>): Body => ({ chunks, rows: () => rows });
  switch (req.format) {
    case "arrow": {
      const q = buildExportQuery(req, arrowSelectExpression);
      const text = new Set(req.relation.columns.filter((c) => c.type === "VARCHAR").map((c) => c.name));
      const result = await conn.stream(q.sql, q.params);
      return counted(
        arrowIpcStream(result, {
          textAsBytes: text,
          labels: (name) => COLUMN_LABELS[name],
          metadata: { relation: req.relation.name, title: relationTitle(req.relation.name), filters: describeFilters(req) },
          onRows,
        }),
      );
    }
    case "csv": {
      const q = buildExportQuery(req);
      return counted(csvStream(await conn.stream(q.sql, q.params), { onRows }));
    }
    case "json": {
      const q = buildExportQuery(req);
      return counted(jsonStream(await conn.stream(q.sql, q.params), { onRows }));
    }
    case "xlsx": {
      const q = buildExportQuery(req);
      const count = await conn.runAndReadAll(`SELECT count(*) FROM (${q.sql})`, q.params);
      const n = Number(count.getRowsJson()[0][0]);
      if (n > XLSX_MAX_ROWS - 1) {
        throw new ExportRequestError(
          `本次导出共 ${n.toLocaleString("en-US")} 行，超过 Excel 单个工作表 ${(XLSX_MAX_ROWS - 1).toLocaleString("en-US")} 行的上限。请增加筛选条件，或改用 CSV、Parquet、Arrow 格式。`,
        );
      }
      return counted(
        xlsxStream([{ name: relationTitle(req.relation.name), open: () => conn.stream(q.sql, q.params) }], { onRows }),
      );
    }
    case "parquet": {
      const file = await writeParquet(conn, buildExportQuery(req));
      return { chunks: file.stream(), rows: () => file.rows, length: file.bytes };
    }
  }
}

/**
 * A web stream over `chunks` that pulls only when the consumer reads, and calls `onEnd` exactly once: when the
 * body is complete, when producing it failed, or when the client went away (cancel or request abort).
 */
function streamBody(
  chunks: AsyncGenerator<Uint8Array>,
  signal: AbortSignal,
  onEnd: (status: ExportRecord["status"], bytes: number, error?: unknown) => void,
): ReadableStream<Uint8Array> {
  let bytes = 0;
  let ended = false;
  const end = (status: ExportRecord["status"], error?: unknown) => {
    if (ended) return;
    ended = true;
    signal.removeEventListener("abort", onAbort);
    onEnd(status, bytes, error);
  };
  const stop = async (status: ExportRecord["status"]) => {
    try {
      await chunks.return(undefined);
    } catch {
      /* the generator's own cleanup failed; the lease is still released by onEnd */
    } finally {
      end(status);
    }
  };
  const onAbort = () => void stop("aborted");
  signal.addEventListener("abort", onAbort);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (ended) {
          controller.close();
          return;
        }
        try {
          const next = await chunks.next();
          if (next.done) {
            controller.close();
            end("complete");
          } else {
            bytes += next.value.byteLength;
            controller.enqueue(next.value);
          }
        } catch (err) {
          end("failed", err);
          controller.error(err);
        }
      },
      cancel: () => stop("aborted"),
    },
    { highWaterMark: 0 },
  );
}

/** Serves `name` to `user`: the role must be allowed that relation (mayExport), and a department user gets only its
 *  own department's rows (scopeCondition) — a relation that cannot be scoped, or a dept= or project= of another
 *  department, is refused with a 403. */
export async function exportRelation({ request, name, user }: { request: Request; name: string; user: SessionUser }): Promise<Response> {
  const startedAt = new Date();
  let lease: WarehouseLease;
  try {
    lease = await leaseWarehouse();
  } catch (err) {
    if (err instanceof WarehouseMissingError) return textResponse(err.message, 503);
    throw err;
  }
  let handedOver = false;
  try {
    const catalog = await readCatalog(lease.connection);
    const relation = resolveRelation(name, catalog);
    if (!mayExport(user.role, relation.name)) {
      recordAudit({ event: "access_denied", actor: user.username, role: user.role, ip: clientIp(request), detail: { path: new URL(request.url).pathname, export: relation.name } });
      throw new ExportRequestError(`您的角色无权导出数据集 ${relation.name}。`, 403);
    }
    const req = { ...parseExportRequest(relation, new URL(request.url).searchParams), scope: scopeOf(user) };
    scopeCondition(req); // refuses (403) what the scope cannot filter before any row is read
    const own = projectScopeQuery(req); // and (403) a project= of another department
    if (own !== null) {
      const reader = await lease.connection.runAndReadAll(own.sql, own.params);
      if (reader.getRowsJson()[0]?.[0] !== true) throw new ExportRequestError(PROJECT_SCOPE_MESSAGE, 403);
    }
    const body = await openBody(lease, req);
    const record = (status: ExportRecord["status"], bytes: number, error?: unknown) =>
      recordExport({
        at: startedAt.toISOString(),
        who: requester(request, user),
        what: req.relation.name,
        format: req.format,
        filters: req.filters as Record<string, string | number>,
        limit: req.limit,
        rows: body.rows(),
        bytes,
        ms: Date.now() - startedAt.getTime(),
        status,
        ...(error ? { error: error instanceof Error ? error.message : String(error) } : {}),
        warehouse: lease.identity,
      });
    const stream = streamBody(body.chunks, request.signal, (status, bytes, error) => {
      lease.release();
      if (error) console.error(`导出失败：${req.relation.name}`, error);
      void record(status, bytes, error);
    });
    handedOver = true;
    const headers = new Headers({
      "Content-Type": CONTENT_TYPES[req.format],
      "Content-Disposition": contentDisposition(exportFileName(req)),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    if (body.length !== undefined) headers.set("Content-Length", String(body.length));
    return new Response(stream, { status: 200, headers });
  } catch (err) {
    if (err instanceof ExportRequestError) return textResponse(err.message, err.status);
    throw err;
  } finally {
    if (!handedOver) lease.release();
  }
}
