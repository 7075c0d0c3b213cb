// 项目得分排名: the year's scored projects by total score, head and tail when there are many; a click opens the dossier.
import { Link, useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { projectHref } from "~/components/record-links";
import { clickKey } from "~/charts/click";
import { rankingHeight, rankingRows, RANKING_LIMIT, scoreRankingOption, scoreRankingTable } from "~/charts/score-ranking";
import type { CardProps, Href } from "./types";

export function ProjectRankingCard({ view, year, filters, listHref }: CardProps & { listHref: Href }) {
  const navigate = useNavigate();
  const option = useMemo(() => scoreRankingOption(view.ranking), [view.ranking]);
  return (
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
          option={option}
          label={`${year}年项目总分排名`}
          height={rankingHeight(rankingRows(view.ranking))}
          table={scoreRankingTable(view.ranking, "单位")}
          exportData={{ relation: "mart_project_year", filters: { year, dept: filters.dept, kind: filters.kind, grade: filters.grade } }}
          testId="project-ranking"
          onItemClick={(e) => {
            const id = clickKey(e);
            if (id) navigate(projectHref(id, year));
          }}
        />
      ) : (
        <p className="muted">没有{filters.grade ? `等级为${filters.grade}的` : "已评分的"}项目。</p>
      )}
    </section>
  );
}
