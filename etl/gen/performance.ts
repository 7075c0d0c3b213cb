// Performance evidence (Art. 9(3), 32–34): the targets filed with the application, the values achieved, the annual
// evaluations (self-evaluation by the department and independent ones by the office or a third party, Art. 33) and
// the rectifications ordered when a target is missed (Art. 34). Some departments' self-scores run well above the
// independent ones, which is what the product ranks them by (scoring.md).
import type { WorkCalendar } from "./calendar.js";
import { addDays, minDate, yearOf, ymd, type IsoDate } from "./dates.js";
import type { Department } from "./departments.js";
import type { Direction, Evaluation, Evaluator, ProjectRecords, Rectification, Target, TargetActual } from "./model.js";
import type { ProjectPlan } from "./plan.js";
import type { Rng } from "./random.js";
import { LAST_EVENT } from "./timeline.js";

/** The last year evaluated by the export: year Y is evaluated in the first half of Y+1. */
export const LAST_EVALUATED_YEAR = 2025;

/** How a project's rectification turns out (rules.md ART34_*), set by the violation planner. */
export type RectificationCase = "failed-unfinished" | "failed-recheck" | "open" | "completed-on-deadline";

interface IndicatorSpec {
  name: string;
  type: Target["type"];
  unit: string;
  direction: Direction;
  /** Target value for a project of this size. */
  target: (rng: Rng, plan: ProjectPlan) => number;
  decimals: number;
}

const INDICATORS: readonly IndicatorSpec[] = [
  { name: "系统可用率", type: "产出", unit: "%", direction: "≥", decimals: 2, target: (r) => r.pick([99, 99.5, 99.9]) },
  { name: "功能模块上线数", type: "产出", unit: "个", direction: "≥", decimals: 0, target: (r) => r.int(5, 30) },
  { name: "数据归集量", type: "产出", unit: "万条", direction: "≥", decimals: 1, target: (r) => r.int(20, 2000) },
  { name: "共享接口数", type: "产出", unit: "个", direction: "≥", decimals: 0, target: (r) => r.int(3, 40) },
  { name: "业务办理平均时长", type: "效益", unit: "个工作日", direction: "≤", decimals: 1, target: (r) => r.pick([1, 2, 3, 5, 7]) },
  { name: "故障平均恢复时长", type: "效益", unit: "小时", direction: "≤", decimals: 1, target: (r) => r.pick([2, 4, 8]) },
  { name: "线上办理率", type: "效益", unit: "%", direction: "≥", decimals: 1, target: (r) => r.pick([80, 85, 90, 95]) },
  { name: "月均活跃用户数", type: "效益", unit: "人", direction: "≥", decimals: 0, target: (r, p) => (p.app.internetFacing ? r.int(20, 800) * 100 : r.int(30, 1500)) },
  { name: "用户满意度", type: "满意度", unit: "%", direction: "≥", decimals: 1, target: (r) => r.pick([85, 90, 95]) },
];

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** An achieved value that meets the target (≥ or ≤), or misses it, rounded as reported. */
function achieved(rng: Rng, spec: IndicatorSpec, target: number, met: boolean): number {
  const pct = spec.unit === "%";
  let v: number;
  if (spec.direction === "≥") {
    if (met) v = pct ? Math.min(100, target + rng.real(0, (100 - target) * 0.9)) : target * rng.real(1, 1.3);
    else v = pct ? target - rng.real(0.3, Math.min(8, target * 0.1)) : target * rng.real(0.6, 0.95);
    v = round(v, spec.decimals);
    if (met && v < target) v = target;
    if (!met && v >= target) v = round(target - 10 ** -spec.decimals, spec.decimals);
  } else {
    v = met ? target * rng.real(0.5, 1) : target * rng.real(1.1, 1.8);
    v = round(v, spec.decimals);
    if (met && v > target) v = target;
    if (!met && v <= target) v = round(target + 10 ** -spec.decimals, spec.decimals);
  }
  return v;
}

/** The year a project's targets are filed for: the first year of operation for construction projects, the service
 *  year for O&M. */
export function targetYear(plan: ProjectPlan): number {
  return plan.app.kind === "运行维护" ? plan.app.applyYear : plan.app.applyYear + 1;
}

/** Whether the project's system ran in year y long enough to report achieved values (and be evaluated). */
export function inUse(plan: ProjectPlan, rec: ProjectRecords, parent: ProjectRecords | null, y: number): boolean {
  if (y > LAST_EVALUATED_YEAR || plan.fate !== "built") return false;
  if (plan.role === "legacy-om") return y === plan.app.applyYear;
  const sys = plan.app.kind === "运行维护" ? parent?.system : rec.system;
  if (!sys || !sys.goLiveOn) return false;
  if (plan.app.kind === "运行维护" && (y !== plan.app.applyYear || rec.contracts.length === 0)) return false;
  return sys.goLiveOn <= ymd(y, 9, 30) && (sys.shutdownOn === null || sys.shutdownOn > ymd(y, 12, 31));
}

export interface PerformanceContext {
  cal: WorkCalendar;
  rng: Rng;
  /** Departments whose self-evaluations run high, with their mean inflation in points. */
  inflation: ReadonlyMap<string, number>;
}

/** Picks the departments that inflate their self-scores (about one in ten). */
export function inflatingDepartments(rng: Rng, depts: readonly Department[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of rng.shuffled(depts).slice(0, Math.max(3, Math.round(depts.length / 10)))) out.set(d.code, rng.real(8, 15));
  return out;
}

export function buildPerformance(
  plan: ProjectPlan,
  rec: ProjectRecords,
  parent: ProjectRecords | null,
  ctx: PerformanceContext,
  rectCase: RectificationCase | null,
): void {
  const rng = ctx.rng.fork(`performance:${plan.app.projectId}`);
  const id = plan.app.projectId;
  const ty = targetYear(plan);
  // Targets (filed with the application when the material is there: Art. 9(3)).
  if (plan.app.materials.perfTargets) {
    const specs = rng.shuffled(INDICATORS).slice(0, rng.int(3, 5));
    rec.targets = specs.map((spec) => ({
      projectId: id, year: ty, indicator: spec.name, type: spec.type,
      value: spec.target(rng, plan), unit: spec.unit, direction: spec.direction,
    }));
  }

  let missed: { target: Target; actual: number } | null = null;
  // Now and then the achieved values were never reported (missing evidence) — never for a planted case.
  const unreported = rng.chance(0.03) && rectCase === null;
  if (rec.targets.length > 0 && inUse(plan, rec, parent, ty) && !unreported) {
    const missIndex = rectCase !== null || rng.chance(0.05 + (1 - plan.quality) * 0.12) ? rng.int(0, rec.targets.length - 1) : -1;
    const exactIndex = rng.chance(0.05) ? rng.int(0, rec.targets.length - 1) : -1;
    for (let i = 0; i < rec.targets.length; i++) {
      const t = rec.targets[i];
      const spec = INDICATORS.find((s) => s.name === t.indicator)!;
      // Now and then the achieved value equals the target exactly: met, not missed.
      const actual = i === missIndex ? achieved(rng, spec, t.value, false) : i === exactIndex ? t.value : achieved(rng, spec, t.value, true);
      if (i === missIndex) missed = { target: t, actual };
      rec.actuals.push({ projectId: id, year: ty, indicator: t.indicator, actual } satisfies TargetActual);
    }
  } else if (rectCase !== null) {
    throw new Error(`${id}: a rectification case needs achieved values for ${ty}`);
  }
  if (missed) rec.rectifications.push(rectification(ctx.cal, rng, id, ty, missed, rectCase));

  for (let y = plan.app.applyYear; y <= LAST_EVALUATED_YEAR; y++) {
    if (!inUse(plan, rec, parent, y)) continue;
    if (rng.chance(0.02)) continue; // not evaluated that year: missing evidence
    const hurt = missed && y === ty ? 12 : 0;
    const independent = dimensionScores(rng, plan.quality, hurt);
    const evaluators: Evaluator[] = ["自评"];
    if (rng.chance(0.92)) evaluators.push("信管办");
    if (plan.role === "big-rent" || plan.app.pilotLevel === "国家级" || plan.app.pilotLevel === "省级" || rng.chance(0.08)) evaluators.push("第三方");
    for (const who of evaluators) {
      const shift = who === "自评" ? (ctx.inflation.get(plan.app.dept.code) ?? rng.real(-2, 4)) : who === "第三方" ? rng.real(-3, 1) : 0;
      const s = independent.map((v) => clampScore(v + shift + rng.normal(0, who === "自评" ? 2 : 1.5)));
      rec.evaluations.push({
        projectId: id, year: y, evaluator: who,
        operation: s[0], integration: s[1], costEffectiveness: s[2], effectiveness: s[3], security: s[4], innovation: s[5],
      } satisfies Evaluation);
    }
  }
}

function clampScore(v: number): number {
  return Math.round(Math.min(100, Math.max(0, v)) * 10) / 10;
}

function dimensionScores(rng: Rng, quality: number, effectivenessPenalty: number): number[] {
  const base = 52 + quality * 42;
  return [0, 1, 2, 3, 4, 5].map((i) => base + rng.normal(0, 5) - (i === 3 ? effectivenessPenalty : 0));
}

function rectification(
  cal: WorkCalendar,
  rng: Rng,
  projectId: string,
  year: number,
  missed: { target: Target; actual: number },
  rectCase: RectificationCase | null,
): Rectification {
  const t = missed.target;
  const reason = `绩效目标未达成：${t.indicator}实际${missed.actual}${t.unit}，目标${t.direction}${t.value}${t.unit}`;
  const orderedOn = cal.onOrAfter(ymd(year + 1, rng.int(4, 6), rng.int(1, 28)));
  let deadline = addDays(orderedOn, rng.int(60, 150));
  let completedOn: IsoDate | null = minDate(addDays(orderedOn, rng.int(20, 55)), addDays(LAST_EVENT, -5));
  let recheck: Rectification["recheck"] = "通过";
  switch (rectCase) {
    case "failed-unfinished":
      // The deadline ran out before the export with nothing done.
      deadline = minDate(deadline, LAST_EVENT);
      completedOn = null;
      recheck = null;
      break;
    case "failed-recheck":
      deadline = minDate(deadline, LAST_EVENT);
      completedOn = minDate(completedOn, deadline);
      recheck = "不通过";
      break;
    case "open":
      // Under way, deadline after STABLE_UNTIL so it stays open for every supported as-of date.
      deadline = ymd(2027, rng.int(1, 6), rng.int(1, 28));
      completedOn = null;
      recheck = null;
      break;
    case "completed-on-deadline":
      deadline = minDate(deadline, addDays(LAST_EVENT, -5));
      completedOn = deadline;
      break;
    default:
      if (completedOn > deadline) completedOn = deadline;
  }
  if (yearOf(orderedOn) > yearOf(LAST_EVENT) || orderedOn > LAST_EVENT) throw new Error(`${projectId}: rectification ordered after the export`);
  return { rectificationId: `ZG-${projectId}-${year}`, projectId, year, reason, orderedOn, deadline, completedOn, recheck };
}
