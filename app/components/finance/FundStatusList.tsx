// The projects whose O&M funds are suspended (Art. 30, 34) or construction funds blocked (Art. 22) in the year: one
// list for both, red while the stop is open, with the causes, since when and when it was lifted.
import type { ReactNode } from "react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { ProjectCell } from "~/components/ProjectCell";
import { QueryUnavailable } from "~/components/WarehouseMissing";
import { formatYuan } from "~/format/number";
import type { FinanceView, FundItem } from "~/models/finance.server";
import { CauseList } from "./CauseList";

function fundStatusColumns(stoppedLabel: string, sinceHeader: string, withOmAtStake: boolean): Column<FundItem>[] {
  const columns: Column<FundItem>[] = [
    { header: "项目", cell: (s) => <ProjectCell projectId={s.projectId} name={s.projectName} /> },
    { header: "单位", cell: (s) => s.deptName },
    {
      header: "状态",
      className: "nowrap",
      cell: (s) => <span className={`badge ${s.open ? "bad" : "ok"}`}>{s.open ? stoppedLabel : "已恢复"}</span>,
    },
    { header: "原因（依据条款）", cell: (s) => <CauseList causes={s.causes} /> },
    { header: sinceHeader, className: "nowrap", cell: (s) => s.since ?? "—" },
    { header: "解除日期", className: "nowrap", cell: (s) => (s.open ? <span className="muted">未解除</span> : s.liftedOn ?? "—") },
  ];
  return withOmAtStake ? [...columns, numberColumn("涉及运维经费", (s) => s.omAtStakeYuan, formatYuan)] : columns;
}

export function FundStatusList({
  view,
  items,
  what,
  goodNews,
  exportLabel,
  testId,
  stoppedLabel,
  sinceHeader,
  withOmAtStake = false,
}: {
  view: FinanceView;
  items: FundItem[];
  /** The section's name in the sentence saying it cannot be shown. */
  what: string;
  /** What an empty list means, said as the good news it is. */
  goodNews: ReactNode;
  exportLabel: string;
  testId: string;
  stoppedLabel: string;
  sinceHeader: string;
  withOmAtStake?: boolean;
}) {
  if (view.missing.queries.includes("finance-fund-status")) return <QueryUnavailable what={what} as="div" />;
  if (items.length === 0) return <>{goodNews}</>;
  return (
    <>
      <ExportLinks relation="mart_fund_status" filters={{ year: view.year, dept: view.dept }} label={exportLabel} />
      <DataTable
        rows={items}
        columns={fundStatusColumns(stoppedLabel, sinceHeader, withOmAtStake)}
        rowKey={(s) => s.projectId}
        rowClassName={(s) => (s.open ? "row-bad" : undefined)}
        testId={testId}
        scroll
      />
    </>
  );
}
