// Whether the warehouse can be trusted today: a big red banner with the reasons and the fix when it is stale (built,
// or evaluated as of a date, more than STALE_AFTER_DAYS ago, or missing a source); a quiet line when it is fresh.
import { formatDateCn, STALE_AFTER_DAYS } from "~/domain/status";
import type { DataStatusView } from "~/models/data-quality.server";

export function FreshnessBanner({ view }: { view: DataStatusView }) {
  if (view.freshness.stale) {
    return (
      <div className="banner bad stale-banner" role="alert" data-testid="stale-banner">
        <div className="stale-title">数据不是最新的，页面上的状态和标记可能已过时</div>
        <ul>
          {view.freshness.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <p>
          处理办法：将各系统最新导出文件放入收件目录，运行 <code>npm run etl -- --inbox 收件目录</code> 重新构建数据仓库；页面会自动读取新仓库。
        </p>
      </div>
    );
  }
  return (
    <div className="banner ok-banner" role="status" data-testid="fresh-banner">
      数据为最新：评估基准日 {formatDateCn(view.build?.asOf)}（{view.freshness.asOfAgeDays ?? "—"} 天前），构建于{" "}
      {view.build?.builtAt?.slice(0, 16) ?? "—"}，{view.sources.length} 个数据来源均已提供。超过 {STALE_AFTER_DAYS} 天未更新时本页会醒目提示。
    </div>
  );
}
