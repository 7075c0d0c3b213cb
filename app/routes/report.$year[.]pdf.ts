// /report/:year.pdf — the annual report printed to A4 PDF by headless Chromium (app/models/report.server.ts), from
// the server's own loopback address. Where Chromium is not installed: 503 with a Chinese sentence saying so and
// how to print the page from the browser instead.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { contentDisposition, textResponse } from "~/export/export.server";
import { recordExport, requester } from "~/export/log.server";
import { requireUser } from "~/auth/session.server";
import { ChromiumUnavailableError, renderReportPdf, ReportPageError } from "~/models/report.server";

// The PDF is the report page printed: whoever may read the page (read) may have it; it renders as the caller, with
// the caller's scope, and is recorded as an export.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "read");
  const yearText = params.year ?? "";
  if (!/^\d{4}$/.test(yearText)) return textResponse(`年度格式不正确：${yearText}。请使用四位年份，如 /report/2024.pdf。`, 404);
  const year = Number(yearText);
  const started = Date.now();
  try {
    const pdf = await renderReportPdf({ year, cookie: request.headers.get("cookie") });
    await recordExport({
      at: new Date(started).toISOString(),
      who: requester(request, user),
      what: "report",
      format: "pdf",
      filters: { year },
      limit: null,
      rows: 0,
      bytes: pdf.byteLength,
      ms: Date.now() - started,
      status: "complete",
      warehouse: "",
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": contentDisposition(`绍兴市市级政务信息化项目${year}年度绩效评估报告_report-${year}.pdf`),
        "Content-Length": String(pdf.byteLength),
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    if (err instanceof ChromiumUnavailableError) {
      return textResponse(
        `${err.message}请在浏览器中打开 /report/${year}，使用浏览器的“打印”并选择“另存为 PDF”（纸张 A4），效果相同。`,
        503,
      );
    }
    if (err instanceof ReportPageError) return textResponse(err.message, err.status);
    throw err;
  }
}
