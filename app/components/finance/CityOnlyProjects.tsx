// 未向区县分摊的项目: cloud rent the lead or building department bears in full, with why it is not allocated and the
// department's Art. 25 duty.
import { Link } from "@remix-run/react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { projectHref } from "~/components/record-links";
import { formatYuan } from "~/format/number";
import type { FinanceView } from "~/models/finance.server";
import type { MatrixRow } from "./AllocationMatrix";

const columns: Column<MatrixRow>[] = [
  { header: "项目", cell: (o) => <Link to={projectHref(o.projectId)}>{o.projectName}</Link> },
  { header: "建设单位", cell: (o) => o.deptName ?? "—" },
  numberColumn("年租赁费", (o) => o.rentYuan, formatYuan),
  {
    header: "不分摊原因",
    cell: (o) => (
      <>
        {o.basis}
        {o.note && <div className="muted small">{o.note}</div>}
      </>
    ),
  },
  { header: "第二十五条职责", className: "small", cell: (o) => o.duty ?? "—" },
];

export function CityOnlyProjects({ view, others }: { view: FinanceView; others: MatrixRow[] }) {
  if (others.length === 0) return null;
  return (
    <details className="alloc-others">
      <summary>
        未向区县分摊的项目 {view.cityOnly.projects} 个，租赁费合计 {formatYuan(view.cityOnly.rentYuan)}，由牵头或建设单位全额承担
        {view.cityOnly.projects > others.length ? `（列出租赁费最高的 ${others.length} 个）` : ""}
      </summary>
      <ExportLinks relation="mart_allocation_duty" filters={{ year: view.year, dept: view.dept }} label="未向区县分摊的项目" />
      <DataTable rows={others} columns={columns} rowKey={(o) => o.projectId} scroll />
    </details>
  );
}
