// Monthly monitoring of systems in use (Art. 32: 项目运行情况): availability, serious incidents, time to restore,
// active users and transactions. The series belongs to the system's construction project; an O&M project is
// reported for the months of its service year, as the O&M contractor's monthly report carries them.
import { ymd, type IsoDate } from "./dates.js";
import type { ProjectRecords } from "./model.js";
import type { ProjectPlan } from "./plan.js";
import type { Rng } from "./random.js";
import { BILLING_END } from "./timeline.js";

function monthKey(y: number, m: number): string {
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** Months in which the system ran all or most of the time: from its go-live month (or the next one, when it went
 *  live after the 20th) to the month before its shutdown, within the export. */
function liveMonths(goLive: IsoDate, shutdown: IsoDate | null): { y: number; m: number }[] {
  const next = (y: number, m: number): [number, number] => (m === 12 ? [y + 1, 1] : [y, m + 1]);
  let [y, m] = [Number(goLive.slice(0, 4)), Number(goLive.slice(5, 7))];
  if (Number(goLive.slice(8, 10)) > 20) [y, m] = next(y, m);
  // Exclusive end: the shutdown month, or the month after the last billed month.
  const stop = shutdown ? shutdown.slice(0, 7) : monthKey(...next(Number(BILLING_END.slice(0, 4)), Number(BILLING_END.slice(5, 7))));
  const out: { y: number; m: number }[] = [];
  while (monthKey(y, m) < stop) {
    out.push({ y, m });
    [y, m] = next(y, m);
  }
  return out;
}

export function buildOperations(plan: ProjectPlan, rec: ProjectRecords, root: Rng): void {
  const sys = rec.system;
  if (!sys || !sys.goLiveOn) return;
  const rng = root.fork(`operations:${plan.app.projectId}`);
  const q = plan.quality;
  const baseUsers = plan.app.internetFacing ? rng.int(2_000, 150_000) : rng.int(40, 3_000);
  const perUser = rng.real(1.5, 20);
  const growth = rng.real(-0.004, 0.02);
  const gaps = rng.chance(0.03) ? new Set([rng.int(0, 30), rng.int(0, 30), rng.int(0, 30)]) : new Set<number>();
  liveMonths(sys.goLiveOn, sys.shutdownOn).forEach(({ y, m }, i) => {
    if (gaps.has(i)) return; // monitoring not reported that month: missing evidence, not zero
    const bad = rng.chance(0.04 + (1 - q) * 0.08);
    const ramp = Math.min(1, (i + 1) / 6);
    const users = Math.max(1, Math.round(baseUsers * ramp * Math.pow(1 + growth, i) * rng.real(0.9, 1.1)));
    const incidents = bad ? rng.int(1, 2) : rng.poisson(0.02);
    rec.operations.push({
      projectId: plan.app.projectId,
      month: monthKey(y, m),
      availabilityPct: Number((bad ? rng.real(96.5, 99.3) : Math.min(99.99, 99.2 + q * 0.78 + rng.normal(0, 0.05))).toFixed(2)),
      majorIncidents: incidents,
      meanRestoreHours: incidents > 0 ? Number(rng.real(0.5, 12).toFixed(1)) : null,
      activeUsers: users,
      transactions: Math.round(users * perUser * rng.real(0.85, 1.15)),
    });
  });
}

/** An O&M project reports its system's months of the service year. */
export function copyOperationsForServiceYear(om: ProjectRecords, parent: ProjectRecords): void {
  const year = String(om.app.applyYear);
  om.operations = parent.operations
    .filter((o) => o.month.startsWith(year))
    .map((o) => ({ ...o, projectId: om.app.projectId }));
}

/** Monitoring of a legacy system the sample has no platform record of (its O&M project reports it). */
export function buildLegacyOperations(plan: ProjectPlan, rec: ProjectRecords, root: Rng): void {
  const rng = root.fork(`operations:${plan.app.projectId}`);
  const y = plan.app.applyYear;
  const users = rng.int(200, 2_000);
  for (let m = 1; m <= 12; m++) {
    if (ymd(y, m, 1) > BILLING_END) break;
    rec.operations.push({
      projectId: plan.app.projectId, month: monthKey(y, m),
      availabilityPct: Number((99.3 + rng.real(0, 0.6)).toFixed(2)), majorIncidents: 0, meanRestoreHours: null,
      activeUsers: Math.round(users * rng.real(0.9, 1.1)), transactions: Math.round(users * rng.real(3, 8)),
    });
  }
}
