// 单位 /departments?year= — every department in a year: projects, mean score, flags, review status with its reasons
// (Art. 34 暂缓审核, Art. 7(6) 申报受限) and how far its self-evaluations exceed the independent ones (Art. 33).
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { DepartmentListCard } from "~/components/departments/DepartmentListCard";
import { MeanScoreRankingCard } from "~/components/departments/MeanScoreRankingCard";
import { FilterBar } from "~/components/FilterBar";
import { DataErrorBoundary, EmptyState, YearLinks, yearFilterField } from "~/components/PerformanceUi";
import { filterSearch, parseFilters } from "~/filters";
import { listDepartments } from "~/models/department.server";
import { rethrowForRoute } from "~/models/row.server";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";

export const meta: MetaFunction = () => [{ title: "单位 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const { year } = parseFilters(new URL(request.url).searchParams);
  try {
    return json({ list: await listDepartments({ year }, scope) });
  } catch (err) {
    rethrowForRoute(err);
  }
}

export default function Departments() {
  const { list } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const year = list.year;
  const active = useMemo(() => list.departments.filter((d) => d.projects > 0), [list.departments]);
  const idle = list.departments.length - active.length;

  return (
    <div className="perf-pages">
      <h1>单位{year !== null && `（${year}年）`}</h1>
      <p className="subtitle">各建设单位的项目、得分、违规和审核状态 · 评估基准日 {list.asOf ?? "—"}</p>
      <FilterBar
        fields={[
          yearFilterField(
            list.years.map((y) => ({
              year: y.year,
              label: y.provisional ? `${y.year}年（暂定）` : y.departmentsScored > 0 ? `${y.year}年` : `${y.year}年（未评分）`,
            })),
            list.defaultYear,
            year,
          ),
        ]}
      />
      {year === null ? (
        <EmptyState title="数据仓库中还没有单位数据">
          <p>请在收件目录放入 projects.xlsx 等文件后运行 <code>npm run etl</code>，或到 <Link to="/data">数据</Link> 页查看装载情况。</p>
        </EmptyState>
      ) : active.length === 0 ? (
        <EmptyState title={`${year}年没有已装载的单位项目数据`}>
          <p>该年度没有任何单位的项目。</p>
          <YearLinks years={list.years.map((y) => y.year)} href={(y) => `/departments${filterSearch(params, { year: y })}`} />
        </EmptyState>
      ) : (
        <>
          <MeanScoreRankingCard departments={active} year={year} />
          <DepartmentListCard active={active} idle={idle} year={year} />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <DataErrorBoundary what="单位列表" />;
}
