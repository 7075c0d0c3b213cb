// 历年记录: a department year by year, latest first — projects, mean score, flags, review status, self-evaluation gap.
import { Link } from "@remix-run/react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { departmentHref } from "~/components/record-links";
import { formatScore } from "~/domain/performance";
import type { DepartmentDetail, DepartmentYear } from "~/models/department.server";
import { reviewColumns } from "./review-columns";

function historyColumns(deptCode: string): Column<DepartmentYear>[] {
  return [
    { header: "年度", className: "nowrap", cell: (h) => <Link to={departmentHref(deptCode, h.year)}>{h.year}年</Link> },
    numberColumn("项目数", (h) => h.projects),
    numberColumn("平均分", (h) => h.meanScore, formatScore),
    numberColumn("违规标记", (h) => h.flags),
    ...reviewColumns<DepartmentYear>(),
    numberColumn("自评高出", (h) => h.selfScoreGap, formatScore),
  ];
}

export function DepartmentHistoryCard({ dept }: { dept: DepartmentDetail }) {
  return (
    <section className="card">
      <h2>历年记录</h2>
      <ExportLinks relation="mart_department_year" filters={{ dept: dept.deptCode }} label={`${dept.deptName}历年记录`} />
      <DataTable rows={[...dept.history].reverse()} columns={historyColumns(dept.deptCode)} rowKey={(h) => h.year ?? ""} />
    </section>
  );
}
