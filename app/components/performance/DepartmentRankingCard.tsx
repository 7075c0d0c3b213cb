// 单位得分排名: departments by the mean total score of their scored projects; a click opens the department.
import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { DepartmentRankingChart } from "~/components/departments/DepartmentRankingChart";
import { RANKING_LIMIT, type RankedItem } from "~/charts/score-ranking";
import type { CardProps } from "./types";

export function DepartmentRankingCard({ view, year, filters }: CardProps) {
  const items: RankedItem[] = useMemo(
    () => view.departments.map((d) => ({ key: d.deptCode, name: d.deptName, score: d.meanScore, detail: `${d.projectsScored} 个评分项目` })),
    [view.departments],
  );
  const scored = items.filter((d) => d.score !== null).length;
  return (
    <section className="card">
      <h2>单位得分排名</h2>
      <p className="hint">
        单位评分项目总分的平均
        {scored > RANKING_LIMIT ? `；共 ${scored} 个单位，图中为前 ${RANKING_LIMIT / 2} 名和后 ${RANKING_LIMIT / 2} 名` : ""}
        ；点击柱条打开单位详情。各单位的项目数、违规、审核状态和自评差距见
        <Link to={`/departments?year=${year}`}>单位</Link>页。
      </p>
      {scored > 0 ? (
        <DepartmentRankingChart
          items={items}
          year={year}
          highlight={filters.dept}
          detailLabel="评分项目"
          exportData={{ relation: "mart_department_year", filters: { year, kind: filters.kind } }}
          testId="department-ranking"
        />
      ) : (
        <p className="muted">该年度没有单位有评分项目。</p>
      )}
    </section>
  );
}
