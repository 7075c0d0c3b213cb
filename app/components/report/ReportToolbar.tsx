// Above the printed page (hidden in print): the other years' reports, the PDF and the Excel exports of the year.
import { Link } from "@remix-run/react";
import { exportHref } from "~/export/labels";

export function ReportToolbar({ year, years }: { year: number; years: number[] }) {
  return (
    <nav className="report-toolbar" aria-label="报告操作">
      <span>
        年度：
        {years.map((y) =>
          y === year ? (
            <strong key={y} className="report-year current">
              {y}
            </strong>
          ) : (
            <Link key={y} className="report-year" to={`/report/${y}`}>
              {y}
            </Link>
          ),
        )}
      </span>
      <span className="report-actions">
        <a href={`/report/${year}.pdf`} download>
          下载 PDF
        </a>
        <a href={exportHref("mart_flags", `?year=${year}`, "xlsx")}>导出问题清单（Excel）</a>
        <a href={exportHref("mart_project_year", `?year=${year}`, "xlsx")}>导出项目汇总（Excel）</a>
      </span>
    </nav>
  );
}
