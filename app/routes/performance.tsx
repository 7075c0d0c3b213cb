// 年度绩效 /performance?year=&dept=&kind=&grade=&project= — what leadership asks of a year's evaluation (scoring.md):
// how many projects were scored and how well, the grade distribution, who ranks where, how the year compares with
// the last, one project against its peers, whose funding the result puts at risk, and who grades themselves kindly.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FilterBar } from "~/components/FilterBar";
import { AtRiskCard } from "~/components/performance/AtRiskCard";
import { DepartmentRankingCard } from "~/components/performance/DepartmentRankingCard";
import { EvaluationGapCard } from "~/components/performance/EvaluationGapCard";
import { GradeDistributionCard } from "~/components/performance/GradeDistributionCard";
import { PerformanceKpis } from "~/components/performance/PerformanceKpis";
import { ProjectRankingCard } from "~/components/performance/ProjectRankingCard";
import { RadarCard } from "~/components/performance/RadarCard";
import type { Changes } from "~/components/performance/types";
import { YearTrendCard } from "~/components/performance/YearTrendCard";
import { DataErrorBoundary, EmptyState, YearLinks, yearFilterField } from "~/components/PerformanceUi";
import { GRADES, isGrade, KINDS, PROJECT_ID_PATTERN } from "~/domain/performance";
import { filterSearch, pageNumber, parseFilters } from "~/filters";
import { getPerformance } from "~/models/performance.server";
import { rethrowForRoute } from "~/models/row.server";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";
import { scopedDept } from "~/models/scope.server";

export const meta: MetaFunction = () => [{ title: "年度绩效 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const params = new URL(request.url).searchParams;
  const f = parseFilters(params);
  const dept = scopedDept(scope, f.dept);
  const project = params.get("project");
  try {
    const view = await getPerformance({
      year: f.year,
      dept,
      kind: f.kind,
      grade: isGrade(f.grade) ? f.grade : null,
      project: project && PROJECT_ID_PATTERN.test(project) ? project : null,
      riskPage: pageNumber(params.get("riskPage")),
    }, scope);
    return json({ view, filters: { dept: f.dept, kind: f.kind, grade: isGrade(f.grade) ? f.grade : null } });
  } catch (err) {
    rethrowForRoute(err);
  }
}

export default function Performance() {
  const { view, filters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const year = view.year;

  // any other change starts the projects at risk from their first page again
  const here = (changes: Changes) => `/performance${filterSearch(params, { riskPage: null, ...changes })}`;
  const listHref = (changes: Changes) =>
    `/projects${filterSearch(new URLSearchParams(), { year, dept: filters.dept, kind: filters.kind, ...changes })}`;
  const filterBar = (
    <FilterBar
      fields={[
        yearFilterField(
          view.years.map((y) => ({ year: y.year, label: `${y.year}年${y.provisional ? "（暂定）" : ""}` })),
          view.defaultYear,
          year,
          "无评分",
        ),
        { name: "dept", label: "单位", options: view.departments.map((d) => ({ value: d.deptCode, label: d.deptName })), allLabel: "全部单位" },
        { name: "kind", label: "项目类型", options: KINDS.map((k) => ({ value: k, label: k })), allLabel: "全部类型" },
        { name: "grade", label: "等级", options: GRADES.map((g) => ({ value: g, label: g })), allLabel: "全部等级" },
      ]}
    />
  );

  if (year === null) {
    return (
      <div className="perf-pages">
        <h1>年度绩效评价</h1>
        <EmptyState title="尚无绩效评分数据">
          <p>数据仓库中没有任何年度的项目总分。评分来自运行监测、绩效目标完成值、安全记录和绩效评价等数据。</p>
          <p>请在收件目录放入这些文件后重新运行 <code>npm run etl</code>，或到 <Link to="/data">数据</Link> 页查看各数据来源的装载情况。</p>
        </EmptyState>
      </div>
    );
  }

  const anyFilter = filters.dept || filters.kind || filters.grade;
  const deptName = view.departments.find((d) => d.deptCode === filters.dept)?.deptName;
  const filterWords = [deptName, filters.kind && `${filters.kind}类`, filters.grade && `等级为${filters.grade}`].filter(Boolean).join("、");

  return (
    <div className="perf-pages">
      <h1>{year}年度绩效评价</h1>
      <p className="subtitle">
        第三十二至三十四条 · 评估基准日 {view.asOf ?? "—"}
        {view.radar?.weightsVersion && <> · 权重版本 {view.radar.weightsVersion}</>}
      </p>
      {filterBar}
      {view.yearIsProvisional && (
        <p className="banner warn" data-testid="provisional">
          {year}年尚未结束：以下为截至评估基准日 {view.asOf ?? "—"} 的暂定评分，年度结束后重新评定；暂定结果不据以下达整改（第三十四条）。
        </p>
      )}

      {!view.yearIsScored && (
        <EmptyState title={`${year}年尚无绩效评分`}>
          <p>该年度的项目还没有总分：年度评价通常在次年完成，或该年度的评价数据尚未装载。</p>
          <YearLinks years={view.years.map((y) => y.year)} href={(y) => here({ year: y, project: null })} />
        </EmptyState>
      )}

      {view.yearIsScored && view.kpis.projects === 0 && (
        <EmptyState title="没有符合条件的项目">
          <p>{year}年{filterWords ? `没有${filterWords}的项目` : "没有项目"}。</p>
          {anyFilter && (
            <p>
              <Link to={here({ dept: null, kind: null, grade: null, project: null })}>清除单位、类型和等级筛选</Link>
            </p>
          )}
        </EmptyState>
      )}

      {view.yearIsScored && view.kpis.projects > 0 && (
        <>
          <PerformanceKpis view={view} listHref={listHref} />
          <div className="grid cols-2">
            <GradeDistributionCard view={view} year={year} filters={filters} listHref={listHref} />
            <YearTrendCard view={view} year={year} filters={filters} here={here} />
          </div>
          <div className="grid cols-2">
            <ProjectRankingCard view={view} year={year} filters={filters} listHref={listHref} />
            <DepartmentRankingCard view={view} year={year} filters={filters} />
          </div>
          <AtRiskCard view={view} year={year} filters={filters} filterWords={filterWords} here={here} />
          <div className="grid cols-2">
            <RadarCard view={view} year={year} />
            <EvaluationGapCard view={view} year={year} filters={filters} />
          </div>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <DataErrorBoundary what="年度绩效" />;
}
