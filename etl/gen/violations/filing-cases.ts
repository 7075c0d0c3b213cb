// Filing deadlines in working days: contracts within 5 (Art. 16), acceptance within 5 (Art. 19), catalog and data
// collection within 10 of preliminary acceptance (Art. 30). Each rule gets a pair of cases around a holiday with
// make-up working days: one filed on the true last day (compliant: a near-miss), one filed the next working day
// (late), plus plainly late or missing filings.
import { addDays, maxDate, yearOf, ymd, type IsoDate } from "../dates.js";
import { paidBy } from "../lifecycle.js";
import { discriminatingEvents, RULES_EXAMPLE, type DeadlineCase } from "../near-misses.js";
import type { ProjectPlan } from "../plan.js";
import { LAST_EVENT } from "../timeline.js";
import { edit, intend, isBuildable, isFree, nearMiss, pickSpread, pin, quietDepartment, requireCount, type CaseContext } from "./context.js";

/** Two deadline cases in different budget years, rules.md's own example first when its year is in the sample. */
function pickEvents(ctx: CaseContext, n: number, from: IsoDate, to: IsoDate, label: string, preferExample: boolean): DeadlineCase[] {
  const rng = ctx.rng.fork(`events:${label}`);
  const all = discriminatingEvents(ctx.cal, n, from, to);
  const out: DeadlineCase[] = [];
  if (preferExample && all.some((c) => c.event === RULES_EXAMPLE.event)) out.push(RULES_EXAMPLE);
  for (const c of rng.shuffled(all)) {
    if (out.length >= 2) break;
    if (!out.some((o) => yearOf(o.event) === yearOf(c.event))) out.push(c);
  }
  return out;
}

interface PairSpec {
  ruleId: string;
  label: string;
  /** Whether the plan can take this event as its pinned date. */
  fits: (p: ProjectPlan, c: DeadlineCase) => boolean;
  pinIt: (p: ProjectPlan, c: DeadlineCase) => void;
  file: (p: ProjectPlan, c: DeadlineCase, on: IsoDate) => void;
  what: string;
  /** What the on-time / late act is called in the case note. */
  act: string;
}

function deadlinePairs(ctx: CaseContext, events: readonly DeadlineCase[], spec: PairSpec): number {
  let late = 0;
  for (const c of events) {
    const fit = pickSpread(ctx, `${spec.label}:${c.event}`, 2, (p) => isFree(ctx, p) && isBuildable(p) && p.shutdownOn === null && spec.fits(p, c) && quietDepartment(ctx, p, c.due, c.late));
    if (fit.length < 2) continue;
    const [onTime, lateOne] = fit;
    spec.pinIt(onTime, c);
    spec.pinIt(lateOne, c);
    spec.file(onTime, c, c.due);
    spec.file(lateOne, c, c.late);
    nearMiss(ctx, onTime, spec.ruleId, `${spec.what} ${c.event}, ${spec.act} ${c.due}: the last working day, on time`);
    intend(ctx, lateOne, spec.ruleId, `${spec.what} ${c.event}, ${spec.act} ${c.late}: one working day late`);
    late++;
  }
  return late;
}

function contractFiling(ctx: CaseContext): void {
  const [from, to] = ctx.years;
  const events = pickEvents(ctx, 5, ymd(from, 3, 1), ymd(to, 11, 30), "ART16", true).filter((c) => c.event <= LAST_EVENT);
  const pairs = deadlinePairs(ctx, events, {
    ruleId: "ART16_CONTRACT_FILING_LATE",
    label: "ART16",
    what: "contract signed",
    act: "filed",
    fits: (p, c) => p.app.applyYear === yearOf(c.event) && c.event >= addDays(p.schedule.groupOn, 10) && c.event <= addDays(p.schedule.groupOn, 300),
    pinIt: (p, c) => pin(ctx, p, { contractOn: c.event }),
    file: (p, _c, on) => edit(ctx, p, (rec) => (rec.contracts[0].filedOn = on)),
  });
  const extra = Math.max(1, 3 - pairs) * (ctx.scale === "city" ? 1 : 8);
  const rng = ctx.rng.fork("ART16-late");
  const late = pickSpread(ctx, "ART16-late", extra, (p) => {
    if (!isFree(ctx, p) || p.schedule.contractOn === null) return false;
    const due = ctx.cal.addWorkdays(p.schedule.contractOn, 5);
    return quietDepartment(ctx, p, due, ctx.cal.addWorkdays(due, 30));
  });
  requireCount("ART16 late", late, extra);
  late.forEach((p) => {
    const wd = rng.int(8, 25);
    intend(ctx, p, "ART16_CONTRACT_FILING_LATE", `filed ${wd} working days after signing`);
    edit(ctx, p, (rec) => (rec.contracts[0].filedOn = ctx.cal.addWorkdays(rec.contracts[0].signedOn, wd)));
  });
}

function acceptanceFiling(ctx: CaseContext): void {
  const [from, to] = ctx.years;
  const events = pickEvents(ctx, 5, ymd(from + 1, 1, 1), addDays(LAST_EVENT, -30), "ART19", false);
  const pairs = deadlinePairs(ctx, events, {
    ruleId: "ART19_ACCEPTANCE_FILING_LATE",
    label: "ART19",
    what: "final acceptance",
    act: "acceptance filed",
    fits: (p, c) => p.schedule.goLiveOn !== null && c.event >= addDays(p.schedule.goLiveOn, 30) && c.event <= addDays(p.schedule.goLiveOn, 400),
    pinIt: (p, c) => pin(ctx, p, { finalOn: c.event }),
    file: (p, _c, on) =>
      edit(ctx, p, (rec) => {
        rec.acceptance!.filedOn = on;
        rec.acceptance!.paidFen = paidBy(rec.payments, on);
      }),
  });
  // Never filed: a project of the last budget year, so no later application of its department depends on it.
  const unfiled = pickSpread(ctx, "ART19-unfiled", ctx.scale === "city" ? 1 : 8, (p) => {
    const event = p.schedule.finalOn ?? p.schedule.prelimOn;
    return isFree(ctx, p) && isBuildable(p) && p.app.applyYear === to && event !== null && event <= addDays(LAST_EVENT, -20);
  });
  requireCount("ART19 unfiled", unfiled, 1);
  unfiled.forEach((p) => {
    intend(ctx, p, "ART19_ACCEPTANCE_FILING_LATE", "acceptance never filed");
    edit(ctx, p, (rec) => {
      rec.acceptance!.filedOn = null;
      rec.acceptance!.paidFen = null;
    });
  });
  const extra = Math.max(1, 3 - pairs - unfiled.length) * (ctx.scale === "city" ? 1 : 8);
  const rng = ctx.rng.fork("ART19-late");
  const late = pickSpread(ctx, "ART19-late", extra, (p) => {
    const event = p.schedule.finalOn ?? p.schedule.prelimOn;
    if (!isFree(ctx, p) || !isBuildable(p) || event === null || event > addDays(LAST_EVENT, -60)) return false;
    const due = ctx.cal.addWorkdays(event, 5);
    return quietDepartment(ctx, p, due, ctx.cal.addWorkdays(due, 30));
  });
  requireCount("ART19 late", late, extra);
  late.forEach((p) => {
    const wd = rng.int(10, 30);
    intend(ctx, p, "ART19_ACCEPTANCE_FILING_LATE", `filed ${wd} working days after acceptance`);
    edit(ctx, p, (rec) => {
      const a = rec.acceptance!;
      a.filedOn = ctx.cal.addWorkdays((a.finalOn ?? a.prelimOn)!, wd);
      a.paidFen = paidBy(rec.payments, a.filedOn);
    });
  });
}

function catalogFiling(ctx: CaseContext): void {
  const [from] = ctx.years;
  const events = pickEvents(ctx, 10, ymd(from, 6, 1), addDays(LAST_EVENT, -45), "ART30", false);
  const setCatalog = (p: ProjectPlan, on: IsoDate): void =>
    edit(ctx, p, (rec) => {
      const s = rec.system!;
      s.catalogCompiledOn = on;
      s.dataCollectedOn = on;
      s.lastRefreshedOn = maxDate(s.lastRefreshedOn!, on);
    });
  const pairs = deadlinePairs(ctx, events, {
    ruleId: "ART30_CATALOG_LATE",
    label: "ART30",
    what: "preliminary acceptance",
    act: "catalog compiled and data collected",
    fits: (p, c) => p.app.deployment === "政务云" && p.schedule.contractOn !== null && c.event >= addDays(p.schedule.contractOn, 60) && c.event <= addDays(p.schedule.contractOn, 400),
    pinIt: (p, c) => pin(ctx, p, { prelimOn: c.event }),
    file: (p, _c, on) => setCatalog(p, on),
  });
  const rng = ctx.rng.fork("ART30-catalog");
  const more = pickSpread(ctx, "ART30-catalog", Math.max(2, 4 - pairs) * (ctx.scale === "city" ? 1 : 8), (p) =>
    isFree(ctx, p) && isBuildable(p) && p.shutdownOn === null && p.schedule.prelimOn !== null && p.schedule.prelimOn <= addDays(LAST_EVENT, -60));
  requireCount("ART30 catalog", more, 2);
  more.forEach((p, i) => {
    if (i % 2 === 0) {
      intend(ctx, p, "ART30_CATALOG_LATE", "catalog never compiled, data never collected");
      edit(ctx, p, (rec) => {
        Object.assign(rec.system!, {
          catalogCompiledOn: null, dataCollectedOn: null, catalogItems: null, sharedInterfaces: null,
          consumedInterfaces: null, updateCycleDays: null, lastRefreshedOn: null,
        });
      });
    } else {
      const wd = rng.int(20, 40);
      intend(ctx, p, "ART30_CATALOG_LATE", `catalog compiled ${wd} working days after preliminary acceptance`);
      setCatalog(p, ctx.cal.addWorkdays(p.schedule.prelimOn!, wd));
    }
  });
}

export function filingCases(ctx: CaseContext): void {
  contractFiling(ctx);
  acceptanceFiling(ctx);
  catalogFiling(ctx);
}
