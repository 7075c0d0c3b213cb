// Art. 34: a missed performance target opens a rectification; it fails when the deadline passes undone or the
// re-check fails, and is a warning while under way. The project's system must have run in its target year so that
// achieved values exist.
import { ymd } from "../dates.js";
import { LAST_EVALUATED_YEAR, targetYear, type RectificationCase } from "../performance.js";
import type { ProjectPlan } from "../plan.js";
import { intend, isFree, nearMiss, perRule, pickSpread, requireCount, type CaseContext } from "./context.js";

/** Whether the plan will report achieved values for its target year (mirrors performance.inUse). */
function reportsActuals(p: ProjectPlan, ctx: CaseContext): boolean {
  const y = targetYear(p);
  if (y > LAST_EVALUATED_YEAR || !p.app.materials.perfTargets) return false;
  const sysPlan = p.app.kind === "运行维护" ? (p.parentId ? ctx.byId.get(p.parentId) : undefined) : p;
  if (!sysPlan || !sysPlan.schedule.goLiveOn) return false;
  if (p.app.kind === "运行维护" && !p.schedule.contractOn) return false;
  return sysPlan.schedule.goLiveOn <= ymd(y, 9, 30) && (sysPlan.shutdownOn === null || sysPlan.shutdownOn > ymd(y, 12, 31));
}

function plant(ctx: CaseContext, label: string, n: number, rule: string | null, cases: readonly RectificationCase[], notes: readonly string[], ok: (p: ProjectPlan) => boolean): void {
  const picked = pickSpread(ctx, label, n, (p) => isFree(ctx, p) && p.role === "ordinary" && reportsActuals(p, ctx) && ok(p));
  requireCount(label, picked, n);
  picked.forEach((p, i) => {
    ctx.rectCases.set(p.app.projectId, cases[i % cases.length]);
    if (rule) intend(ctx, p, rule, notes[i % notes.length]);
    else nearMiss(ctx, p, "ART34_RECTIFICATION_FAILED", notes[i % notes.length]);
  });
}

export function performanceCases(ctx: CaseContext): void {
  const n = perRule(ctx);
  plant(ctx, "ART34-failed", n, "ART34_RECTIFICATION_FAILED", ["failed-unfinished", "failed-recheck"], ["deadline passed, not rectified", "rectified, re-check failed"], () => true);
  // Open rectifications come from the latest evaluated year (ordered in 2026, deadline in 2027).
  const latest = Math.min(LAST_EVALUATED_YEAR, ctx.years[1]);
  plant(ctx, "ART34-open", Math.max(3, n - 1), "ART34_RECTIFICATION_OPEN", ["open"], ["target missed, rectification due in 2027"], (p) => targetYear(p) === latest);
  plant(ctx, "ART34-near", 2, null, ["completed-on-deadline"], ["rectified on the deadline day, re-check passed"], () => true);
}
