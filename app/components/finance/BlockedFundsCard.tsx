// 建设资金暂停拨付（第二十二条）: the projects whose construction funds may not be paid this year, and why.
import { constructionStatus } from "~/domain/status";
import { formatYear } from "~/format/number";
import type { FinanceView } from "~/models/finance.server";
import { FundStatusList } from "./FundStatusList";

export function BlockedFundsCard({ view }: { view: FinanceView }) {
  const open = view.blocked.filter((b) => b.open);
  return (
    <section className="card" aria-labelledby="cons-title">
      <h2 id="cons-title">
        建设资金暂停拨付（第二十二条）
        {open.length > 0 && <span className="badge bad heading-badge">{open.length} 个项目</span>}
      </h2>
      <p className="muted small">{constructionStatus("blocked").hint}。</p>
      <FundStatusList
        view={view}
        items={view.blocked}
        what="建设资金拨付状态"
        goodNews={<p className="good-news">{formatYear(view.year)}没有项目被暂停拨付建设资金：所有建设资金均在取得审核意见后支付。</p>}
        exportLabel="建设资金暂停拨付的项目"
        testId="construction-blocked"
        stoppedLabel={constructionStatus("blocked").label}
        sinceHeader="起始"
      />
    </section>
  );
}
