// The project list under the page's filters, by total score, one page of it with links to every page; the export
// holds every page.
import { Link } from "@remix-run/react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { Pager } from "~/components/Pager";
import { ConstructionBadge, GradeBadge, OmBadge } from "~/components/PerformanceUi";
import { ProjectCell } from "~/components/ProjectCell";
import { formatScore } from "~/domain/performance";
import { formatCount, formatWanYuan } from "~/format/number";
import type { ProjectList, ProjectListFilters, ProjectListRow } from "~/models/project.server";

type Href = (changes: Record<string, string | number | null>) => string;

function listColumns(year: number, here: Href): Column<ProjectListRow>[] {
  return [
    { header: "项目", cell: (r) => <ProjectCell projectId={r.projectId} name={r.name} year={year} /> },
    { header: "单位", cell: (r) => <Link to={here({ dept: r.deptCode })}>{r.deptName}</Link> },
    { header: "类型", cell: (r) => r.kind },
    numberColumn("核准金额", (r) => r.approvedYuan, formatWanYuan),
    numberColumn("总分", (r) => r.totalScore, formatScore),
    { header: "等级", cell: (r) => <GradeBadge grade={r.grade} /> },
    { header: "运维经费", cell: (r) => <OmBadge status={r.omFundStatus} /> },
    { header: "建设资金", cell: (r) => <ConstructionBadge status={r.constructionFundStatus} /> },
    {
      header: "违规标记",
      num: true,
      cell: (r) =>
        r.flagCount > 0 ? (
          <span title={r.ruleIds.join("、")} className="badge bad">
            {formatCount(r.flagCount)}
          </span>
        ) : (
          "0"
        ),
    },
  ];
}

export function ProjectListCard({
  list,
  filters,
  year,
  here,
}: {
  list: ProjectList;
  filters: Omit<ProjectListFilters, "page">;
  year: number;
  here: Href;
}) {
  return (
    <section className="card">
      <p className="hint">
        共 {formatCount(list.total)} 个项目，按总分从高到低排列
        {list.pages > 1 && `；第 ${list.page} / ${list.pages} 页`}。
      </p>
      {/* every page of the list, not just this one; mart_project_year has no rule column, so a rule filter is named as not applied */}
      <ExportLinks relation="mart_project_year" filters={{ ...filters, year }} label="项目列表" />
      <DataTable rows={list.rows} columns={listColumns(year, here)} rowKey={(r) => r.projectId} testId="project-list" />
      <Pager page={list.page} pages={list.pages} href={(page) => here({ page })}>
        {Array.from({ length: list.pages }, (_, i) => i + 1).map((n) =>
          n === list.page ? (
            <strong key={n}>{n}</strong>
          ) : (
            <Link key={n} to={here({ page: n === 1 ? null : n })}>
              {n}
            </Link>
          ),
        )}
      </Pager>
    </section>
  );
}
