// 项目生命线: application → review → contract (signed / filed) → acceptance → catalog → go-live → shutdown, each
// stage with its date, its deadline where the measures set one, and whether the deadline was met. Built only from the
// public schema: dates from dim_project, deadlines and evidence from mart_flags (due_date, event_date, evidence).
// The warehouse raises a flag only when a deadline was missed, so a stage with its event on record and no flag is
// "no violation found" — the page says exactly that rather than claiming a filing date it does not have.
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

/** done: happened, no violation on record · late: a deadline was missed or a rule broken (flag) · open: flagged
 *  but its deadline is still ahead (a warning) · pending: not happened yet · none: nothing on record for it. */
export type StageStatus = "done" | "late" | "open" | "pending" | "none";

export interface Stage {
  key: string;
  label: string;
  article: string | null;
  date: string | null;
  due: string | null;
  status: StageStatus;
  note: string;
  flagIds: string[];
}

export const STATUS_LABELS: Record<StageStatus, string> = {
  done: "未见违规",
  late: "逾期/违规",
  open: "未到期（预警）",
  pending: "尚未发生",
  none: "无记录",
};

const STATUS_COLORS: Record<StageStatus, string> = {
  done: "#047857",
  late: "#b91c1c",
  open: "#d97706",
  pending: "#9ca3af",
  none: "#9ca3af",
};

interface StageDef {
  key: string;
  label: string;
  article: string | null;
  rules: (ruleId: string) => boolean;
}

// Which rules speak to which stage (rules.md catalogue and the year-of-flag table).
const STAGES: StageDef[] = [
  { key: "apply", label: "申报", article: "9", rules: (r) => /^ART(5|7|8|9|11|23)_/.test(r) },
  { key: "review", label: "审核（核准）", article: "12", rules: (r) => r === "ART22_PAID_WITHOUT_REVIEW" || r.startsWith("ART17_") || r === "ART21_OVER_APPROVED_PRICE" },
  { key: "contract", label: "合同签订与备案", article: "16", rules: (r) => r.startsWith("ART16_") },
  { key: "prelim", label: "初步验收", article: null, rules: () => false },
  { key: "acceptance", label: "竣工验收与备案", article: "19", rules: (r) => r.startsWith("ART19_") },
  { key: "catalog", label: "数据目录编制与归集", article: "30", rules: (r) => r === "ART30_CATALOG_LATE" },
  { key: "golive", label: "上线运行", article: "36", rules: (r) => r.startsWith("ART36_") || r.startsWith("ART29_") },
  { key: "rectify", label: "绩效整改", article: "34", rules: (r) => r.startsWith("ART34_") },
  { key: "shutdown", label: "停用与云资源释放", article: "18", rules: (r) => r.startsWith("ART18_") },
];

function latest(dates: (string | null)[]): string | null {
  const ds = dates.filter((d): d is string => !!d).sort();
  return ds[ds.length - 1] ?? null;
}

/** A date `days` later (for axis room), or undefined. */
function pad(date: string | null, days: number): string | undefined {
  if (!date) return undefined;
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function earliest(dates: (string | null)[]): string | null {
  const ds = dates.filter((d): d is string => !!d).sort();
  return ds[0] ?? null;
}

/** The project's stages in order, each with its date, deadline, status and the flags that prove a miss. */
export function buildLifeline(p: LifelineProject, flags: readonly LifelineFlag[], asOf: string | null): Stage[] {
  return STAGES.map((def): Stage => {
    const fs = flags.filter((f) => def.rules(f.ruleId));
    const flagIds = fs.map((f) => f.flagId);
    const due = earliest(fs.map((f) => f.dueDate));
    const flaggedDate = earliest(fs.map((f) => f.eventDate));
    const evidence = fs.map((f) => `${articleLabel(f.article)}：${f.evidence}`).join("；");
    const stage = (date: string | null, status: StageStatus, note: string): Stage => ({
      key: def.key, label: def.label, article: def.article, date, due, status: fs.length > 0 ? "late" : status,
      note: fs.length > 0 ? evidence : note, flagIds,
    });
    switch (def.key) {
      case "apply":
        return stage(null, "done", `${p.year}年度申报，未见申报环节违规`);
      case "review":
        return p.approvedYuan !== null
          ? stage(null, "done", "已有通过的审核意见（核准价见上方）")
          : stage(null, "pending", "尚无通过的审核意见，建设资金不得支付（第二十二条）");
      case "contract":
        return stage(flaggedDate, p.approvedYuan !== null ? "done" : "pending",
          p.approvedYuan !== null ? "未见合同备案逾期（签订后5个工作日内备案）" : "尚未核准，无合同");
      case "prelim":
        return stage(p.prelimAcceptedOn, p.prelimAcceptedOn ? "done" : "pending", p.prelimAcceptedOn ? "已初步验收" : "尚未初步验收");
      case "acceptance":
        return stage(p.finalAcceptedOn ?? flaggedDate, p.finalAcceptedOn ? "done" : "pending",
          p.finalAcceptedOn ? "已竣工验收，未见验收备案逾期（验收后5个工作日内备案）" : "尚未竣工验收");
      case "catalog":
        return stage(flaggedDate, p.prelimAcceptedOn ? "done" : "pending",
          p.prelimAcceptedOn
            ? `应于初步验收（${p.prelimAcceptedOn}）后10个工作日内编目、归集，未见逾期`
            : "初步验收后10个工作日内完成");
      case "golive":
        return stage(p.goLiveOn, p.goLiveOn ? "done" : "pending", p.goLiveOn ? "已上线，未见上线前安全评估缺失" : "尚未上线");
      case "rectify":
        return stage(flaggedDate, "none", "无绩效整改记录");
      case "shutdown":
        return stage(p.shutdownOn, p.shutdownOn ? "done" : "none", p.shutdownOn ? "已停用，未见云资源未释放" : "仍在运行");
      default:
        return stage(null, "none", "");
    }
  }).map((s) => (s.status === "late" && s.due && asOf && s.due > asOf ? { ...s, status: "open" as const } : s));
}

/** Dots on a time line: when each stage happened (filled) and its deadline (hollow diamond), the as-of date marked. */
export function lifelineOption(stages: readonly Stage[], asOf: string | null): ChartOption {
  const labels = stages.map((s) => s.label);
  const happened = stages.flatMap((s, i) =>
    s.date ? [{ value: [s.date, i], key: s.key, itemStyle: { color: STATUS_COLORS[s.status] } }] : [],
  );
  const deadlines = stages.flatMap((s, i) =>
    s.due ? [{ value: [s.due, i], key: s.key, itemStyle: { color: "#fff", borderColor: STATUS_COLORS[s.status], borderWidth: 2 } }] : [],
  );
  return {
    grid: { left: 8, right: 24, top: 56, bottom: 8 },
    legend: { top: 0, data: ["发生日期", "期限"] },
    tooltip: {
      trigger: "item",
      formatter: (p: { seriesName: string; value: [string, number] }) => `${labels[p.value[1]]}<br/>${p.seriesName}：${p.value[0]}`,
    },
    // the axis reaches the as-of date, so the deadlines still ahead and the as-of line are on it
    xAxis: {
      type: "time",
      min: pad(earliest(stages.flatMap((s) => [s.date, s.due])), -60),
      max: pad(latest([asOf, ...stages.flatMap((s) => [s.date, s.due])]), 60),
      axisLabel: { formatter: "{yyyy}-{MM}", hideOverlap: true },
    },
    yAxis: { type: "category", inverse: true, data: labels, axisTick: { show: false } },
    series: [
      {
        type: "scatter",
        name: "发生日期",
        symbolSize: 12,
        itemStyle: { color: "#047857" },
        data: happened,
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
      { type: "scatter", name: "期限", symbol: "diamond", symbolSize: 12, itemStyle: { color: "#fff", borderColor: "#b91c1c" }, data: deadlines },
    ],
  };
}

export function lifelineTable(stages: readonly Stage[]): ChartTable {
  return {
    headers: ["环节", "依据", "日期", "期限", "是否按期", "说明"],
    rows: stages.map((s) => [s.label, s.article ? articleLabel(s.article) : "—", s.date, s.due, STATUS_LABELS[s.status], s.note]),
  };
}

/** Whether any stage has a date to draw (otherwise the page shows the table only). */
export function hasLifelineDates(stages: readonly Stage[]): boolean {
  return stages.some((s) => s.date || s.due);
}
