// One department's year in four figures: projects, mean score, flags and review status.
import { Link } from "@remix-run/react";
import { Kpi } from "~/components/Kpi";
import { ReviewBadge } from "~/components/PerformanceUi";
import { formatScore } from "~/domain/performance";
import { formatCount } from "~/format/number";
import type { DepartmentDetail, DepartmentYear } from "~/models/department.server";

export function DepartmentKpis({ dept, cur, year }: { dept: DepartmentDetail; cur: DepartmentYear; year: number }) {
  const poor = dept.projects.filter((p) => p.grade === "差").length;
  return (
    <div className="grid cols-4">
      <Kpi
        label={<>{year}年项目数</>}
        value={<Link to={`/projects?year=${year}&dept=${encodeURIComponent(dept.deptCode)}`}>{formatCount(cur.projects)}</Link>}
      />
      <Kpi label="平均分" value={formatScore(cur.meanScore)} note={cur.meanScore === null ? "该年度尚无评分" : `差等级 ${poor} 个`} />
      <Kpi label="违规标记" value={formatCount(cur.flags)} tone={cur.flags > 0 ? "bad" : undefined} />
      <Kpi label="审核状态" value={<ReviewBadge status={cur.reviewStatus} />} note={cur.reviewReasons ?? "无限制"} />
    </div>
  );
}
