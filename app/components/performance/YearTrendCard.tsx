// 年度变化: each year's mean score and count of 差 projects; a click switches the page to that year.
import { useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { clickKey } from "~/charts/click";
import { yearTrendOption, yearTrendTable } from "~/charts/year-trend";
import type { CardProps, Href } from "./types";

export function YearTrendCard({ view, year, filters, here }: CardProps & { here: Href }) {
  const navigate = useNavigate();
  const option = useMemo(() => yearTrendOption(view.years, { selectedYear: year }), [view.years, year]);
  return (
    <section className="card">
      <h2>年度变化</h2>
      <p className="hint">各年度评分项目的平均分和差等级项目数；点击年份切换到该年度。</p>
      <Chart
        option={option}
        label="各年度平均分和差等级项目数"
        height={280}
        table={yearTrendTable(view.years)}
        exportData={{ relation: "mart_project_year", filters: { dept: filters.dept, kind: filters.kind } }}
        testId="year-trend"
        onItemClick={(e) => {
          const y = clickKey(e);
          if (y) navigate(here({ year: y, project: null }));
        }}
      />
    </section>
  );
}
