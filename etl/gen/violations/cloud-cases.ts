// Government-cloud and data-platform cases: resources released and a backup taken at shutdown (Art. 18), system
// registered before any cloud request (Art. 29), data refreshed on its declared cycle and collected once (Art. 30).
import { addDays, maxDate, yearOf, ymd } from "../dates.js";
import { BILLING_END, LAST_EVENT } from "../timeline.js";
import { edit, intend, isBuildable, isFree, nearMiss, perRule, pickSpread, requireCount, type CaseContext } from "./context.js";

function shutdowns(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART18");
  const onCloud = (p: Parameters<typeof isFree>[1]): boolean => p.app.deployment === "政务云" && p.resources.length > 0 && p.schedule.goLiveOn !== null;
  // Switch off more systems when the portfolio planned too few (short year ranges).
  const planned = ctx.plans.filter((p) => p.shutdownOn !== null && isFree(ctx, p) && onCloud(p));
  if (planned.length < n + 2) {
    const extra = pickSpread(ctx, "ART18-extra", n + 2 - planned.length, (p) =>
      isFree(ctx, p) && isBuildable(p) && onCloud(p) && p.shutdownOn === null && p.schedule.goLiveOn! <= addDays(LAST_EVENT, -300));
    for (const p of extra) p.shutdownOn = ctx.cal.onOrAfter(addDays(p.schedule.goLiveOn!, rng.int(150, 250)));
    planned.push(...extra);
  }
  const systems = rng.shuffled(planned).filter((p) => p.shutdownOn! <= addDays(BILLING_END, -45));
  requireCount("ART18_CLOUD_NOT_RELEASED", systems, n + 1);
  systems.slice(0, n).forEach((p, i) => {
    const variant = i % 3;
    intend(ctx, p, "ART18_CLOUD_NOT_RELEASED", ["resources never released after shutdown", "resources released weeks after shutdown", "no backup taken at shutdown"][variant]);
    edit(ctx, p, (rec) => {
      const off = rec.system!.shutdownOn!;
      if (variant === 0) for (const r of rec.resources) if (r.releasedOn === off) r.releasedOn = null;
      if (variant === 1) {
        const late = addDays(off, rng.int(30, 40));
        for (const r of rec.resources) if (r.releasedOn === off) r.releasedOn = late;
      }
      if (variant === 2) rec.system!.backupOn = null;
    });
  });
  nearMiss(ctx, systems[n], "ART18_CLOUD_NOT_RELEASED", "backup before shutdown, every resource released on the shutdown day (last billed the day before)");
}

function registrationFirst(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART29");
  const picked = pickSpread(ctx, "ART29", n, (p) => isFree(ctx, p) && isBuildable(p) && p.resources.length > 0 && p.app.deployment === "政务云" && p.schedule.prelimOn !== null);
  requireCount("ART29_CLOUD_BEFORE_REGISTRATION", picked, n);
  picked.forEach((p) => {
    intend(ctx, p, "ART29_CLOUD_BEFORE_REGISTRATION", "cloud requested before the system was registered");
    edit(ctx, p, (rec) => {
      const firstRequest = rec.resources.map((r) => r.requestedOn).sort()[0];
      const sys = rec.system!;
      let reg = ctx.cal.onOrAfter(addDays(firstRequest, rng.int(5, 40)));
      if (sys.goLiveOn && reg >= sys.goLiveOn) reg = ctx.cal.nextWorkday(firstRequest);
      sys.registeredOn = reg;
    });
  });
}

function staleData(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART30-stale");
  const picked = pickSpread(ctx, "ART30-stale", n, (p) =>
    isFree(ctx, p) && isBuildable(p) && p.shutdownOn === null && p.schedule.prelimOn !== null && p.schedule.prelimOn <= "2025-03-31");
  requireCount("ART30_DATA_STALE", picked, n);
  picked.forEach((p, i) => {
    const variant = i % 3;
    intend(ctx, p, "ART30_DATA_STALE", ["monthly data last refreshed in 2025", "weekly data not refreshed since the summer", "same data collected twice"][variant]);
    edit(ctx, p, (rec) => {
      const sys = rec.system!;
      if (variant === 0) {
        sys.updateCycleDays = 30;
        sys.lastRefreshedOn = maxDate(sys.dataCollectedOn!, ymd(2025, rng.int(3, 9), rng.int(1, 28)));
      } else if (variant === 1) {
        sys.updateCycleDays = 7;
        sys.lastRefreshedOn = maxDate(sys.dataCollectedOn!, ymd(2026, rng.int(6, 9), rng.int(1, 28)));
      } else sys.duplicateCollection = true;
      if (yearOf(sys.lastRefreshedOn!) > 2026) throw new Error("stale refresh after the export");
    });
  });
}

export function cloudCases(ctx: CaseContext): void {
  shutdowns(ctx);
  registrationFirst(ctx);
  staleData(ctx);
}
