// The one place ECharts is assembled: only the chart types and components the pages use, from echarts/core, so the
// browser bundle stays small (tree-shaken) and the server can render the same options to SVG.
import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart, PieChart, RadarChart, ScatterChart } from "echarts/charts";
import {
  DatasetComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import { LegacyGridContainLabel } from "echarts/features";
import { LRUCache } from "lru-cache";

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  RadarChart,
  ScatterChart,
  DatasetComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
  // grid.containLabel (ECharts 5 behaviour) keeps long Chinese axis labels inside the box
  LegacyGridContainLabel,
]);

export type { EChartsCoreOption as ChartOption } from "echarts/core";
export { echarts };

/** The font stack the page uses, so server SVG and client canvas measure Chinese the same way. */
export const CHART_FONT = '"Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';

// Server-side SVG costs ~10 ms a chart; the same option (same warehouse, same filters) gives the same SVG, so an LRU
// keyed on the option's text (functions by their source) makes repeat views cheap. Bounded by the text it holds
// (~64 MB at most): the warm-up's prepared views alone are a few hundred charts (docs/decisions/011-prepared-views.md).
const svgCache = new LRUCache<string, string>({
  max: 5_000,
  maxSize: 32_000_000, // UTF-16 code units of key and SVG
  sizeCalculation: (svg, key) => Math.max(1, svg.length + key.length),
});

function optionKey(option: unknown, width: number, height: number): string {
  return `${width}x${height}:` + JSON.stringify(option, (_k, v) => (typeof v === "function" ? `fn:${v.toString()}` : v));
}

function drawSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height, locale: "ZH" });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

// While the server's warm-up rehearses a page (app/rehearsal.server.ts), charts are drawn but neither looked up in nor
// added to the cache: the point of a rehearsal is that V8 compiles ECharts before the first real page needs it. (The
// views the warm-up then prepares are not rehearsals: their charts are kept — docs/decisions/011-prepared-views.md.)
// The server installs the check; this module is shared with the browser bundle, which has none.
let rehearsing: () => boolean = () => false;

/** Installs the server's "is this a rehearsal?" check. */
export function checkRehearsalWith(check: () => boolean): void {
  rehearsing = check;
}

/** How many drawings the cache holds (the warm-up's tests: a rehearsal adds none, preparing views adds theirs). */
export function chartsKept(): number {
  return svgCache.size;
}

/** Renders an option to an SVG string on the server (ECharts SSR), for a page readable before JavaScript loads. */
export function renderChartSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  if (rehearsing()) return drawSvg(option, width, height);
  const key = optionKey(option, width, height);
  const hit = svgCache.get(key);
  if (hit !== undefined) return hit;
  const svg = drawSvg(option, width, height);
  svgCache.set(key, svg);
  return svg;
}
