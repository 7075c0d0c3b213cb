// Shared state of the violation planner: which projects already carry a case, which rule each case is meant to
// break, and the record-level edits that run once the records exist.
import type { WorkCalendar } from "../calendar.js";
import type { IsoDate } from "../dates.js";
import type { ProjectRecords } from "../model.js";
import type { RectificationCase } from "../performance.js";
import type { ProjectPlan } from "../plan.js";
import { computeSchedule, type ScheduleOverrides } from "../schedule.js";
import type { Scale } from "../portfolio.js";
import type { Rng } from "../random.js";

export interface NearMiss {
  projectId: string;
  ruleId: string;
  note: string;
}

export type RecordEdit = (rec: ProjectRecords, all: ReadonlyMap<string, ProjectRecords>) => void;

export interface CaseContext {
  plans: readonly ProjectPlan[];
  byId: ReadonlyMap<string, ProjectPlan>;
  byDept: ReadonlyMap<string, readonly ProjectPlan[]>;
  cal: WorkCalendar;
  rng: Rng;
  /** The generator's root stream: schedules fork from it, so a pinned project re-derives its own schedule. */
  root: Rng;
  scale: Scale;
  years: readonly [number, number];
  /** Projects a case has been planted in (one planted case per project keeps the evidence readable). */
  claimed: Set<string>;
  /** project_id → rule ids it is meant to break. */
  intended: Map<string, Set<string>>;
  nearMisses: NearMiss[];
  edits: Map<string, RecordEdit[]>;
  rectCases: Map<string, RectificationCase>;
}

export function newCaseContext(
  plans: readonly ProjectPlan[],
  cal: WorkCalendar,
  root: Rng,
  scale: Scale,
  years: readonly [number, number],
): CaseContext {
  return {
    plans,
    byId: new Map(plans.map((p) => [p.app.projectId, p])),
    byDept: groupByDept(plans),
    cal, rng: root.fork("cases"), root, scale, years,
    claimed: new Set(), intended: new Map(), nearMisses: [], edits: new Map(), rectCases: new Map(),
  };
}

function groupByDept(plans: readonly ProjectPlan[]): Map<string, ProjectPlan[]> {
  const out = new Map<string, ProjectPlan[]>();
  for (const p of plans) {
    const list = out.get(p.app.dept.code) ?? [];
    list.push(p);
    out.set(p.app.dept.code, list);
  }
  return out;
}

/** How many projects break each rule: at least three everywhere (the brief), more at province scale. */
export function perRule(ctx: CaseContext, city = 4): number {
  return ctx.scale === "city" ? city : city * 8;
}

export function intend(ctx: CaseContext, plan: ProjectPlan, ruleId: string, note: string): void {
  const set = ctx.intended.get(plan.app.projectId) ?? new Set<string>();
  set.add(ruleId);
  ctx.intended.set(plan.app.projectId, set);
  ctx.claimed.add(plan.app.projectId);
  plan.cases.push(`${ruleId}: ${note}`);
}

export function nearMiss(ctx: CaseContext, plan: ProjectPlan, ruleId: string, note: string): void {
  ctx.claimed.add(plan.app.projectId);
  ctx.nearMisses.push({ projectId: plan.app.projectId, ruleId, note });
  plan.cases.push(`near-miss ${ruleId}: ${note}`);
}

export function edit(ctx: CaseContext, plan: ProjectPlan, fn: RecordEdit): void {
  const list = ctx.edits.get(plan.app.projectId) ?? [];
  list.push(fn);
  ctx.edits.set(plan.app.projectId, list);
}

/** An ordinary, unclaimed, built project nothing else depends on: safe to plant a case in. */
export function isFree(ctx: CaseContext, p: ProjectPlan): boolean {
  return p.role === "ordinary" && p.fate === "built" && !ctx.claimed.has(p.app.projectId) && p.dependents.length === 0;
}

export function isBuildable(p: ProjectPlan): boolean {
  return p.app.kind !== "运行维护";
}

/** Up to n candidates, spread over the budget years (round robin), in a seeded order. */
export function pickSpread(ctx: CaseContext, label: string, n: number, ok: (p: ProjectPlan) => boolean): ProjectPlan[] {
  const rng = ctx.rng.fork(`pick:${label}`);
  const byYear = new Map<number, ProjectPlan[]>();
  for (const p of rng.shuffled(ctx.plans.filter(ok))) {
    const list = byYear.get(p.app.applyYear) ?? [];
    list.push(p);
    byYear.set(p.app.applyYear, list);
  }
  const years = [...byYear.keys()].sort();
  const out: ProjectPlan[] = [];
  for (let round = 0; out.length < n; round++) {
    let any = false;
    for (const y of years) {
      const p = byYear.get(y)![round];
      if (p && out.length < n && !out.includes(p)) {
        out.push(p);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

export function requireCount(label: string, got: readonly unknown[], n: number): void {
  if (got.length < n) throw new Error(`case planner: only ${got.length} candidates for ${label}, need ${n}`);
}

/** No project of the same department with a later budget year was filed in (from, to]: so a filing that is late
 *  by a few days does not also make the department's backlog (Art. 7(6)) depend on how it is read. */
export function quietDepartment(ctx: CaseContext, plan: ProjectPlan, from: IsoDate, to: IsoDate): boolean {
  return !(ctx.byDept.get(plan.app.dept.code) ?? []).some(
    (q) => q.app.applyYear > plan.app.applyYear && q.app.applyDate > from && q.app.applyDate <= to,
  );
}

/** Pins a date of the project's life (a near-miss or late-filing case) and re-derives the dates after it. */
export function pin(ctx: CaseContext, plan: ProjectPlan, overrides: ScheduleOverrides): void {
  plan.overrides = { ...plan.overrides, ...overrides };
  plan.schedule = computeSchedule(
    {
      projectId: plan.app.projectId, applyDate: plan.app.applyDate, applyYear: plan.app.applyYear,
      operations: plan.app.kind === "运行维护", returnedOnce: plan.returnedOnce, overrides: plan.overrides,
    },
    ctx.cal,
    ctx.root,
  );
}

/** The department's projects of later budget years than `year`. */
export function laterApplications(ctx: CaseContext, deptCode: string, year: number): ProjectPlan[] {
  return (ctx.byDept.get(deptCode) ?? []).filter((q) => q.app.applyYear > year);
}
