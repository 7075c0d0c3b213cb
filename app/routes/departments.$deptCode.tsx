// 单位详情 /departments/:deptCode?year= — one department: its record year by year, and in the chosen year its projects
// (score, grade, fund status), its flags with evidence, and its review status with the reasons.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DepartmentFlagsCard } from "~/components/departments/DepartmentFlagsCard";
import { DepartmentHistoryCard } from "~/components/departments/DepartmentHistoryCard";
import { DepartmentKpis } from "~/components/departments/DepartmentKpis";
import { DepartmentProjectsCard } from "~/components/departments/DepartmentProjectsCard";
import { ProjectScoresCard } from "~/components/departments/ProjectScoresCard";
import { ScoreHistoryCard } from "~/components/departments/ScoreHistoryCard";
import { FilterBar } from "~/components/FilterBar";
import { DataErrorBoundary, EmptyState, YearLinks, yearFilterField } from "~/components/PerformanceUi";
import { departmentHref } from "~/components/record-links";
import { DEPT_CODE_PATTERN } from "~/domain/performance";
import { parseFilters } from "~/filters";
import { formatCount } from "~/format/number";
import { getDepartment } from "~/models/department.server";
import { rethrowForRoute } from "~/models/row.server";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.dept.deptName} · 单位 · 信管` : "单位 · 信管" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const deptCode = params.deptCode ?? "";
  const notFound = () => new Response(`没有代码为“${deptCode.slice(0, 32)}”的单位。请从单位列表中选择。`, { status: 404 });
  if (!DEPT_CODE_PATTERN.test(deptCode)) throw notFound();
  // another department's page does not exist for a department user (the scoped query finds no row either)
  if (scope.dept !== null && scope.dept !== deptCode) throw notFound();
  const { year } = parseFilters(new URL(request.url).searchParams);
  let dept;
  try {
    dept = await getDepartment({ deptCode, year }, scope);
  } catch (err) {
    rethrowForRoute(err);
  }
  if (!dept) throw notFound();
  return json({ dept });
}

export default function Department() {
  const { dept } = useLoaderData<typeof loader>();
  const year = dept.year;
  const cur = dept.current;

  return (
    <div className="perf-pages">
      <p className="crumbs">
        <Link to={year !== null ? `/departments?year=${year}` : "/departments"}>单位</Link> › {dept.deptName}
      </p>
      <h1>
        {dept.deptName} <small className="muted">{dept.deptCode}</small>
      </h1>
      <p className="subtitle">
        历年申报项目 {formatCount(dept.projectsAllYears)} 个 · 评估基准日 {dept.asOf ?? "—"}
      </p>
      {dept.history.length > 0 && (
        <FilterBar
          fields={[
            yearFilterField(
              dept.history.map((h) => ({ year: h.year as number, label: `${h.year}年${h.provisional ? "（暂定）" : ""}` })),
              dept.defaultYear,
              year,
            ),
          ]}
        />
      )}

      {year === null || dept.history.length === 0 ? (
        <EmptyState title="该单位还没有项目年度数据">
          <p>数据仓库中有该单位，但它的项目尚未进入任何年度（申报年度晚于评估基准日）。</p>
        </EmptyState>
      ) : !cur ? (
        <EmptyState title={`${dept.deptName}${year}年没有项目`}>
          <p>该年度该单位没有在建或在用的项目。</p>
          <YearLinks years={dept.history.map((h) => h.year as number)} href={(y) => departmentHref(dept.deptCode, y)} />
        </EmptyState>
      ) : (
        <>
          <DepartmentKpis dept={dept} cur={cur} year={year} />
          <div className="grid cols-2">
            <ScoreHistoryCard dept={dept} cur={cur} year={year} />
            <ProjectScoresCard dept={dept} year={year} />
          </div>
          <DepartmentProjectsCard dept={dept} year={year} />
          <DepartmentFlagsCard dept={dept} year={year} />
          <DepartmentHistoryCard dept={dept} />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <DataErrorBoundary what="单位" />;
}
