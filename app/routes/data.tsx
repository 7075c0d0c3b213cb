// 数据 /data?source=&page= — what the warehouse was built from and whether it can be trusted today: per-file loads,
// rejected rows with their reasons, the as-of date and freshness. A warehouse built, or evaluated as of a date, more
// than 7 days ago, or missing a source, gets a big red banner: a stale warehouse is shouted, not whispered.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { WarehouseMissingError } from "~/db.server";
import { filterSearch } from "~/filters";
import { getDataStatus, parseSource, type DataStatusView } from "~/models/data-quality.server";
import { SOURCE_LABELS, sourceLabel } from "~/domain/sources";
import { batchStatus, formatDateCn, STALE_AFTER_DAYS } from "~/domain/status";
import { formatCount } from "~/format/number";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";

export const meta: MetaFunction = () => [{ title: "数据 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "data_status"));
  const params = new URL(request.url).searchParams;
  const page = /^\d{1,5}$/.test(params.get("page") ?? "") ? Number(params.get("page")) : 1;
  try {
    return json({ view: await getDataStatus({ source: parseSource(params.get("source")), page }, scope), missing: null });
  } catch (err) {
    if (err instanceof WarehouseMissingError) return json({ view: null, missing: err.message }, { status: 503 });
    throw err;
  }
}

export default function DataStatus() {
  const { view, missing } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <>
        <h1>数据：装载情况与新鲜度</h1>
        <div className="banner bad stale-banner" role="alert">
          <div className="stale-title">数据仓库不存在</div>
          <p>{missing}</p>
        </div>
      </>
    );
  }
  return <DataPage view={view} />;
}

function DataPage({ view }: { view: DataStatusView }) {
  const [params] = useSearchParams();
  const href = (changes: Record<string, string | number | null>) => `/data${filterSearch(params, { page: null, ...changes })}`;
  const present = view.sources.filter((s) => !s.missing).length;
  const rejected = view.sources.reduce((t, s) => t + s.rowsRejected, 0);
  const loaded = view.sources.reduce((t, s) => t + s.rowsLoaded, 0);
  const label = view.source ? sourceLabel(view.source) : null;
  // the data API has no source parameter: the downloads hold every source, and say so when one is selected
  const sourceFilter = view.source ? ["数据来源"] : [];

  return (
    <div className="data-page">
      <h1>数据：装载情况与新鲜度</h1>
      {view.freshness.stale ? (
        <div className="banner bad stale-banner" role="alert" data-testid="stale-banner">
          <div className="stale-title">数据不是最新的，页面上的状态和标记可能已过时</div>
          <ul>
            {view.freshness.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <p>
            处理办法：将各系统最新导出文件放入收件目录，运行 <code>npm run etl -- --inbox 收件目录</code> 重新构建数据仓库；页面会自动读取新仓库。
          </p>
        </div>
      ) : (
        <div className="banner ok-banner" role="status" data-testid="fresh-banner">
          数据为最新：评估基准日 {formatDateCn(view.build?.asOf)}（{view.freshness.asOfAgeDays ?? "—"} 天前），构建于{" "}
          {view.build?.builtAt?.slice(0, 16) ?? "—"}，{view.sources.length} 个数据来源均已提供。超过 {STALE_AFTER_DAYS} 天未更新时本页会醒目提示。
        </div>
      )}

      <div className="grid cols-4">
        <div className="card kpi">
          <div className="label">评估基准日</div>
          <div className={`value${(view.freshness.asOfAgeDays ?? 0) > STALE_AFTER_DAYS ? " bad" : ""}`}>{formatDateCn(view.build?.asOf)}</div>
        </div>
        <div className="card kpi">
          <div className="label">构建时间</div>
          <div className={`value${(view.freshness.builtAgeDays ?? 0) > STALE_AFTER_DAYS ? " bad" : ""}`}>
            {view.build?.builtAt?.slice(0, 16) ?? "—"}
          </div>
        </div>
        <div className="card kpi">
          <div className="label">数据来源</div>
          <div className={`value${present < view.sources.length ? " bad" : ""}`}>
            {present} / {view.sources.length}
          </div>
        </div>
        <div className="card kpi">
          <div className="label">入库 / 被拒行数</div>
          <div className="value">
            {formatCount(loaded)} / <span className={rejected ? "bad-text" : undefined}>{formatCount(rejected)}</span>
          </div>
        </div>
      </div>

      <FilterBar fields={[{ name: "source", label: "数据来源", options: view.sourceOptions, allLabel: "全部来源" }]} />

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
            <div className="table-scroll">
              <table className="data" data-testid="batches">
                <thead>
                  <tr>
                    <th>数据来源</th>
                    <th>文件</th>
                    <th>编码</th>
                    <th>SHA-256</th>
                    <th className="num">读取行数</th>
                    <th className="num">入库行数</th>
                    <th className="num">被拒行数</th>
                    <th>状态</th>
                    <th>装载时间</th>
                  </tr>
                </thead>
                <tbody>
                  {view.batches.map((b) => {
                    const st = batchStatus(b.status);
                    return (
                      <tr key={b.batchId} className={b.status === "missing" ? "row-bad" : undefined}>
                        <td>
                          <Link to={href({ source: b.source })} preventScrollReset>
                            {sourceLabel(b.source)}
                          </Link>
                        </td>
                        <td>
                          <code>{b.file}</code>
                          {b.message && <div className="muted small">{b.message}</div>}
                        </td>
                        <td>{b.encoding ?? "—"}</td>
                        <td>
                          {b.sha256 ? (
                            <code title={b.sha256}>{b.sha256.slice(0, 12)}</code>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td className="num">{formatCount(b.rowsRead)}</td>
                        <td className="num">{formatCount(b.rowsLoaded)}</td>
                        <td className="num">{b.rowsRejected > 0 ? <span className="badge bad">{formatCount(b.rowsRejected)}</span> : "0"}</td>
                        <td>
                          <span className={`badge ${st.tone}`} title={st.hint}>
                            {st.label}
                          </span>
                        </td>
                        <td className="nowrap">{b.loadedAt?.slice(0, 19) ?? "—"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

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
            <div className="table-scroll">
              <table className="data" data-testid="reject-reasons">
                <thead>
                  <tr>
                    <th>数据来源</th>
                    <th>文件</th>
                    <th>列</th>
                    <th>原因</th>
                    <th className="num">行数</th>
                    <th className="num">首次出现行</th>
                  </tr>
                </thead>
                <tbody>
                  {view.rejectReasons.map((r, i) => (
                    <tr key={i}>
                      <td>{sourceLabel(r.source)}</td>
                      <td>
                        <code>{r.file}</code>
                      </td>
                      <td>{r.column ?? <span className="muted">整行</span>}</td>
                      <td>{r.reason}</td>
                      <td className="num">{formatCount(r.rows)}</td>
                      <td className="num">{formatCount(r.firstRow)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>明细（共 {formatCount(view.rejectTotal)} 行）</h3>
            <p className="muted small">行号从数据首行计为 1（表头为第 0 行）；JSON 文件为数组序号加 1。请在源系统中改正后重新导出。</p>
            <div className="table-scroll">
              <table className="data" data-testid="rejects">
                <thead>
                  <tr>
                    <th>文件</th>
                    <th className="num">行号</th>
                    <th>列</th>
                    <th>值</th>
                    <th>原因</th>
                  </tr>
                </thead>
                <tbody>
                  {view.rejects.map((r, i) => (
                    <tr key={i}>
                      <td>
                        <code>{r.file}</code>
                      </td>
                      <td className="num">{formatCount(r.rowNumber)}</td>
                      <td>{r.column ?? <span className="muted">整行</span>}</td>
                      <td>{r.value === null ? <span className="muted">—</span> : <code>{r.value}</code>}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {view.pages > 1 && (
              <nav className="pager" aria-label="分页">
                {view.page > 1 ? (
                  <Link to={href({ page: view.page - 1 })} preventScrollReset>
                    上一页
                  </Link>
                ) : (
                  <span className="muted">上一页</span>
                )}
                <span>
                  第 {view.page} / {view.pages} 页（每页 {view.pageSize} 行）
                </span>
                {view.page < view.pages ? (
                  <Link to={href({ page: view.page + 1 })} preventScrollReset>
                    下一页
                  </Link>
                ) : (
                  <span className="muted">下一页</span>
                )}
              </nav>
            )}
          </>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <section className="error-state">
      <h1>数据页面暂时无法显示</h1>
      <p>
        {isRouteErrorResponse(error) && typeof error.data === "string"
          ? error.data
          : "读取数据仓库的装载记录时出错：数据仓库可能不完整或正在更新。请稍后重试；若问题持续，请重新运行数据构建或联系系统管理员。"}
      </p>
      <p>
        <Link to="/data">重新加载</Link> · <Link to="/">返回概览</Link>
      </p>
    </section>
  );
}
