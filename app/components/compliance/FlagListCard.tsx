// 违规标记明细: the flags under the page's filters, most severe first, each with its article, evidence, consequence and
// due date; an empty list under filters is said to be good news, with the way back to every flag.
import { Link } from "@remix-run/react";
import { DataTable, type Column } from "~/components/DataTable";
import { ExportLinks } from "~/components/ExportLinks";
import { Pager } from "~/components/Pager";
import { projectHref } from "~/components/record-links";
import { QueryUnavailable } from "~/components/WarehouseMissing";
import { articleLabel, ruleInfo, ruleLabel, severityColour } from "~/domain/rules";
import { formatDateCn } from "~/domain/status";
import { formatCount, formatYear } from "~/format/number";
import type { ComplianceView, FlagItem } from "~/models/compliance.server";

type Href = (changes: Record<string, string | number | null>) => string;

function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span className="badge severity" style={{ background: severityColour(severity), color: "#fff" }}>
      {severity || "—"}
    </span>
  );
}

function flagColumns(href: Href): Column<FlagItem>[] {
  return [
    { header: "严重程度", cell: (f) => <SeverityBadge severity={f.severity} /> },
    {
      header: "条款",
      className: "flag-rule",
      cell: (f) => {
        const info = ruleInfo(f.ruleId);
        return (
          <>
            <Link to={href({ rule: f.ruleId })} preventScrollReset title={info.title}>
              {articleLabel(f.article || info.article)}
            </Link>
            <div className="small">{info.short}</div>
          </>
        );
      },
    },
    {
      header: "项目",
      cell: (f) => (
        <>
          <Link to={projectHref(f.projectId)}>{f.projectName}</Link>
          <div className="muted small">
            {f.deptName} · {formatYear(f.year)}
          </div>
        </>
      ),
    },
    {
      header: "证据",
      cell: (f) => (
        <>
          {f.evidence}
          {f.recordRef && <div className="muted small">记录：{f.recordRef}</div>}
        </>
      ),
    },
    { header: "后果", cell: (f) => f.consequence || ruleInfo(f.ruleId).consequence },
    { header: "事件日期", className: "nowrap", cell: (f) => f.eventDate ?? "—" },
    { header: "截止日期", className: "nowrap", cell: (f) => f.dueDate ?? <span className="muted">无期限</span> },
    { header: "评估基准日", className: "nowrap", cell: (f) => f.asOf ?? "—" },
  ];
}

export function FlagListCard({ view, href }: { view: ComplianceView; href: Href }) {
  const first = (view.page - 1) * view.pageSize + 1;
  const last = first + view.flags.length - 1;
  return (
    <section className="card" aria-labelledby="flags-title">
      <h2 id="flags-title">违规标记明细</h2>
      {view.missing.queries.includes("compliance-flags") ? (
        <QueryUnavailable what="违规标记明细" />
      ) : view.total === 0 ? (
        <div className="good-news">
          <p>
            <strong>没有符合筛选条件的违规标记——这是好消息。</strong>
            在评估基准日 {formatDateCn(view.asOf)}，{[view.year ? formatYear(view.year) : null, view.dept ? "所选单位" : null, view.rule ? ruleLabel(view.rule) : null].filter(Boolean).join("、") || "全部范围"}
            没有发现此类违规。
          </p>
          {(view.year || view.dept || view.rule) && (
            <p>
              可以<Link to="/compliance">清除筛选</Link>查看全部标记，或在图表中选择其他条款、单位或年度。
            </p>
          )}
        </div>
      ) : (
        <>
          <p className="muted">
            共 {formatCount(view.total)} 条，涉及 {formatCount(view.matchingProjects)} 个项目，按严重程度和事件日期排序；当前显示第 {first}–{last} 条。
          </p>
          <ExportLinks relation="mart_flags" filters={{ year: view.year, dept: view.dept, rule: view.rule }} label="违规标记明细" />
          <DataTable rows={view.flags} columns={flagColumns(href)} rowKey={(f) => f.flagId} className="flag-list" testId="flag-list" scroll />
          <Pager page={view.page} pages={view.pages} href={(page) => href({ page })} preventScrollReset>
            <span>
              第 {view.page} / {view.pages} 页
            </span>
          </Pager>
        </>
      )}
    </section>
  );
}
