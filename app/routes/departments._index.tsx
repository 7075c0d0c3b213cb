// 单位 /departments?year= — every department in a year: projects, mean score, flags, review status with its reasons
// (Art. 34 暂缓审核, Art. 7(6) 申报受限) and how far its self-evaluations exceed the independent ones (Art. 33).
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { DataErrorBoundary, EmptyState, ReviewBadge, YearLinks, yearFilterField } from "~/components/PerformanceUi";
import { clickKey } from "~/charts/click";
import {
  RANKING_LIMIT,
  rankingHeight,
  rankingRows,
  rankingWindow,
  scoreRankingOption,
  scoreRankingTable,
  type RankedItem,
} from "~/charts/score-ranking";
import { formatScore } from "~/domain/performance";
import { filterSearch, parseFilters } from "~/filters";
import { formatCount } from "~/format/number";
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
  const navigate = useNavigate();
  const year = list.year;
  const active = useMemo(() => list.departments.filter((d) => d.projects > 0), [list.departments]);
  const idle = list.departments.length - active.length;

  const items: RankedItem[] = useMemo(
    () => active.map((d) => ({ key: d.deptCode, name: d.deptName, score: d.meanScore, detail: `${d.projects} 个项目` })),
    [active],
  );
  const scored = items.filter((i) => i.score !== null).length;
  const shown = useMemo(() => rankingWindow(items, RANKING_LIMIT), [items]);
  const chart = useMemo(() => scoreRankingOption(shown), [shown]);

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
          <section className="card">
            <h2>单位平均分排名</h2>
            <p className="hint">
              单位当年评分项目总分的平均
              {scored > RANKING_LIMIT ? `；共 ${scored} 个单位，图中为前 ${RANKING_LIMIT / 2} 名和后 ${RANKING_LIMIT / 2} 名，全部见下表` : ""}
              ；点击柱条打开单位详情。
            </p>
            {scored > 0 ? (
              <Chart
                option={chart}
                label={`${year}年单位平均分排名`}
                height={rankingHeight(rankingRows(shown))}
                table={scoreRankingTable(shown, "项目数")}
                exportData={{ relation: "mart_department_year", filters: { year } }}
                testId="department-chart"
                onItemClick={(e) => {
                  const code = clickKey(e);
                  if (code) navigate(`/departments/${encodeURIComponent(code)}?year=${year}`);
                }}
              />
            ) : (
              <p className="muted">{year}年尚无绩效评分，排名在年度评价完成后显示。</p>
            )}
          </section>
          <section className="card">
            <h2>各单位情况（{active.length}）</h2>
            {idle > 0 && <p className="hint">另有 {idle} 个单位该年度没有项目，未列出。</p>}
            <ExportLinks relation="mart_department_year" filters={{ year }} label="各单位情况" />
            <table className="data" data-testid="department-list">
              <thead>
                <tr>
                  <th>单位</th>
                  <th className="num">项目数</th>
                  <th className="num">平均分</th>
                  <th className="num">违规标记</th>
                  <th>审核状态</th>
                  <th>原因</th>
                  <th className="num">自评高出独立评价</th>
                </tr>
              </thead>
              <tbody>
                {active.map((d) => (
                  <tr key={d.deptCode}>
                    <td className="nowrap">
                      <Link to={`/departments/${encodeURIComponent(d.deptCode)}?year=${year}`}>{d.deptName}</Link>
                    </td>
                    <td className="num">
                      <Link to={`/projects?year=${year}&dept=${encodeURIComponent(d.deptCode)}`}>{formatCount(d.projects)}</Link>
                    </td>
                    <td className="num">{formatScore(d.meanScore)}</td>
                    <td className="num">{formatCount(d.flags)}</td>
                    <td><ReviewBadge status={d.reviewStatus} /></td>
                    <td>{d.reviewReasons ?? "—"}</td>
                    <td className="num">{d.selfScoreGap === null ? "—" : `${formatScore(d.selfScoreGap)} 分`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <DataErrorBoundary what="单位列表" />;
}
