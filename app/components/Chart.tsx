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

// The interactive charts take over their boxes one per task, those in or near the viewport first: ECharts drawing a
// chart on canvas costs 50–100 ms on a modest machine, and a page of six drawn in one task kept the first one from
// the screen until all were done (the province leadership page: ~0.5 s of charts after hydration). Until its turn a
// box keeps the server's SVG, which already shows the same chart (and prints). A chart far below the fold takes over
// when it comes near the viewport or when the browser is idle, whichever is first, so every chart is interactive soon
// after the page settles.
const takeOvers: (() => void)[] = [];
let draining = false;

function drainOne(): void {
  const next = takeOvers.shift();
  next?.();
  if (takeOvers.length > 0) setTimeout(drainOne, 0);
  else draining = false;
}

function queueTakeOver(run: () => void): void {
  takeOvers.push(run);
  if (draining) return;
  draining = true;
  setTimeout(drainOne, 0);
}

/** Calls `run` once the browser has nothing else to do (at the latest after `timeoutMs`); returns a cancel. */
function whenIdle(run: () => void, timeoutMs: number): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(run, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(run, Math.min(timeoutMs, 1_000));
  return () => window.clearTimeout(id);
}

export function Chart({ option, label, height = 320, ssrWidth = 640, table, onItemClick, testId, exportData }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const takeOverSoon = useRef<() => void>(() => {});
  const optionSeen = useRef(false);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  const [showTable, setShowTable] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let live: echarts.ECharts | null = null;
    let queued = false;
    let gone = false;
    const ro = new ResizeObserver(() => live?.resize());
    const takeOver = () => {
      if (gone || live) return;
      el.innerHTML = ""; // drop the server's SVG: the interactive chart takes over the same box
      const c = echarts.init(el, null, { renderer: "canvas", locale: "ZH" });
      live = c;
      chart.current = c;
      c.on("click", (p) => {
        const e = p as unknown as ChartClick;
        click.current?.({ name: e.name, seriesName: e.seriesName, dataIndex: e.dataIndex, value: e.value, data: e.data });
      });
      c.setOption({ textStyle: { fontFamily: CHART_FONT }, ...latest.current }, { notMerge: true });
      el.dataset.rendered = "true";
      ro.observe(el);
    };
    const soon = () => {
      if (queued || gone) return;
      queued = true;
      queueTakeOver(takeOver);
    };
    takeOverSoon.current = soon;
    // Drawn in the browser (a page reached by client navigation): there is no server SVG to show meanwhile.
    if (!el.firstChild) soon();
    const near = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          near.disconnect();
          soon();
        }
      },
      { rootMargin: "200px 0px" },
    );
    near.observe(el);
    const cancelIdle = whenIdle(soon, 3_000);
    return () => {
      gone = true;
      near.disconnect();
      cancelIdle();
      ro.disconnect();
      live?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!optionSeen.current) {
      optionSeen.current = true; // the first option is drawn when the chart takes over
      return;
    }
    if (chart.current) {
      chart.current.setOption({ textStyle: { fontFamily: CHART_FONT }, ...option }, { notMerge: true });
    } else {
      takeOverSoon.current(); // the server's SVG shows the previous option: take over now, with this one
    }
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
