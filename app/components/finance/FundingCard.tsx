// 核准、合同与支付 (Art. 21): approved vs contracted vs paid, by department or, within one, by project. A click on a
// department's bars filters the page to it; on a project's, opens its dossier.
import { Link, useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { projectHref } from "~/components/record-links";
import { QueryUnavailable } from "~/components/WarehouseMissing";
import { clickKey } from "~/charts/click";
import { fundingPipelineHeight, fundingPipelineOption, fundingPipelineTable, fundingSummary } from "~/charts/funding-pipeline";
import { formatYear } from "~/format/number";
import type { FinanceView } from "~/models/finance.server";

/** Bars beyond this many make the chart a scroll; the data table lists every row. */
const FUNDING_CHART_MAX = 15;

export function FundingCard({ view, onDept }: { view: FinanceView; onDept: (dept: string) => void }) {
  const navigate = useNavigate();
  const charted = view.funding.slice(0, FUNDING_CHART_MAX);
  const option = useMemo(() => fundingPipelineOption(charted), [view.funding]);
  const sum = fundingSummary(view.funding);
  const byProject = view.funding[0]?.level === "project";
  return (
    <section className="card" aria-labelledby="funding-title">
      <h2 id="funding-title">核准、合同与支付（{byProject ? "按项目" : "按单位"}）</h2>
      {view.missing.queries.includes("finance-funding-pipeline") ? (
        <QueryUnavailable what="核准、合同与支付" as="div" />
      ) : view.funding.length === 0 ? (
        <div className="empty-state">
          <p>{formatYear(view.year)}没有项目资金记录{view.dept ? "（本单位）" : ""}。</p>
          <p>请选择其他年度；若本年度应有数据，请在<Link to="/data">数据页</Link>检查“审核记录”“合同备案”“国库支付”的装载情况。</p>
        </div>
      ) : (
        <>
          <p className="muted">
            核准 {sum.approved} · 合同 {sum.contracted} · 已付建设资金 {sum.paid}。核准价是第二十一条规定的资金安排上限；
            {byProject ? "点击柱形查看项目详情。" : "点击柱形查看该单位的项目。"}
            {view.funding.length > charted.length &&
              `图中为金额最大的 ${charted.length} 个${byProject ? "项目" : "单位"}，其余 ${view.funding.length - charted.length} 个见数据表。`}
          </p>
          <Chart
            option={option}
            label={`${formatYear(view.year)}核准、合同与已付建设资金（万元）`}
            height={fundingPipelineHeight(charted)}
            ssrWidth={1300}
            table={fundingPipelineTable(view.funding)}
            exportData={{ relation: "mart_project_year", filters: { year: view.year, dept: view.dept } }}
            onItemClick={(e) => {
              const k = clickKey(e);
              const level = (e.data as { level?: string } | null)?.level;
              if (!k) return;
              if (level === "project") navigate(projectHref(k));
              else onDept(k);
            }}
            testId="chart-funding-pipeline"
          />
        </>
      )}
    </section>
  );
}
