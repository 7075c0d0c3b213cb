// 单位平均分排名: the year's departments by the mean total score of their scored projects; a click opens one.
import { useMemo } from "react";
import { RANKING_LIMIT, type RankedItem } from "~/charts/score-ranking";
import type { DepartmentYear } from "~/models/department.server";
import { DepartmentRankingChart } from "./DepartmentRankingChart";

export function MeanScoreRankingCard({ departments, year }: { departments: DepartmentYear[]; year: number }) {
  const items: RankedItem[] = useMemo(
    () => departments.map((d) => ({ key: d.deptCode, name: d.deptName, score: d.meanScore, detail: `${d.projects} 个项目` })),
    [departments],
  );
  const scored = items.filter((i) => i.score !== null).length;
  return (
    <section className="card">
      <h2>单位平均分排名</h2>
      <p className="hint">
        单位当年评分项目总分的平均
        {scored > RANKING_LIMIT ? `；共 ${scored} 个单位，图中为前 ${RANKING_LIMIT / 2} 名和后 ${RANKING_LIMIT / 2} 名，全部见下表` : ""}
        ；点击柱条打开单位详情。
      </p>
      {scored > 0 ? (
        <DepartmentRankingChart
          items={items}
          year={year}
          detailLabel="项目数"
          exportData={{ relation: "mart_department_year", filters: { year } }}
          testId="department-chart"
        />
      ) : (
        <p className="muted">{year}年尚无绩效评分，排名在年度评价完成后显示。</p>
      )}
    </section>
  );
}
