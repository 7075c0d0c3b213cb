// Security records of a system (Art. 35–37): the security plan and the assessment report on file before go-live
// (Art. 36), an MLPS (等保) evaluation filing — or a penetration test with its findings fixed — before go-live for
// internet-facing or level ≥ 2 systems, a crypto assessment (密码应用评估) before go-live and every year after
// (Art. 5(5), 35: "同步规划、建设、运行密码保障系统并定期评估"), and vulnerabilities found in operation, the high and
// critical ones fixed by their deadline (Art. 37).
import type { WorkCalendar } from "./calendar.js";
import { addDays, minDate, yearOf, ymd, type IsoDate } from "./dates.js";
import type { ProjectRecords, SecurityRecord, SecurityType, Severity } from "./model.js";
import type { ProjectPlan } from "./plan.js";
import type { Rng } from "./random.js";
import { EXPORT_DAY, LAST_EVENT } from "./timeline.js";

/** Days a vulnerability of each severity is given to be fixed. */
export const FIX_DAYS: Record<Severity, number> = { 严重: 7, 高危: 15, 中危: 30, 低危: 60 };

export function needsMlpsOrPentest(plan: Pick<ProjectPlan, "app">): boolean {
  return plan.app.internetFacing || plan.app.mlpsLevel >= 2;
}

export function buildSecurity(plan: ProjectPlan, rec: ProjectRecords, cal: WorkCalendar, root: Rng): void {
  const sys = rec.system;
  const contractOn = rec.contracts[0]?.signedOn;
  if (!sys || !sys.goLiveOn || !contractOn) return;
  const rng = root.fork(`security:${plan.app.projectId}`);
  const goLive = sys.goLiveOn;
  const out: SecurityRecord[] = [];
  const add = (type: SecurityType, date: IsoDate, extra: Partial<SecurityRecord> = {}): void => {
    out.push({
      recordId: "", projectId: plan.app.projectId, type, date,
      severity: null, fixDeadline: null, fixedOn: null, ...extra,
    });
  };
  const beforeGoLive = (minDays: number, maxDays: number): IsoDate => {
    const d = cal.onOrAfter(addDays(goLive, -rng.int(minDays, maxDays)));
    return d < goLive ? d : cal.previousWorkday(goLive);
  };

  let planOn = cal.onOrAfter(addDays(contractOn, rng.int(20, 60)));
  if (planOn >= addDays(goLive, -5)) planOn = beforeGoLive(8, 20);
  add("安全方案", planOn);
  add("安全评估报告", beforeGoLive(7, 30));
  if (needsMlpsOrPentest(plan)) {
    if (rng.chance(0.8)) {
      const on = beforeGoLive(15, 45);
      add("等保测评备案", on, { fixedOn: minDate(addDays(on, rng.int(3, 8)), addDays(goLive, -1)) });
    } else {
      const on = beforeGoLive(15, 40);
      add("渗透测试报告", on, { fixedOn: minDate(addDays(on, rng.int(2, 8)), addDays(goLive, -1)) });
    }
  }
  add("密码应用评估", beforeGoLive(5, 30));

  const stop = sys.shutdownOn ?? LAST_EVENT;
  for (let y = yearOf(goLive) + 1; y <= yearOf(LAST_EVENT); y++) {
    // One crypto assessment a year for systems still running on 30 September; level-3+ systems are also
    // re-evaluated for MLPS every year.
    if (stop < ymd(y, 9, 30)) break;
    const on = cal.onOrAfter(ymd(y, rng.int(3, 9), rng.int(1, 28)));
    add("密码应用评估", on);
    if (plan.app.mlpsLevel >= 3) {
      const m = cal.onOrAfter(ymd(y, rng.int(4, 9), rng.int(1, 28)));
      add("等保测评备案", m, { fixedOn: addDays(m, rng.int(5, 20)) });
    }
  }

  // Vulnerabilities and incidents found while the system runs.
  const lastFound = minDate(addDays(stop, -10), "2026-10-10");
  for (let y = yearOf(goLive); y <= yearOf(lastFound); y++) {
    const n = rng.poisson(1.1);
    for (let i = 0; i < n; i++) {
      const found = addDays(goLive, rng.int(5, 1500));
      if (yearOf(found) !== y || found > lastFound) continue;
      const severity = rng.weighted([["严重", 5], ["高危", 20], ["中危", 45], ["低危", 30]] as const);
      const deadline = addDays(found, FIX_DAYS[severity]);
      let fixedOn: IsoDate | null;
      if (severity === "严重" || severity === "高危") fixedOn = addDays(found, rng.int(1, FIX_DAYS[severity]));
      else {
        const r = rng.next();
        fixedOn = r < 0.85 ? addDays(found, rng.int(1, FIX_DAYS[severity])) : r < 0.95 ? addDays(deadline, rng.int(3, 40)) : null;
      }
      if (fixedOn !== null && fixedOn > EXPORT_DAY) fixedOn = null;
      add("漏洞", found, { severity, fixDeadline: deadline, fixedOn });
    }
    if (rng.chance(0.08)) {
      const on = addDays(goLive, rng.int(5, 1500));
      if (yearOf(on) === y && on <= lastFound) {
        add("安全事件", on, { severity: rng.pick(["中危", "高危"] as const), fixedOn: addDays(on, rng.int(0, 3)) });
      }
    }
  }
  rec.security = out;
  renumberSecurity(rec);
}

/** Renumbers a project's security records after a case added or moved one. */
export function renumberSecurity(rec: ProjectRecords): void {
  rec.security.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.type.localeCompare(b.type)));
  rec.security.forEach((r, i) => (r.recordId = `AQ-${rec.app.projectId}-${String(i + 1).padStart(3, "0")}`));
}
