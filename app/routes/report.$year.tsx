// /report/:year — 年度绩效评估报告: the year on one page designed for A4 print (print styles at the end of
// app.css). Charts arrive as server-rendered SVG, so the page prints complete without JavaScript; /report/:year.pdf
// is the same page printed by headless Chromium.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { WarehouseMissingError } from "~/db.server";
import { ReportChart, ReportKpi, ReportTable } from "~/components/report/ReportFigures";
import { countyColumns, departmentColumns, flaggedColumns, gradeColumns, reportScore, suspensionColumns } from "~/components/report/report-columns";
import { ReportToolbar } from "~/components/report/ReportToolbar";
import { sumYuan } from "~/charts/fund-suspensions";
import { formatCount, formatWanYuan } from "~/format/number";
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

export default function AnnualReportPage() {
  const r = useLoaderData<typeof loader>();
  const s = r.summary;
  const gradeTotal = r.grades.reduce((n, g) => n + g.projects, 0);
  return (
    <>
      <ReportToolbar year={r.year} years={r.years} />

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
            <ReportKpi label="纳入评估项目" value={`${formatCount(s.projects)} 个`} note={`涉及 ${s.departments} 个单位`} />
            <ReportKpi label="平均综合得分" value={reportScore(s.meanScore)} note={`${s.scoredProjects} 个项目可评分`} />
            <ReportKpi label="合规问题" value={`${formatCount(s.flags)} 项`} note={`严重 ${s.seriousFlags} 项，涉及 ${s.flaggedProjects} 个项目`} />
            <ReportKpi label="资金暂停" value={`${s.omSuspended + s.constructionBlocked} 个`} note={`运维 ${s.omSuspended} · 建设 ${s.constructionBlocked}`} />
            <ReportKpi label="核准金额" value={formatWanYuan(s.approvedYuan)} />
            <ReportKpi label="合同金额" value={formatWanYuan(s.contractedYuan)} />
            <ReportKpi label="已付资金（建设＋运维）" value={formatWanYuan(sumYuan([s.paidConstructionYuan, s.paidOmYuan]))} />
            <ReportKpi label="政务云费用" value={formatWanYuan(s.cloudCostYuan)} note={`分摊至区县 ${formatWanYuan(s.allocatedYuan)}`} />
          </div>
        </section>

        <section className="report-section">
          <h2>二、绩效等级分布</h2>
          <div className="report-two-col">
            <ReportChart svg={r.charts.grades} label={`${r.year} 年项目绩效等级分布`} testId="chart-grades" />
            <ReportTable rows={r.grades} columns={gradeColumns(gradeTotal)} rowKey={(g) => g.grade} />
          </div>
        </section>

        <section className="report-section">
          <h2>三、单位绩效排名</h2>
          <ReportChart svg={r.charts.departments} label={`${r.year} 年各单位平均得分排名`} testId="chart-departments" />
          <ReportTable rows={r.departments} columns={departmentColumns} rowKey={(d) => d.deptCode} testId="report-departments" />
        </section>

        <section className="report-section">
          <h2>四、资金暂停情况</h2>
          {r.suspensions.length === 0 ? (
            <p className="report-empty">本年度无暂停安排运维资金或冻结建设资金的项目。</p>
          ) : (
            <ReportTable rows={r.suspensions} columns={suspensionColumns} rowKey={(x) => x.projectId} testId="report-suspensions" />
          )}
        </section>

        <section className="report-section">
          <h2>五、政务云费用区县分摊</h2>
          <ReportChart svg={r.charts.counties} label={`${r.year} 年各区县分摊金额（万元）`} testId="chart-counties" />
          {r.counties.length > 0 && (
            <ReportTable rows={r.counties} columns={countyColumns} rowKey={(c) => c.countyCode} testId="report-counties" />
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
              <ReportTable rows={r.flagged} columns={flaggedColumns} rowKey={(f) => f.projectId} testId="report-flagged" />
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
