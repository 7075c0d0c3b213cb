// An independent reading of every rule of rules.md over the generated records. The manifest of intended violations
// is what this oracle finds, and the generator refuses to write an inbox where the oracle disagrees with the cases
// it planted: so a clean project that accidentally breaks a rule (a random date landing on the wrong side of a
// holiday) is caught here, not in the compliance engine's tests. Where a rule can be read more than one way, the
// oracle evaluates each reading and requires the sample to give the same answer under all of them (see
// `ambiguities`), so the sample does not depend on which reading the engine picked.
import type { WorkCalendar } from "../calendar.js";
import { addDays, yearOf, ymd, type IsoDate } from "../dates.js";
import { acceptanceEvent } from "../lifecycle.js";
import { approvalDate, approvedFen, isAbolished, isConstruction, passed, type ProjectRecords } from "../model.js";
import { billedDays } from "../systems.js";
import { BILLING_END } from "../timeline.js";

export interface Flag {
  projectId: string;
  year: number;
  ruleId: string;
  /** The record that proves it (contract id, resource id, …) or a short note. */
  evidence: string;
}

export interface OracleResult {
  flags: Flag[];
  /** Readings of an ambiguous rule that disagree on this sample: must be empty. */
  ambiguities: string[];
}

const FIVE = 5;
const TEN = 10;
const ALLOCATION_THRESHOLD_FEN = 500_000_000; // 5,000,000.00 yuan = 500 万元

export function runOracle(projects: readonly ProjectRecords[], cal: WorkCalendar, asOf: IsoDate): OracleResult {
  const flags: Flag[] = [];
  const ambiguities: string[] = [];
  const flag = (p: ProjectRecords, year: number, ruleId: string, evidence: string): void => {
    flags.push({ projectId: p.app.projectId, year, ruleId, evidence });
  };
  const byDept = new Map<string, ProjectRecords[]>();
  for (const p of projects) {
    const list = byDept.get(p.app.dept.code) ?? [];
    list.push(p);
    byDept.set(p.app.dept.code, list);
  }

  for (const p of projects) {
    const a = p.app;
    const y = a.applyYear;
    const construction = isConstruction(a.kind);
    // Art. 7(1), 7(3): machine rooms and video-conference systems, unless a legal basis is recorded.
    if (a.tags.includes("机房") && a.legalBasis === null) flag(p, y, "ART7_MACHINE_ROOM", "建设内容标签含机房");
    if (a.tags.includes("视频会议") && a.legalBasis === null) flag(p, y, "ART7_VIDEO_CONFERENCE", "建设内容标签含视频会议");
    // Art. 7(2): new, expansion and upgrade projects must be on the government cloud; O&M is not covered.
    if (construction && a.deployment !== "政务云") flag(p, y, "ART7_NOT_ON_GOV_CLOUD", `部署方式 ${a.deployment}`);
    // Art. 7(4), 27, 28.
    if (!a.materials.dataCatalog) flag(p, y, "ART7_NO_DATA_CATALOG", "信息资源目录 否");
    // Art. 8.
    if (a.tags.includes("非信息化内容") && a.nonItInvestFen === null) flag(p, y, "ART8_NON_IT_NOT_SEPARATED", "非信息化投资 空");
    // Art. 9: required materials by kind.
    const m = a.materials;
    const gaps = [
      !m.form && "申报表", construction && !m.constructionPlan && "建设方案",
      !construction && !m.priorContract && "原合同", !construction && !m.priorEvalReport && "前期绩效评估报告",
      !m.perfTargets && "绩效目标", !m.basisDocs && "依据材料",
    ].filter(Boolean);
    if (gaps.length) flag(p, y, "ART9_MATERIALS_MISSING", gaps.join("、"));
    // Art. 11.
    if (!a.inAnnualPlan && a.urgentBasis === null) flag(p, y, "ART11_NOT_IN_PLAN", "未列入年度计划且无临时急需依据");
    // Art. 5(5), 35: crypto plan of non-classified projects, and a crypto assessment once the system runs.
    if (!a.classified) {
      const cryptoAssessments = p.security.filter((s) => s.type === "密码应用评估");
      if (!m.cryptoPlan) flag(p, y, "ART5_NO_CRYPTO_PLAN", "密码应用方案 否");
      else if (p.system?.goLiveOn && p.system.goLiveOn <= asOf && cryptoAssessments.length === 0) {
        flag(p, y, "ART5_NO_CRYPTO_PLAN", "系统上线后无密码应用评估");
      }
      // Reading B of "periodic": one assessment before go-live and one in every later year the system still ran on
      // 30 September. Must agree with reading A (at least one) on this sample.
      if (m.cryptoPlan && p.system?.goLiveOn && cryptoAssessments.length > 0) {
        const sys = p.system;
        const stop = sys.shutdownOn ?? asOf;
        const years = new Set(cryptoAssessments.map((s) => yearOf(s.date)));
        const beforeLive = cryptoAssessments.some((s) => s.date < sys.goLiveOn!);
        for (let yy = yearOf(sys.goLiveOn!) + 1; yy <= yearOf(asOf); yy++) {
          if (stop >= ymd(yy, 9, 30) && ymd(yy, 9, 30) <= asOf && !years.has(yy)) ambiguities.push(`${a.projectId} ART5 periodic: no crypto assessment in ${yy}`);
        }
        if (!beforeLive) ambiguities.push(`${a.projectId} ART5 periodic: no crypto assessment before go-live`);
      }
    }
    // Art. 23: city-wide, rent ≥ 500 万 a year, no allocation plan. Reading A: the rent estimated at application;
    // reading B: any year's billed rent. They must agree.
    if (a.cityWide && !a.hasAllocPlan) {
      const byEstimate = a.estCloudRentFen >= ALLOCATION_THRESHOLD_FEN;
      const byBill = maxYearRentFen(p) >= ALLOCATION_THRESHOLD_FEN;
      if (byEstimate) flag(p, y, "ART23_NO_ALLOCATION_PLAN", `预计年云租赁费 ${a.estCloudRentFen / 1e6}万元`);
      if (byEstimate !== byBill && construction) ambiguities.push(`${a.projectId} ART23 estimate ${byEstimate} vs bill ${byBill}`);
    }

    // Art. 16: each contract filed within 5 working days of signing.
    for (const c of p.contracts) {
      const due = cal.addWorkdays(c.signedOn, FIVE);
      if (due >= asOf) continue;
      if (c.filedOn === null || c.filedOn > due) flag(p, yearOf(c.signedOn), "ART16_CONTRACT_FILING_LATE", c.contractId);
    }
    // Art. 17.
    for (const ch of p.changes) {
      if (ch.type === "废止") {
        if (ch.explanationFiled !== true && approvalDate(p) !== null) flag(p, yearOf(ch.appliedOn), "ART17_ABOLISHED_UNEXPLAINED", ch.appliedOn);
        continue;
      }
      const approvedAfterTender = ch.approvedOn !== null && ch.tenderedOn !== null && ch.approvedOn > ch.tenderedOn;
      if (ch.approvedOn !== null && ch.approvedOn === ch.tenderedOn) ambiguities.push(`${a.projectId} ART17 approved on the tender day`);
      if (ch.reReviewed !== true || ch.approvedOn === null || approvedAfterTender) flag(p, yearOf(ch.appliedOn), "ART17_CHANGE_WITHOUT_REVIEW", `${ch.type} ${ch.appliedOn}`);
    }
    // Art. 19: acceptance filed within 5 working days of the final acceptance (the preliminary one when there is
    // no final acceptance yet).
    if (p.acceptance) {
      const event = acceptanceEvent(p.acceptance);
      if (event) {
        const due = cal.addWorkdays(event, FIVE);
        if (due < asOf && (p.acceptance.filedOn === null || p.acceptance.filedOn > due)) {
          flag(p, yearOf(event), "ART19_ACCEPTANCE_FILING_LATE", `验收 ${event}`);
        }
        if (p.acceptance.filedOn !== null && p.acceptance.paidFen === null) ambiguities.push(`${a.projectId} acceptance filed without payment status`);
      }
    }
    // Art. 21: contracted or paid total over the approved price; the year of the record that first crossed it.
    const approved = approvedFen(p);
    if (approved !== null) {
      const events = [
        ...p.contracts.map((c) => ({ on: c.signedOn, kind: "c" as const, fen: c.amountFen, ref: c.contractId })),
        ...p.payments.map((x) => ({ on: x.paidOn, kind: "p" as const, fen: x.amountFen, ref: x.paymentId })),
      ].sort((u, v) => (u.on < v.on ? -1 : u.on > v.on ? 1 : 0));
      let contracted = 0;
      let paid = 0;
      for (const e of events) {
        if (e.kind === "c") contracted += e.fen;
        else paid += e.fen;
        if (contracted > approved || paid > approved) {
          flag(p, yearOf(e.on), "ART21_OVER_APPROVED_PRICE", e.ref);
          break;
        }
      }
    }
    // Art. 22: construction funds paid before the review opinion. Reading A: before the approving leading-group
    // review; reading B: before any review at all. Must agree.
    const approvalOn = approvalDate(p);
    const firstReview = p.reviews.map((r) => r.date).sort()[0] ?? null;
    const construction_payments = p.payments.filter((x) => x.fundType === "建设").sort((u, v) => (u.paidOn < v.paidOn ? -1 : 1));
    const early = construction_payments.find((x) => approvalOn === null || x.paidOn < approvalOn);
    if (early) {
      flag(p, yearOf(early.paidOn), "ART22_PAID_WITHOUT_REVIEW", early.paymentId);
      if (firstReview !== null && early.paidOn >= firstReview && p.reviews.some(passed)) ambiguities.push(`${a.projectId} ART22 paid between reviews`);
    }

    const sys = p.system;
    if (sys) {
      // Art. 18: still billed after shutdown, or no backup at shutdown.
      if (sys.shutdownOn && sys.shutdownOn <= asOf) {
        const billedAfter = p.resources.some((r) => {
          const days = billedDays(r, BILLING_END);
          return days !== null && days.last > sys.shutdownOn!;
        });
        const noBackup = sys.backupOn === null || sys.backupOn > sys.shutdownOn;
        if (billedAfter || noBackup) flag(p, yearOf(sys.shutdownOn), "ART18_CLOUD_NOT_RELEASED", billedAfter ? "停用后仍计费" : "停用时无备份");
      }
      // Art. 29: every resource requested after registration (same day counts as not before: avoided in the data).
      for (const r of p.resources) {
        if (sys.registeredOn === null || r.requestedOn < sys.registeredOn) {
          flag(p, yearOf(r.requestedOn), "ART29_CLOUD_BEFORE_REGISTRATION", r.resourceId);
        } else if (r.requestedOn === sys.registeredOn) ambiguities.push(`${a.projectId} ART29 requested on the registration day`);
      }
      // Art. 30: catalog and collection within 10 working days of preliminary acceptance.
      const prelim = p.acceptance?.prelimOn ?? null;
      if (prelim) {
        const due = cal.addWorkdays(prelim, TEN);
        if (due < asOf) {
          const late = (d: IsoDate | null): boolean => d === null || d > due;
          if (late(sys.catalogCompiledOn) || late(sys.dataCollectedOn)) flag(p, yearOf(prelim), "ART30_CATALOG_LATE", `初验 ${prelim}`);
          if (late(sys.catalogCompiledOn) !== late(sys.dataCollectedOn)) ambiguities.push(`${a.projectId} ART30 only one of catalog/collection late`);
        }
      }
      // Art. 30: stale refresh of a system in use, or duplicate collection.
      const running = sys.shutdownOn === null || sys.shutdownOn > asOf;
      if (running && sys.lastRefreshedOn && sys.updateCycleDays) {
        const due = addDays(sys.lastRefreshedOn, sys.updateCycleDays);
        if (due < asOf) flag(p, yearOf(due), "ART30_DATA_STALE", `应于 ${due} 前更新`);
      }
      if (sys.duplicateCollection && sys.dataCollectedOn) flag(p, yearOf(sys.dataCollectedOn), "ART30_DATA_STALE", "重复采集");

      // Art. 36: systems that went live.
      if (sys.goLiveOn && sys.goLiveOn <= asOf) {
        const live = sys.goLiveOn;
        const onFileBefore = (type: string): boolean => p.security.some((s) => s.type === type && s.date < live);
        if (a.deployment === "政务云" && !(onFileBefore("安全评估报告") && onFileBefore("安全方案"))) {
          flag(p, yearOf(live), "ART36_NO_SECURITY_ASSESSMENT", `上线 ${live}`);
        }
        if (a.internetFacing || a.mlpsLevel >= 2) {
          const mlps = p.security.some((s) => s.type === "等保测评备案" && s.date < live);
          const pentest = p.security.some((s) => s.type === "渗透测试报告" && s.date < live && s.fixedOn !== null && s.fixedOn <= live);
          if (!mlps && !pentest) flag(p, yearOf(live), "ART36_NO_MLPS_OR_PENTEST", `上线 ${live}`);
        }
        // Reading B of ART36_NO_SECURITY_ASSESSMENT: documents required whatever the deployment. Must agree.
        if (a.deployment !== "政务云" && !(onFileBefore("安全评估报告") && onFileBefore("安全方案"))) ambiguities.push(`${a.projectId} ART36 off-cloud system without documents`);
      }
    }
    // Art. 37: high or critical vulnerabilities open past their deadline while the system kept running.
    for (const s of p.security) {
      if (s.type !== "漏洞" || (s.severity !== "严重" && s.severity !== "高危") || !s.fixDeadline) continue;
      if (s.fixDeadline >= asOf) continue;
      const stillRunning = !sys?.shutdownOn || sys.shutdownOn > s.fixDeadline;
      if (stillRunning && (s.fixedOn === null || s.fixedOn > s.fixDeadline)) flag(p, yearOf(s.fixDeadline), "ART37_VULN_UNFIXED", s.recordId);
    }
    // Art. 34: rectifications of missed targets.
    for (const r of p.rectifications) {
      const missed = p.actuals.some((x) => {
        const t = p.targets.find((tt) => tt.year === x.year && tt.indicator === x.indicator);
        return t && x.year === r.year && (t.direction === "≥" ? x.actual < t.value : x.actual > t.value);
      });
      if (!missed) ambiguities.push(`${a.projectId} rectification ${r.rectificationId} without a missed target`);
      if (r.deadline < asOf) {
        if (r.completedOn === null || r.completedOn > r.deadline || r.recheck === "不通过") flag(p, r.year, "ART34_RECTIFICATION_FAILED", r.rectificationId);
        else if (r.recheck === null) ambiguities.push(`${a.projectId} rectification completed without re-check`);
      } else if (r.completedOn === null) flag(p, r.year, "ART34_RECTIFICATION_OPEN", r.rectificationId);
    }
    // A missed target of a closed year (31 December on or before the as-of date) makes the year due a rectification;
    // with no order of that year issued by the as-of date it is ART34_RECTIFICATION_OPEN (docs/rules.md). A 差
    // grade makes a year due too, but this oracle does not grade: the sample test reads those from the warehouse.
    const missedYears = new Set<number>();
    for (const x of p.actuals) {
      const t = p.targets.find((tt) => tt.year === x.year && tt.indicator === x.indicator);
      if (t && (t.direction === "≥" ? x.actual < t.value : x.actual > t.value)) missedYears.add(x.year);
    }
    for (const my of missedYears) {
      if (ymd(my, 12, 31) > asOf) continue;
      if (!p.rectifications.some((r) => r.year === my && r.orderedOn <= asOf)) flag(p, my, "ART34_RECTIFICATION_OPEN", `due/${my}`);
    }
  }

  // Department-level rules (Art. 7(5), 7(6)). What each project contributes is computed once.
  const dueFilings = new Map<string, { due: IsoDate; filedOn: IsoDate | null }[]>();
  const incomplete = new Map<string, boolean>();
  const openOpinions = new Map<string, IsoDate[]>();
  for (const q of projects) {
    dueFilings.set(q.app.projectId, approvedAndAlive(q) ? filings(q, cal) : []);
    incomplete.set(q.app.projectId, incompleteAsOf(q, cal, asOf));
    openOpinions.set(q.app.projectId, q.reviews.filter((r) => !r.techReqsDone).map((r) => r.date));
  }
  for (const list of byDept.values()) {
    for (const p of list) {
      const earlier = list.filter((q) => q.app.applyYear < p.app.applyYear);
      // Art. 7(5): an earlier year's review opinion with technical requirements not implemented.
      // Reading A: by the reviewed project's budget year; reading B: by the review's own date year and before the
      // application. Must agree.
      const openA = earlier.some((q) => openOpinions.get(q.app.projectId)!.length > 0);
      const openB = list.some((q) => q !== p && openOpinions.get(q.app.projectId)!.some((d) => yearOf(d) < p.app.applyYear && d < p.app.applyDate));
      if (openA) flag(p, p.app.applyYear, "ART7_PRIOR_OPINIONS_OPEN", "往年审核意见技术要求未落实");
      if (openA !== openB) ambiguities.push(`${p.app.projectId} ART7(5) readings disagree`);
      // Art. 7(6): an earlier year's approved project with a filing missing. Reading A: missing at the new
      // application's date (deadline passed and not filed by then); reading B: still missing at the as-of date.
      const day = p.app.applyDate;
      const backlogA = earlier.some((q) => dueFilings.get(q.app.projectId)!.some((f) => f.due < day && (f.filedOn === null || f.filedOn > day)));
      const backlogB = earlier.some((q) => incomplete.get(q.app.projectId)!);
      if (backlogA) flag(p, p.app.applyYear, "ART7_DEPT_BACKLOG", "往年项目备案不全");
      if (backlogA !== backlogB) ambiguities.push(`${p.app.projectId} ART7(6) readings disagree (${backlogA}/${backlogB})`);
      if (backlogA && !isConstruction(p.app.kind)) ambiguities.push(`${p.app.projectId} ART7(6) flags an O&M application`);
      if (openA && !isConstruction(p.app.kind)) ambiguities.push(`${p.app.projectId} ART7(5) flags an O&M application`);
    }
  }
  return { flags, ambiguities };
}

function approvedAndAlive(q: ProjectRecords): boolean {
  return approvalDate(q) !== null && !isAbolished(q);
}

/** The filings of q with their deadlines: each contract (Art. 16) and the acceptance (Art. 19). */
function filings(q: ProjectRecords, cal: WorkCalendar): { due: IsoDate; filedOn: IsoDate | null }[] {
  const out = q.contracts.map((c) => ({ due: cal.addWorkdays(c.signedOn, FIVE), filedOn: c.filedOn }));
  const event = q.acceptance ? acceptanceEvent(q.acceptance) : null;
  if (q.acceptance && event) out.push({ due: cal.addWorkdays(event, FIVE), filedOn: q.acceptance.filedOn });
  return out;
}

/** At `day`, some filing of q was due and had not been made. */
function overdueAt(q: ProjectRecords, cal: WorkCalendar, day: IsoDate): boolean {
  if (!approvedAndAlive(q)) return false;
  return filings(q, cal).some((f) => f.due < day && (f.filedOn === null || f.filedOn > day));
}

/** At the as-of date, q lacks a contract, an acceptance, or a filing (contract, acceptance with payment status). */
function incompleteAsOf(q: ProjectRecords, cal: WorkCalendar, asOf: IsoDate): boolean {
  if (!approvedAndAlive(q)) return false;
  if (q.contracts.length === 0) return true;
  if (q.contracts.some((c) => c.filedOn === null)) return true;
  if (isConstruction(q.app.kind)) {
    if (!q.acceptance) return true;
    if (q.acceptance.filedOn === null || q.acceptance.paidFen === null) return true;
  }
  return overdueAt(q, cal, asOf);
}

/** The largest calendar-year billed rent of the project's resources (Beijing days), in fen. */
function maxYearRentFen(p: ProjectRecords): number {
  const byYear = new Map<number, number>();
  for (const r of p.resources) {
    const days = billedDays(r, BILLING_END);
    if (!days) continue;
    for (let y = yearOf(days.first); y <= yearOf(days.last); y++) {
      const first = days.first > ymd(y, 1, 1) ? days.first : ymd(y, 1, 1);
      const last = days.last < ymd(y, 12, 31) ? days.last : ymd(y, 12, 31);
      const n = (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
      byYear.set(y, (byYear.get(y) ?? 0) + n * r.dailyFen);
    }
  }
  return Math.max(0, ...byYear.values());
}
