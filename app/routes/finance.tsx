// 资金 /finance?year=&dept=&county= — what the finance bureau acts on: O&M funds suspended (Art. 30, 34) first, then
// construction funds blocked (Art. 22), approved vs contracted vs paid (Art. 21), and the year's county allocation of
// cloud rent (Art. 23) with what each county owes and the Art. 25 duty per project.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { FilterBar } from "~/components/FilterBar";
import { AllocationCard } from "~/components/finance/AllocationCard";
import { BlockedFundsCard } from "~/components/finance/BlockedFundsCard";
import { FundingCard } from "~/components/finance/FundingCard";
import { SuspensionsCard } from "~/components/finance/SuspensionsCard";
import { PageErrorBoundary } from "~/components/PageErrorBoundary";
import { MissingRelationsBanner, WarehouseMissing } from "~/components/WarehouseMissing";
import { filterSearch, parseFilters } from "~/filters";
import { getFinanceView, type FinanceView } from "~/models/finance.server";
import { formatDateCn } from "~/domain/status";
import { formatYear } from "~/format/number";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";
import { viewOrMissing } from "~/warehouse-view.server";
import { scopedDept } from "~/models/scope.server";

export const meta: MetaFunction = () => [{ title: "资金 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const f = parseFilters(new URL(request.url).searchParams);
  const dept = scopedDept(scope, f.dept);
  return viewOrMissing(() => getFinanceView({ year: f.year, dept, county: f.county }, scope));
}

export default function Finance() {
  const { view, missing } = useLoaderData<typeof loader>();
  if (!view) return <WarehouseMissing message={missing} />;
  return <FinancePage view={view} />;
}

function FinancePage({ view }: { view: FinanceView }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const go = (changes: Record<string, string | number | null>) => navigate(filterSearch(params, changes), { preventScrollReset: true });
  const yearText = formatYear(view.year);
  const deptName = view.options.depts.find((d) => d.value === view.dept)?.label ?? null;

  return (
    <div className="finance-page">
      <h1>资金：经费暂停、资金拨付与云租赁费分摊</h1>
      <p className="subtitle">
        {view.year ? yearText : "无年度数据"}
        {deptName ? ` · ${deptName}` : ""} · 状态评估基准日 <strong>{formatDateCn(view.asOf)}</strong> · 图表单位万元，表格金额精确到分
      </p>
      <FilterBar
        fields={[
          { name: "year", label: "年度", options: view.options.years },
          { name: "dept", label: "单位", options: view.options.depts, allLabel: "全部单位" },
          { name: "county", label: "区县", options: view.options.counties, allLabel: "全部区县" },
        ]}
      />
      <MissingRelationsBanner relations={view.missing.relations} />
      {view.year === null ? (
        <section className="empty-state">
          <h2>数据仓库中没有任何年度的项目资金数据</h2>
          <p>请确认项目申报、国库支付和政务云账单已导入，然后重新构建数据仓库（见<Link to="/data">数据页</Link>）。</p>
        </section>
      ) : (
        <>
          <SuspensionsCard view={view} onDept={(d) => go({ dept: d })} />
          <BlockedFundsCard view={view} />
          <FundingCard view={view} onDept={(d) => go({ dept: d })} />
          <AllocationCard view={view} onCounty={(c) => go({ county: c })} />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <PageErrorBoundary
      title="资金页面暂时无法显示"
      links={[
        { to: "/finance", label: "返回资金页" },
        { to: "/data", label: "查看数据状态" },
      ]}
    />
  );
}
