// Why a project's fund is stopped: each cause with the article it rests on as a badge, and, when there are several or
// one was lifted, since when and when it was lifted.
import { articleLabel, ruleInfo } from "~/domain/rules";
import type { FundItem } from "~/models/finance.server";

export function CauseList({ causes }: { causes: FundItem["causes"] }) {
  if (causes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="cause-list">
      {causes.map((c, i) => (
        <li key={i}>
          {c.ruleId || c.article ? (
            <span className="badge bad" title={c.ruleId ? ruleInfo(c.ruleId).title : undefined}>
              {articleLabel(c.article ?? ruleInfo(c.ruleId ?? "").article) || c.ruleId}
            </span>
          ) : null}{" "}
          {c.ruleId || c.article ? c.reason.replace(/^第[^：:]{1,24}条[^：:]{0,12}[：:]\s*/, "") : c.reason}
          {(causes.length > 1 && c.since) || c.liftedOn ? (
            <span className="muted">
              {" "}
              <span className="nowrap">
                （{[causes.length > 1 && c.since ? `自 ${c.since}` : null, c.liftedOn ? `${c.liftedOn} 解除` : null].filter(Boolean).join("，")}）
              </span>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
