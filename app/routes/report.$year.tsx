// /report/:year — 年度绩效评估报告: the year on one page designed for A4 print (print styles at the end of
// app.css). Charts arrive as server-rendered SVG, so the page prints complete without JavaScript; /report/:year.pdf
// is the same page printed by headless Chromium.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { WarehouseMissingError } from "~/db.server";
import { constructionStatusLabel, omStatusLabel, reviewStatusLabel } from "~/domain/performance";
import { exportHref } from "~/export/labels";
import { formatCount, formatWanYuan, formatYuan } from "~/format/number";
import { FLAGGED_SHOWN, getAnnualReport, getReportYears } from "~/models/report.server";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const yearText = params.year ?? "";
  if (!/^\d{4}$/.test(yearText)) {
    throw new Response(`年度格式不正确：${yearText}。请使用四位年份，如 /report/2024。`, { status: 404 });
  }
  const year = Number(yearText);
  try {
    const report = await getAnnualReport({ year }, scope);
    if (!report) {
      const years = await getReportYears(scope);
      throw new Response(
        `数据仓库中没有 ${year} 年的项目数据。${years.length > 0 ? `可查看的年度：${years.join("、")}。` : ""}`,
        { status: 404 },
      );
    }
    return json(report);
  } catch (err) {
    if (err instanceof WarehouseMissingError) throw new Response(err.message, { status: 503 });
    throw err;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, params }) => [
  { title: `${data?.year ?? params.year}年度绩效评估报告 · 信管` },
];

const score = (v: number | null) => (v === null ? "—" : v.toFixed(2));

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="report-kpi">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {note && <div className="note">{note}</div>}
    </div>
  );
}

function Svg({ svg, label, testId }: { svg: string; label: string; testId: string }) {
  if (!svg) return <p className="report-empty">本年度无可绘制的数据。</p>;
  return (
    <figure className="report-chart" role="img" aria-label={label} data-testid={testId}>
      <div dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

export default function AnnualReportPage() {
  const r = useLoaderData<typeof loader>();
  const s = r.summary;
  const gradeTotal = r.grades.reduce((n, g) => n + g.projects, 0);
  return (
    <>
      <nav className="report-toolbar" aria-label="报告操作">
        <span>
          年度：
          {r.years.map((y) =>
            y === r.year ? (
              <strong key={y} className="report-year current">{y}</strong>
            ) : (
              <Link key={y} className="report-year" to={`/report/${y}`}>
                {y}
              </Link>
            ),
          )}
        </span>
        <span className="report-actions">
          <a href={`/report/${r.year}.pdf`} download>
            下载 PDF
          </a>
          <a href={exportHref("mart_flags", `?year=${r.year}`, "xlsx")}>导出问题清单（Excel）</a>
          <a href={exportHref("mart_project_year", `?year=${r.year}`, "xlsx")}>导出项目汇总（Excel）</a>
        </span>
      </nav>

      <article className="report" data-testid="annual-report">
        <header className="report-head">
          <p className="report-org">绍兴市市级政务信息化项目</p>
          <h1>{r.year} 年度绩效评估报告</h1>
          <p className="report-meta">
            评估基准日 {s.asOf ?? "—"} · 数据构建于 {s.builtAt?.slice(0, 16) ?? "—"} · 信管系统自动生成
          </p>
        </header>

        <section className="report-section">
          <h2>一、总体情况</h2>
          <div className="report-kpis" data-testid="report-summary">
            <Kpi label="纳入评估项目" value={`${formatCount(s.projects)} 个`} note={`涉及 ${s.departments} 个单位`} />
            <Kpi label="平均综合得分" value={score(s.meanScore)} note={`${s.scoredProjects} 个项目可评分`} />
            <Kpi label="合规问题" value={`${formatCount(s.flags)} 项`} note={`严重 ${s.seriousFlags} 项，涉及 ${s.flaggedProjects} 个项目`} />
            <Kpi label="资金暂停" value={`${s.omSuspended + s.constructionBlocked} 个`} note={`运维 ${s.omSuspended} · 建设 ${s.constructionBlocked}`} />
            <Kpi label="核准金额" value={formatWanYuan(s.approvedYuan)} />
            <Kpi label="合同金额" value={formatWanYuan(s.contractedYuan)} />
            <Kpi label="已付资金（建设＋运维）" value={formatWanYuan(addYuan(s.paidConstructionYuan, s.paidOmYuan))} />
            <Kpi label="政务云费用" value={formatWanYuan(s.cloudCostYuan)} note={`分摊至区县 ${formatWanYuan(s.allocatedYuan)}`} />
          </div>
        </section>

        <section className="report-section">
          <h2>二、绩效等级分布</h2>
          <div className="report-two-col">
            <Svg svg={r.charts.grades} label={`${r.year} 年项目绩效等级分布`} testId="chart-grades" />
            <table className="data report-table">
              <thead>
                <tr><th>等级</th><th className="num">项目数</th><th className="num">占比</th></tr>
              </thead>
              <tbody>
                {r.grades.map((g) => (
                  <tr key={g.grade}>
                    <td>{g.grade}</td>
                    <td className="num">{g.projects}</td>
                    <td className="num">{gradeTotal > 0 ? `${((g.projects / gradeTotal) * 100).toFixed(1)}%` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="report-section">
          <h2>三、单位绩效排名</h2>
          <Svg svg={r.charts.departments} label={`${r.year} 年各单位平均得分排名`} testId="chart-departments" />
          <table className="data report-table" data-testid="report-departments">
            <thead>
              <tr>
                <th className="num">名次</th><th>单位</th><th className="num">项目数</th><th className="num">平均得分</th>
                <th className="num">问题数</th><th>评审状态</th>
              </tr>
            </thead>
            <tbody>
              {r.departments.map((d) => (
                <tr key={d.deptCode}>
                  <td className="num">{d.meanScore === null ? "—" : d.rank}</td>
                  <td>{d.deptName}</td>
                  <td className="num">{d.projects}</td>
                  <td className="num">{score(d.meanScore)}</td>
                  <td className="num">{d.flags}</td>
                  <td>
                    {reviewStatusLabel(d.reviewStatus)}
                    {d.reviewReasons ? <span className="report-note">（{d.reviewReasons}）</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="report-section">
          <h2>四、资金暂停情况</h2>
          {r.suspensions.length === 0 ? (
            <p className="report-empty">本年度无暂停安排运维资金或冻结建设资金的项目。</p>
          ) : (
            <table className="data report-table" data-testid="report-suspensions">
              <thead>
                <tr>
                  <th>项目</th><th>单位</th><th>运维资金</th><th>建设资金</th><th>原因</th><th>起始</th><th>解除</th>
                  <th className="num">涉及运维资金</th>
                </tr>
              </thead>
              <tbody>
                {r.suspensions.map((x) => (
                  <tr key={x.projectId}>
                    <td>{x.name}<div className="report-note">{x.projectId}</div></td>
                    <td>{x.deptName}</td>
                    <td>{omStatusLabel(x.omStatus)}</td>
                    <td>{constructionStatusLabel(x.constructionStatus)}</td>
                    <td>{x.reasons ?? "—"}</td>
                    <td className="nowrap">{x.since ?? "—"}</td>
                    <td className="nowrap">{x.liftedOn ?? "未解除"}</td>
                    <td className="num">{formatYuan(x.omAtStakeYuan)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="report-section">
          <h2>五、政务云费用区县分摊</h2>
          <Svg svg={r.charts.counties} label={`${r.year} 年各区县分摊金额（万元）`} testId="chart-counties" />
          {r.counties.length > 0 && (
            <table className="data report-table" data-testid="report-counties">
              <thead>
                <tr>
                  <th>区县</th><th className="num">应承担（元）</th><th className="num">已结算（元）</th>
                  <th className="num">未结算（元）</th><th className="num">项目数</th>
                </tr>
              </thead>
              <tbody>
                {r.counties.map((c) => (
                  <tr key={c.countyCode}>
                    <td>{c.countyName}</td>
                    <td className="num">{formatYuan(c.owedYuan)}</td>
                    <td className="num">{formatYuan(c.settledYuan)}</td>
                    <td className="num">{formatYuan(c.outstandingYuan)}</td>
                    <td className="num">{c.projects}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="report-section">
          <h2>六、问题项目</h2>
          {r.flaggedTotal === 0 ? (
            <p className="report-empty">本年度未发现合规问题。</p>
          ) : (
            <>
              <p className="report-lead">
                共 {r.flaggedTotal} 个项目存在合规问题，按最严重程度和问题数排列
                {r.flaggedTotal > FLAGGED_SHOWN ? `，以下列出前 ${FLAGGED_SHOWN} 个；完整清单见“导出问题清单”` : ""}。
              </p>
              <table className="data report-table" data-testid="report-flagged">
                <thead>
                  <tr>
                    <th>项目</th><th>单位</th><th className="num">问题数</th><th className="num">其中严重</th>
                    <th>最严重程度</th><th>涉及条款</th>
                  </tr>
                </thead>
                <tbody>
                  {r.flagged.map((f) => (
                    <tr key={f.projectId}>
                      <td>{f.projectName}<div className="report-note">{f.projectId}</div></td>
                      <td>{f.deptName}</td>
                      <td className="num">{f.flags}</td>
                      <td className="num">{f.serious}</td>
                      <td><span className={`badge ${f.worstSeverity === "严重" ? "bad" : f.worstSeverity === "较重" ? "warn" : ""}`}>{f.worstSeverity}</span></td>
                      <td>{f.articles}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>

        <footer className="report-foot">
          本报告依据《绍兴市市级政务信息化项目管理办法》（绍政办发〔2020〕39号）及绩效评估指标体系，由信管系统根据数据仓库（评估基准日 {s.asOf ?? "—"}）自动生成；金额单位除注明外为元。
        </footer>
      </article>
    </>
  );
}

/** Exact sum of two DECIMAL(18,2) texts, via integer fen (BigInt: no float). */
function addYuan(a: string, b: string): string {
  const fen = (v: string) => {
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?/.exec(v);
    if (!m) return 0n;
    const n = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
    return m[1] ? -n : n;
  };
  const t = fen(a) + fen(b);
  const abs = t < 0n ? -t : t;
  return `${t < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : "报告无法生成，请稍后重试或联系管理员。";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <section className="error-state">
      <h1>{status === 404 ? "没有这一年的报告" : `报告出错了（${status}）`}</h1>
      <p>{message}</p>
    </section>
  );
}
