// 项目列表 /projects?year=&dept=&kind=&grade=&rule=&page= — the table every chart drills down to. Every filter, and the
// page, is in the URL.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FilterBar } from "~/components/FilterBar";
import { DataErrorBoundary, EmptyState, YearLinks, yearFilterField } from "~/components/PerformanceUi";
import { ProjectListCard } from "~/components/projects/ProjectListCard";
import { GRADES, KINDS } from "~/domain/performance";
import { filterSearch, pageNumber, parseFilters } from "~/filters";
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
  const page = pageNumber(params.get("page"));
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
        <ProjectListCard list={list} filters={filters} year={year} here={here} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <DataErrorBoundary what="项目列表" />;
}
