// 自评与独立评价差距 (Art. 33): departments ranked by how far their self-evaluations exceed the independent ones.
import { Link, useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { departmentHref } from "~/components/record-links";
import { clickKey } from "~/charts/click";
import { evaluationGapOption, evaluationGapTable, GAP_LIMIT, rankByInflation, type GapItem } from "~/charts/evaluation-gap";
import { rankingHeight } from "~/charts/score-ranking";
import type { CardProps } from "./types";

export function EvaluationGapCard({ view, year, filters }: CardProps) {
  const navigate = useNavigate();
  const items: GapItem[] = useMemo(
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
  const option = useMemo(() => evaluationGapOption(items), [items]);
  const ranked = rankByInflation(items).length;
  return (
    <section className="card" data-testid="evaluation-gap">
      <h2>自评与独立评价差距</h2>
      <p className="hint">
        单位自评分减去信管办或第三方评价分的平均（第三十三条），按虚高程度排序
        {ranked > GAP_LIMIT ? `，图中为前 ${GAP_LIMIT} 个单位` : ""}；全部单位见<Link to={`/departments?year=${year}`}>单位</Link>页。
      </p>
      {ranked > 0 ? (
        <Chart
          option={option}
          label={`${year}年单位自评虚高排名`}
          height={rankingHeight(Math.min(ranked, GAP_LIMIT))}
          table={evaluationGapTable(items)}
          exportData={{ relation: "mart_evaluation_gap", filters: { year, kind: filters.kind } }}
          onItemClick={(e) => {
            const code = clickKey(e);
            if (code) navigate(departmentHref(code, year));
          }}
        />
      ) : (
        <p className="muted">该年度没有同时具备自评和独立评价的项目，无法比较。</p>
      )}
    </section>
  );
}
