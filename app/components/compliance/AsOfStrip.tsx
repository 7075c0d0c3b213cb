// The evaluation date every flag is judged at, and, when the warehouse is stale, why — said before any figure.
import { Link } from "@remix-run/react";
import { formatDateCn } from "~/domain/status";

export function AsOfStrip({ asOf, staleReasons }: { asOf: string | null; staleReasons: string[] }) {
  return (
    <div className={`as-of-strip${staleReasons.length ? " stale" : ""}`} data-testid="as-of">
      <div>
        <span className="as-of-label">评估基准日</span>
        <span className="as-of-date">{formatDateCn(asOf)}</span>
      </div>
      <p>
        所有违规标记均按此日期评估：截止日期未到的事项不计为违规；同一数据在以后评估可能成为违规。
        {staleReasons.length > 0 && (
          <strong>
            {" "}
            {staleReasons.join("；")}。请见<Link to="/data">数据页</Link>。
          </strong>
        )}
      </p>
    </div>
  );
}
