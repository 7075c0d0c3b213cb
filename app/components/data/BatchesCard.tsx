// 各文件装载情况: each inbox file the warehouse was built from — encoding, checksum, rows read, loaded and rejected.
import { Link } from "@remix-run/react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { SOURCE_LABELS, sourceLabel } from "~/domain/sources";
import { batchStatus } from "~/domain/status";
import { formatCount } from "~/format/number";
import type { Batch, DataStatusView } from "~/models/data-quality.server";

function batchColumns(sourceHref: (source: string) => string): Column<Batch>[] {
  return [
    {
      header: "数据来源",
      cell: (b) => (
        <Link to={sourceHref(b.source)} preventScrollReset>
          {sourceLabel(b.source)}
        </Link>
      ),
    },
    {
      header: "文件",
      cell: (b) => (
        <>
          <code>{b.file}</code>
          {b.message && <div className="muted small">{b.message}</div>}
        </>
      ),
    },
    { header: "编码", cell: (b) => b.encoding ?? "—" },
    { header: "SHA-256", cell: (b) => (b.sha256 ? <code title={b.sha256}>{b.sha256.slice(0, 12)}</code> : "—") },
    numberColumn("读取行数", (b) => b.rowsRead),
    numberColumn("入库行数", (b) => b.rowsLoaded),
    {
      header: "被拒行数",
      num: true,
      cell: (b) => (b.rowsRejected > 0 ? <span className="badge bad">{formatCount(b.rowsRejected)}</span> : "0"),
    },
    {
      header: "状态",
      cell: (b) => {
        const st = batchStatus(b.status);
        return (
          <span className={`badge ${st.tone}`} title={st.hint}>
            {st.label}
          </span>
        );
      },
    },
    { header: "装载时间", className: "nowrap", cell: (b) => b.loadedAt?.slice(0, 19) ?? "—" },
  ];
}

export function BatchesCard({
  view,
  label,
  sourceFilter,
  sourceHref,
}: {
  view: DataStatusView;
  /** The selected source's name, or null for every source. */
  label: string | null;
  sourceFilter: string[];
  sourceHref: (source: string) => string;
}) {
  return (
    <section className="card" aria-labelledby="loads-title">
      <h2 id="loads-title">各文件装载情况{label ? `：${label}` : ""}</h2>
      {view.build?.inbox && (
        <p className="muted small">
          收件目录 <code>{view.build.inbox}</code> · 程序版本 {view.build.appVersion ?? "—"}
        </p>
      )}
      {view.batches.length === 0 ? (
        <div className="empty-state">
          <p>{label ? `数据来源“${label}”没有装载记录：该来源的文件不在收件目录中。` : "数据仓库没有任何装载记录。"}</p>
          <p>
            请将{label ? ` ${SOURCE_LABELS[view.source ?? ""]?.file ?? "对应文件"} ` : "各系统导出文件"}放入收件目录后重新运行数据构建。
          </p>
        </div>
      ) : (
        <>
          <ExportLinks relation="etl_batches" unfiltered={sourceFilter} label="各文件装载情况" />
          <DataTable
            rows={view.batches}
            columns={batchColumns(sourceHref)}
            rowKey={(b) => b.batchId}
            rowClassName={(b) => (b.status === "missing" ? "row-bad" : undefined)}
            testId="batches"
            scroll
          />
        </>
      )}
    </section>
  );
}
