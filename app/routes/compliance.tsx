// 合规 /compliance?year=&dept=&rule=&page= — the flags of 绍政办发〔2020〕39号 as of the warehouse's evaluation date:
// by article, by department, department × article and by year (each chart filters the page when clicked), the list
// with evidence, consequence and due date, and the departments whose reviews are deferred (Art. 34) or restricted
// (Art. 7(6)).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { AsOfStrip } from "~/components/compliance/AsOfStrip";
import { FlagCharts } from "~/components/compliance/FlagCharts";
import { FlagListCard } from "~/components/compliance/FlagListCard";
import { ReviewsCard } from "~/components/compliance/ReviewsCard";
import { FilterBar } from "~/components/FilterBar";
import { Kpi } from "~/components/Kpi";
import { PageErrorBoundary } from "~/components/PageErrorBoundary";
import { MissingRelationsBanner, QueryUnavailable, WarehouseMissing } from "~/components/WarehouseMissing";
import { filterSearch, pageNumber, parseFilters } from "~/filters";
import { getComplianceView, type ComplianceView } from "~/models/compliance.server";
import { ruleLabel } from "~/domain/rules";
import { formatDateCn } from "~/domain/status";
import { formatCount, formatYear } from "~/format/number";
import { requireUser } from "~/auth/session.server";
import { scopeOf } from "~/auth/roles";
import { viewOrMissing } from "~/warehouse-view.server";
import { scopedDept } from "~/models/scope.server";

export const meta: MetaFunction = () => [{ title: "合规 · 信管" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = scopeOf(await requireUser(request, "read"));
  const params = new URL(request.url).searchParams;
  const f = parseFilters(params);
  const dept = scopedDept(scope, f.dept);
  const page = pageNumber(params.get("page"));
  return viewOrMissing(() => getComplianceView({ year: f.year, dept, rule: f.rule, page }, scope));
}

export default function Compliance() {
  const { view, missing } = useLoaderData<typeof loader>();
  if (!view) return <WarehouseMissing message={missing} />;
  return <CompliancePage view={view} />;
}

function CompliancePage({ view }: { view: ComplianceView }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const href = (changes: Record<string, string | number | null>) => `/compliance${filterSearch(params, { page: null, ...changes })}`;
  const go = (changes: Record<string, string | number | null>) => navigate(href(changes), { preventScrollReset: true });

  const deptName = view.options.depts.find((d) => d.value === view.dept)?.label ?? view.dept;
  const scope = [view.year ? formatYear(view.year) : null, deptName, view.rule ? ruleLabel(view.rule) : null].filter(Boolean).join(" · ");
  const flagsDown = view.missing.queries.includes("compliance-flags") || view.missing.queries.includes("compliance-flag-counts");
  const filtered = view.year !== null || view.dept !== null || view.rule !== null;

  return (
    <div className="compliance-page">
      <h1>合规：违规标记</h1>
      <AsOfStrip asOf={view.asOf} staleReasons={view.staleReasons} />
      <FilterBar
        fields={[
          { name: "year", label: "年度", options: view.options.years, allLabel: "全部年度" },
          { name: "dept", label: "单位", options: view.options.depts, allLabel: "全部单位" },
          { name: "rule", label: "条款", options: view.options.rules, allLabel: "全部条款" },
        ]}
      />
      <MissingRelationsBanner relations={view.missing.relations} consequence="，不能据此判断合规情况" />
      {filtered && (
        <p className="active-filters">
          当前筛选：{scope}{" "}
          <Link to="/compliance" preventScrollReset>
            清除全部筛选
          </Link>
        </p>
      )}

      <div className="grid cols-3">
        <Kpi
          label={filtered ? "符合筛选的违规标记" : "违规标记"}
          value={flagsDown ? "—" : `${formatCount(view.total)} 条`}
          tone={view.total ? "bad" : undefined}
        />
        <Kpi label="其中严重" value={flagsDown ? "—" : `${formatCount(view.severeFlags)} 条`} tone={view.severeFlags ? "bad" : undefined} />
        <Kpi
          label="暂缓审核或申报受限的单位"
          value={
            view.missing.queries.includes("compliance-review-status") ? "—" : `${formatCount(new Set(view.reviews.map((r) => r.deptCode)).size)} 个`
          }
          tone={view.reviews.length ? "bad" : undefined}
        />
      </div>

      <ReviewsCard view={view} />

      {view.missing.queries.includes("compliance-flag-counts") ? (
        <QueryUnavailable what="违规标记统计图" />
      ) : view.allFlags === 0 ? (
        <section className="empty-state">
          <h2>评估基准日 {formatDateCn(view.asOf)} 未发现任何违规事项</h2>
          <p>这是好消息。若预期应有违规标记，请在<Link to="/data">数据页</Link>检查各数据来源是否已完整装载。</p>
        </section>
      ) : (
        <FlagCharts view={view} scope={scope} go={go} />
      )}

      <FlagListCard view={view} href={href} />
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <PageErrorBoundary
      title="合规页面暂时无法显示"
      links={[
        { to: "/compliance", label: "返回合规页" },
        { to: "/data", label: "查看数据状态" },
      ]}
    />
  );
}
