// 项目档案 /projects/:projectId?year= — one project: its life line and deadlines, its flags with evidence and article,
// its fund status and why, its monthly cloud bill, its score to the indicator (year picked by ?year=), and who pays
// its cloud rent. 404 with a Chinese message for a project the warehouse does not know.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { ExportLinks, type ExportFilters } from "~/components/ExportLinks";
import {
  ConstructionBadge,
  DataErrorBoundary,
  GradeBadge,
  OmBadge,
  SeverityBadge,
} from "~/components/PerformanceUi";
import { cloudMonthlyOption, cloudMonthlyTable, pivotCloudMonthly } from "~/charts/cloud-monthly";
import {
  buildLifeline,
  hasLifelineDates,
  LIFELINE_HEADERS,
  lifelineOption,
  lifelineSummary,
  lifelineTable,
  STATUS_TONES,
  statusText,
} from "~/charts/project-lifeline";
import { fenToDecimal } from "~/charts/money";
import { articleLabel, formatScore, PROJECT_ID_PATTERN } from "~/domain/performance";
import { parseFilters } from "~/filters";
import { formatPercent, formatWanYuan, formatYuan } from "~/format/number";
import { getProjectDossier, type DimensionScore } from "~/models/project.server";
import { rethrowForRoute } from "~/models/row.server";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.dossier.profile.name} · 项目档案 · 信管` : "项目档案 · 信管" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const projectId = params.projectId ?? "";
  const notFound = () => new Response(`没有编号为“${projectId.slice(0, 64)}”的项目。请检查编号，或从项目列表中选择。`, { status: 404 });
  if (!PROJECT_ID_PATTERN.test(projectId)) throw notFound();
  const { year } = parseFilters(new URL(request.url).searchParams);
  let dossier;
  try {
    dossier = await getProjectDossier({ projectId, year }, scope);
  } catch (err) {
    rethrowForRoute(err);
  }
  if (!dossier) throw notFound();
  return json({ dossier });
}

function yesNo(v: boolean) {
  return v ? "是" : "否";
}

function formatNumber(v: number | null): string {
  if (v === null) return "—";
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export default function ProjectDossier() {
  const { dossier } = useLoaderData<typeof loader>();
  const { profile: p, asOf } = dossier;

  const stages = useMemo(() => buildLifeline(p, dossier.milestones, dossier.flags), [p, dossier.milestones, dossier.flags]);
  const lifeChart = useMemo(() => lifelineOption(stages, asOf), [stages, asOf]);
  const lifeSummary = lifelineSummary(stages);
  // Every download of the page is exactly this project's rows (project=); the department only decides whether a
  // department user is shown the links (ExportLinks leaves it off the link: the project fixes it).
  const exportScope: ExportFilters = { dept: p.deptCode, project: p.projectId };
  const cloud = useMemo(() => pivotCloudMonthly(dossier.cloud), [dossier.cloud]);
  const cloudChart = useMemo(() => cloudMonthlyOption(cloud), [cloud]);
  const cloudTotal = cloud.totals.reduce((s, v) => s + v, 0);

  const scoreYear = dossier.score;
  // the latest final score, else the latest provisional one
  const latest =
    [...dossier.years].reverse().find((y) => y.totalScore !== null && !y.provisional) ??
    [...dossier.years].reverse().find((y) => y.totalScore !== null) ??
    dossier.years[dossier.years.length - 1];

  return (
    <div className="perf-pages">
      <p className="crumbs">
        <Link to="/projects">项目列表</Link> › <Link to={`/departments/${encodeURIComponent(p.deptCode)}`}>{p.deptName}</Link>
      </p>
      <h1>
        {p.name} <small className="muted">{p.projectId}</small>
      </h1>
      <p className="subtitle">
        {p.year}年申报 · {p.kind} · 评估基准日 {asOf ?? "—"}
      </p>

      <div className="grid cols-4">
        <div className="card kpi">
          <div className="label">核准金额（核准价）</div>
          <div className="value">{formatWanYuan(p.approvedYuan)}</div>
          <div className="kpi-note">{p.approvedYuan ? formatYuan(p.approvedYuan) : "尚无通过的审核意见"}</div>
        </div>
        <div className="card kpi">
          <div className="label">最近评分</div>
          <div className="value">
            {latest?.totalScore !== null && latest ? (
              <>
                {formatScore(latest.totalScore)} <GradeBadge grade={latest.grade} />
              </>
            ) : (
              "未评分"
            )}
          </div>
          <div className="kpi-note">
            {latest?.totalScore !== null && latest ? `${latest.year}年度${latest.provisional ? "（暂定）" : ""}` : "尚无年度评分"}
          </div>
        </div>
        <div className="card kpi">
          <div className="label">运维经费（{latest?.year ?? "—"}年）</div>
          <div className="value">{latest ? <OmBadge status={latest.omFundStatus} /> : "—"}</div>
          <div className="kpi-note">建设资金 {latest ? <ConstructionBadge status={latest.constructionFundStatus} /> : "—"}</div>
        </div>
        <div className="card kpi">
          <div className="label">违规标记</div>
          <div className={`value${dossier.flags.length > 0 ? " bad" : ""}`}>{dossier.flags.length}</div>
          <div className="kpi-note">全部年度</div>
        </div>
      </div>

      <section className="card">
        <h2>基本信息</h2>
        <dl className="facts">
          <dt>建设单位</dt>
          <dd>
            <Link to={`/departments/${encodeURIComponent(p.deptCode)}`}>{p.deptName}</Link>
          </dd>
          <dt>项目类型</dt>
          <dd>{p.kind}</dd>
          <dt>分摊类别</dt>
          <dd>{p.allocClass ?? "—"}</dd>
          <dt>全市性系统</dt>
          <dd>{yesNo(p.cityWide)}</dd>
          <dt>部署方式</dt>
          <dd>{p.deployment ?? "—"}</dd>
          <dt>互联网部署</dt>
          <dd>{yesNo(p.internetFacing)}</dd>
          <dt>等保级别</dt>
          <dd>{p.mlpsLevel ? `${p.mlpsLevel}级` : "—"}</dd>
          <dt>示范试点</dt>
          <dd>{p.pilotLevel ?? "—"}</dd>
        </dl>
      </section>

      <section className="card" data-testid="lifeline">
        <h2>项目生命线</h2>
        <p className="hint">
          从申报到验收、编目、上线、停用的每个环节：起算事件、办法规定的期限（“N 个工作日内”按国务院办公厅节假日安排计算，调休上班日计入）、实际完成日期，以及截至评估基准日
          {asOf ?? "—"} 是否按期。
        </p>
        {!dossier.milestonesAvailable ? (
          <p className="banner warn" data-testid="lifeline-unavailable">
            当前数据仓库由旧版本生成，没有环节期限数据（mart_project_milestones）。请重新运行 npm run etl 生成数据仓库。
          </p>
        ) : (
          <>
            <p data-testid="lifeline-summary">
              {lifeSummary.deadlines} 个有期限的环节：按期完成 {lifeSummary.met}，逾期完成{" "}
              <span className={lifeSummary.late > 0 ? "badge bad" : undefined}>{lifeSummary.late}</span>，逾期未完成{" "}
              <span className={lifeSummary.missing > 0 ? "badge bad" : undefined}>{lifeSummary.missing}</span>，未到期{" "}
              <span className={lifeSummary.open > 0 ? "badge warn" : undefined}>{lifeSummary.open}</span>。
            </p>
            {hasLifelineDates(stages) && (
              <Chart
                option={lifeChart}
                label={`${p.name}生命线`}
                height={Math.max(320, 64 + 36 * new Set(stages.map((s) => s.label)).size)}
                table={lifelineTable(stages, asOf)}
                testId="lifeline-chart"
              />
            )}
            <table className="data" data-testid="lifeline-table">
              <thead>
                <tr>
                  {LIFELINE_HEADERS.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stages.map((s) => (
                  <tr key={s.key} data-status={s.status}>
                    <td className="nowrap">{s.label}</td>
                    <td className="nowrap">{s.article ? articleLabel(s.article) : "—"}</td>
                    <td>{s.recordRef && s.recordRef !== p.projectId ? <code>{s.recordRef}</code> : "—"}</td>
                    <td className="nowrap">{s.event ?? "—"}</td>
                    <td className="num">{s.eventDate ?? "—"}</td>
                    <td className="num">{s.due ?? "—"}</td>
                    <td className="num">{s.doneDate ?? "—"}</td>
                    <td className="nowrap">
                      <span className={`badge ${STATUS_TONES[s.status]}`}>{statusText(s, asOf)}</span>
                    </td>
                    <td>{s.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ExportLinks relation="mart_project_milestones" filters={exportScope} label="项目里程碑与期限" />
          </>
        )}
      </section>

      <section className="card" data-testid="flags">
        <h2>违规标记（{dossier.flags.length}）</h2>
        {dossier.flags.length === 0 ? (
          <p className="muted">截至评估基准日 {asOf ?? "—"}，未发现该项目违反《绍兴市市级政务信息化项目管理办法》的情形。</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>年度</th>
                <th>规则</th>
                <th>条款</th>
                <th>严重程度</th>
                <th>证据</th>
                <th>后果</th>
                <th>依据记录</th>
                <th>发生日期</th>
                <th>期限</th>
              </tr>
            </thead>
            <tbody>
              {dossier.flags.map((f) => (
                <tr key={f.flagId}>
                  <td className="nowrap">{f.year}年</td>
                  <td><code>{f.ruleId}</code></td>
                  <td className="nowrap">{articleLabel(f.article)}</td>
                  <td><SeverityBadge severity={f.severity} /></td>
                  <td>{f.evidence}</td>
                  <td>{f.consequence}</td>
                  <td><code>{f.recordRef ?? "—"}</code></td>
                  <td className="num">{f.eventDate ?? "—"}</td>
                  <td className="num">{f.dueDate ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ExportLinks relation="mart_flags" filters={exportScope} label="违规标记" />
      </section>

      <section className="card" data-testid="funds">
        <h2>资金状态</h2>
        <p className="hint">运维经费：第三十条、第三十四条情形暂停安排，整改到位后解除；建设资金：审核意见前支付（第二十二条）冻结。</p>
        <table className="data">
          <thead>
            <tr>
              <th>年度</th>
              <th>运维经费</th>
              <th>建设资金</th>
              <th>原因</th>
              <th>起始</th>
              <th>解除</th>
              <th className="num">当年运维经费</th>
              <th className="num">合同金额</th>
              <th className="num">建设支付</th>
              <th className="num">云资源费用</th>
            </tr>
          </thead>
          <tbody>
            {[...dossier.years].reverse().map((y) => (
              <tr key={y.year}>
                <td className="nowrap">{y.year}年</td>
                <td><OmBadge status={y.omFundStatus} /></td>
                <td><ConstructionBadge status={y.constructionFundStatus} /></td>
                <td>{y.fundReasons ?? "—"}</td>
                <td className="num">{y.fundSince ?? "—"}</td>
                <td className="num">{y.fundLiftedOn ?? (y.fundSince ? "未解除" : "—")}</td>
                <td className="num">{formatWanYuan(y.omAtStakeYuan ?? y.paidOmYuan)}</td>
                <td className="num">{formatWanYuan(y.contractedYuan)}</td>
                <td className="num">{formatWanYuan(y.paidConstructionYuan)}</td>
                <td className="num">{formatWanYuan(y.cloudCostYuan)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ExportLinks relation="mart_fund_status" filters={exportScope} label="资金状态" />
      </section>

      <section className="card" data-testid="cloud">
        <h2>政务云月度费用</h2>
        {cloud.months.length === 0 ? (
          <p className="muted">政务云账单中没有该项目的费用记录（未上云，或账单未装载）。</p>
        ) : (
          <>
            <p className="hint">
              {cloud.months[0]} 至 {cloud.months[cloud.months.length - 1]} 累计 {formatYuan(fenToDecimal(cloudTotal))}（按北京时间计费月份）。
            </p>
            <Chart
              option={cloudChart}
              label={`${p.name}政务云月度费用（按服务）`}
              height={320}
              table={cloudMonthlyTable(cloud)}
              exportData={{ relation: "mart_cloud_monthly", filters: exportScope }}
              testId="cloud-chart"
            />
          </>
        )}
      </section>

      <section className="card" data-testid="scores">
        <h2>绩效得分明细</h2>
        {!scoreYear ? (
          <p className="muted">该项目尚无年度绩效评分（未上线运行，或评价数据尚未装载）。</p>
        ) : (
          <>
            <p className="year-tabs">
              {dossier.scoreYears.map((s) => (
                <Link key={s.year} to={`?year=${s.year}`} preventScrollReset className={s.year === scoreYear.year ? "active" : undefined}>
                  {s.year}年{s.provisional ? "（暂定）" : ""}
                </Link>
              ))}
            </p>
            <p>
              {scoreYear.year}年度总分 <strong>{formatScore(scoreYear.totalScore)}</strong> <GradeBadge grade={scoreYear.grade} /> ·
              权重版本 <code>{scoreYear.weightsVersion ?? "—"}</code>
              {scoreYear.provisional && <span className="badge warn">暂定：该年度尚未结束</span>}
            </p>
            {scoreYear.note && <p className="hint">{scoreYear.note}</p>}
            <p className="hint">
              <Link to={`/performance?year=${scoreYear.year}&project=${encodeURIComponent(p.projectId)}`}>
                与{scoreYear.year}年同类（{p.kind}）项目的中位数比较六维得分
              </Link>
            </p>
            <table className="data score-table">
              <thead>
                <tr>
                  <th>维度 / 指标</th>
                  <th className="num">权重</th>
                  <th className="num">得分</th>
                  <th className="num">数据覆盖率</th>
                  <th className="num">实际值</th>
                  <th className="num">目标 / 满分线</th>
                  <th className="num">指标得分</th>
                  <th>说明</th>
                </tr>
              </thead>
              <tbody>
                {scoreYear.dimensions.map((d) => (
                  <DimensionRows key={d.dimension} d={d} />
                ))}
              </tbody>
            </table>
            <ExportLinks
              relation="mart_indicators"
              filters={{ ...exportScope, year: scoreYear.year }}
              label={`${scoreYear.year}年绩效指标明细`}
            />
          </>
        )}
      </section>

      <section className="card" data-testid="allocation">
        <h2>政务云租赁费分摊（第二十三条）</h2>
        {dossier.allocation.length === 0 ? (
          <p className="muted">该项目没有需要分摊的政务云租赁费（没有账单）。</p>
        ) : (
          dossier.allocation.map((a) => (
            <div key={a.year} className="allocation-year">
              <h3>
                {a.year}年 · 租赁费 {formatYuan(a.rentYuan)} · {a.allocClass ?? "—"}
              </h3>
              <table className="data">
                <thead>
                  <tr>
                    <th>承担方</th>
                    <th className="num">比例</th>
                    <th className="num">金额</th>
                    <th>依据</th>
                    <th>说明</th>
                  </tr>
                </thead>
                <tbody>
                  {a.lines.map((l) => (
                    <tr key={l.countyCode}>
                      <td>{l.countyName}</td>
                      <td className="num">{formatPercent(l.share, 2)}</td>
                      <td className="num">{formatYuan(l.amountYuan)}</td>
                      <td>{l.basis ?? "—"}</td>
                      <td>{l.note ?? (l.allocable ? "" : "不分摊")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))
        )}
        {dossier.allocation.length > 0 && (
          <ExportLinks relation="mart_allocation" filters={exportScope} label="政务云租赁费分摊" />
        )}
      </section>
    </div>
  );
}

function DimensionRows({ d }: { d: DimensionScore }) {
  return (
    <>
      <tr className="dimension-row">
        <th scope="row">{d.name}</th>
        <td className="num">{d.weight ?? "—"}</td>
        <td className="num">{d.scorable ? formatScore(d.score) : <span className="badge warn">不可评分</span>}</td>
        <td className="num">{formatPercent(d.coverage, 0)}</td>
        <td colSpan={4} className="muted small">{d.scorable ? "" : "有数据的指标不足一半，不计入总分"}</td>
      </tr>
      {d.indicators.map((i) => (
        <tr key={i.indicator} className={i.hasData ? undefined : "no-data"}>
          <td className="indent">{i.name}</td>
          <td />
          <td />
          <td />
          <td className="num">{i.hasData ? formatNumber(i.rawValue) : "无数据"}</td>
          <td className="num">{formatNumber(i.target)}</td>
          <td className="num">{i.hasData ? `${formatNumber(i.points)} / ${formatNumber(i.maxPoints)}` : `— / ${formatNumber(i.maxPoints)}`}</td>
          <td>{i.note ?? ""}</td>
        </tr>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <DataErrorBoundary what="项目" />;
}
