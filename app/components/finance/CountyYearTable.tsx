// 各区县应分摊、已结算与未结算: what each county owes for the year's cloud rent (Art. 23) and how much it has settled.
import { Link } from "@remix-run/react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { formatYuan } from "~/format/number";
import type { CountyYear, FinanceView } from "~/models/finance.server";

export function CountyYearTable({ view, countyHref }: { view: FinanceView; countyHref: (county: string | null) => string }) {
  if (view.countyYear.length === 0) return null;
  const settlementKnown = view.countyYear.some((c) => c.settledYuan !== null);
  const columns: Column<CountyYear>[] = [
    {
      header: "区县",
      cell: (c) => (
        <Link to={countyHref(c.countyCode)} preventScrollReset>
          {c.countyName}
        </Link>
      ),
    },
    numberColumn("项目数", (c) => c.projects),
    numberColumn("应分摊", (c) => c.owedYuan, formatYuan),
    {
      header: "已结算",
      num: true,
      cell: (c) => (c.settledYuan === null ? <span className="muted">暂无结算数据</span> : formatYuan(c.settledYuan)),
    },
    { header: "未结算", num: true, cell: (c) => (c.outstandingYuan === null ? "—" : formatYuan(c.outstandingYuan)) },
  ];
  return (
    <>
      <h3>各区县应分摊、已结算与未结算</h3>
      {view.allocationErrors.length > 0 && (
        <p className="warn-text small">
          “应分摊”不含上述 {new Set(view.allocationErrors.map((e) => e.projectId)).size} 个无法分摊的项目，补齐数据后金额会增加。
        </p>
      )}
      {!settlementKnown && <p className="muted small">收件目录暂无结算数据：“已结算”“未结算”待结算导出接入后显示。</p>}
      <ExportLinks relation="mart_county_year" filters={{ year: view.year }} label="各区县应分摊、已结算与未结算" />
      <DataTable
        rows={view.countyYear}
        columns={columns}
        rowKey={(c) => c.countyCode}
        rowClassName={(c) => (c.countyCode === view.county ? "row-selected" : undefined)}
        testId="county-year"
        scroll
      />
    </>
  );
}
