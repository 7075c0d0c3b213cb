// 运维经费暂停（第三十条、第三十四条）: how many projects have their O&M funds suspended this year and how much is at
// stake, by department (a click filters the page to that department), then the list.
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { clickKey } from "~/charts/click";
import { fundSuspensionsHeight, fundSuspensionsOption, fundSuspensionsTable } from "~/charts/fund-suspensions";
import { omStatus } from "~/domain/status";
import { formatWanYuan, formatYear, formatYuan } from "~/format/number";
import type { FinanceView } from "~/models/finance.server";
import { FundStatusList } from "./FundStatusList";

export function SuspensionsCard({ view, onDept }: { view: FinanceView; onDept: (d: string) => void }) {
  const open = view.suspensions.filter((s) => s.open);
  const lifted = view.suspensions.filter((s) => !s.open);
  const rows = view.suspensions;
  const option = useMemo(() => fundSuspensionsOption(rows, view.dept), [view.suspensions, view.dept]);
  return (
    <section className="card finance-suspensions" aria-labelledby="om-title">
      <h2 id="om-title">运维经费暂停（第三十条、第三十四条）</h2>
      <div className="grid finance-om-top">
        <div className="finance-kpis">
          <div className={`kpi${open.length ? " alarm" : ""}`}>
            <div className="label">{formatYear(view.year)}暂停运维经费的项目</div>
            <div className={`value${open.length ? " bad" : ""}`}>{open.length} 个</div>
          </div>
          <div className={`kpi${open.length ? " alarm" : ""}`}>
            <div className="label">暂停中涉及运维经费</div>
            <div className={`value${open.length ? " bad" : ""}`}>{formatWanYuan(view.suspendedAtStakeYuan)}</div>
            <div className="exact">{formatYuan(view.suspendedAtStakeYuan)}</div>
          </div>
          <div className="kpi">
            <div className="label">年内已解除</div>
            <div className="value">{lifted.length} 个</div>
          </div>
        </div>
        {rows.length > 0 && (
          <Chart
            option={option}
            label={`${formatYear(view.year)}暂停运维经费的项目（按单位）`}
            height={fundSuspensionsHeight(rows)}
            ssrWidth={760}
            table={fundSuspensionsTable(rows)}
            onItemClick={(e) => {
              const k = clickKey(e);
              if (k) onDept(k);
            }}
            testId="chart-fund-suspensions"
          />
        )}
      </div>
      <FundStatusList
        view={view}
        items={view.suspensions}
        what="运维经费暂停情况"
        goodNews={
          <p className="good-news">
            {formatYear(view.year)}没有项目被暂停运维经费{view.dept ? "（本单位）" : ""}：所有项目均按期编目、更新数据，整改均已通过。
          </p>
        }
        exportLabel="运维经费暂停的项目"
        testId="om-suspensions"
        stoppedLabel={omStatus("suspended").label}
        sinceHeader="暂停起始"
        withOmAtStake
      />
    </section>
  );
}
