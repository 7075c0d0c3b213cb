// The information system a construction project builds, as the public data platform and the government cloud know
// it: registration before any cloud request (Art. 29), catalog compiled and data collected within 10 working days
// of preliminary acceptance (Art. 30), refreshed on its declared cycle, resources released and a backup taken when
// it is switched off (Art. 18).
import type { WorkCalendar } from "./calendar.js";
import { addDays, diffDays, maxDate, minDate, type IsoDate } from "./dates.js";
import type { CloudResource, ProjectRecords, ResourceType, SystemRecord } from "./model.js";
import type { ProjectPlan } from "./plan.js";
import type { Rng } from "./random.js";
import { EXPORT_DAY, LAST_EVENT, STABLE_UNTIL } from "./timeline.js";

const RESOURCE_PREFIX: Record<ResourceType, string> = { 云主机: "ecs", 云数据库: "rds", 云存储: "oss", 云安全: "sec" };

export function systemIdOf(projectId: string): string {
  return `XT-${projectId}`;
}

/** Declared update cycles (days) of systems in use. All exceed the span from the export to STABLE_UNTIL, so a system
 *  refreshed on time stays fresh for every as-of date the sample supports. */
const UPDATE_CYCLES: readonly (readonly [number, number])[] = [[90, 5], [180, 3], [365, 2]];

function lastRefresh(rng: Rng, collectedOn: IsoDate, cycle: number, shutdownOn: IsoDate | null): IsoDate {
  if (shutdownOn) return maxDate(collectedOn, addDays(shutdownOn, -rng.int(1, 20)));
  // Refreshed recently enough that the next refresh is due after STABLE_UNTIL.
  const earliest = addDays(STABLE_UNTIL, -cycle + 1);
  const latest = EXPORT_DAY;
  const span = Math.max(0, diffDays(latest, earliest));
  return maxDate(collectedOn, addDays(earliest, rng.int(0, span)));
}

export function buildSystem(plan: ProjectPlan, rec: ProjectRecords, cal: WorkCalendar, root: Rng): void {
  const s = plan.schedule;
  if (plan.fate !== "built" || plan.app.kind === "运行维护" || plan.role === "legacy-om" || !s.registeredOn) return;
  const rng = root.fork(`system:${plan.app.projectId}`);
  const shutdownOn = plan.shutdownOn;
  const sys: SystemRecord = {
    systemId: systemIdOf(plan.app.projectId),
    projectId: plan.app.projectId,
    name: plan.systemName,
    registeredOn: s.registeredOn,
    goLiveOn: s.goLiveOn,
    shutdownOn,
    backupOn: shutdownOn ? cal.previousWorkday(addDays(shutdownOn, -rng.int(0, 8))) : null,
    catalogCompiledOn: null,
    dataCollectedOn: null,
    catalogItems: null,
    sharedInterfaces: null,
    consumedInterfaces: null,
    updateCycleDays: null,
    lastRefreshedOn: null,
    duplicateCollection: false,
  };
  const catalogWd = rng.int(1, 7);
  const collectWd = rng.int(catalogWd, 10);
  const cycle = rng.weighted(UPDATE_CYCLES);
  const items = Math.round(8 * Math.pow(30, rng.next()));
  if (s.prelimOn) {
    sys.catalogCompiledOn = cal.addWorkdays(s.prelimOn, catalogWd);
    sys.dataCollectedOn = cal.addWorkdays(s.prelimOn, collectWd);
    sys.catalogItems = items;
    sys.sharedInterfaces = Math.round(items * rng.real(0, 0.4));
    sys.consumedInterfaces = rng.int(0, 25);
    sys.updateCycleDays = cycle;
    sys.lastRefreshedOn = lastRefresh(rng, sys.dataCollectedOn, cycle, shutdownOn);
  }
  rec.system = sys;
  if (plan.app.deployment === "政务云" && s.cloudRequestOn) rec.resources = buildResources(plan, cal, rng);
}

function buildResources(plan: ProjectPlan, cal: WorkCalendar, rng: Rng): CloudResource[] {
  const s = plan.schedule;
  const counters = new Map<string, number>();
  const out: CloudResource[] = [];
  for (const r of plan.resources) {
    const requestedOn = cal.onOrAfter(addDays(s.cloudRequestOn!, rng.int(0, 10)));
    if (requestedOn > LAST_EVENT) continue;
    const prefix = RESOURCE_PREFIX[r.type];
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    let releasedOn: IsoDate | null = null;
    // A test environment is given back a month after go-live; everything is given back the day the system stops.
    if (r.testEnv && s.goLiveOn) releasedOn = addDays(s.goLiveOn, rng.int(20, 40));
    if (plan.shutdownOn) releasedOn = releasedOn ? minDate(releasedOn, plan.shutdownOn) : plan.shutdownOn;
    if (releasedOn !== null && releasedOn > LAST_EVENT) releasedOn = null;
    out.push({
      resourceId: `${prefix}-${plan.app.projectId.toLowerCase()}-${String(n).padStart(2, "0")}`,
      projectId: plan.app.projectId,
      systemId: systemIdOf(plan.app.projectId),
      type: r.type,
      spec: r.testEnv ? `${r.spec}（测试环境）` : r.spec,
      requestedOn,
      openedOn: addDays(requestedOn, rng.int(1, 3)),
      releasedOn,
      dailyFen: r.dailyFen,
      cpuBase: r.cpuBase,
    });
  }
  return out;
}

/** The Beijing days a resource is billed: from opening to the day before release, within the billing export. */
export function billedDays(r: CloudResource, billingEnd: IsoDate): { first: IsoDate; last: IsoDate } | null {
  const last = r.releasedOn ? minDate(addDays(r.releasedOn, -1), billingEnd) : billingEnd;
  return last >= r.openedOn ? { first: r.openedOn, last } : null;
}
