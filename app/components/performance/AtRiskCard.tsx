// 资金受影响的项目: projects whose O&M funding the year's result puts at risk — graded 差, targets missed or
// rectification ordered (Art. 34), or funds already suspended (Art. 30, 34) — each with its reasons.
import { Link } from "@remix-run/react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { Pager } from "~/components/Pager";
import { GradeBadge, OmBadge } from "~/components/PerformanceUi";
import { ProjectCell } from "~/components/ProjectCell";
import { departmentHref } from "~/components/record-links";
import { AT_RISK_PAGE_SIZE, formatScore } from "~/domain/performance";
import { formatCount, formatWanYuan } from "~/format/number";
import type { AtRiskProject } from "~/models/performance.server";
import type { CardProps, Href } from "./types";

function atRiskColumns(year: number): Column<AtRiskProject>[] {
  return [
    { header: "项目", cell: (p) => <ProjectCell projectId={p.projectId} name={p.name} year={year} /> },
    { header: "单位", cell: (p) => <Link to={departmentHref(p.deptCode, year)}>{p.deptName}</Link> },
    numberColumn("总分", (p) => p.totalScore, formatScore),
    { header: "等级", cell: (p) => <GradeBadge grade={p.grade} /> },
    { header: "运维经费", cell: (p) => <OmBadge status={p.omFundStatus} /> },
    numberColumn("当年运维经费", (p) => p.omAtStakeYuan, formatWanYuan),
    {
      header: "原因",
      cell: (p) => (
        <ul className="reasons">
          {p.riskReasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ),
    },
  ];
}

/** `filterWords`: the dept/kind/grade filters in words, empty when there are none; `here`: this page with changes. */
export function AtRiskCard({ view, year, filters, filterWords, here }: CardProps & { filterWords: string; here: Href }) {
  const first = (view.atRiskPage - 1) * AT_RISK_PAGE_SIZE + 1;
  const last = first + view.atRisk.length - 1;
  return (
    <section className="card" data-testid="at-risk">
      <h2>资金受影响的项目（{formatCount(view.atRiskTotal)}）</h2>
      <p className="hint">
        绩效等级为差、绩效目标未完成或有整改记录（第三十四条），或运维经费已暂停（第三十条、第三十四条）的项目。
      </p>
      {view.atRisk.length === 0 ? (
        <p className="muted">本年度{filterWords ? `${filterWords}的` : ""}项目没有资金受影响。</p>
      ) : (
        <>
          <ExportLinks
            relation="mart_project_year"
            filters={{ year, dept: filters.dept, kind: filters.kind }}
            label="资金受影响的项目"
          />
          <DataTable rows={view.atRisk} columns={atRiskColumns(year)} rowKey={(p) => p.projectId} />
          <Pager page={view.atRiskPage} pages={view.atRiskPages} href={(page) => here({ riskPage: page })} preventScrollReset>
            <span>
              第 {first}–{last} 个，共 {formatCount(view.atRiskTotal)} 个 · 第 {view.atRiskPage} / {view.atRiskPages} 页
            </span>
          </Pager>
        </>
      )}
    </section>
  );
}
