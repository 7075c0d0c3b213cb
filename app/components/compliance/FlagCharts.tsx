// The flags counted four ways — by article, by department, department × article and by year. Each chart filters the
// page when clicked (a second click on the selected article, department or year clears it).
import { useMemo } from "react";
import { Chart, type ChartClick } from "~/components/Chart";
import { clickKey } from "~/charts/click";
import {
  barChartHeight,
  chartedDepts,
  DEPT_BARS_MAX,
  flagsByArticleOption,
  flagsByArticleTable,
  flagsByDepartmentOption,
  flagsByDepartmentTable,
} from "~/charts/flags-by-article";
import { flagsHeatmapOption, flagsHeatmapTable, HEATMAP_DEPTS_MAX, heatmapHeight, heatmapLayout, parseCellKey } from "~/charts/flags-heatmap";
import { flagsTrendOption, flagsTrendTable } from "~/charts/flags-trend";
import { formatYear } from "~/format/number";
import type { ComplianceView } from "~/models/compliance.server";

export function FlagCharts({
  view,
  scope,
  go,
}: {
  view: ComplianceView;
  /** The filters in words ("2024年 · 某局 · 第三十条…"), empty when there are none. */
  scope: string;
  go: (changes: Record<string, string | number | null>) => void;
}) {
  const byRule = useMemo(() => flagsByArticleOption(view.byRule, view.rule), [view.byRule, view.rule]);
  const byDept = useMemo(() => flagsByDepartmentOption(view.byDept, view.dept), [view.byDept, view.dept]);
  const heat = useMemo(() => flagsHeatmapOption(view.heat, { dept: view.dept, rule: view.rule }), [view.heat, view.dept, view.rule]);
  const trend = useMemo(() => flagsTrendOption(view.trend, view.year), [view.trend, view.year]);
  const heatDepts = heatmapLayout(view.heat).depts.length;
  /** A click on an article or department filters by it; a click on the selected one clears that filter. */
  const toggle = (name: "rule" | "dept", selected: string | null) => (e: ChartClick) => {
    const k = clickKey(e);
    if (k) go({ [name]: k === selected ? null : k });
  };

  return (
    <>
      <div className="grid cols-2">
        <section className="card">
          <h2>按条款{view.rule ? "（已选中一条，点击其他条款切换）" : "（点击条款筛选）"}</h2>
          {view.byRule.length === 0 ? (
            <p className="good-news">{scope || "所选范围"}没有违规标记。</p>
          ) : (
            <Chart
              option={byRule}
              label={`违规标记按条款${scope ? `（${scope}）` : ""}`}
              height={barChartHeight(view.byRule.length)}
              table={flagsByArticleTable(view.byRule)}
              exportData={{ relation: "mart_flags", filters: { year: view.year, dept: view.dept } }}
              onItemClick={toggle("rule", view.rule)}
              testId="chart-flags-by-article"
            />
          )}
        </section>
        <section className="card">
          <h2>按单位（点击单位筛选）</h2>
          {view.byDept.length > DEPT_BARS_MAX && (
            <p className="muted small">图中为违规标记最多的 {DEPT_BARS_MAX} 个单位，全部 {view.byDept.length} 个单位见数据表。</p>
          )}
          {view.byDept.length === 0 ? (
            <p className="good-news">{scope || "所选范围"}没有单位存在违规标记。</p>
          ) : (
            <Chart
              option={byDept}
              label={`违规标记按单位${scope ? `（${scope}）` : ""}`}
              height={barChartHeight(chartedDepts(view.byDept, view.dept).length)}
              table={flagsByDepartmentTable(view.byDept)}
              exportData={{ relation: "mart_flags", filters: { year: view.year, rule: view.rule } }}
              onItemClick={toggle("dept", view.dept)}
              testId="chart-flags-by-dept"
            />
          )}
        </section>
      </div>
      <section className="card">
        <h2>单位 × 条款（点击格子同时按单位和条款筛选）</h2>
        {heatDepts > HEATMAP_DEPTS_MAX && (
          <p className="muted small">图中为违规标记最多的 {HEATMAP_DEPTS_MAX} 个单位，全部 {heatDepts} 个单位见数据表。</p>
        )}
        {view.heat.length === 0 ? (
          <p className="good-news">{view.year ? formatYear(view.year) : "所选范围"}没有违规标记。</p>
        ) : (
          <Chart
            option={heat}
            label={`违规标记：单位 × 条款${view.year ? `（${formatYear(view.year)}）` : ""}`}
            height={heatmapHeight(view.heat, view.dept)}
            ssrWidth={1300}
            table={flagsHeatmapTable(view.heat)}
            exportData={{ relation: "mart_flags", filters: { year: view.year } }}
            onItemClick={(e) => {
              const cell = parseCellKey(clickKey(e) ?? "");
              if (cell) go({ dept: cell.dept, rule: cell.rule });
            }}
            testId="chart-flags-heatmap"
          />
        )}
      </section>
      <section className="card">
        <h2>年度趋势（按事件所属年度；点击年度筛选）</h2>
        {view.trend.length === 0 ? (
          <p className="good-news">所选单位和条款在各年度均没有违规标记。</p>
        ) : (
          <Chart
            option={trend}
            label="违规标记年度趋势"
            height={280}
            ssrWidth={1300}
            table={flagsTrendTable(view.trend)}
            exportData={{ relation: "mart_flags", filters: { dept: view.dept, rule: view.rule } }}
            onItemClick={(e) => {
              const k = clickKey(e);
              if (k) go({ year: Number(k) === view.year ? null : k });
            }}
            testId="chart-flags-trend"
          />
        )}
      </section>
    </>
  );
}
