// Department-level cases of Art. 7: a department with an earlier year's review opinion whose technical requirements
// were never implemented (7(5)), and a department that keeps filing while an earlier project's contract was never
// filed (7(6)). Every later-year application of such a department is flagged; the departments are chosen so that
// all of those are construction projects (whether O&M applications count as "新增项目" is left open by the
// measures) and all were filed after the cause arose (so reading the rule at the application date or at the as-of
// date gives the same answer).
import { yearOf } from "../dates.js";
import type { ProjectPlan } from "../plan.js";
import { edit, intend, isBuildable, isFree, laterApplications, type CaseContext } from "./context.js";

function earliestApplication(list: readonly ProjectPlan[]): string {
  return list.map((p) => p.app.applyDate).sort()[0];
}

function deptCount(ctx: CaseContext): number {
  return ctx.scale === "city" ? 1 : 3;
}

function usable(ctx: CaseContext, later: readonly ProjectPlan[]): boolean {
  return later.length >= 3 && later.length <= (ctx.scale === "city" ? 8 : 12) && later.every((q) => isBuildable(q));
}

/** Art. 7(6): an unfiled contract (itself an Art. 16 violation) restricts the department's later applications. */
function backlog(ctx: CaseContext, taken: Set<string>): void {
  const [, to] = ctx.years;
  let found = 0;
  for (const p of ctx.rng.fork("backlog").shuffled(ctx.plans)) {
    if (found >= deptCount(ctx)) break;
    if (taken.has(p.app.dept.code) || !isFree(ctx, p) || !isBuildable(p) || p.app.applyYear >= to || !p.schedule.contractOn) continue;
    const later = laterApplications(ctx, p.app.dept.code, p.app.applyYear);
    if (!usable(ctx, later)) continue;
    const due = ctx.cal.addWorkdays(p.schedule.contractOn, 5);
    if (due >= earliestApplication(later)) continue;
    taken.add(p.app.dept.code);
    found++;
    intend(ctx, p, "ART16_CONTRACT_FILING_LATE", "contract never filed (also restricts the department, Art. 7(6))");
    edit(ctx, p, (rec) => (rec.contracts[0].filedOn = null));
    for (const q of later) intend(ctx, q, "ART7_DEPT_BACKLOG", `${p.app.projectId}'s contract never filed`);
  }
  if (found === 0) throw new Error("case planner: no department fits the Art. 7(6) backlog case");
}

/** Art. 7(5): the approving review of an earlier project left technical requirements unimplemented. */
function priorOpinions(ctx: CaseContext, taken: Set<string>): void {
  const [, to] = ctx.years;
  let found = 0;
  for (const p of ctx.rng.fork("opinions").shuffled(ctx.plans)) {
    if (found >= deptCount(ctx)) break;
    if (taken.has(p.app.dept.code) || !isFree(ctx, p) || p.app.applyYear >= to) continue;
    const group = p.schedule.groupOn;
    if (yearOf(group) !== p.app.applyYear) continue;
    const later = laterApplications(ctx, p.app.dept.code, p.app.applyYear);
    if (!usable(ctx, later) || group >= earliestApplication(later)) continue;
    taken.add(p.app.dept.code);
    found++;
    ctx.claimed.add(p.app.projectId);
    p.cases.push(`source of ART7_PRIOR_OPINIONS_OPEN: review ${group} 技术要求已落实 否`);
    edit(ctx, p, (rec) => {
      for (const r of rec.reviews) if (r.stage === "领导小组审查" && r.date === group) r.techReqsDone = false;
    });
    for (const q of later) intend(ctx, q, "ART7_PRIOR_OPINIONS_OPEN", `${p.app.projectId}'s review of ${group} not implemented`);
  }
  if (found === 0) throw new Error("case planner: no department fits the Art. 7(5) case");
}

export function departmentCases(ctx: CaseContext): void {
  const taken = new Set<string>();
  backlog(ctx, taken);
  priorOpinions(ctx, taken);
}
