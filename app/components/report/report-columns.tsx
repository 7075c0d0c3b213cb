// The columns of the annual report's tables: grades, department ranking, fund suspensions, county allocation and
// flagged projects. Amounts are exact yuan; scores keep two decimals on paper.
import type { Column } from "~/components/DataTable";
import { SeverityBadge } from "~/components/PerformanceUi";
import { constructionStatusLabel, omStatusLabel, reviewStatusLabel } from "~/domain/performance";
import { formatYuan } from "~/format/number";
import type { ReportCounty, ReportDepartment, ReportFlagged, ReportGrade, ReportSuspension } from "~/models/report.server";

/** A score on paper: two decimals. */
export const reportScore = (v: number | null) => (v === null ? "—" : v.toFixed(2));

const projectAndId = (name: string, projectId: string) => (
  <>
    {name}
    <div className="report-note">{projectId}</div>
  </>
);

export function gradeColumns(total: number): Column<ReportGrade>[] {
  return [
    { header: "等级", cell: (g) => g.grade },
    { header: "项目数", num: true, cell: (g) => g.projects },
    { header: "占比", num: true, cell: (g) => (total > 0 ? `${((g.projects / total) * 100).toFixed(1)}%` : "—") },
  ];
}

export const departmentColumns: Column<ReportDepartment>[] = [
  { header: "名次", num: true, cell: (d) => (d.meanScore === null ? "—" : d.rank) },
  { header: "单位", cell: (d) => d.deptName },
  { header: "项目数", num: true, cell: (d) => d.projects },
  { header: "平均得分", num: true, cell: (d) => reportScore(d.meanScore) },
  { header: "问题数", num: true, cell: (d) => d.flags },
  {
    header: "评审状态",
    cell: (d) => (
      <>
        {reviewStatusLabel(d.reviewStatus)}
        {d.reviewReasons ? <span className="report-note">（{d.reviewReasons}）</span> : null}
      </>
    ),
  },
];

export const suspensionColumns: Column<ReportSuspension>[] = [
  { header: "项目", cell: (x) => projectAndId(x.name, x.projectId) },
  { header: "单位", cell: (x) => x.deptName },
  { header: "运维资金", cell: (x) => omStatusLabel(x.omStatus) },
  { header: "建设资金", cell: (x) => constructionStatusLabel(x.constructionStatus) },
  { header: "原因", cell: (x) => x.reasons ?? "—" },
  { header: "起始", className: "nowrap", cell: (x) => x.since ?? "—" },
  { header: "解除", className: "nowrap", cell: (x) => x.liftedOn ?? "未解除" },
  { header: "涉及运维资金", num: true, cell: (x) => formatYuan(x.omAtStakeYuan) },
];

export const countyColumns: Column<ReportCounty>[] = [
  { header: "区县", cell: (c) => c.countyName },
  { header: "应承担（元）", num: true, cell: (c) => formatYuan(c.owedYuan) },
  { header: "已结算（元）", num: true, cell: (c) => formatYuan(c.settledYuan) },
  { header: "未结算（元）", num: true, cell: (c) => formatYuan(c.outstandingYuan) },
  { header: "项目数", num: true, cell: (c) => c.projects },
];

export const flaggedColumns: Column<ReportFlagged>[] = [
  { header: "项目", cell: (f) => projectAndId(f.projectName, f.projectId) },
  { header: "单位", cell: (f) => f.deptName },
  { header: "问题数", num: true, cell: (f) => f.flags },
  { header: "其中严重", num: true, cell: (f) => f.serious },
  { header: "最严重程度", cell: (f) => <SeverityBadge severity={f.worstSeverity} /> },
  { header: "涉及条款", cell: (f) => f.articles },
];
