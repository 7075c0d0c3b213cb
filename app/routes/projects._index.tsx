// 项目列表 /projects?year=&dept=&kind=&grade=&rule=&page= — the table every chart drills down to. Every filter, and the
// page, is in the URL.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { ConstructionBadge, DataErrorBoundary, EmptyState, GradeBadge, OmBadge, YearLinks, yearFilterField } from "~/components/PerformanceUi";
import { formatScore, GRADES, KINDS } from "~/domain/performance";
import { filterSearch, parseFilters } from "~/filters";
import { formatCount, formatWanYuan } from "~/format/number";
import { listProjects } from "~/models/project.server";
import { rethrowForRoute } from "~/models/row.server";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";
import { scopedDept } from "~/models/scope.server";

export const meta: MetaFunction = () => [{ title: "项目列表 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const params = new URL(request.url).searchParams;
  const f = parseFilters(params);
  const pageText = params.get("page");
  const page = pageText && /^\d{1,4}$/.test(pageText) ? Math.max(1, Number(pageText)) : 1;
  const filters = { year: f.year, dept: scopedDept(scope, f.dept), kind: f.kind, grade: f.grade, rule: f.rule };
  try {
    return json({ list: await listProjects({ ...filters, page }, scope), filters });
  } catch (err) {
    rethrowForRoute(err);
  }
}

export default function Projects() {
  const { list, filters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // a filter change starts again at page 1
  const here = (changes: Record<string, string | number | null>) => `/projects${filterSearch(params, { page: null, ...changes })}`;
  const year = list.year;
  const deptName = list.departments.find((d) => d.value === filters.dept)?.label;
  const words = [
    deptName,
    filters.kind && `${filters.kind}类`,
    filters.grade && `等级为${filters.grade}`,
    filters.rule && `有 ${filters.rule} 标记`,
  ].filter(Boolean);

  return (
    <div className="perf-pages">
      <h1>项目列表{year !== null && `（${year}年）`}</h1>
      <p className="subtitle">
        评估基准日 {list.asOf ?? "—"}
        {words.length > 0 && <> · 筛选：{words.join("、")}</>}
      </p>
      <FilterBar
        fields={[
          yearFilterField(
            list.years.map((y) => ({
              year: Number(y.value),
              label: y.provisional ? `${y.label}（暂定）` : y.n > 0 ? y.label : `${y.label}（未评分）`,
            })),
            list.defaultYear,
            year,
          ),
          { name: "dept", label: "单位", options: list.departments.map((d) => ({ value: d.value, label: d.label })), allLabel: "全部单位" },
          { name: "kind", label: "项目类型", options: KINDS.map((k) => ({ value: k, label: k })), allLabel: "全部类型" },
          { name: "grade", label: "等级", options: GRADES.map((g) => ({ value: g, label: g })), allLabel: "全部等级" },
          { name: "rule", label: "违规规则", options: list.rules.map((r) => ({ value: r.value, label: `${r.label}（${r.n}）` })), allLabel: "全部" },
        ]}
      />
      {year === null ? (
        <EmptyState title="数据仓库中还没有项目">
          <p>请在收件目录放入 projects.xlsx 等文件后运行 <code>npm run etl</code>，或到 <Link to="/data">数据</Link> 页查看装载情况。</p>
        </EmptyState>
      ) : !list.years.some((y) => Number(y.value) === year) ? (
        <EmptyState title={`${year}年没有已装载的项目数据`}>
          <p>该年度不在数据仓库覆盖的年度内。</p>
          <YearLinks years={list.years.map((y) => Number(y.value))} href={(y) => here({ year: y })} />
        </EmptyState>
      ) : list.rows.length === 0 && list.page > 1 ? (
        <EmptyState title={`没有第 ${list.page} 页`}>
          <p>
            符合条件的项目不足 {list.page} 页。<Link to={here({ page: null })}>回到第 1 页</Link>
          </p>
        </EmptyState>
      ) : list.rows.length === 0 ? (
        <EmptyState title="没有符合条件的项目">
          <p>
            {year}年没有{words.join("、")}的项目。
          </p>
          <p>
            <Link to={`/projects?year=${year}`}>清除筛选，查看{year}年全部项目</Link>
          </p>
        </EmptyState>
      ) : (
        <section className="card">
          <p className="hint">
            共 {formatCount(list.total)} 个项目，按总分从高到低排列
            {list.pages > 1 && `；第 ${list.page} / ${list.pages} 页`}。
          </p>
          {/* every page of the list, not just this one; mart_project_year has no rule column, so a rule filter is named as not applied */}
          <ExportLinks relation="mart_project_year" filters={{ ...filters, year }} label="项目列表" />
          <table className="data" data-testid="project-list">
            <thead>
              <tr>
                <th>项目</th>
                <th>单位</th>
                <th>类型</th>
                <th className="num">核准金额</th>
                <th className="num">总分</th>
                <th>等级</th>
                <th>运维经费</th>
                <th>建设资金</th>
                <th className="num">违规标记</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.projectId}>
                  <td>
                    <Link to={`/projects/${encodeURIComponent(r.projectId)}?year=${year}`}>{r.name}</Link>
                    <div className="muted small">{r.projectId}</div>
                  </td>
                  <td>
                    <Link to={here({ dept: r.deptCode })}>{r.deptName}</Link>
                  </td>
                  <td>{r.kind}</td>
                  <td className="num">{formatWanYuan(r.approvedYuan)}</td>
                  <td className="num">{formatScore(r.totalScore)}</td>
                  <td><GradeBadge grade={r.grade} /></td>
                  <td><OmBadge status={r.omFundStatus} /></td>
                  <td><ConstructionBadge status={r.constructionFundStatus} /></td>
                  <td className="num">
                    {r.flagCount > 0 ? (
                      <span title={r.ruleIds.join("、")} className="badge bad">{formatCount(r.flagCount)}</span>
                    ) : (
                      "0"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.pages > 1 && (
            <nav className="pager" aria-label="分页">
              {list.page > 1 ? <Link to={here({ page: list.page - 1 })}>上一页</Link> : <span className="muted">上一页</span>}
              {Array.from({ length: list.pages }, (_, i) => i + 1).map((n) =>
                n === list.page ? (
                  <strong key={n}>{n}</strong>
                ) : (
                  <Link key={n} to={here({ page: n === 1 ? null : n })}>
                    {n}
                  </Link>
                ),
              )}
              {list.page < list.pages ? <Link to={here({ page: list.page + 1 })}>下一页</Link> : <span className="muted">下一页</span>}
            </nav>
          )}
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <DataErrorBoundary what="项目列表" />;
}
