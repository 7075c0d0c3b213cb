// 项目得分排名: a department's projects in the year by total score; a click opens the dossier.
import { useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { projectHref } from "~/components/record-links";
import { clickKey } from "~/charts/click";
import { rankingHeight, rankItems, scoreRankingOption, scoreRankingTable, type RankedItem } from "~/charts/score-ranking";
import type { DepartmentDetail } from "~/models/department.server";

export function ProjectScoresCard({ dept, year }: { dept: DepartmentDetail; year: number }) {
  const navigate = useNavigate();
  const items: RankedItem[] = useMemo(
    () => dept.projects.map((p) => ({ key: p.projectId, name: p.name, score: p.totalScore, grade: p.grade, detail: p.kind })),
    [dept.projects],
  );
  const scored = rankItems(items).length;
  const option = useMemo(() => scoreRankingOption(items), [items]);
  return (
    <section className="card">
      <h2>项目得分排名</h2>
      {scored > 0 ? (
        <Chart
          option={option}
          label={`${dept.deptName}${year}年项目得分排名`}
          height={rankingHeight(scored)}
          table={scoreRankingTable(items, "类型")}
          exportData={{ relation: "mart_project_year", filters: { year, dept: dept.deptCode } }}
          onItemClick={(e) => {
            const id = clickKey(e);
            if (id) navigate(projectHref(id, year));
          }}
        />
      ) : (
        <p className="muted">{year}年该单位的项目尚无评分。</p>
      )}
    </section>
  );
}
