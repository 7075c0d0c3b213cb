// 单位详情 /departments/:deptCode?year= — one department: its record year by year, and in the chosen year its projects
// (score, grade, fund status), its flags with evidence, and its review status with the reasons.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { DataErrorBoundary, EmptyState, GradeBadge, OmBadge, ReviewBadge, SeverityBadge, YearLinks, yearFilterField } from "~/components/PerformanceUi";
import { clickKey } from "~/charts/click";
import { rankingHeight, rankItems, scoreRankingOption, scoreRankingTable, type RankedItem } from "~/charts/score-ranking";
import { yearTrendOption, yearTrendTable, type YearPoint } from "~/charts/year-trend";
import { articleLabel, DEPT_CODE_PATTERN, formatScore } from "~/domain/performance";
import { parseFilters } from "~/filters";
import { formatCount, formatWanYuan } from "~/format/number";
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
  const navigate = useNavigate();
  const year = dept.year;
  const code = encodeURIComponent(dept.deptCode);

  const trend: YearPoint[] = useMemo(
    () =>
      dept.history.map((h) => ({
        year: h.year as number,
        meanScore: h.meanScore,
        projectsScored: h.projects,
        poor: 0,
        provisional: h.provisional,
      })),
    [dept.history],
  );
  const poorByYear = dept.projects.filter((p) => p.grade === "差").length;
  const trendChart = useMemo(() => yearTrendOption(trend, { selectedYear: year, showPoor: false }), [trend, year]);

  const items: RankedItem[] = useMemo(
    () => dept.projects.map((p) => ({ key: p.projectId, name: p.name, score: p.totalScore, grade: p.grade, detail: p.kind })),
    [dept.projects],
  );
  const scored = rankItems(items).length;
  const rankingChart = useMemo(() => scoreRankingOption(items), [items]);
  const cur = dept.current;
  // the department of the path is the export's dept filter
  const thisYear = { year, dept: dept.deptCode };
  const allYears = { dept: dept.deptCode };

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
      {dept.history.length > 0 && <FilterBar
          fields={[
            yearFilterField(
              dept.history.map((h) => ({ year: h.year as number, label: `${h.year}年${h.provisional ? "（暂定）" : ""}` })),
              dept.defaultYear,
              year,
            ),
          ]}
        />}

      {year === null || dept.history.length === 0 ? (
        <EmptyState title="该单位还没有项目年度数据">
          <p>数据仓库中有该单位，但它的项目尚未进入任何年度（申报年度晚于评估基准日）。</p>
        </EmptyState>
      ) : !cur ? (
        <EmptyState title={`${dept.deptName}${year}年没有项目`}>
          <p>该年度该单位没有在建或在用的项目。</p>
          <YearLinks years={dept.history.map((h) => h.year as number)} href={(y) => `/departments/${code}?year=${y}`} />
        </EmptyState>
      ) : (
        <>
          <div className="grid cols-4">
            <div className="card kpi">
              <div className="label">{year}年项目数</div>
              <div className="value">
                <Link to={`/projects?year=${year}&dept=${code}`}>{formatCount(cur.projects)}</Link>
              </div>
            </div>
            <div className="card kpi">
              <div className="label">平均分</div>
              <div className="value">{formatScore(cur.meanScore)}</div>
              <div className="kpi-note">{cur.meanScore === null ? "该年度尚无评分" : `差等级 ${poorByYear} 个`}</div>
            </div>
            <div className="card kpi">
              <div className="label">违规标记</div>
              <div className={`value${cur.flags > 0 ? " bad" : ""}`}>{formatCount(cur.flags)}</div>
            </div>
            <div className="card kpi">
              <div className="label">审核状态</div>
              <div className="value">
                <ReviewBadge status={cur.reviewStatus} />
              </div>
              <div className="kpi-note">{cur.reviewReasons ?? "无限制"}</div>
            </div>
          </div>

          <div className="grid cols-2">
            <section className="card">
              <h2>历年平均分</h2>
              <p className="hint">点击年份查看该年度。自评比独立评价高出：{cur.selfScoreGap === null ? "—" : `${formatScore(cur.selfScoreGap)} 分`}。</p>
              <Chart
                option={trendChart}
                label={`${dept.deptName}历年平均分`}
                height={260}
                table={yearTrendTable(trend, { showPoor: false, countLabel: "项目数" })}
                exportData={{ relation: "mart_department_year", filters: allYears }}
                onItemClick={(e) => {
                  const y = clickKey(e);
                  if (y) navigate(`/departments/${code}?year=${y}`);
                }}
              />
            </section>
            <section className="card">
              <h2>项目得分排名</h2>
              {scored > 0 ? (
                <Chart
                  option={rankingChart}
                  label={`${dept.deptName}${year}年项目得分排名`}
                  height={rankingHeight(scored)}
                  table={scoreRankingTable(items, "类型")}
                  exportData={{ relation: "mart_project_year", filters: thisYear }}
                  onItemClick={(e) => {
                    const id = clickKey(e);
                    if (id) navigate(`/projects/${encodeURIComponent(id)}?year=${year}`);
                  }}
                />
              ) : (
                <p className="muted">{year}年该单位的项目尚无评分。</p>
              )}
            </section>
          </div>

          <section className="card">
            <h2>项目（{dept.projects.length}）</h2>
            <ExportLinks relation="mart_project_year" filters={thisYear} label={`${dept.deptName}${year}年的项目`} />
            <table className="data" data-testid="department-projects">
              <thead>
                <tr>
                  <th>项目</th>
                  <th>类型</th>
                  <th className="num">核准金额</th>
                  <th className="num">总分</th>
                  <th>等级</th>
                  <th className="num">自评高出</th>
                  <th>运维经费</th>
                  <th>原因</th>
                  <th className="num">违规标记</th>
                </tr>
              </thead>
              <tbody>
                {dept.projects.map((p) => (
                  <tr key={p.projectId}>
                    <td>
                      <Link to={`/projects/${encodeURIComponent(p.projectId)}?year=${year}`}>{p.name}</Link>
                      <div className="muted small">{p.projectId}</div>
                    </td>
                    <td>{p.kind}</td>
                    <td className="num">{formatWanYuan(p.approvedYuan)}</td>
                    <td className="num">{formatScore(p.totalScore)}</td>
                    <td><GradeBadge grade={p.grade} /></td>
                    <td className="num">{formatScore(p.gap)}</td>
                    <td><OmBadge status={p.omFundStatus} /></td>
                    <td>{p.fundReasons ?? "—"}</td>
                    <td className="num">{formatCount(p.flagCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="card">
            <h2>违规标记（{dept.flags.length}）</h2>
            {dept.flags.length === 0 ? (
              <p className="muted">{year}年该单位的项目没有违规标记。</p>
            ) : (
              <>
                <ExportLinks relation="mart_flags" filters={thisYear} label={`${dept.deptName}${year}年的违规标记`} />
                <table className="data" data-testid="department-flags">
                  <thead>
                    <tr>
                      <th>项目</th>
                      <th>规则</th>
                      <th>条款</th>
                      <th>严重程度</th>
                      <th>证据</th>
                      <th>后果</th>
                      <th>期限</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dept.flags.map((f) => (
                      <tr key={f.flagId}>
                        <td>
                          <Link to={`/projects/${encodeURIComponent(f.projectId)}?year=${year}`}>{f.projectName}</Link>
                        </td>
                        <td><code>{f.ruleId}</code></td>
                        <td className="nowrap">{articleLabel(f.article)}</td>
                        <td><SeverityBadge severity={f.severity} /></td>
                        <td>{f.evidence}</td>
                        <td>{f.consequence}</td>
                        <td className="num">{f.dueDate ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>

          <section className="card">
            <h2>历年记录</h2>
            <ExportLinks relation="mart_department_year" filters={allYears} label={`${dept.deptName}历年记录`} />
            <table className="data">
              <thead>
                <tr>
                  <th>年度</th>
                  <th className="num">项目数</th>
                  <th className="num">平均分</th>
                  <th className="num">违规标记</th>
                  <th>审核状态</th>
                  <th>原因</th>
                  <th className="num">自评高出</th>
                </tr>
              </thead>
              <tbody>
                {[...dept.history].reverse().map((h) => (
                  <tr key={h.year}>
                    <td className="nowrap">
                      <Link to={`/departments/${code}?year=${h.year}`}>{h.year}年</Link>
                    </td>
                    <td className="num">{formatCount(h.projects)}</td>
                    <td className="num">{formatScore(h.meanScore)}</td>
                    <td className="num">{formatCount(h.flags)}</td>
                    <td><ReviewBadge status={h.reviewStatus} /></td>
                    <td>{h.reviewReasons ?? "—"}</td>
                    <td className="num">{formatScore(h.selfScoreGap)}</td>
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
  return <DataErrorBoundary what="单位" />;
}
