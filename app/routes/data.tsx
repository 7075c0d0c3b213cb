// 数据 /data?source=&page= — what the warehouse was built from and whether it can be trusted today: per-file loads,
// rejected rows with their reasons, the as-of date and freshness. A warehouse built, or evaluated as of a date, more
// than 7 days ago, or missing a source, gets a big red banner: a stale warehouse is shouted, not whispered.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { BatchesCard } from "~/components/data/BatchesCard";
import { FreshnessBanner } from "~/components/data/FreshnessBanner";
import { RejectsCard } from "~/components/data/RejectsCard";
import { FilterBar } from "~/components/FilterBar";
import { Kpi } from "~/components/Kpi";
import { PageErrorBoundary } from "~/components/PageErrorBoundary";
import { filterSearch } from "~/filters";
import { getDataStatus, parseSource, type DataStatusView } from "~/models/data-quality.server";
import { sourceLabel } from "~/domain/sources";
import { formatDateCn, STALE_AFTER_DAYS } from "~/domain/status";
import { formatCount } from "~/format/number";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";
import { viewOrMissing } from "~/warehouse-view.server";

export const meta: MetaFunction = () => [{ title: "数据 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "data_status"));
  const params = new URL(request.url).searchParams;
  const page = /^\d{1,5}$/.test(params.get("page") ?? "") ? Number(params.get("page")) : 1;
  return viewOrMissing(() => getDataStatus({ source: parseSource(params.get("source")), page }, scope));
}

export default function DataStatus() {
  const { view, missing } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <>
        <h1>数据：装载情况与新鲜度</h1>
        <div className="banner bad stale-banner" role="alert">
          <div className="stale-title">数据仓库不存在</div>
          <p>{missing}</p>
        </div>
      </>
    );
  }
  return <DataPage view={view} />;
}

function DataPage({ view }: { view: DataStatusView }) {
  const [params] = useSearchParams();
  const href = (changes: Record<string, string | number | null>) => `/data${filterSearch(params, { page: null, ...changes })}`;
  const present = view.sources.filter((s) => !s.missing).length;
  const rejected = view.sources.reduce((t, s) => t + s.rowsRejected, 0);
  const loaded = view.sources.reduce((t, s) => t + s.rowsLoaded, 0);
  const label = view.source ? sourceLabel(view.source) : null;
  // the data API has no source parameter: the downloads hold every source, and say so when one is selected
  const sourceFilter = view.source ? ["数据来源"] : [];

  return (
    <div className="data-page">
      <h1>数据：装载情况与新鲜度</h1>
      <FreshnessBanner view={view} />

      <div className="grid cols-4">
        <Kpi
          label="评估基准日"
          value={formatDateCn(view.build?.asOf)}
          tone={(view.freshness.asOfAgeDays ?? 0) > STALE_AFTER_DAYS ? "bad" : undefined}
        />
        <Kpi
          label="构建时间"
          value={view.build?.builtAt?.slice(0, 16) ?? "—"}
          tone={(view.freshness.builtAgeDays ?? 0) > STALE_AFTER_DAYS ? "bad" : undefined}
        />
        <Kpi
          label="数据来源"
          value={
            <>
              {present} / {view.sources.length}
            </>
          }
          tone={present < view.sources.length ? "bad" : undefined}
        />
        <Kpi
          label="入库 / 被拒行数"
          value={
            <>
              {formatCount(loaded)} / <span className={rejected ? "bad-text" : undefined}>{formatCount(rejected)}</span>
            </>
          }
        />
      </div>

      <FilterBar fields={[{ name: "source", label: "数据来源", options: view.sourceOptions, allLabel: "全部来源" }]} />

      <BatchesCard view={view} label={label} sourceFilter={sourceFilter} sourceHref={(source) => href({ source })} />
      <RejectsCard view={view} label={label} sourceFilter={sourceFilter} pageHref={(page) => href({ page })} />
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <PageErrorBoundary
      title="数据页面暂时无法显示"
      fallback="读取数据仓库的装载记录时出错：数据仓库可能不完整或正在更新。请稍后重试；若问题持续，请重新运行数据构建或联系系统管理员。"
      links={[
        { to: "/data", label: "重新加载" },
        { to: "/", label: "返回概览" },
      ]}
    />
  );
}
