import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { scopeOf } from "~/auth/roles";
import { requireSignedIn } from "~/auth/session.server";
import { useLoaderData } from "@remix-run/react";
import { WarehouseMissingError } from "~/db.server";
import { getLoadSummary } from "~/models/data-status.server";
import { SOURCE_LABELS } from "~/domain/sources";
import { formatCount } from "~/format/number";

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

export default function Overview() {
  const { summary, missing } = useLoaderData<typeof loader>();
  if (!summary) {
    return (
      <section className="empty-state">
        <h1>数据仓库尚未建立</h1>
        <p>{missing}</p>
      </section>
    );
  }
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
        <div className="card kpi">
          <div className="label">数据来源</div>
          <div className="value">{summary.sources.filter((s) => !s.missing).length} / {summary.sources.length}</div>
        </div>
        <div className="card kpi">
          <div className="label">已入库记录</div>
          <div className="value">{formatCount(totals.loaded)}</div>
        </div>
        <div className="card kpi">
          <div className="label">被拒记录</div>
          <div className={`value${totals.rejected > 0 ? " bad" : ""}`}>{formatCount(totals.rejected)}</div>
        </div>
      </div>
      <section className="card">
        <h2>各数据来源装载情况</h2>
        <table className="data" data-testid="load-summary">
          <thead>
            <tr>
              <th>数据来源</th>
              <th>文件</th>
              <th>依据条款</th>
              <th className="num">文件数</th>
              <th className="num">读取行数</th>
              <th className="num">入库行数</th>
              <th className="num">被拒行数</th>
              <th>装载时间</th>
            </tr>
          </thead>
          <tbody>
            {summary.sources.map((s) => (
              <tr key={s.source}>
                <td>{SOURCE_LABELS[s.source]?.label ?? s.source}</td>
                <td><code>{SOURCE_LABELS[s.source]?.file ?? s.source}</code></td>
                <td>{SOURCE_LABELS[s.source]?.article ?? ""}</td>
                <td className="num">{s.missing ? <span className="badge warn">未提供</span> : formatCount(s.files)}</td>
                <td className="num">{formatCount(s.rowsRead)}</td>
                <td className="num">{formatCount(s.rowsLoaded)}</td>
                <td className="num">
                  {s.rowsRejected > 0 ? (
                    <a href={`/data?source=${s.source}`} className="badge bad">{formatCount(s.rowsRejected)}</a>
                  ) : (
                    "0"
                  )}
                </td>
                <td>{s.loadedAt?.slice(0, 19) ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
