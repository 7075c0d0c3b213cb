// Turns a planned project into the records the source systems hold about it: reviews (Art. 12–14), re-reviewed
// changes and abolitions (Art. 17), the contract and its filing (Art. 16), treasury payments (Art. 21–22) and the
// acceptance filing (Art. 19). Everything here is the compliant path: filings inside their working-day deadlines,
// payments after the review opinion, amounts within the approved price. Violations are injected afterwards.
import type { WorkCalendar } from "./calendar.js";
import { addDays, diffDays, type IsoDate } from "./dates.js";
import type { Acceptance, Change, Contract, Payment, ProjectRecords, Review } from "./model.js";
import { fillOpinion, procurementMethod, REVIEW_OPINIONS } from "./names.js";
import type { ProjectPlan } from "./plan.js";
import type { Rng } from "./random.js";
import { LAST_EVENT } from "./timeline.js";

export interface LifecycleContext {
  cal: WorkCalendar;
  rng: Rng;
  suppliers: readonly string[];
}

/** Rounds fen to whole hundreds of yuan (万元 with two decimals). */
function roundToHundredYuan(fen: number): number {
  return Math.round(fen / 10_000) * 10_000;
}

function roundToYuan(fen: number): number {
  return Math.round(fen / 100) * 100;
}

export function paymentId(projectId: string, paidOn: IsoDate, n: number): string {
  return `GK${paidOn.replaceAll("-", "")}${projectId.replace(/\D/g, "")}${n}`;
}

function missingMaterials(plan: ProjectPlan): string {
  const m = plan.app.materials;
  const gaps: string[] = [];
  if (!m.form) gaps.push("项目申报表");
  if (plan.app.kind !== "运行维护" && !m.constructionPlan) gaps.push("建设方案");
  if (plan.app.kind === "运行维护" && !m.priorContract) gaps.push("原合同");
  if (plan.app.kind === "运行维护" && !m.priorEvalReport) gaps.push("前期绩效评估报告");
  if (!m.perfTargets) gaps.push("绩效目标");
  if (!m.basisDocs) gaps.push("依据材料");
  return gaps.length ? gaps.join("、") : "项目概算表";
}

function reviews(plan: ProjectPlan, rng: Rng): { list: Review[]; approvedFen: number | null } {
  const s = plan.schedule;
  const id = plan.app.projectId;
  const list: Review[] = [];
  const row = (stage: Review["stage"], date: IsoDate, conclusion: Review["conclusion"], opinion: string, approvedFen: number | null = null): void => {
    list.push({ projectId: id, stage, date, conclusion, approvedFen, opinion, techReqsDone: true });
  };
  if (s.returnedOn) row("受理", s.returnedOn, "退回修改", fillOpinion(rng, REVIEW_OPINIONS.returnForMaterials, "项目概算表"));
  if (plan.fate === "returned") {
    row("受理", s.acceptOn, "退回修改", fillOpinion(rng, REVIEW_OPINIONS.returnForMaterials, missingMaterials(plan)));
    return { list, approvedFen: null };
  }
  row("受理", s.acceptOn, "通过", rng.pick(REVIEW_OPINIONS.accept));
  row("专家论证", s.expertOn, "通过", rng.pick(REVIEW_OPINIONS.expert));
  if (plan.fate === "rejected") {
    row("领导小组审查", s.groupOn, "不通过", rng.pick(REVIEW_OPINIONS.reject));
    return { list, approvedFen: null };
  }
  const ratio = plan.role === "big-rent" ? rng.real(0.93, 1) : rng.real(0.82, 1);
  const approvedFen = roundToHundredYuan(plan.app.requestedFen * ratio);
  row("领导小组审查", s.groupOn, "通过", rng.pick(REVIEW_OPINIONS.group), approvedFen);
  return { list, approvedFen };
}

/** A re-reviewed change between approval and tendering (the compliant path of Art. 17), or null when the
 *  project's tender came too soon after approval to fit one in. */
function changeBeforeTender(plan: ProjectPlan, cal: WorkCalendar, rng: Rng, type: Change["type"], newAmountFen: number | null): Change | null {
  const s = plan.schedule;
  if (!s.tenderOn) return null;
  const gap = diffDays(s.tenderOn, s.groupOn);
  if (gap < 14) return null;
  const appliedOn = cal.onOrAfter(addDays(s.groupOn, rng.int(2, Math.floor(gap / 3))));
  const approvedOn = cal.onOrAfter(addDays(appliedOn, rng.int(2, Math.max(2, Math.floor(gap / 3)))));
  if (approvedOn >= s.tenderOn) return null;
  return {
    projectId: plan.app.projectId, type, appliedOn, reReviewed: true, approvedOn, tenderedOn: s.tenderOn,
    explanationFiled: null, newAmountFen,
  };
}

export function materializeLifecycle(plan: ProjectPlan, ctx: LifecycleContext): ProjectRecords {
  const { cal } = ctx;
  const rng = ctx.rng.fork(`lifecycle:${plan.app.projectId}`);
  const id = plan.app.projectId;
  const s = plan.schedule;
  const rv = reviews(plan, rng);
  const rec: ProjectRecords = {
    app: plan.app, reviews: rv.list, contracts: [], changes: [], acceptance: null, payments: [], system: null,
    resources: [], operations: [], security: [], targets: [], actuals: [], evaluations: [], rectifications: [],
  };
  let approved = rv.approvedFen;
  if (approved === null) return rec;

  if (plan.fate === "abolished") {
    // Approved, then abolished before tendering with the explanation filed (Art. 17) unless a case removes it.
    const appliedOn = cal.onOrAfter(addDays(s.groupOn, rng.int(20, 120)));
    rec.changes.push({
      projectId: id, type: "废止", appliedOn: appliedOn <= LAST_EVENT ? appliedOn : cal.previousWorkday(LAST_EVENT),
      reReviewed: null, approvedOn: null, tenderedOn: null, explanationFiled: true, newAmountFen: null,
    });
    return rec;
  }

  if (plan.contentChange) {
    const c = changeBeforeTender(plan, cal, rng, "内容调整", null);
    if (c) rec.changes.push(c);
  }
  if (plan.budgetIncrease !== null) {
    const raised = roundToHundredYuan(approved * plan.budgetIncrease);
    const c = changeBeforeTender(plan, cal, rng, "预算增加", raised);
    if (c) {
      rec.changes.push(c);
      // The re-review's approval is the new 核准价 (Art. 17, 21).
      rec.reviews.push({
        projectId: id, stage: "领导小组审查", date: c.approvedOn!, conclusion: "通过", approvedFen: raised,
        opinion: REVIEW_OPINIONS.rereview[0], techReqsDone: true,
      });
      approved = raised;
    }
  }

  if (!s.contractOn) return rec;
  const isOm = plan.app.kind === "运行维护";
  const amountFen = roundToYuan(approved * (isOm ? rng.real(0.92, 1) : rng.real(0.86, 0.995)));
  const contract: Contract = {
    contractId: `HT-${id}-1`,
    projectId: id,
    supplier: rng.pick(ctx.suppliers),
    method: procurementMethod(rng, amountFen / 100, isOm),
    signedOn: s.contractOn,
    amountFen,
    filedOn: cal.addWorkdays(s.contractOn, rng.int(1, 5)),
  };
  rec.contracts.push(contract);
  rec.payments = isOm ? omPayments(plan, contract, cal, rng) : constructionPayments(plan, contract, cal, rng);

  if (!isOm && s.prelimOn) {
    const event = s.finalOn ?? s.prelimOn;
    const filedOn = cal.addWorkdays(event, rng.int(1, 5));
    rec.acceptance = { projectId: id, prelimOn: s.prelimOn, finalOn: s.finalOn, filedOn, paidFen: paidBy(rec.payments, filedOn) };
  }
  return rec;
}

/** 资金支付情况 filed with the acceptance (Art. 19): what had been paid by the filing day. */
export function paidBy(payments: readonly Payment[], day: IsoDate): number {
  return payments.filter((p) => p.paidOn <= day).reduce((s, p) => s + p.amountFen, 0);
}

function constructionPayments(plan: ProjectPlan, c: Contract, cal: WorkCalendar, rng: Rng): Payment[] {
  const s = plan.schedule;
  const id = plan.app.projectId;
  const first = roundToYuan(c.amountFen * 0.3);
  const second = roundToYuan(c.amountFen * 0.4);
  const tranches: { on: IsoDate | null; fen: number }[] = [
    { on: cal.onOrAfter(addDays(c.signedOn, rng.int(7, 30))), fen: first },
    { on: s.prelimOn ? cal.onOrAfter(addDays(s.prelimOn, rng.int(10, 40))) : null, fen: second },
    { on: s.finalOn ? cal.onOrAfter(addDays(s.finalOn, rng.int(15, 60))) : null, fen: c.amountFen - first - second },
  ];
  return tranches
    .filter((t): t is { on: IsoDate; fen: number } => t.on !== null && t.on <= LAST_EVENT)
    .map((t, i) => ({ paymentId: paymentId(id, t.on, i + 1), projectId: id, paidOn: t.on, amountFen: t.fen, fundType: "建设" as const }));
}

/** O&M fees are paid half-yearly in the service year. */
function omPayments(plan: ProjectPlan, c: Contract, cal: WorkCalendar, rng: Rng): Payment[] {
  const y = plan.app.applyYear;
  const half = roundToYuan(c.amountFen / 2);
  const days = [
    { on: cal.onOrAfter(`${y}-07-${String(rng.int(1, 25)).padStart(2, "0")}`), fen: half },
    { on: cal.onOrAfter(`${y}-12-${String(rng.int(1, 18)).padStart(2, "0")}`), fen: c.amountFen - half },
  ];
  return days
    .filter((t) => t.on > c.signedOn && t.on <= LAST_EVENT)
    .map((t, i) => ({ paymentId: paymentId(plan.app.projectId, t.on, i + 1), projectId: plan.app.projectId, paidOn: t.on, amountFen: t.fen, fundType: "运维" as const }));
}

export function acceptanceEvent(a: Acceptance): IsoDate | null {
  return a.finalOn ?? a.prelimOn;
}

