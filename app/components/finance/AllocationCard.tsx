// 政务云租赁费区县分摊（第二十三条、第二十五条）: the year's cloud rent of city-wide systems split between the city and
// the counties — the chart (a click filters the page to a county), what each county owes, the project × county
// matrix, and the projects whose rent is not allocated.
import { Link, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { QueryUnavailable } from "~/components/WarehouseMissing";
import { clickKey } from "~/charts/click";
import { allocationCounties, countyAllocationOption, countyAllocationTable } from "~/charts/county-allocation";
import { sumYuan } from "~/charts/fund-suspensions";
import { filterSearch } from "~/filters";
import { formatYear, formatYuan } from "~/format/number";
import type { FinanceView } from "~/models/finance.server";
import { AllocationMatrix, matrixRows } from "./AllocationMatrix";
import { AllocationErrorsBanner, NotSixCountiesBanner } from "./AllocationWarnings";
import { CityOnlyProjects } from "./CityOnlyProjects";
import { CountyYearTable } from "./CountyYearTable";

export function AllocationCard({ view, onCounty }: { view: FinanceView; onCounty: (c: string) => void }) {
  const [params] = useSearchParams();
  const countyHref = (county: string | null) => `/finance${filterSearch(params, { county })}`;
  const allocable = view.allocation.filter((l) => l.allocable);
  const notAllocable = view.allocation.filter((l) => !l.allocable);
  const option = useMemo(() => countyAllocationOption(allocable, view.county), [view.allocation, view.county]);
  const counties = allocationCounties(allocable);
  const projects = matrixRows(allocable);
  const others = matrixRows(notAllocable);
  const countyName = view.county === "CITY" ? "市本级" : view.options.counties.find((c) => c.value === view.county)?.label ?? view.county;
  const cityTotal = sumYuan(allocable.filter((l) => l.countyCode === "CITY").map((l) => l.amountYuan));
  const selectedTotal = view.county ? sumYuan(allocable.filter((l) => l.countyCode === view.county).map((l) => l.amountYuan)) : null;
  const shownProjects = view.county ? projects.filter((p) => p.parts.has(view.county as string)) : projects;
  const rentTotal = sumYuan(projects.map((p) => p.rentYuan));

  return (
    <section className="card" aria-labelledby="alloc-title">
      <h2 id="alloc-title">{formatYear(view.year)}政务云租赁费区县分摊（第二十三条、第二十五条）</h2>
      <AllocationErrorsBanner view={view} />
      <NotSixCountiesBanner view={view} allocable={allocable} />
      {view.missing.queries.includes("finance-allocation") ? (
        <QueryUnavailable what="云租赁费分摊" as="div" />
      ) : view.allocation.length === 0 ? (
        <div className="empty-state">
          <p>{formatYear(view.year)}没有政务云租赁费账单{view.dept ? "（本单位牵头或建设的项目）" : ""}，无需分摊。</p>
          <p>若本年度应有账单，请在<Link to="/data?source=cloud_billing">数据页</Link>检查“政务云账单”的装载情况。</p>
        </div>
      ) : allocable.length === 0 ? (
        view.allocationErrors.length > 0 ? (
          <p className="muted">
            {formatYear(view.year)}应向区县分摊的项目均因上述原因无法分摊，补齐数据前不显示分摊图。
          </p>
        ) : (
          <p className="good-news">
            {formatYear(view.year)}没有年租赁费达到 500 万元的全市性系统，无需向区县分摊；{view.cityOnly.projects} 个项目的租赁费由牵头或建设单位全额承担（见下表）。
          </p>
        )
      ) : (
        <>
          <p className="muted">
            {projects.length} 个全市性系统年租赁费达到 500 万元，合计 {formatYuan(rentTotal)}，其中市本级承担 {formatYuan(cityTotal)}。
            民生类按上年常住人口分摊；审批监管类市县 4:6。点击柱形按区县筛选。
          </p>
          <Chart
            option={option}
            label={`${formatYear(view.year)}云租赁费分摊（按区县，万元；每个系列为一个项目）`}
            height={380}
            ssrWidth={1300}
            table={countyAllocationTable(allocable)}
            exportData={{ relation: "mart_allocation", filters: { year: view.year, dept: view.dept } }}
            onItemClick={(e) => {
              const k = clickKey(e);
              if (k) onCounty(k);
            }}
            testId="chart-county-allocation"
          />
        </>
      )}

      {view.county && (
        <div className="banner info">
          已筛选 <strong>{countyName}</strong>：{formatYear(view.year)}应分摊 {formatYuan(selectedTotal)}，涉及 {shownProjects.length} 个项目。{" "}
          <Link to={countyHref(null)} preventScrollReset>
            查看全部区县
          </Link>
        </div>
      )}

      <CountyYearTable view={view} countyHref={countyHref} />
      {projects.length > 0 && <AllocationMatrix view={view} counties={counties} projects={shownProjects} countyHref={countyHref} />}
      <CityOnlyProjects view={view} others={others} />
    </section>
  );
}
