// The printed report's figures: a headline number with its note, a chart already rendered to SVG on the server (so the
// page prints complete without JavaScript), and its tables (the dashboard's data table in the report's print style).
import { DataTable, type DataTableProps } from "~/components/DataTable";

export function ReportKpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="report-kpi">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {note && <div className="note">{note}</div>}
    </div>
  );
}

export function ReportChart({ svg, label, testId }: { svg: string; label: string; testId: string }) {
  if (!svg) return <p className="report-empty">本年度无可绘制的数据。</p>;
  return (
    <figure className="report-chart" role="img" aria-label={label} data-testid={testId}>
      <div dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

export function ReportTable<T>(props: Omit<DataTableProps<T>, "className" | "scroll">) {
  return <DataTable {...props} className="report-table" />;
}
