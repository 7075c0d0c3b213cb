// 项目生命线: application → contract → acceptance → catalog → go-live → rectification → shutdown, every milestone with
// the event that starts its clock, its deadline under the measures (working days per the State Council calendar),
// when it was actually done, and whether the deadline was met — met, late (by how many working days), open
// (deadline ahead) or missing (deadline passed, not done) as of the build's as-of date. The milestones and their
// statuses come from the warehouse (mart_project_milestones, the same deadlines as mart_flags); this module only
// arranges them, adds the rows of stages not reached yet, and draws them. Pure functions, testable without a browser.
import type { ChartTable } from "~/components/Chart";
import { articleLabel } from "~/domain/performance";
import type { ChartOption } from "./echarts";

export interface LifelineProject {
  year: number; // 申报年度
  approvedYuan: string | null;
  prelimAcceptedOn: string | null;
  finalAcceptedOn: string | null;
  goLiveOn: string | null;
  shutdownOn: string | null;
}

export interface LifelineFlag {
  flagId: string;
  ruleId: string;
  article: string;
  evidence: string;
  eventDate: string | null;
  dueDate: string | null;
}

/** mart_project_milestones.status (docs/warehouse.md). */
export type MilestoneStatus = "met" | "late" | "open" | "missing" | "done" | "pending";

/** One row of mart_project_milestones, as the page reads it. */
export interface LifelineMilestone {
  stage: string;
  stageName: string;
  article: string | null;
  recordRef: string;
  event: string | null;
  eventDate: string | null;
  dueDate: string | null;
  doneDate: string | null;
  status: MilestoneStatus;
  workdaysLate: number | null;
  daysLate: number | null;
  note: string;
  flagId: string | null;
}

/** A milestone's status, or `none`: the stage has no milestone on record (not reached, or not applicable). */
export type StageStatus = MilestoneStatus | "none";

/** One row of the life line: a milestone, or the placeholder of a stage with none. */
export interface Stage {
  /** Unique within the life line: stage key and record. */
  key: string;
  stage: string;
  label: string;
  article: string | null;
  recordRef: string | null;
  event: string | null;
  eventDate: string | null;
  due: string | null;
  doneDate: string | null;
  status: StageStatus;
  workdaysLate: number | null;
  daysLate: number | null;
  note: string;
  /** The mart_flags rows behind this row: the flag raised on the milestone, and the stage's other rule flags. */
  flagIds: string[];
}

export const STATUS_LABELS: Record<StageStatus, string> = {
  met: "按期完成",
  late: "逾期完成",
  open: "未到期",
  missing: "逾期未完成",
  done: "已完成（无期限）",
  pending: "尚未完成",
  none: "尚未发生",
};

/** The badge class of a status on the page (app.css: ok / warn / bad / muted). */
export const STATUS_TONES: Record<StageStatus, "ok" | "warn" | "bad" | "muted"> = {
  met: "ok",
  late: "bad",
  open: "warn",
  missing: "bad",
  done: "ok",
  pending: "muted",
  none: "muted",
};

const STATUS_COLORS: Record<StageStatus, string> = {
  met: "#047857",
  late: "#b91c1c",
  open: "#d97706",
  missing: "#7f1d1d",
  done: "#047857",
  pending: "#9ca3af",
  none: "#9ca3af",
};

interface StageDef {
  key: string;
  label: string;
  article: string | null;
  /** Rule flags that speak to the stage without a deadline of their own (rules.md catalogue). */
  rules: (ruleId: string) => boolean;
  /** The note of the stage when it has no milestone on record. */
  absent: (p: LifelineProject) => string;
}

// In the order of mart_project_milestones.stage_seq; labels as the mart's stage_name.
const STAGES: StageDef[] = [
  {
    key: "application",
    label: "申报→审核意见（立项）",
    article: "9, 14",
    rules: (r) => /^ART(5|7|8|9|11|17|21|22|23)_/.test(r),
    absent: () => "申报日期晚于评估基准日，尚未申报",
  },
  {
    key: "contract_filing",
    label: "合同签订→备案",
    article: "16",
    rules: () => false,
    absent: (p) =>
      p.approvedYuan !== null ? "尚无合同记录（签订后 5 个工作日内备案）" : "尚无通过的审核意见，未签订合同",
  },
  {
    key: "acceptance_filing",
    label: "验收→验收备案",
    article: "19",
    rules: () => false,
    absent: () => "尚未验收（验收后 5 个工作日内备案验收材料及资金支付情况）",
  },
  {
    key: "catalog",
    label: "初步验收→目录编制及数据归集",
    article: "30",
    rules: (r) => r === "ART30_DATA_STALE",
    absent: (p) =>
      p.prelimAcceptedOn || p.finalAcceptedOn
        ? "已验收，但项目没有在公共数据平台登记的信息系统，不涉及目录编制"
        : "尚未初步验收（初步验收后 10 个工作日内完成目录编制及数据归集）",
  },
  {
    key: "go_live",
    label: "上线运行",
    article: "36",
    rules: (r) => r.startsWith("ART36_") || r.startsWith("ART29_") || r.startsWith("ART37_"),
    absent: () => "尚未上线",
  },
  {
    key: "rectification",
    label: "整改通知→整改完成",
    article: "34",
    rules: () => false,
    absent: () => "无绩效整改通知",
  },
  {
    key: "cloud_release",
    label: "系统停用→云资源释放",
    article: "18",
    rules: () => false,
    absent: (p) => (p.shutdownOn ? "停用系统没有已开通的云资源" : "尚无停用的系统"),
  },
  {
    key: "shutdown_backup",
    label: "系统停用→系统备份",
    article: "18",
    rules: () => false,
    absent: () => "尚无停用的系统",
  },
];

function byDate(a: string | null, b: string | null): number {
  return (a ?? "9999-12-31").localeCompare(b ?? "9999-12-31");
}

/** "逾期 3 个工作日", or in days when no working day separates them (a rest day just after the deadline). */
export function latenessText(s: Pick<Stage, "status" | "workdaysLate" | "daysLate">): string | null {
  if (s.status !== "late" && s.status !== "missing") return null;
  if (s.workdaysLate !== null && s.workdaysLate > 0) return `逾期 ${s.workdaysLate} 个工作日`;
  if (s.daysLate !== null) return `逾期 ${s.daysLate} 天`;
  return "逾期";
}

/** Calendar days from the as-of date to a deadline still ahead. */
function daysUntil(asOf: string | null, due: string | null): number | null {
  if (!asOf || !due) return null;
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
}

/** "逾期完成（逾期 3 个工作日）", "未到期（还有 5 天）", "按期完成": the status column of the table. */
export function statusText(s: Stage, asOf: string | null): string {
  const late = latenessText(s);
  if (late) return `${STATUS_LABELS[s.status]}（${late}）`;
  const ahead = s.status === "open" ? daysUntil(asOf, s.due) : null;
  if (ahead !== null && ahead >= 0) return `${STATUS_LABELS.open}（${ahead === 0 ? "今日到期" : `还有 ${ahead} 天`}）`;
  return STATUS_LABELS[s.status];
}

/**
 * The life line of one project: its milestones in stage order (each stage's by event date), a placeholder row for a
 * stage with none, and for each stage the rule flags that speak to it (their ids, and the rule ids in the note).
 */
export function buildLifeline(
  project: LifelineProject,
  milestones: readonly LifelineMilestone[],
  flags: readonly LifelineFlag[] = [],
): Stage[] {
  const known = new Set(STAGES.map((d) => d.key));
  const defs = [
    ...STAGES,
    // a stage a newer warehouse has and this page does not know yet still shows, after the known ones
    ...[...new Set(milestones.map((m) => m.stage))]
      .filter((k) => !known.has(k))
      .map((k): StageDef => {
        const m = milestones.find((x) => x.stage === k)!;
        return { key: k, label: m.stageName, article: m.article, rules: () => false, absent: () => "" };
      }),
  ];
  const linked = new Set(milestones.flatMap((m) => (m.flagId ? [m.flagId] : [])));
  return defs.flatMap((def): Stage[] => {
    const related = flags.filter((f) => def.rules(f.ruleId) && !linked.has(f.flagId));
    const relatedNote =
      related.length > 0 ? `；相关违规标记：${[...new Set(related.map((f) => `${f.ruleId}（${articleLabel(f.article)}）`))].join("、")}` : "";
    const ms = milestones.filter((m) => m.stage === def.key).sort((a, b) => byDate(a.eventDate, b.eventDate) || a.recordRef.localeCompare(b.recordRef));
    if (ms.length === 0) {
      return [
        {
          key: def.key,
          stage: def.key,
          label: def.label,
          article: def.article,
          recordRef: null,
          event: null,
          eventDate: null,
          due: null,
          doneDate: null,
          status: "none",
          workdaysLate: null,
          daysLate: null,
          note: def.absent(project) + relatedNote,
          flagIds: related.map((f) => f.flagId),
        },
      ];
    }
    return ms.map((m, i): Stage => ({
      key: `${def.key}:${m.recordRef}`,
      stage: def.key,
      label: m.stageName || def.label,
      article: m.article ?? def.article,
      recordRef: m.recordRef,
      event: m.event,
      eventDate: m.eventDate,
      due: m.dueDate,
      doneDate: m.doneDate,
      status: m.status,
      workdaysLate: m.workdaysLate,
      daysLate: m.daysLate,
      // the stage's other rule flags are told once, on its first row
      note: m.note + (i === 0 ? relatedNote : ""),
      flagIds: [...(m.flagId ? [m.flagId] : []), ...(i === 0 ? related.map((f) => f.flagId) : [])],
    }));
  });
}

export interface LifelineSummary {
  /** Milestones with a deadline. */
  deadlines: number;
  met: number;
  late: number;
  open: number;
  missing: number;
}

/** How the project's deadlines stand: "8 个有期限的环节：按期 6、逾期完成 1、逾期未完成 1、未到期 0". */
export function lifelineSummary(stages: readonly Stage[]): LifelineSummary {
  const n = (s: StageStatus) => stages.filter((x) => x.status === s).length;
  const summary = { met: n("met"), late: n("late"), open: n("open"), missing: n("missing") };
  return { deadlines: summary.met + summary.late + summary.open + summary.missing, ...summary };
}

/** A date `days` later (for axis room), or undefined. */
function pad(date: string | null, days: number): string | undefined {
  if (!date) return undefined;
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function extreme(dates: (string | null)[], pick: "min" | "max"): string | null {
  const ds = dates.filter((d): d is string => !!d).sort();
  return (pick === "min" ? ds[0] : ds[ds.length - 1]) ?? null;
}

interface Point {
  value: [string, number];
  name: string;
  itemStyle: Record<string, unknown>;
}

/**
 * One row per stage on a time axis: when each milestone's clock started (small grey dot), its deadline (hollow
 * diamond in the status colour) and when it was done (filled dot in the status colour); the as-of date marked.
 */
export function lifelineOption(stages: readonly Stage[], asOf: string | null): ChartOption {
  const labels = [...new Set(stages.map((s) => s.label))];
  const row = (s: Stage) => labels.indexOf(s.label);
  const name = (s: Stage) => `${s.label}${s.recordRef && s.recordRef !== s.stage ? ` ${s.recordRef}` : ""}`;
  const points = (date: (s: Stage) => string | null, style: (s: Stage) => Record<string, unknown>): Point[] =>
    stages.flatMap((s) => {
      const d = date(s);
      return d ? [{ value: [d, row(s)] as [string, number], name: name(s), itemStyle: style(s) }] : [];
    });
  const events = points((s) => s.eventDate, () => ({ color: "#64748b" }));
  const deadlines = points((s) => s.due, (s) => ({ color: "#fff", borderColor: STATUS_COLORS[s.status], borderWidth: 2 }));
  const done = points((s) => s.doneDate, (s) => ({ color: STATUS_COLORS[s.status] }));
  const all = stages.flatMap((s) => [s.eventDate, s.due, s.doneDate]);
  return {
    // right: room for the as-of label centred on the line at the far right
    grid: { left: 8, right: 72, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, data: ["起算事件", "期限", "完成"] },
    tooltip: {
      trigger: "item",
      formatter: (p: { seriesName: string; name: string; value: [string, number] }) => `${p.name}<br/>${p.seriesName}：${p.value[0]}`,
    },
    // the axis reaches the as-of date, so the deadlines still ahead and the as-of line are on it
    xAxis: {
      type: "time",
      min: pad(extreme(all, "min"), -60),
      max: pad(extreme([asOf, ...all], "max"), 60),
      axisLabel: { formatter: "{yyyy}-{MM}", hideOverlap: true },
    },
    yAxis: { type: "category", inverse: true, data: labels, axisTick: { show: false } },
    series: [
      {
        type: "scatter",
        name: "起算事件",
        symbolSize: 8,
        itemStyle: { color: "#64748b" },
        data: events,
        markLine: asOf
          ? {
              silent: true,
              symbol: "none",
              lineStyle: { color: "#1d4ed8", type: "dashed" },
              // the category axis is inverted, so the line's start is at the top of the grid
              label: { formatter: `评估基准日 ${asOf}`, position: "start", color: "#1d4ed8" },
              data: [{ xAxis: asOf }],
            }
          : undefined,
      },
      { type: "scatter", name: "期限", symbol: "diamond", symbolSize: 13, itemStyle: { color: "#fff", borderColor: "#b91c1c", borderWidth: 2 }, data: deadlines },
      { type: "scatter", name: "完成", symbolSize: 12, itemStyle: { color: "#047857" }, data: done },
    ],
  };
}

export const LIFELINE_HEADERS = ["环节", "依据", "记录", "起算事件", "事件日期", "期限", "完成日期", "是否按期", "说明"] as const;

/** The life line as a table (the chart's data table and the page's own). */
export function lifelineTable(stages: readonly Stage[], asOf: string | null): ChartTable {
  return {
    headers: [...LIFELINE_HEADERS],
    rows: stages.map((s) => [
      s.label,
      s.article ? articleLabel(s.article) : "—",
      s.recordRef,
      s.event,
      s.eventDate,
      s.due,
      s.doneDate,
      statusText(s, asOf),
      s.note,
    ]),
  };
}

/** Whether any stage has a date to draw (otherwise the page shows the table only). */
export function hasLifelineDates(stages: readonly Stage[]): boolean {
  return stages.some((s) => s.eventDate || s.due || s.doneDate);
}
