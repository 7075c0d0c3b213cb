// 被拒记录: the rows validation turned away, summed by reason and then one by one (paged), so the source system can be
// corrected and the file exported again.
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { Pager } from "~/components/Pager";
import { sourceLabel } from "~/domain/sources";
import { formatCount } from "~/format/number";
import type { DataStatusView, Reject, RejectReason } from "~/models/data-quality.server";

const wholeRow = <span className="muted">整行</span>;

const reasonColumns: Column<RejectReason>[] = [
  { header: "数据来源", cell: (r) => sourceLabel(r.source) },
  { header: "文件", cell: (r) => <code>{r.file}</code> },
  { header: "列", cell: (r) => r.column ?? wholeRow },
  { header: "原因", cell: (r) => r.reason },
  numberColumn("行数", (r) => r.rows),
  numberColumn("首次出现行", (r) => r.firstRow),
];

const rejectColumns: Column<Reject>[] = [
  { header: "文件", cell: (r) => <code>{r.file}</code> },
  numberColumn("行号", (r) => r.rowNumber),
  { header: "列", cell: (r) => r.column ?? wholeRow },
  { header: "值", cell: (r) => (r.value === null ? <span className="muted">—</span> : <code>{r.value}</code>) },
  { header: "原因", cell: (r) => r.reason },
];

export function RejectsCard({
  view,
  label,
  sourceFilter,
  pageHref,
}: {
  view: DataStatusView;
  label: string | null;
  sourceFilter: string[];
  pageHref: (page: number) => string;
}) {
  return (
    <section className="card" aria-labelledby="rejects-title">
      <h2 id="rejects-title">被拒记录{label ? `：${label}` : ""}</h2>
      {view.rejectTotal === 0 ? (
        <p className="good-news">
          {label ? `“${label}”` : "所有数据来源"}没有被拒记录：已提供文件的每一行都通过了校验。
        </p>
      ) : (
        <>
          <ExportLinks relation="etl_rejects" unfiltered={sourceFilter} label="被拒记录" />
          <h3>按原因汇总</h3>
          <DataTable rows={view.rejectReasons} columns={reasonColumns} rowKey={(_, i) => i} testId="reject-reasons" scroll />
          <h3>明细（共 {formatCount(view.rejectTotal)} 行）</h3>
          <p className="muted small">行号从数据首行计为 1（表头为第 0 行）；JSON 文件为数组序号加 1。请在源系统中改正后重新导出。</p>
          <DataTable rows={view.rejects} columns={rejectColumns} rowKey={(_, i) => i} testId="rejects" scroll />
          <Pager page={view.page} pages={view.pages} href={pageHref} preventScrollReset>
            <span>
              第 {view.page} / {view.pages} 页（每页 {view.pageSize} 行）
            </span>
          </Pager>
        </>
      )}
    </section>
  );
}
