// 项目: a department's projects in the year — approved amount, score, grade, self-evaluation gap and O&M fund status.
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { GradeBadge, OmBadge } from "~/components/PerformanceUi";
import { ProjectCell } from "~/components/ProjectCell";
import { formatScore } from "~/domain/performance";
import { formatWanYuan } from "~/format/number";
import type { DepartmentDetail, DepartmentProject } from "~/models/department.server";

function projectColumns(year: number): Column<DepartmentProject>[] {
  return [
    { header: "项目", cell: (p) => <ProjectCell projectId={p.projectId} name={p.name} year={year} /> },
    { header: "类型", cell: (p) => p.kind },
    numberColumn("核准金额", (p) => p.approvedYuan, formatWanYuan),
    numberColumn("总分", (p) => p.totalScore, formatScore),
    { header: "等级", cell: (p) => <GradeBadge grade={p.grade} /> },
    numberColumn("自评高出", (p) => p.gap, formatScore),
    { header: "运维经费", cell: (p) => <OmBadge status={p.omFundStatus} /> },
    { header: "原因", cell: (p) => p.fundReasons ?? "—" },
    numberColumn("违规标记", (p) => p.flagCount),
  ];
}

export function DepartmentProjectsCard({ dept, year }: { dept: DepartmentDetail; year: number }) {
  return (
    <section className="card">
      <h2>项目（{dept.projects.length}）</h2>
      <ExportLinks relation="mart_project_year" filters={{ year, dept: dept.deptCode }} label={`${dept.deptName}${year}年的项目`} />
      <DataTable rows={dept.projects} columns={projectColumns(year)} rowKey={(p) => p.projectId} testId="department-projects" />
    </section>
  );
}
