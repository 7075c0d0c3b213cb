// The year in four figures: projects scored, the mean score, 差 projects (Art. 34) and the O&M funds at risk.
import { Link } from "@remix-run/react";
import { Kpi } from "~/components/Kpi";
import { formatScore } from "~/domain/performance";
import { formatCount, formatWanYuan, formatYuan } from "~/format/number";
import type { PerformanceView } from "~/models/performance.server";
import type { Href } from "./types";

export function PerformanceKpis({ view, listHref }: { view: PerformanceView; listHref: Href }) {
  const { kpis } = view;
  return (
    <div className="grid cols-4" data-testid="kpis">
      <Kpi
        label="评分项目数"
        value={formatCount(kpis.projectsScored)}
        note={`共 ${formatCount(kpis.projects)} 个项目${view.grades.unscored > 0 ? `，${view.grades.unscored} 个未评分或不可评分` : ""}`}
      />
      <Kpi label="平均分" value={formatScore(kpis.meanScore)} note="评分项目总分的算术平均" />
      <Kpi
        label="差等级项目"
        value={<Link to={listHref({ grade: "差" })}>{formatCount(kpis.poor)}</Link>}
        tone={kpis.poor > 0 ? "bad" : undefined}
        note="总分低于60分，须限期整改（第三十四条）"
      />
      <Kpi
        label="资金受影响"
        value={formatWanYuan(kpis.fundsAtRiskYuan)}
        tone={kpis.atRisk > 0 ? "bad" : undefined}
        note={`${formatCount(kpis.atRisk)} 个项目的当年运维经费（${formatYuan(kpis.fundsAtRiskYuan)}）`}
      />
    </div>
  );
}
