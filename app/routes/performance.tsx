// 年度绩效 /performance?year=&dept=&kind=&grade=&project= — what leadership asks of a year's evaluation (scoring.md):
// how many projects were scored and how well, the grade distribution, who ranks where, how the year compares with
// the last, one project against its peers, whose funding the result puts at risk, and who grades themselves kindly.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useSearchParams, useSubmit } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { DataErrorBoundary, EmptyState, GradeBadge, Kpi, OmBadge, YearLinks, yearFilterField } from "~/components/PerformanceUi";
import { clickKey } from "~/charts/click";
import { evaluationGapOption, evaluationGapTable, GAP_LIMIT, rankByInflation, type GapItem } from "~/charts/evaluation-gap";
import { gradeDistributionOption, gradeDistributionTable } from "~/charts/grade-distribution";
import { radarOption, radarTable } from "~/charts/radar";
import {
  rankingHeight,
  rankingRows,
  RANKING_LIMIT,
  rankingWindow,
  scoreRankingOption,
  scoreRankingTable,
  type RankedItem,
} from "~/charts/score-ranking";
import { yearTrendOption, yearTrendTable } from "~/charts/year-trend";
import { GRADES, isGrade, KINDS, formatScore, PROJECT_ID_PATTERN } from "~/domain/performance";
import { filterSearch, parseFilters } from "~/filters";
import { formatCount, formatWanYuan, formatYuan } from "~/format/number";
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
    }, scope);
    return json({ view, filters: { dept: f.dept, kind: f.kind, grade: isGrade(f.grade) ? f.grade : null } });
  } catch (err) {
    rethrowForRoute(err);
  }
}

export default function Performance() {
  const { view, filters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const year = view.year;

  const deptOptions = view.departments.map((d) => ({ value: d.deptCode, label: d.deptName }));

  const tally = view.grades;
  const gradeChart = useMemo(() => gradeDistributionOption(tally.counts, filters.grade), [tally, filters.grade]);
  const trendChart = useMemo(() => yearTrendOption(view.years, { selectedYear: year }), [view.years, year]);

  const projectChart = useMemo(() => scoreRankingOption(view.ranking), [view.ranking]);

  const deptItems: RankedItem[] = useMemo(
    () =>
      view.departments.map((d) => ({
        key: d.deptCode,
        name: d.deptName,
        score: d.meanScore,
        detail: `${d.projectsScored} 个评分项目`,
      })),
    [view.departments],
  );
  const deptWindow = useMemo(() => rankingWindow(deptItems, RANKING_LIMIT), [deptItems]);
  const deptChart = useMemo(() => scoreRankingOption(deptWindow, { highlight: filters.dept }), [deptWindow, filters.dept]);
  const scoredDepts = deptItems.filter((d) => d.score !== null).length;

  const gapItems: GapItem[] = useMemo(
    () =>
      view.departments.map((d) => ({
        key: d.deptCode,
        name: d.deptName,
        meanGap: d.meanGap,
        meanSelf: d.meanSelfScore,
        meanIndependent: d.meanIndependentScore,
        projects: d.gapProjects,
      })),
    [view.departments],
  );
  const gapChart = useMemo(() => evaluationGapOption(gapItems), [gapItems]);
  const gapDepts = rankByInflation(gapItems).length;

  const radarChart = useMemo(
    () => (view.radar ? radarOption(view.radar.rows, { projectName: view.radar.name, kind: view.radar.kind }) : null),
    [view.radar],
  );

  // the filters each view is drawn under (performance.server.ts): the export links carry the same
  const pageFilters = { year, dept: filters.dept, kind: filters.kind, grade: filters.grade };
  const yearDeptKind = { year, dept: filters.dept, kind: filters.kind };

  const here = (changes: Record<string, string | number | null>) => `/performance${filterSearch(params, changes)}`;
  const listHref = (changes: Record<string, string | number | null>) =>
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
        { name: "dept", label: "单位", options: deptOptions, allLabel: "全部单位" },
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
          <div className="grid cols-4" data-testid="kpis">
            <Kpi
              label="评分项目数"
              value={formatCount(view.kpis.projectsScored)}
              note={`共 ${formatCount(view.kpis.projects)} 个项目${tally.unscored > 0 ? `，${tally.unscored} 个未评分或不可评分` : ""}`}
            />
            <Kpi label="平均分" value={formatScore(view.kpis.meanScore)} note="评分项目总分的算术平均" />
            <Kpi
              label="差等级项目"
              value={<Link to={listHref({ grade: "差" })}>{formatCount(view.kpis.poor)}</Link>}
              tone={view.kpis.poor > 0 ? "bad" : undefined}
              note="总分低于60分，须限期整改（第三十四条）"
            />
            <Kpi
              label="资金受影响"
              value={formatWanYuan(view.kpis.fundsAtRiskYuan)}
              tone={view.kpis.atRisk > 0 ? "bad" : undefined}
              note={`${formatCount(view.kpis.atRisk)} 个项目的当年运维经费（${formatYuan(view.kpis.fundsAtRiskYuan)}）`}
            />
          </div>

          <div className="grid cols-2">
            <section className="card">
              <h2>等级分布</h2>
              <p className="hint">点击柱条查看该等级的项目。</p>
              <Chart
                option={gradeChart}
                label={`${year}年项目绩效等级分布`}
                height={280}
                table={gradeDistributionTable(tally.counts)}
                exportData={{ relation: "mart_project_year", filters: yearDeptKind }}
                testId="grade-distribution"
                onItemClick={(e) => {
                  const g = clickKey(e);
                  if (g) navigate(listHref({ grade: g }));
                }}
              />
            </section>
            <section className="card">
              <h2>年度变化</h2>
              <p className="hint">各年度评分项目的平均分和差等级项目数；点击年份切换到该年度。</p>
              <Chart
                option={trendChart}
                label="各年度平均分和差等级项目数"
                height={280}
                table={yearTrendTable(view.years)}
                exportData={{ relation: "mart_project_year", filters: { dept: filters.dept, kind: filters.kind } }}
                testId="year-trend"
                onItemClick={(e) => {
                  const y = clickKey(e);
                  if (y) navigate(here({ year: y, project: null }));
                }}
              />
            </section>
          </div>

          <div className="grid cols-2">
            <section className="card">
              <h2>项目得分排名{filters.grade && `（等级：${filters.grade}）`}</h2>
              <p className="hint">
                {view.rankingTotal > RANKING_LIMIT
                  ? `共 ${view.rankingTotal} 个评分项目，图中为前 ${RANKING_LIMIT / 2} 名和后 ${RANKING_LIMIT / 2} 名；`
                  : `共 ${view.rankingTotal} 个评分项目；`}
                虚线为等级分界（60/80/90分）；点击柱条打开项目档案。完整排名见
                <Link to={listHref({ grade: filters.grade })}>项目列表</Link>。
              </p>
              {view.ranking.length > 0 ? (
                <Chart
                  option={projectChart}
                  label={`${year}年项目总分排名`}
                  height={rankingHeight(rankingRows(view.ranking))}
                  table={scoreRankingTable(view.ranking, "单位")}
                  exportData={{ relation: "mart_project_year", filters: pageFilters }}
                  testId="project-ranking"
                  onItemClick={(e) => {
                    const id = clickKey(e);
                    if (id) navigate(`/projects/${encodeURIComponent(id)}?year=${year}`);
                  }}
                />
              ) : (
                <p className="muted">没有{filters.grade ? `等级为${filters.grade}的` : "已评分的"}项目。</p>
              )}
            </section>
            <section className="card">
              <h2>单位得分排名</h2>
              <p className="hint">
                单位评分项目总分的平均
                {scoredDepts > RANKING_LIMIT ? `；共 ${scoredDepts} 个单位，图中为前 ${RANKING_LIMIT / 2} 名和后 ${RANKING_LIMIT / 2} 名` : ""}
                ；点击柱条打开单位详情。各单位的项目数、违规、审核状态和自评差距见
                <Link to={`/departments?year=${year}`}>单位</Link>页。
              </p>
              {scoredDepts > 0 ? (
                <Chart
                  option={deptChart}
                  label={`${year}年单位平均分排名`}
                  height={rankingHeight(rankingRows(deptWindow))}
                  table={scoreRankingTable(deptWindow, "评分项目")}
                  exportData={{ relation: "mart_department_year", filters: { year, kind: filters.kind } }}
                  testId="department-ranking"
                  onItemClick={(e) => {
                    const code = clickKey(e);
                    if (code) navigate(`/departments/${encodeURIComponent(code)}?year=${year}`);
                  }}
                />
              ) : (
                <p className="muted">该年度没有单位有评分项目。</p>
              )}
            </section>
          </div>

          <section className="card" data-testid="at-risk">
            <h2>资金受影响的项目（{view.atRisk.length}）</h2>
            <p className="hint">
              绩效等级为差、绩效目标未完成或有整改记录（第三十四条），或运维经费已暂停（第三十条、第三十四条）的项目。
            </p>
            {view.atRisk.length === 0 ? (
              <p className="muted">本年度{filterWords ? `${filterWords}的` : ""}项目没有资金受影响。</p>
            ) : (
              <>
                <ExportLinks relation="mart_project_year" filters={yearDeptKind} label="资金受影响的项目" />
                <table className="data">
                  <thead>
                    <tr>
                      <th>项目</th>
                      <th>单位</th>
                      <th className="num">总分</th>
                      <th>等级</th>
                      <th>运维经费</th>
                      <th className="num">当年运维经费</th>
                      <th>原因</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.atRisk.map((p) => (
                      <tr key={p.projectId}>
                        <td>
                          <Link to={`/projects/${encodeURIComponent(p.projectId)}?year=${year}`}>{p.name}</Link>
                          <div className="muted small">{p.projectId}</div>
                        </td>
                        <td>
                          <Link to={`/departments/${encodeURIComponent(p.deptCode)}?year=${year}`}>{p.deptName}</Link>
                        </td>
                        <td className="num">{formatScore(p.totalScore)}</td>
                        <td><GradeBadge grade={p.grade} /></td>
                        <td><OmBadge status={p.omFundStatus} /></td>
                        <td className="num">{formatWanYuan(p.omAtStakeYuan)}</td>
                        <td>
                          <ul className="reasons">
                            {p.riskReasons.map((r) => <li key={r}>{r}</li>)}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>

          <div className="grid cols-2">
            <section className="card" data-testid="radar">
              <h2>六维得分与同类项目比较</h2>
              <RadarPicker choices={view.radarChoices} selected={view.radar?.projectId ?? null} />
              {view.radar && radarChart ? (
                <>
                  <p className="hint">
                    <Link to={`/projects/${encodeURIComponent(view.radar.projectId)}?year=${year}`}>{view.radar.name}</Link>{" "}
                    与 {year}年全部{view.radar.kind}类项目各维度得分的中位数比较（含本项目）。
                  </p>
                  <Chart
                    option={radarChart}
                    label={`${view.radar.name}六维得分雷达图`}
                    height={340}
                    table={radarTable(view.radar.rows)}
                    exportData={{ relation: "mart_scores", filters: { year } }}
                  />
                </>
              ) : (
                <p className="muted">该年度没有可比较的评分项目。</p>
              )}
            </section>
            <section className="card" data-testid="evaluation-gap">
              <h2>自评与独立评价差距</h2>
              <p className="hint">
                单位自评分减去信管办或第三方评价分的平均（第三十三条），按虚高程度排序
                {gapDepts > GAP_LIMIT ? `，图中为前 ${GAP_LIMIT} 个单位` : ""}；全部单位见<Link to={`/departments?year=${year}`}>单位</Link>页。
              </p>
              {gapDepts > 0 ? (
                <Chart
                  option={gapChart}
                  label={`${year}年单位自评虚高排名`}
                  height={rankingHeight(Math.min(gapDepts, GAP_LIMIT))}
                  table={evaluationGapTable(gapItems)}
                  exportData={{ relation: "mart_evaluation_gap", filters: { year, kind: filters.kind } }}
                  onItemClick={(e) => {
                    const code = clickKey(e);
                    if (code) navigate(`/departments/${encodeURIComponent(code)}?year=${year}`);
                  }}
                />
              ) : (
                <p className="muted">该年度没有同时具备自评和独立评价的项目，无法比较。</p>
              )}
            </section>
          </div>

        </>
      )}
    </div>
  );
}

/** Picks the radar's project: a GET form over the same URL, so the choice is a link too. */
function RadarPicker({ choices, selected }: { choices: { projectId: string; name: string }[]; selected: string | null }) {
  const [params] = useSearchParams();
  const submit = useSubmit();
  if (choices.length === 0) return null;
  const keep = [...params.entries()].filter(([k]) => k !== "project");
  return (
    <Form method="get" className="inline-form" preventScrollReset onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })}>
      {keep.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label>
        项目
        <select name="project" defaultValue={selected ?? ""} key={selected ?? ""}>
          {choices.map((c) => (
            <option key={c.projectId} value={c.projectId}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit">比较</button>
      </noscript>
    </Form>
  );
}

export function ErrorBoundary() {
  return <DataErrorBoundary what="年度绩效" />;
}
