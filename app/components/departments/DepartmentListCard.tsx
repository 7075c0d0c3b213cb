// 各单位情况: every department with a project in the year — projects, mean score, flags, review status and how far
// its self-evaluations exceed the independent ones (Art. 33).
import { Link } from "@remix-run/react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { departmentHref } from "~/components/record-links";
import { formatScore } from "~/domain/performance";
import { formatCount } from "~/format/number";
import type { DepartmentYear } from "~/models/department.server";
import { reviewColumns } from "./review-columns";

function listColumns(year: number): Column<DepartmentYear>[] {
  return [
    { header: "单位", className: "nowrap", cell: (d) => <Link to={departmentHref(d.deptCode, year)}>{d.deptName}</Link> },
    {
      header: "项目数",
      num: true,
      cell: (d) => <Link to={`/projects?year=${year}&dept=${encodeURIComponent(d.deptCode)}`}>{formatCount(d.projects)}</Link>,
    },
    numberColumn("平均分", (d) => d.meanScore, formatScore),
    numberColumn("违规标记", (d) => d.flags),
    ...reviewColumns<DepartmentYear>(),
    { header: "自评高出独立评价", num: true, cell: (d) => (d.selfScoreGap === null ? "—" : `${formatScore(d.selfScoreGap)} 分`) },
  ];
}

export function DepartmentListCard({ active, idle, year }: { active: DepartmentYear[]; idle: number; year: number }) {
  return (
    <section className="card">
      <h2>各单位情况（{active.length}）</h2>
      {idle > 0 && <p className="hint">另有 {idle} 个单位该年度没有项目，未列出。</p>}
      <ExportLinks relation="mart_department_year" filters={{ year }} label="各单位情况" />
      <DataTable rows={active} columns={listColumns(year)} rowKey={(d) => d.deptCode} testId="department-list" />
    </section>
  );
}
