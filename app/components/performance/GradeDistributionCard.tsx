// 等级分布: how many of the year's projects got each grade; a click lists that grade's projects.
import { useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { clickKey } from "~/charts/click";
import { gradeDistributionOption, gradeDistributionTable } from "~/charts/grade-distribution";
import type { CardProps, Href } from "./types";

export function GradeDistributionCard({ view, year, filters, listHref }: CardProps & { listHref: Href }) {
  const navigate = useNavigate();
  const tally = view.grades;
  const option = useMemo(() => gradeDistributionOption(tally.counts, filters.grade), [tally, filters.grade]);
  return (
    <section className="card">
      <h2>等级分布</h2>
      <p className="hint">点击柱条查看该等级的项目。</p>
      <Chart
        option={option}
        label={`${year}年项目绩效等级分布`}
        height={280}
        table={gradeDistributionTable(tally.counts)}
        exportData={{ relation: "mart_project_year", filters: { year, dept: filters.dept, kind: filters.kind } }}
        testId="grade-distribution"
        onItemClick={(e) => {
          const g = clickKey(e);
          if (g) navigate(listHref({ grade: g }));
        }}
      />
    </section>
  );
}
