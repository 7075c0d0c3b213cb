// What makes the year's county allocation incomplete or unusual: projects whose rent cannot be allocated (a county's
// population is missing), and a county list that is not the six Art. 23 was written for.
import { Link } from "@remix-run/react";
import { projectHref } from "~/components/record-links";
import { sumYuan } from "~/charts/fund-suspensions";
import { formatYear, formatYuan } from "~/format/number";
import type { AllocationLine, FinanceView } from "~/models/finance.server";

export function AllocationErrorsBanner({ view }: { view: FinanceView }) {
  if (view.allocationErrors.length === 0) return null;
  const errorRent = sumYuan([...new Map(view.allocationErrors.map((e) => [e.projectId, e.rentYuan])).values()]);
  return (
    <div className="banner bad alloc-errors" role="alert" data-testid="allocation-errors">
      <strong>
        {new Set(view.allocationErrors.map((e) => e.projectId)).size} 个项目的 {formatYear(view.year)}云租赁费无法分摊（合计{" "}
        {formatYuan(errorRent)}），以下分摊不完整：
      </strong>
      <ul>
        {view.allocationErrors.map((e, i) => (
          <li key={i}>
            <Link to={projectHref(e.projectId)}>{e.projectName}</Link>：{e.message}
          </li>
        ))}
      </ul>
      <span>请统计部门补报缺失年度的常住人口（population.csv）后重新构建数据仓库。</span>
    </div>
  );
}

export function NotSixCountiesBanner({ view, allocable }: { view: FinanceView; allocable: readonly AllocationLine[] }) {
  const notSixNotes = [...new Set(allocable.filter((l) => l.basis === "市县4:6" && l.note).map((l) => l.note as string))];
  const listSize = view.countyYear.length;
  if (!(notSixNotes.length > 0 || (listSize > 0 && listSize !== 6))) return null;
  return (
    <div className="banner warn" data-testid="not-six-counties">
      <strong>注意：本年度区县名单为 {listSize || "?"} 个，而非第二十三条所设的 6 个。</strong>
      {notSixNotes.length > 0 ? notSixNotes.map((n) => <div key={n}>{n}</div>) : <div>市县 4:6 分摊时，区县合计 60% 由名单内区县均摊。</div>}
    </div>
  );
}
