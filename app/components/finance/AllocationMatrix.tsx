// 项目 × 区县分摊明细: each city-wide system whose rent is allocated (Art. 23), its Art. 25 duty, and each county's
// part to the fen, with column totals. A county's column is highlighted when the page is filtered to it.
import { Link } from "@remix-run/react";
import { ExportLinks } from "~/components/ExportLinks";
import { projectHref } from "~/components/record-links";
import { sumYuan } from "~/charts/fund-suspensions";
import { formatPercent, formatYuan } from "~/format/number";
import type { AllocationLine, FinanceView } from "~/models/finance.server";

/** A project's allocation lines gathered into one row, one part per county. */
export interface MatrixRow {
  projectId: string;
  projectName: string;
  deptName: string | null;
  leadDeptName: string | null;
  allocClass: string | null;
  basis: string | null;
  rentYuan: string;
  duty: string | null;
  note: string | null;
  parts: Map<string, AllocationLine>;
}

export function matrixRows(lines: readonly AllocationLine[]): MatrixRow[] {
  const by = new Map<string, MatrixRow>();
  for (const l of lines) {
    const r =
      by.get(l.projectId) ??
      {
        projectId: l.projectId,
        projectName: l.projectName,
        deptName: l.deptName,
        leadDeptName: l.leadDeptName,
        allocClass: l.allocClass,
        basis: l.basis,
        rentYuan: l.rentYuan,
        duty: l.duty,
        note: l.note,
        parts: new Map<string, AllocationLine>(),
      };
    r.parts.set(l.countyCode, l);
    by.set(l.projectId, r);
  }
  return [...by.values()];
}

/** Exact yuan without the unit, for wide tables whose header names the unit. */
const yuanCell = (v: unknown) => formatYuan(v).replace(/ 元$/, "");

export function AllocationMatrix({
  view,
  counties,
  projects,
  countyHref,
}: {
  view: FinanceView;
  counties: { code: string; name: string }[];
  /** The rows shown: every allocated project, or those with a part in the selected county. */
  projects: MatrixRow[];
  countyHref: (county: string | null) => string;
}) {
  const colClass = (code: string) => `num${code === view.county ? " col-selected" : ""}`;
  return (
    <>
      <h3>项目 × 区县分摊明细（单位：元）</h3>
      <ExportLinks
        relation="mart_allocation"
        filters={{ year: view.year, dept: view.dept, county: view.county }}
        label="项目 × 区县分摊明细"
      />
      <div className="table-scroll">
        <table className="data alloc-matrix" data-testid="allocation-matrix">
          <thead>
            <tr>
              <th>项目与第二十五条职责</th>
              <th>分摊方式</th>
              <th className="num">年租赁费</th>
              {counties.map((c) => (
                <th key={c.code} className={colClass(c.code)}>
                  <Link to={countyHref(c.code)} preventScrollReset>
                    {c.name}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.projectId}>
                <td className="alloc-project">
                  <Link to={projectHref(p.projectId)}>{p.projectName}</Link>
                  <div className="muted small">
                    牵头单位：{p.leadDeptName ?? p.deptName ?? "—"}
                    {p.duty ? ` · ${p.duty}` : ""}
                  </div>
                  {p.note && p.basis === "市县4:6" && <div className="warn-text small">{p.note}</div>}
                </td>
                <td className="nowrap">
                  {p.allocClass ?? "—"}
                  <div className="muted small">{p.basis}</div>
                </td>
                <td className="num">{yuanCell(p.rentYuan)}</td>
                {counties.map((c) => {
                  const part = p.parts.get(c.code);
                  return (
                    <td key={c.code} className={colClass(c.code)} title={part?.share ? `份额 ${formatPercent(part.share, 4)}` : undefined}>
                      {part ? yuanCell(part.amountYuan) : "—"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={2}>合计</th>
              <th className="num">{yuanCell(sumYuan(projects.map((p) => p.rentYuan)))}</th>
              {counties.map((c) => (
                <th key={c.code} className={colClass(c.code)}>
                  {yuanCell(sumYuan(projects.map((p) => p.parts.get(c.code)?.amountYuan ?? "0.00")))}
                </th>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
