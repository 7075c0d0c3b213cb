// 资金 /finance?year=&dept=&county= — what the finance bureau acts on: O&M funds suspended (Art. 30, 34) first, then
// construction funds blocked (Art. 22), approved vs contracted vs paid (Art. 21), and the year's county allocation of
// cloud rent (Art. 23) with what each county owes and the Art. 25 duty per project.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useNavigate, useRouteError, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { Chart, type ChartClick } from "~/components/Chart";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { WarehouseMissingError } from "~/db.server";
import { filterSearch, parseFilters } from "~/filters";
import { getFinanceView, type AllocationLine, type FinanceView, type FundItem } from "~/models/finance.server";
import { allocationCounties, countyAllocationOption, countyAllocationTable } from "~/charts/county-allocation";
import { fundSuspensionsHeight, fundSuspensionsOption, fundSuspensionsTable, sumYuan } from "~/charts/fund-suspensions";
import { fundingPipelineHeight, fundingPipelineOption, fundingPipelineTable, fundingSummary } from "~/charts/funding-pipeline";
import { articleLabel, ruleInfo } from "~/domain/rules";
import { constructionStatus, formatDateCn, omStatus } from "~/domain/status";
import { formatCount, formatPercent, formatWanYuan, formatYear, formatYuan } from "~/format/number";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";
import { scopedDept } from "~/models/scope.server";

export const meta: MetaFunction = () => [{ title: "资金 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const f = parseFilters(new URL(request.url).searchParams);
  const dept = scopedDept(scope, f.dept);
  try {
    return json({ view: await getFinanceView({ year: f.year, dept, county: f.county }, scope), missing: null });
  } catch (err) {
    if (err instanceof WarehouseMissingError) return json({ view: null, missing: err.message }, { status: 503 });
    throw err;
  }
}

const projectHref = (id: string) => `/projects/${encodeURIComponent(id)}`;

/** Bars beyond this many make the chart a scroll; the data table lists every row. */
const FUNDING_CHART_MAX = 15;

/** Exact yuan without the unit, for wide tables whose header names the unit. */
const yuanCell = (v: unknown) => formatYuan(v).replace(/ 元$/, "");

function clickKey(e: ChartClick): string | null {
  const d = e.data as { key?: unknown } | null;
  return d && typeof d === "object" && d.key != null ? String(d.key) : null;
}

export default function Finance() {
  const { view, missing } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <section className="empty-state">
        <h1>数据仓库尚未建立</h1>
        <p>{missing}</p>
      </section>
    );
  }
  return <FinancePage view={view} />;
}

function FinancePage({ view }: { view: FinanceView }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const go = (changes: Record<string, string | number | null>) => navigate(filterSearch(params, changes), { preventScrollReset: true });
  const yearText = formatYear(view.year);
  const deptName = view.options.depts.find((d) => d.value === view.dept)?.label ?? null;

  return (
    <div className="finance-page">
      <h1>资金：经费暂停、资金拨付与云租赁费分摊</h1>
      <p className="subtitle">
        {view.year ? yearText : "无年度数据"}
        {deptName ? ` · ${deptName}` : ""} · 状态评估基准日 <strong>{formatDateCn(view.asOf)}</strong> · 图表单位万元，表格金额精确到分
      </p>
      <FilterBar
        fields={[
          { name: "year", label: "年度", options: view.options.years },
          { name: "dept", label: "单位", options: view.options.depts, allLabel: "全部单位" },
          { name: "county", label: "区县", options: view.options.counties, allLabel: "全部区县" },
        ]}
      />
      {view.missing.relations.length > 0 && (
        <div className="banner bad" role="alert">
          当前数据仓库缺少 {view.missing.relations.join("、")}，相关部分暂无法显示。请联系数据管理员重新构建数据仓库（见<Link to="/data">数据页</Link>）。
        </div>
      )}
      {view.year === null ? (
        <section className="empty-state">
          <h2>数据仓库中没有任何年度的项目资金数据</h2>
          <p>请确认项目申报、国库支付和政务云账单已导入，然后重新构建数据仓库（见<Link to="/data">数据页</Link>）。</p>
        </section>
      ) : (
        <>
          <Suspensions view={view} onDept={(d) => go({ dept: d })} />
          <Blocked view={view} />
          <Funding view={view} go={go} navigate={navigate} />
          <Allocation view={view} onCounty={(c) => go({ county: c })} />
        </>
      )}
    </div>
  );
}

/** A section whose query could not run: says so, never "nothing to report". */
function Unavailable({ what }: { what: string }) {
  return (
    <div className="empty-state">
      <p>{what}暂无法显示：当前数据仓库缺少所需数据表。请重新构建数据仓库后再查看。</p>
    </div>
  );
}

function CauseList({ causes }: { causes: FundItem["causes"] }) {
  if (causes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="cause-list">
      {causes.map((c, i) => (
        <li key={i}>
          {c.ruleId || c.article ? (
            <span className="badge bad" title={c.ruleId ? ruleInfo(c.ruleId).title : undefined}>
              {articleLabel(c.article ?? ruleInfo(c.ruleId ?? "").article) || c.ruleId}
            </span>
          ) : null}{" "}
          {c.ruleId || c.article ? c.reason.replace(/^第[^：:]{1,24}条[^：:]{0,12}[：:]\s*/, "") : c.reason}
          {(causes.length > 1 && c.since) || c.liftedOn ? (
            <span className="muted">
              {" "}
              <span className="nowrap">
                （{[causes.length > 1 && c.since ? `自 ${c.since}` : null, c.liftedOn ? `${c.liftedOn} 解除` : null].filter(Boolean).join("，")}）
              </span>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Suspensions({ view, onDept }: { view: FinanceView; onDept: (d: string) => void }) {
  const open = view.suspensions.filter((s) => s.open);
  const lifted = view.suspensions.filter((s) => !s.open);
  const rows = view.suspensions;
  const option = useMemo(() => fundSuspensionsOption(rows, view.dept), [view.suspensions, view.dept]);
  return (
    <section className="card finance-suspensions" aria-labelledby="om-title">
      <h2 id="om-title">运维经费暂停（第三十条、第三十四条）</h2>
      <div className="grid finance-om-top">
        <div className="finance-kpis">
          <div className={`kpi${open.length ? " alarm" : ""}`}>
            <div className="label">{formatYear(view.year)}暂停运维经费的项目</div>
            <div className={`value${open.length ? " bad" : ""}`}>{open.length} 个</div>
          </div>
          <div className={`kpi${open.length ? " alarm" : ""}`}>
            <div className="label">暂停中涉及运维经费</div>
            <div className={`value${open.length ? " bad" : ""}`}>{formatWanYuan(view.suspendedAtStakeYuan)}</div>
            <div className="exact">{formatYuan(view.suspendedAtStakeYuan)}</div>
          </div>
          <div className="kpi">
            <div className="label">年内已解除</div>
            <div className="value">{lifted.length} 个</div>
          </div>
        </div>
        {rows.length > 0 && (
          <Chart
            option={option}
            label={`${formatYear(view.year)}暂停运维经费的项目（按单位）`}
            height={fundSuspensionsHeight(rows)}
            ssrWidth={760}
            table={fundSuspensionsTable(rows)}
            onItemClick={(e) => {
              const k = clickKey(e);
              if (k) onDept(k);
            }}
            testId="chart-fund-suspensions"
          />
        )}
      </div>
      {view.missing.queries.includes("finance-fund-status") ? (
        <Unavailable what="运维经费暂停情况" />
      ) : view.suspensions.length === 0 ? (
        <p className="good-news">
          {formatYear(view.year)}没有项目被暂停运维经费{view.dept ? "（本单位）" : ""}：所有项目均按期编目、更新数据，整改均已通过。
        </p>
      ) : (
        <>
          <ExportLinks relation="mart_fund_status" filters={{ year: view.year, dept: view.dept }} label="运维经费暂停的项目" />
          <div className="table-scroll">
            <table className="data" data-testid="om-suspensions">
              <thead>
                <tr>
                  <th>项目</th>
                  <th>单位</th>
                  <th>状态</th>
                  <th>原因（依据条款）</th>
                  <th>暂停起始</th>
                  <th>解除日期</th>
                  <th className="num">涉及运维经费</th>
                </tr>
              </thead>
              <tbody>
                {view.suspensions.map((s) => (
                  <tr key={s.projectId} className={s.open ? "row-bad" : undefined}>
                    <td>
                      <Link to={projectHref(s.projectId)}>{s.projectName}</Link>
                      <div className="muted small">{s.projectId}</div>
                    </td>
                    <td>{s.deptName}</td>
                    <td className="nowrap">
                      <span className={`badge ${s.open ? "bad" : "ok"}`}>{s.open ? omStatus("suspended").label : "已恢复"}</span>
                    </td>
                    <td>
                      <CauseList causes={s.causes} />
                    </td>
                    <td className="nowrap">{s.since ?? "—"}</td>
                    <td className="nowrap">{s.open ? <span className="muted">未解除</span> : s.liftedOn ?? "—"}</td>
                    <td className="num">{formatYuan(s.omAtStakeYuan)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Blocked({ view }: { view: FinanceView }) {
  const open = view.blocked.filter((b) => b.open);
  return (
    <section className="card" aria-labelledby="cons-title">
      <h2 id="cons-title">
        建设资金暂停拨付（第二十二条）
        {open.length > 0 && <span className="badge bad heading-badge">{open.length} 个项目</span>}
      </h2>
      <p className="muted small">{constructionStatus("blocked").hint}。</p>
      {view.missing.queries.includes("finance-fund-status") ? (
        <Unavailable what="建设资金拨付状态" />
      ) : view.blocked.length === 0 ? (
        <p className="good-news">{formatYear(view.year)}没有项目被暂停拨付建设资金：所有建设资金均在取得审核意见后支付。</p>
      ) : (
        <>
          <ExportLinks relation="mart_fund_status" filters={{ year: view.year, dept: view.dept }} label="建设资金暂停拨付的项目" />
          <div className="table-scroll">
            <table className="data" data-testid="construction-blocked">
              <thead>
                <tr>
                  <th>项目</th>
                  <th>单位</th>
                  <th>状态</th>
                  <th>原因（依据条款）</th>
                  <th>起始</th>
                  <th>解除日期</th>
                </tr>
              </thead>
              <tbody>
                {view.blocked.map((b) => (
                  <tr key={b.projectId} className={b.open ? "row-bad" : undefined}>
                    <td>
                      <Link to={projectHref(b.projectId)}>{b.projectName}</Link>
                      <div className="muted small">{b.projectId}</div>
                    </td>
                    <td>{b.deptName}</td>
                    <td className="nowrap">
                      <span className={`badge ${b.open ? "bad" : "ok"}`}>{b.open ? constructionStatus("blocked").label : "已恢复"}</span>
                    </td>
                    <td>
                      <CauseList causes={b.causes} />
                    </td>
                    <td className="nowrap">{b.since ?? "—"}</td>
                    <td className="nowrap">{b.open ? <span className="muted">未解除</span> : b.liftedOn ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Funding({
  view,
  go,
  navigate,
}: {
  view: FinanceView;
  go: (c: Record<string, string | number | null>) => void;
  navigate: (to: string) => void;
}) {
  const charted = view.funding.slice(0, FUNDING_CHART_MAX);
  const option = useMemo(() => fundingPipelineOption(charted), [view.funding]);
  const sum = fundingSummary(view.funding);
  const byProject = view.funding[0]?.level === "project";
  return (
    <section className="card" aria-labelledby="funding-title">
      <h2 id="funding-title">核准、合同与支付（{byProject ? "按项目" : "按单位"}）</h2>
      {view.missing.queries.includes("finance-funding-pipeline") ? (
        <Unavailable what="核准、合同与支付" />
      ) : view.funding.length === 0 ? (
        <div className="empty-state">
          <p>{formatYear(view.year)}没有项目资金记录{view.dept ? "（本单位）" : ""}。</p>
          <p>请选择其他年度；若本年度应有数据，请在<Link to="/data">数据页</Link>检查“审核记录”“合同备案”“国库支付”的装载情况。</p>
        </div>
      ) : (
        <>
          <p className="muted">
            核准 {sum.approved} · 合同 {sum.contracted} · 已付建设资金 {sum.paid}。核准价是第二十一条规定的资金安排上限；
            {byProject ? "点击柱形查看项目详情。" : "点击柱形查看该单位的项目。"}
            {view.funding.length > charted.length &&
              `图中为金额最大的 ${charted.length} 个${byProject ? "项目" : "单位"}，其余 ${view.funding.length - charted.length} 个见数据表。`}
          </p>
          <Chart
            option={option}
            label={`${formatYear(view.year)}核准、合同与已付建设资金（万元）`}
            height={fundingPipelineHeight(charted)}
            ssrWidth={1300}
            table={fundingPipelineTable(view.funding)}
            exportData={{ relation: "mart_project_year", filters: { year: view.year, dept: view.dept } }}
            onItemClick={(e) => {
              const k = clickKey(e);
              const level = (e.data as { level?: string } | null)?.level;
              if (!k) return;
              if (level === "project") navigate(projectHref(k));
              else go({ dept: k });
            }}
            testId="chart-funding-pipeline"
          />
        </>
      )}
    </section>
  );
}

interface MatrixRow {
  projectId: string;
  projectName: string;
  deptName: string | null;
  leadDeptName: string | null;
  allocClass: string | null;
  basis: string | null;
  rentYuan: string;
  duty: string | null;
  note: string | null;
  parts: Map<string, AllocationLine>;
}

function matrixRows(lines: readonly AllocationLine[]): MatrixRow[] {
  const by = new Map<string, MatrixRow>();
  for (const l of lines) {
    const r =
      by.get(l.projectId) ??
      {
        projectId: l.projectId,
        projectName: l.projectName,
        deptName: l.deptName,
        leadDeptName: l.leadDeptName,
        allocClass: l.allocClass,
        basis: l.basis,
        rentYuan: l.rentYuan,
        duty: l.duty,
        note: l.note,
        parts: new Map<string, AllocationLine>(),
      };
    r.parts.set(l.countyCode, l);
    by.set(l.projectId, r);
  }
  return [...by.values()];
}

function Allocation({ view, onCounty }: { view: FinanceView; onCounty: (c: string) => void }) {
  const [params] = useSearchParams();
  const filterSearchFor = (key: string, value: string | null) => `/finance${filterSearch(params, { [key]: value })}`;
  const allocable = view.allocation.filter((l) => l.allocable);
  const notAllocable = view.allocation.filter((l) => !l.allocable);
  const option = useMemo(() => countyAllocationOption(allocable, view.county), [view.allocation, view.county]);
  const counties = allocationCounties(allocable);
  const projects = matrixRows(allocable);
  const others = matrixRows(notAllocable);
  const notSixNotes = [...new Set(allocable.filter((l) => l.basis === "市县4:6" && l.note).map((l) => l.note as string))];
  const listSize = view.countyYear.length;
  const countyName = view.county === "CITY" ? "市本级" : view.options.counties.find((c) => c.value === view.county)?.label ?? view.county;
  const cityTotal = sumYuan(allocable.filter((l) => l.countyCode === "CITY").map((l) => l.amountYuan));
  const selectedTotal = view.county ? sumYuan(allocable.filter((l) => l.countyCode === view.county).map((l) => l.amountYuan)) : null;
  const shownProjects = view.county ? projects.filter((p) => p.parts.has(view.county as string)) : projects;
  const rentTotal = sumYuan(projects.map((p) => p.rentYuan));
  const errorRent = sumYuan([...new Map(view.allocationErrors.map((e) => [e.projectId, e.rentYuan])).values()]);
  const settlementKnown = view.countyYear.some((c) => c.settledYuan !== null);

  return (
    <section className="card" aria-labelledby="alloc-title">
      <h2 id="alloc-title">{formatYear(view.year)}政务云租赁费区县分摊（第二十三条、第二十五条）</h2>
      {view.allocationErrors.length > 0 && (
        <div className="banner bad alloc-errors" role="alert" data-testid="allocation-errors">
          <strong>
            {new Set(view.allocationErrors.map((e) => e.projectId)).size} 个项目的 {formatYear(view.year)}云租赁费无法分摊（合计{" "}
            {formatYuan(errorRent)}），以下分摊不完整：
          </strong>
          <ul>
            {view.allocationErrors.map((e, i) => (
              <li key={i}>
                <Link to={projectHref(e.projectId)}>{e.projectName}</Link>：{e.message}
              </li>
            ))}
          </ul>
          <span>请统计部门补报缺失年度的常住人口（population.csv）后重新构建数据仓库。</span>
        </div>
      )}
      {(notSixNotes.length > 0 || (listSize > 0 && listSize !== 6)) && (
        <div className="banner warn" data-testid="not-six-counties">
          <strong>注意：本年度区县名单为 {listSize || "?"} 个，而非第二十三条所设的 6 个。</strong>
          {notSixNotes.length > 0 ? notSixNotes.map((n) => <div key={n}>{n}</div>) : <div>市县 4:6 分摊时，区县合计 60% 由名单内区县均摊。</div>}
        </div>
      )}
      {view.missing.queries.includes("finance-allocation") ? (
        <Unavailable what="云租赁费分摊" />
      ) : view.allocation.length === 0 ? (
        <div className="empty-state">
          <p>{formatYear(view.year)}没有政务云租赁费账单{view.dept ? "（本单位牵头或建设的项目）" : ""}，无需分摊。</p>
          <p>若本年度应有账单，请在<Link to="/data?source=cloud_billing">数据页</Link>检查“政务云账单”的装载情况。</p>
        </div>
      ) : allocable.length === 0 ? (
        view.allocationErrors.length > 0 ? (
          <p className="muted">
            {formatYear(view.year)}应向区县分摊的项目均因上述原因无法分摊，补齐数据前不显示分摊图。
          </p>
        ) : (
          <p className="good-news">
            {formatYear(view.year)}没有年租赁费达到 500 万元的全市性系统，无需向区县分摊；{view.cityOnly.projects} 个项目的租赁费由牵头或建设单位全额承担（见下表）。
          </p>
        )
      ) : (
        <>
          <p className="muted">
            {projects.length} 个全市性系统年租赁费达到 500 万元，合计 {formatYuan(rentTotal)}，其中市本级承担 {formatYuan(cityTotal)}。
            民生类按上年常住人口分摊；审批监管类市县 4:6。点击柱形按区县筛选。
          </p>
          <Chart
            option={option}
            label={`${formatYear(view.year)}云租赁费分摊（按区县，万元；每个系列为一个项目）`}
            height={380}
            ssrWidth={1300}
            table={countyAllocationTable(allocable)}
            exportData={{ relation: "mart_allocation", filters: { year: view.year, dept: view.dept } }}
            onItemClick={(e) => {
              const k = clickKey(e);
              if (k) onCounty(k);
            }}
            testId="chart-county-allocation"
          />
        </>
      )}

      {view.county && (
        <div className="banner info">
          已筛选 <strong>{countyName}</strong>：{formatYear(view.year)}应分摊 {formatYuan(selectedTotal)}，涉及 {shownProjects.length} 个项目。{" "}
          <Link to={filterSearchFor("county", null)} preventScrollReset>
            查看全部区县
          </Link>
        </div>
      )}

      {view.countyYear.length > 0 && (
        <>
          <h3>各区县应分摊、已结算与未结算</h3>
          {view.allocationErrors.length > 0 && (
            <p className="warn-text small">
              “应分摊”不含上述 {new Set(view.allocationErrors.map((e) => e.projectId)).size} 个无法分摊的项目，补齐数据后金额会增加。
            </p>
          )}
          {!settlementKnown && <p className="muted small">收件目录暂无结算数据：“已结算”“未结算”待结算导出接入后显示。</p>}
          <ExportLinks relation="mart_county_year" filters={{ year: view.year }} label="各区县应分摊、已结算与未结算" />
          <div className="table-scroll">
            <table className="data" data-testid="county-year">
              <thead>
                <tr>
                  <th>区县</th>
                  <th className="num">项目数</th>
                  <th className="num">应分摊</th>
                  <th className="num">已结算</th>
                  <th className="num">未结算</th>
                </tr>
              </thead>
              <tbody>
                {view.countyYear.map((c) => (
                  <tr key={c.countyCode} className={c.countyCode === view.county ? "row-selected" : undefined}>
                    <td>
                      <Link to={filterSearchFor("county", c.countyCode)} preventScrollReset>
                        {c.countyName}
                      </Link>
                    </td>
                    <td className="num">{formatCount(c.projects)}</td>
                    <td className="num">{formatYuan(c.owedYuan)}</td>
                    <td className="num">{c.settledYuan === null ? <span className="muted">暂无结算数据</span> : formatYuan(c.settledYuan)}</td>
                    <td className="num">{c.outstandingYuan === null ? "—" : formatYuan(c.outstandingYuan)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {projects.length > 0 && (
        <>
          <h3>项目 × 区县分摊明细（单位：元）</h3>
          <ExportLinks
            relation="mart_allocation"
            filters={{ year: view.year, dept: view.dept, county: view.county }}
            label="项目 × 区县分摊明细"
          />
          <div className="table-scroll">
            <table className="data alloc-matrix" data-testid="allocation-matrix">
              <thead>
                <tr>
                  <th>项目与第二十五条职责</th>
                  <th>分摊方式</th>
                  <th className="num">年租赁费</th>
                  {counties.map((c) => (
                    <th key={c.code} className={`num${c.code === view.county ? " col-selected" : ""}`}>
                      <Link to={filterSearchFor("county", c.code)} preventScrollReset>
                        {c.name}
                      </Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shownProjects.map((p) => (
                  <tr key={p.projectId}>
                    <td className="alloc-project">
                      <Link to={projectHref(p.projectId)}>{p.projectName}</Link>
                      <div className="muted small">
                        牵头单位：{p.leadDeptName ?? p.deptName ?? "—"}
                        {p.duty ? ` · ${p.duty}` : ""}
                      </div>
                      {p.note && p.basis === "市县4:6" && <div className="warn-text small">{p.note}</div>}
                    </td>
                    <td className="nowrap">
                      {p.allocClass ?? "—"}
                      <div className="muted small">{p.basis}</div>
                    </td>
                    <td className="num">{yuanCell(p.rentYuan)}</td>
                    {counties.map((c) => {
                      const part = p.parts.get(c.code);
                      return (
                        <td
                          key={c.code}
                          className={`num${c.code === view.county ? " col-selected" : ""}`}
                          title={part?.share ? `份额 ${formatPercent(part.share, 4)}` : undefined}
                        >
                          {part ? yuanCell(part.amountYuan) : "—"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th colSpan={2}>合计</th>
                  <th className="num">{yuanCell(sumYuan(shownProjects.map((p) => p.rentYuan)))}</th>
                  {counties.map((c) => (
                    <th key={c.code} className={`num${c.code === view.county ? " col-selected" : ""}`}>
                      {yuanCell(sumYuan(shownProjects.map((p) => p.parts.get(c.code)?.amountYuan ?? "0.00")))}
                    </th>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}

      {others.length > 0 && (
        <details className="alloc-others">
          <summary>
            未向区县分摊的项目 {view.cityOnly.projects} 个，租赁费合计 {formatYuan(view.cityOnly.rentYuan)}，由牵头或建设单位全额承担
            {view.cityOnly.projects > others.length ? `（列出租赁费最高的 ${others.length} 个）` : ""}
          </summary>
          <ExportLinks relation="mart_allocation_duty" filters={{ year: view.year, dept: view.dept }} label="未向区县分摊的项目" />
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>项目</th>
                  <th>建设单位</th>
                  <th className="num">年租赁费</th>
                  <th>不分摊原因</th>
                  <th>第二十五条职责</th>
                </tr>
              </thead>
              <tbody>
                {others.map((o) => (
                  <tr key={o.projectId}>
                    <td>
                      <Link to={projectHref(o.projectId)}>{o.projectName}</Link>
                    </td>
                    <td>{o.deptName ?? "—"}</td>
                    <td className="num">{formatYuan(o.rentYuan)}</td>
                    <td>
                      {o.basis}
                      {o.note && <div className="muted small">{o.note}</div>}
                    </td>
                    <td className="small">{o.duty ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <section className="error-state">
      <h1>资金页面暂时无法显示</h1>
      <p>
        {isRouteErrorResponse(error) && typeof error.data === "string"
          ? error.data
          : "读取数据仓库时出错。请稍后重试；若问题持续，请到“数据”页查看最近一次数据构建，或联系系统管理员。"}
      </p>
      <p>
        <Link to="/finance">返回资金页</Link> · <Link to="/data">查看数据状态</Link>
      </p>
    </section>
  );
}
