import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { scopeOf } from "~/auth/roles";
import { requireSignedIn } from "~/auth/session.server";
import { useLoaderData } from "@remix-run/react";
import { WarehouseMissingError } from "~/db.server";
import { getLoadSummary, type SourceLoad } from "~/models/data-status.server";
import { SOURCE_LABELS } from "~/domain/sources";
import { formatCount } from "~/format/number";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { Kpi } from "~/components/Kpi";
import { WarehouseMissing } from "~/components/WarehouseMissing";

// Every signed-in role sees the overview: per-source load counts, which name no project or department.
export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireSignedIn(request));
  try {
    return json({ summary: await getLoadSummary(scope), missing: null });
  } catch (err) {
    if (err instanceof WarehouseMissingError) return json({ summary: null, missing: err.message }, { status: 503 });
    throw err;
  }
}

const sourceColumns: Column<SourceLoad>[] = [
  { header: "数据来源", cell: (s) => SOURCE_LABELS[s.source]?.label ?? s.source },
  { header: "文件", cell: (s) => <code>{SOURCE_LABELS[s.source]?.file ?? s.source}</code> },
  { header: "依据条款", cell: (s) => SOURCE_LABELS[s.source]?.article ?? "" },
  { header: "文件数", num: true, cell: (s) => (s.missing ? <span className="badge warn">未提供</span> : formatCount(s.files)) },
  numberColumn("读取行数", (s) => s.rowsRead),
  numberColumn("入库行数", (s) => s.rowsLoaded),
  {
    header: "被拒行数",
    num: true,
    cell: (s) =>
      s.rowsRejected > 0 ? (
        <a href={`/data?source=${s.source}`} className="badge bad">
          {formatCount(s.rowsRejected)}
        </a>
      ) : (
        "0"
      ),
  },
  { header: "装载时间", cell: (s) => s.loadedAt?.slice(0, 19) ?? "—" },
];

export default function Overview() {
  const { summary, missing } = useLoaderData<typeof loader>();
  if (!summary) return <WarehouseMissing message={missing} />;
  const totals = summary.sources.reduce(
    (t, s) => ({ loaded: t.loaded + s.rowsLoaded, rejected: t.rejected + s.rowsRejected }),
    { loaded: 0, rejected: 0 },
  );
  return (
    <>
      <h1>概览：数据仓库现有数据</h1>
      <p className="subtitle">
        评估基准日 {summary.asOf ?? "—"} · 构建于 {summary.builtAt?.slice(0, 19) ?? "—"}
      </p>
      <div className="grid cols-3">
        <Kpi
          label="数据来源"
          value={
            <>
              {summary.sources.filter((s) => !s.missing).length} / {summary.sources.length}
            </>
          }
        />
        <Kpi label="已入库记录" value={formatCount(totals.loaded)} />
        <Kpi label="被拒记录" value={formatCount(totals.rejected)} tone={totals.rejected > 0 ? "bad" : undefined} />
      </div>
      <section className="card">
        <h2>各数据来源装载情况</h2>
        <DataTable rows={summary.sources} columns={sourceColumns} rowKey={(s) => s.source} testId="load-summary" />
      </section>
    </>
  );
}
