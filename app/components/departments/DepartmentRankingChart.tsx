// Departments ranked by mean score, head and tail when there are many (the full list is in the data table); a click
// opens the department at the year shown. The 年度绩效 and 单位 pages draw it.
import { useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import type { ExportSource } from "~/components/ExportLinks";
import { departmentHref } from "~/components/record-links";
import { clickKey } from "~/charts/click";
import { rankingHeight, rankingRows, RANKING_LIMIT, rankingWindow, scoreRankingOption, scoreRankingTable, type RankedItem } from "~/charts/score-ranking";

export function DepartmentRankingChart({
  items,
  year,
  highlight = null,
  detailLabel,
  exportData,
  testId,
}: {
  items: RankedItem[];
  year: number;
  /** The department the page is filtered to, drawn in the accent colour. */
  highlight?: string | null;
  /** The data table's header for each item's detail ("项目数", "评分项目"). */
  detailLabel: string;
  exportData: ExportSource;
  testId: string;
}) {
  const navigate = useNavigate();
  const shown = useMemo(() => rankingWindow(items, RANKING_LIMIT), [items]);
  const option = useMemo(() => scoreRankingOption(shown, { highlight }), [shown, highlight]);
  return (
    <Chart
      option={option}
      label={`${year}年单位平均分排名`}
      height={rankingHeight(rankingRows(shown))}
      table={scoreRankingTable(shown, detailLabel)}
      exportData={exportData}
      testId={testId}
      onItemClick={(e) => {
        const code = clickKey(e);
        if (code) navigate(departmentHref(code, year));
      }}
    />
  );
}
