// 单位审核状态: the departments whose reviews are deferred (Art. 34) or whose applications are restricted (Art. 7(6)),
// with the reasons and how many flags they have.
import { Link } from "@remix-run/react";
import { DataTable, numberColumn, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { departmentHref } from "~/components/record-links";
import { QueryUnavailable } from "~/components/WarehouseMissing";
import { reviewStatus } from "~/domain/status";
import { formatYear } from "~/format/number";
import type { ComplianceView, ReviewItem } from "~/models/compliance.server";

const columns: Column<ReviewItem>[] = [
  { header: "单位", cell: (r) => <Link to={departmentHref(r.deptCode)}>{r.deptName}</Link> },
  { header: "年度", className: "nowrap", cell: (r) => formatYear(r.year) },
  {
    header: "状态",
    className: "nowrap",
    cell: (r) => {
      const st = reviewStatus(r.status);
      return (
        <span className={`badge ${st.tone}`} title={st.hint}>
          {st.label}
        </span>
      );
    },
  },
  {
    header: "原因",
    cell: (r) =>
      (r.reasons ?? reviewStatus(r.status).hint).split("；").map((x, i) => (
        <div key={i}>{x}</div>
      )),
  },
  numberColumn("违规标记", (r) => r.flags),
];

export function ReviewsCard({ view }: { view: ComplianceView }) {
  return (
    <section className="card" aria-labelledby="reviews-title">
      <h2 id="reviews-title">单位审核状态：暂缓审核（第三十四条）与申报受限（第七条第（六）项）</h2>
      {!view.year && view.reviews.length > 0 && (
        <p className="muted small">未选年度时显示最近一年（{formatYear(view.reviews[0].year)}）的审核状态；选择年度可查看往年。</p>
      )}
      {view.missing.queries.includes("compliance-review-status") ? (
        <QueryUnavailable what="单位审核状态" />
      ) : view.reviews.length === 0 ? (
        <p className="good-news">
          {view.year ? formatYear(view.year) : "最近一年"}没有单位被暂缓审核或限制申报{view.dept ? "（本单位）" : ""}。
        </p>
      ) : (
        <>
          <ExportLinks
            relation="mart_department_year"
            filters={{ year: view.year ?? view.reviews[0].year, dept: view.dept }}
            label="单位审核状态"
          />
          <DataTable rows={view.reviews} columns={columns} rowKey={(r) => `${r.deptCode}-${r.year}`} testId="review-status" scroll />
        </>
      )}
    </section>
  );
}
