// 合规 /compliance?year=&dept=&rule=&page= — the flags of 绍政办发〔2020〕39号 as of the warehouse's evaluation date:
// by article, by department, department × article and by year (each chart filters the page when clicked), the list
// with evidence, consequence and due date, and the departments whose reviews are deferred (Art. 34) or restricted
// (Art. 7(6)).
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useNavigate, useRouteError, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { Chart, type ChartClick } from "~/components/Chart";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { WarehouseMissingError } from "~/db.server";
import { filterSearch, parseFilters } from "~/filters";
import { getComplianceView, type ComplianceView } from "~/models/compliance.server";
import {
  barChartHeight,
  chartedDepts,
  DEPT_BARS_MAX,
  flagsByArticleOption,
  flagsByArticleTable,
  flagsByDepartmentOption,
  flagsByDepartmentTable,
} from "~/charts/flags-by-article";
import { flagsHeatmapOption, flagsHeatmapTable, HEATMAP_DEPTS_MAX, heatmapHeight, heatmapLayout, parseCellKey } from "~/charts/flags-heatmap";
import { flagsTrendOption, flagsTrendTable } from "~/charts/flags-trend";
import { articleLabel, ruleInfo, ruleLabel, severityColour } from "~/domain/rules";
import { formatDateCn, reviewStatus } from "~/domain/status";
import { formatCount, formatYear } from "~/format/number";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";
import { scopedDept } from "~/models/scope.server";

export const meta: MetaFunction = () => [{ title: "合规 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const params = new URL(request.url).searchParams;
  const f = parseFilters(params);
  const dept = scopedDept(scope, f.dept);
  const page = /^\d{1,5}$/.test(params.get("page") ?? "") ? Number(params.get("page")) : 1;
  try {
    return json({ view: await getComplianceView({ year: f.year, dept, rule: f.rule, page }, scope), missing: null });
  } catch (err) {
    if (err instanceof WarehouseMissingError) return json({ view: null, missing: err.message }, { status: 503 });
    throw err;
  }
}

const projectHref = (id: string) => `/projects/${encodeURIComponent(id)}`;

function clickKey(e: ChartClick): string | null {
  const d = e.data as { key?: unknown } | null;
  return d && typeof d === "object" && d.key != null ? String(d.key) : null;
}

export default function Compliance() {
  const { view, missing } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <section className="empty-state">
        <h1>数据仓库尚未建立</h1>
        <p>{missing}</p>
      </section>
    );
  }
  return <CompliancePage view={view} />;
}

function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span className="badge severity" style={{ background: severityColour(severity), color: "#fff" }}>
      {severity || "—"}
    </span>
  );
}

function CompliancePage({ view }: { view: ComplianceView }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const href = (changes: Record<string, string | number | null>) => `/compliance${filterSearch(params, { page: null, ...changes })}`;
  const go = (changes: Record<string, string | number | null>) => navigate(href(changes), { preventScrollReset: true });

  const byRule = useMemo(() => flagsByArticleOption(view.byRule, view.rule), [view.byRule, view.rule]);
  const byDept = useMemo(() => flagsByDepartmentOption(view.byDept, view.dept), [view.byDept, view.dept]);
  const heat = useMemo(() => flagsHeatmapOption(view.heat, { dept: view.dept, rule: view.rule }), [view.heat, view.dept, view.rule]);
  const trend = useMemo(() => flagsTrendOption(view.trend, view.year), [view.trend, view.year]);

  const deptName = view.options.depts.find((d) => d.value === view.dept)?.label ?? view.dept;
  const scope = [view.year ? formatYear(view.year) : null, deptName, view.rule ? ruleLabel(view.rule) : null].filter(Boolean).join(" · ");
  const heatDepts = heatmapLayout(view.heat).depts.length;
  const flagsDown = view.missing.queries.includes("compliance-flags") || view.missing.queries.includes("compliance-flag-counts");
  const filtered = view.year !== null || view.dept !== null || view.rule !== null;

  return (
    <div className="compliance-page">
      <h1>合规：违规标记</h1>
      <div className={`as-of-strip${view.staleReasons.length ? " stale" : ""}`} data-testid="as-of">
        <div>
          <span className="as-of-label">评估基准日</span>
          <span className="as-of-date">{formatDateCn(view.asOf)}</span>
        </div>
        <p>
          所有违规标记均按此日期评估：截止日期未到的事项不计为违规；同一数据在以后评估可能成为违规。
          {view.staleReasons.length > 0 && (
            <strong>
              {" "}
              {view.staleReasons.join("；")}。请见<Link to="/data">数据页</Link>。
            </strong>
          )}
        </p>
      </div>
      <FilterBar
        fields={[
          { name: "year", label: "年度", options: view.options.years, allLabel: "全部年度" },
          { name: "dept", label: "单位", options: view.options.depts, allLabel: "全部单位" },
          { name: "rule", label: "条款", options: view.options.rules, allLabel: "全部条款" },
        ]}
      />
      {view.missing.relations.length > 0 && (
        <div className="banner bad" role="alert">
          当前数据仓库缺少 {view.missing.relations.join("、")}，相关部分暂无法显示，不能据此判断合规情况。请联系数据管理员重新构建数据仓库（见
          <Link to="/data">数据页</Link>）。
        </div>
      )}
      {filtered && (
        <p className="active-filters">
          当前筛选：{scope}{" "}
          <Link to="/compliance" preventScrollReset>
            清除全部筛选
          </Link>
        </p>
      )}

      <div className="grid cols-3">
        <div className="card kpi">
          <div className="label">{filtered ? "符合筛选的违规标记" : "违规标记"}</div>
          <div className={`value${view.total ? " bad" : ""}`}>{flagsDown ? "—" : `${formatCount(view.total)} 条`}</div>
        </div>
        <div className="card kpi">
          <div className="label">其中严重</div>
          <div className={`value${view.severeFlags ? " bad" : ""}`}>{flagsDown ? "—" : `${formatCount(view.severeFlags)} 条`}</div>
        </div>
        <div className="card kpi">
          <div className="label">暂缓审核或申报受限的单位</div>
          <div className={`value${view.reviews.length ? " bad" : ""}`}>
            {view.missing.queries.includes("compliance-review-status") ? "—" : `${formatCount(new Set(view.reviews.map((r) => r.deptCode)).size)} 个`}
          </div>
        </div>
      </div>

      <Reviews view={view} />

      {view.missing.queries.includes("compliance-flag-counts") ? (
        <Unavailable what="违规标记统计图" />
      ) : view.allFlags === 0 ? (
        <section className="empty-state">
          <h2>评估基准日 {formatDateCn(view.asOf)} 未发现任何违规事项</h2>
          <p>这是好消息。若预期应有违规标记，请在<Link to="/data">数据页</Link>检查各数据来源是否已完整装载。</p>
        </section>
      ) : (
        <>
          <div className="grid cols-2">
            <section className="card">
              <h2>按条款{view.rule ? "（已选中一条，点击其他条款切换）" : "（点击条款筛选）"}</h2>
              {view.byRule.length === 0 ? (
                <p className="good-news">{scope || "所选范围"}没有违规标记。</p>
              ) : (
                <Chart
                  option={byRule}
                  label={`违规标记按条款${scope ? `（${scope}）` : ""}`}
                  height={barChartHeight(view.byRule.length)}
                  table={flagsByArticleTable(view.byRule)}
                  exportData={{ relation: "mart_flags", filters: { year: view.year, dept: view.dept } }}
                  onItemClick={(e) => {
                    const k = clickKey(e);
                    if (k) go({ rule: k === view.rule ? null : k });
                  }}
                  testId="chart-flags-by-article"
                />
              )}
            </section>
            <section className="card">
              <h2>按单位（点击单位筛选）</h2>
              {view.byDept.length > DEPT_BARS_MAX && (
                <p className="muted small">图中为违规标记最多的 {DEPT_BARS_MAX} 个单位，全部 {view.byDept.length} 个单位见数据表。</p>
              )}
              {view.byDept.length === 0 ? (
                <p className="good-news">{scope || "所选范围"}没有单位存在违规标记。</p>
              ) : (
                <Chart
                  option={byDept}
                  label={`违规标记按单位${scope ? `（${scope}）` : ""}`}
                  height={barChartHeight(chartedDepts(view.byDept, view.dept).length)}
                  table={flagsByDepartmentTable(view.byDept)}
                  exportData={{ relation: "mart_flags", filters: { year: view.year, rule: view.rule } }}
                  onItemClick={(e) => {
                    const k = clickKey(e);
                    if (k) go({ dept: k === view.dept ? null : k });
                  }}
                  testId="chart-flags-by-dept"
                />
              )}
            </section>
          </div>
          <section className="card">
            <h2>单位 × 条款（点击格子同时按单位和条款筛选）</h2>
            {heatDepts > HEATMAP_DEPTS_MAX && (
              <p className="muted small">图中为违规标记最多的 {HEATMAP_DEPTS_MAX} 个单位，全部 {heatDepts} 个单位见数据表。</p>
            )}
            {view.heat.length === 0 ? (
              <p className="good-news">{view.year ? formatYear(view.year) : "所选范围"}没有违规标记。</p>
            ) : (
              <Chart
                option={heat}
                label={`违规标记：单位 × 条款${view.year ? `（${formatYear(view.year)}）` : ""}`}
                height={heatmapHeight(view.heat, view.dept)}
                ssrWidth={1300}
                table={flagsHeatmapTable(view.heat)}
                exportData={{ relation: "mart_flags", filters: { year: view.year } }}
                onItemClick={(e) => {
                  const cell = parseCellKey(clickKey(e) ?? "");
                  if (cell) go({ dept: cell.dept, rule: cell.rule });
                }}
                testId="chart-flags-heatmap"
              />
            )}
          </section>
          <section className="card">
            <h2>年度趋势（按事件所属年度；点击年度筛选）</h2>
            {view.trend.length === 0 ? (
              <p className="good-news">所选单位和条款在各年度均没有违规标记。</p>
            ) : (
              <Chart
                option={trend}
                label="违规标记年度趋势"
                height={280}
                ssrWidth={1300}
                table={flagsTrendTable(view.trend)}
                exportData={{ relation: "mart_flags", filters: { dept: view.dept, rule: view.rule } }}
                onItemClick={(e) => {
                  const k = clickKey(e);
                  if (k) go({ year: Number(k) === view.year ? null : k });
                }}
                testId="chart-flags-trend"
              />
            )}
          </section>
        </>
      )}

      <FlagList view={view} href={href} />
    </div>
  );
}

/** A section whose query could not run: says so, never "no flags — good news". */
function Unavailable({ what }: { what: string }) {
  return (
    <section className="empty-state">
      <p>{what}暂无法显示：当前数据仓库缺少所需数据表。请重新构建数据仓库后再查看。</p>
    </section>
  );
}

function Reviews({ view }: { view: ComplianceView }) {
  return (
    <section className="card" aria-labelledby="reviews-title">
      <h2 id="reviews-title">单位审核状态：暂缓审核（第三十四条）与申报受限（第七条第（六）项）</h2>
      {!view.year && view.reviews.length > 0 && (
        <p className="muted small">未选年度时显示最近一年（{formatYear(view.reviews[0].year)}）的审核状态；选择年度可查看往年。</p>
      )}
      {view.missing.queries.includes("compliance-review-status") ? (
        <Unavailable what="单位审核状态" />
      ) : view.reviews.length === 0 ? (
        <p className="good-news">
          {view.year ? formatYear(view.year) : "最近一年"}没有单位被暂缓审核或限制申报{view.dept ? "（本单位）" : ""}。
        </p>
      ) : (
        <>
          <ExportLinks
            relation="mart_department_year"
            filters={{ year: view.year ?? view.reviews[0].year, dept: view.dept }}
            label="单位审核状态"
          />
          <div className="table-scroll">
            <table className="data" data-testid="review-status">
              <thead>
                <tr>
                  <th>单位</th>
                  <th>年度</th>
                  <th>状态</th>
                  <th>原因</th>
                  <th className="num">违规标记</th>
                </tr>
              </thead>
              <tbody>
                {view.reviews.map((r) => {
                  const st = reviewStatus(r.status);
                  return (
                    <tr key={`${r.deptCode}-${r.year}`}>
                      <td>
                        <Link to={`/departments/${encodeURIComponent(r.deptCode)}`}>{r.deptName}</Link>
                      </td>
                      <td className="nowrap">{formatYear(r.year)}</td>
                      <td className="nowrap">
                        <span className={`badge ${st.tone}`} title={st.hint}>
                          {st.label}
                        </span>
                      </td>
                      <td>
                        {(r.reasons ?? st.hint).split("；").map((x, i) => (
                          <div key={i}>{x}</div>
                        ))}
                      </td>
                      <td className="num">{formatCount(r.flags)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function FlagList({ view, href }: { view: ComplianceView; href: (c: Record<string, string | number | null>) => string }) {
  const first = (view.page - 1) * view.pageSize + 1;
  const last = first + view.flags.length - 1;
  return (
    <section className="card" aria-labelledby="flags-title">
      <h2 id="flags-title">违规标记明细</h2>
      {view.missing.queries.includes("compliance-flags") ? (
        <Unavailable what="违规标记明细" />
      ) : view.total === 0 ? (
        <div className="good-news">
          <p>
            <strong>没有符合筛选条件的违规标记——这是好消息。</strong>
            在评估基准日 {formatDateCn(view.asOf)}，{[view.year ? formatYear(view.year) : null, view.dept ? "所选单位" : null, view.rule ? ruleLabel(view.rule) : null].filter(Boolean).join("、") || "全部范围"}
            没有发现此类违规。
          </p>
          {(view.year || view.dept || view.rule) && (
            <p>
              可以<Link to="/compliance">清除筛选</Link>查看全部标记，或在图表中选择其他条款、单位或年度。
            </p>
          )}
        </div>
      ) : (
        <>
          <p className="muted">
            共 {formatCount(view.total)} 条，涉及 {formatCount(view.matchingProjects)} 个项目，按严重程度和事件日期排序；当前显示第 {first}–{last} 条。
          </p>
          <ExportLinks relation="mart_flags" filters={{ year: view.year, dept: view.dept, rule: view.rule }} label="违规标记明细" />
          <div className="table-scroll">
            <table className="data flag-list" data-testid="flag-list">
              <thead>
                <tr>
                  <th>严重程度</th>
                  <th>条款</th>
                  <th>项目</th>
                  <th>证据</th>
                  <th>后果</th>
                  <th>事件日期</th>
                  <th>截止日期</th>
                  <th>评估基准日</th>
                </tr>
              </thead>
              <tbody>
                {view.flags.map((f) => {
                  const info = ruleInfo(f.ruleId);
                  return (
                    <tr key={f.flagId}>
                      <td>
                        <SeverityBadge severity={f.severity} />
                      </td>
                      <td className="flag-rule">
                        <Link to={href({ rule: f.ruleId })} preventScrollReset title={info.title}>
                          {articleLabel(f.article || info.article)}
                        </Link>
                        <div className="small">{info.short}</div>
                      </td>
                      <td>
                        <Link to={projectHref(f.projectId)}>{f.projectName}</Link>
                        <div className="muted small">
                          {f.deptName} · {formatYear(f.year)}
                        </div>
                      </td>
                      <td>
                        {f.evidence}
                        {f.recordRef && <div className="muted small">记录：{f.recordRef}</div>}
                      </td>
                      <td>{f.consequence || info.consequence}</td>
                      <td className="nowrap">{f.eventDate ?? "—"}</td>
                      <td className="nowrap">{f.dueDate ?? <span className="muted">无期限</span>}</td>
                      <td className="nowrap">{f.asOf ?? "—"}</td>
                    </tr>
                  );
                })}
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
                第 {view.page} / {view.pages} 页
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
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <section className="error-state">
      <h1>合规页面暂时无法显示</h1>
      <p>
        {isRouteErrorResponse(error) && typeof error.data === "string"
          ? error.data
          : "读取数据仓库时出错。请稍后重试；若问题持续，请到“数据”页查看最近一次数据构建，或联系系统管理员。"}
      </p>
      <p>
        <Link to="/compliance">返回合规页</Link> · <Link to="/data">查看数据状态</Link>
      </p>
    </section>
  );
}
