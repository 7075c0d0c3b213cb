// 违规标记: the flags on a department's projects in the year, with the rule, article, evidence and due date.
import { Link } from "@remix-run/react";
import { DataTable, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { SeverityBadge } from "~/components/PerformanceUi";
import { projectHref } from "~/components/record-links";
import { articleLabel } from "~/domain/performance";
import type { DepartmentDetail, DepartmentFlag } from "~/models/department.server";

function flagColumns(year: number): Column<DepartmentFlag>[] {
  return [
    { header: "项目", cell: (f) => <Link to={projectHref(f.projectId, year)}>{f.projectName}</Link> },
    { header: "规则", cell: (f) => <code>{f.ruleId}</code> },
    { header: "条款", className: "nowrap", cell: (f) => articleLabel(f.article) },
    { header: "严重程度", cell: (f) => <SeverityBadge severity={f.severity} /> },
    { header: "证据", cell: (f) => f.evidence },
    { header: "后果", cell: (f) => f.consequence },
    { header: "期限", className: "num", cell: (f) => f.dueDate ?? "—" },
  ];
}

export function DepartmentFlagsCard({ dept, year }: { dept: DepartmentDetail; year: number }) {
  return (
    <section className="card">
      <h2>违规标记（{dept.flags.length}）</h2>
      {dept.flags.length === 0 ? (
        <p className="muted">{year}年该单位的项目没有违规标记。</p>
      ) : (
        <>
          <ExportLinks relation="mart_flags" filters={{ year, dept: dept.deptCode }} label={`${dept.deptName}${year}年的违规标记`} />
          <DataTable rows={dept.flags} columns={flagColumns(year)} rowKey={(f) => f.flagId} testId="department-flags" />
        </>
      )}
    </section>
  );
}
