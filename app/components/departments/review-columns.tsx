// A department-year's review status (Art. 34 暂缓审核, Art. 7(6) 申报受限) as two table columns: the badge and why.
import type { Column } from "~/components/DataTable";
import { ReviewBadge } from "~/components/PerformanceUi";

export function reviewColumns<T extends { reviewStatus: string | null; reviewReasons: string | null }>(): Column<T>[] {
  return [
    { header: "审核状态", cell: (r) => <ReviewBadge status={r.reviewStatus} /> },
    { header: "原因", cell: (r) => r.reviewReasons ?? "—" },
  ];
}
