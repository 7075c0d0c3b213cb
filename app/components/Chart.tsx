// The one ECharts wrapper (house style: Evidence's echarts.js). It owns init, setOption, resize and dispose;
// every chart elsewhere is a pure function (rows) => option in app/charts/. On the server it renders the option
// to SVG so the page reads (and prints) before JavaScript loads; in the browser it hydrates into the interactive
// chart in the same box. Every chart carries its data table one click away.
import { useEffect, useRef, useState } from "react";
import { CHART_FONT, echarts, renderChartSvg, type ChartOption } from "~/charts/echarts";
import { ExportLinks, type ExportSource } from "./ExportLinks";

export interface ChartClick {
  name: string;
  seriesName?: string;
  dataIndex: number;
  value: unknown;
  data: unknown;
}

export interface ChartTable {
  headers: string[];
  rows: (string | number | null)[][];
}

export interface ChartProps {
  option: ChartOption;
  /** What the chart shows, read by screen readers and used as the data table's caption. */
  label: string;
  height?: number;
  /** Width used for the server-side SVG; the browser chart fills its box. */
  ssrWidth?: number;
  table?: ChartTable;
  onItemClick?: (e: ChartClick) => void;
  testId?: string;
  /** The mart the chart is drawn from, with its filters: adds the 导出 links beside the data table's toggle. */
  exportData?: ExportSource;
}

const isServer = typeof document === "undefined";

export function Chart({ option, label, height = 320, ssrWidth = 640, table, onItemClick, testId, exportData }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  const [showTable, setShowTable] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.innerHTML = ""; // drop the server's SVG: the interactive chart takes over the same box
    const c = echarts.init(el, null, { renderer: "canvas", locale: "ZH" });
    chart.current = c;
    c.on("click", (p) => {
      const e = p as unknown as ChartClick;
      click.current?.({ name: e.name, seriesName: e.seriesName, dataIndex: e.dataIndex, value: e.value, data: e.data });
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: CHART_FONT }, ...option }, { notMerge: true });
    if (box.current) box.current.dataset.rendered = "true";
  }, [option]);

  const svg = isServer ? renderChartSvg(option, ssrWidth, height) : "";
  return (
    <figure className="chart" data-testid={testId}>
      <div
        ref={box}
        className="chart-box"
        role="img"
        aria-label={label}
        style={{ height, width: "100%" }}
        // The server's SVG stays in place until the effect above replaces it; React must not touch it on hydrate.
        dangerouslySetInnerHTML={{ __html: svg }}
        suppressHydrationWarning
      />
      {(table || exportData) && (
        <figcaption>
          {table && (
            <button type="button" className="link-button" onClick={() => setShowTable((v) => !v)}>
              {showTable ? "隐藏数据表" : "查看数据表"}
            </button>
          )}
          {exportData && <ExportLinks {...exportData} label={label} />}
          {table && showTable && (
            <table className="data chart-table">
              <caption>{label}</caption>
              <thead>
                <tr>{table.headers.map((h) => <th key={h}>{h}</th>)}</tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>{r.map((c, j) => <td key={j}>{c ?? "—"}</td>)}</tr>
                ))}
              </tbody>
            </table>
          )}
        </figcaption>
      )}
    </figure>
  );
}
