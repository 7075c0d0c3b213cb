// 历年平均分: a department's mean score year by year; a click opens that year.
import { useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { departmentHref } from "~/components/record-links";
import { clickKey } from "~/charts/click";
import { yearTrendOption, yearTrendTable, type YearPoint } from "~/charts/year-trend";
import { formatScore } from "~/domain/performance";
import type { DepartmentDetail, DepartmentYear } from "~/models/department.server";

export function ScoreHistoryCard({ dept, cur, year }: { dept: DepartmentDetail; cur: DepartmentYear; year: number }) {
  const navigate = useNavigate();
  const trend: YearPoint[] = useMemo(
    () =>
      dept.history.map((h) => ({
        year: h.year as number,
        meanScore: h.meanScore,
        projectsScored: h.projects,
        poor: 0,
        provisional: h.provisional,
      })),
    [dept.history],
  );
  const option = useMemo(() => yearTrendOption(trend, { selectedYear: year, showPoor: false }), [trend, year]);
  return (
    <section className="card">
      <h2>历年平均分</h2>
      <p className="hint">点击年份查看该年度。自评比独立评价高出：{cur.selfScoreGap === null ? "—" : `${formatScore(cur.selfScoreGap)} 分`}。</p>
      <Chart
        option={option}
        label={`${dept.deptName}历年平均分`}
        height={260}
        table={yearTrendTable(trend, { showPoor: false, countLabel: "项目数" })}
        exportData={{ relation: "mart_department_year", filters: { dept: dept.deptCode } }}
        onItemClick={(e) => {
          const y = clickKey(e);
          if (y) navigate(departmentHref(dept.deptCode, y));
        }}
      />
    </section>
  );
}
