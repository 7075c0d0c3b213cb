// Money and change control: re-review of changes before tendering (Art. 17), abolition explained (Art. 17),
// contracts and payments within the approved price (Art. 21), no construction funds before the review opinion
// (Art. 22). Clean re-reviewed changes are planted too, some raising the approved price above which the contract
// then lands (a near-miss of Art. 21).
import { addDays, diffDays } from "../dates.js";
import { paidBy, paymentId } from "../lifecycle.js";
import { approvedFen, type Change } from "../model.js";
import { LAST_EVENT } from "../timeline.js";
import { edit, intend, isBuildable, isFree, nearMiss, perRule, pickSpread, requireCount, type CaseContext } from "./context.js";

/** Clean re-reviewed changes on a few percent of projects; some raise the budget. */
function cleanChanges(ctx: CaseContext): void {
  const rng = ctx.rng.fork("changes");
  const fits = (p: Parameters<typeof isFree>[1]): boolean =>
    isFree(ctx, p) && isBuildable(p) && p.schedule.tenderOn !== null && diffDays(p.schedule.tenderOn, p.schedule.groupOn) >= 45;
  const n = Math.round(ctx.plans.length * 0.03);
  pickSpread(ctx, "changes", n, fits).forEach((p, i) => {
    ctx.claimed.add(p.app.projectId);
    if (i % 2 === 0) p.contentChange = true;
    else {
      p.budgetIncrease = rng.real(1.1, 1.2);
      if (i % 4 === 1) nearMiss(ctx, p, "ART17_CHANGE_WITHOUT_REVIEW", "budget increase re-reviewed and approved before tendering");
    }
  });
}

function changeWithoutReview(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART17-change");
  const picked = pickSpread(ctx, "ART17-change", n, (p) =>
    isFree(ctx, p) && isBuildable(p) && p.schedule.tenderOn !== null && p.schedule.contractOn !== null && diffDays(p.schedule.tenderOn, p.schedule.groupOn) >= 20);
  requireCount("ART17_CHANGE_WITHOUT_REVIEW", picked, n);
  picked.forEach((p, i) => {
    const tender = p.schedule.tenderOn!;
    const appliedBefore = ctx.cal.onOrAfter(addDays(p.schedule.groupOn, rng.int(3, Math.floor(diffDays(tender, p.schedule.groupOn) / 2))));
    const variant = i % 4;
    const note = ["content adjusted, no re-review", "budget raised, re-approved only after tendering", "budget raised, no re-review", "content adjusted after tendering, approved after tendering"][variant];
    intend(ctx, p, "ART17_CHANGE_WITHOUT_REVIEW", note);
    edit(ctx, p, (rec) => {
      const approved = approvedFen(rec)!;
      const raised = Math.round((approved * rng.real(1.08, 1.25)) / 10_000) * 10_000;
      const base: Change = {
        projectId: p.app.projectId, type: "内容调整", appliedOn: appliedBefore, reReviewed: false, approvedOn: null,
        tenderedOn: tender, explanationFiled: null, newAmountFen: null,
      };
      if (variant === 0) rec.changes.push(base);
      else if (variant === 2) rec.changes.push({ ...base, type: "预算增加", newAmountFen: raised });
      else {
        const appliedOn = variant === 1 ? appliedBefore : ctx.cal.onOrAfter(addDays(tender, rng.int(1, 5)));
        const approvedOn = ctx.cal.onOrAfter(addDays(tender, rng.int(6, 20)));
        const type = variant === 1 ? "预算增加" : "内容调整";
        rec.changes.push({ ...base, type, appliedOn, reReviewed: true, approvedOn, newAmountFen: variant === 1 ? raised : null });
        if (variant === 1) {
          rec.reviews.push({ projectId: p.app.projectId, stage: "领导小组审查", date: approvedOn, conclusion: "通过", approvedFen: raised, opinion: "同意调整，按变更后金额实施", techReqsDone: true });
        }
      }
    });
  });
}

function abolitions(ctx: CaseContext): void {
  const [, to] = ctx.years;
  const n = Math.max(3, perRule(ctx) - 1);
  // Abolished projects of the last budget year, so no later application of the department can be said to depend
  // on their missing contract (Art. 7(6)).
  const picked = pickSpread(ctx, "ART17-abolish", n + 2, (p) => isFree(ctx, p) && isBuildable(p) && p.app.applyYear === to);
  requireCount("ART17_ABOLISHED_UNEXPLAINED", picked, n + 2);
  picked.forEach((p, i) => {
    p.fate = "abolished";
    if (i < n) {
      intend(ctx, p, "ART17_ABOLISHED_UNEXPLAINED", "approved, abolished, no explanation filed");
      edit(ctx, p, (rec) => {
        for (const c of rec.changes) if (c.type === "废止") c.explanationFiled = false;
      });
    } else nearMiss(ctx, p, "ART17_ABOLISHED_UNEXPLAINED", "approved, abolished with the explanation filed");
  });
}

function overApprovedPrice(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART21");
  const picked = pickSpread(ctx, "ART21", n + 2, (p) => isFree(ctx, p) && isBuildable(p) && p.schedule.finalOn !== null && p.schedule.finalOn <= addDays(LAST_EVENT, -120));
  requireCount("ART21_OVER_APPROVED_PRICE", picked, n + 2);
  picked.forEach((p, i) => {
    const variant = i < n ? i % 3 : 3;
    const note = ["contract above the approved price", "extra payment took the total over the approved price", "supplementary contract took the total over the approved price", "contract exactly at the approved price"][variant];
    if (variant === 3) nearMiss(ctx, p, "ART21_OVER_APPROVED_PRICE", note);
    else intend(ctx, p, "ART21_OVER_APPROVED_PRICE", note);
    edit(ctx, p, (rec) => {
      const approved = approvedFen(rec)!;
      const c = rec.contracts[0];
      if (variant === 0 || variant === 3) {
        const amount = variant === 0 ? Math.round((approved * rng.real(1.03, 1.09)) / 100) * 100 : approved;
        // Payments follow the contract: rescale them, the last one absorbing the rounding.
        const scale = amount / c.amountFen;
        let left = amount;
        rec.payments.forEach((x, k) => {
          x.amountFen = k === rec.payments.length - 1 ? left : Math.round((x.amountFen * scale) / 100) * 100;
          left -= x.amountFen;
        });
        c.amountFen = amount;
      } else if (variant === 1) {
        const last = rec.payments[rec.payments.length - 1];
        const on = ctx.cal.onOrAfter(addDays(last.paidOn, rng.int(20, 60)));
        const over = approved - rec.payments.reduce((s, x) => s + x.amountFen, 0) + Math.round((approved * rng.real(0.02, 0.06)) / 100) * 100;
        rec.payments.push({ paymentId: paymentId(p.app.projectId, on, rec.payments.length + 1), projectId: p.app.projectId, paidOn: on, amountFen: over, fundType: "建设" });
      } else {
        const on = ctx.cal.onOrAfter(addDays(c.signedOn, rng.int(60, 200)));
        const amount = approved - c.amountFen + Math.round((approved * rng.real(0.03, 0.1)) / 100) * 100;
        rec.contracts.push({ ...c, contractId: `HT-${p.app.projectId}-2`, signedOn: on, amountFen: amount, filedOn: ctx.cal.addWorkdays(on, rng.int(1, 5)), method: "单一来源" });
      }
      if (rec.acceptance?.filedOn) rec.acceptance.paidFen = paidBy(rec.payments, rec.acceptance.filedOn);
    });
  });
}

function paidWithoutReview(ctx: CaseContext): void {
  const n = perRule(ctx);
  const rng = ctx.rng.fork("ART22");
  const picked = pickSpread(ctx, "ART22", n, (p) => isFree(ctx, p) && isBuildable(p) && p.schedule.contractOn !== null && !p.returnedOnce);
  requireCount("ART22_PAID_WITHOUT_REVIEW", picked, n);
  picked.forEach((p) => {
    intend(ctx, p, "ART22_PAID_WITHOUT_REVIEW", "advance paid before the application was even reviewed");
    edit(ctx, p, (rec) => {
      const first = rec.payments[0];
      const firstReview = rec.reviews.map((r) => r.date).sort()[0];
      first.paidOn = ctx.cal.previousWorkday(addDays(firstReview, -rng.int(2, 15)));
      first.paymentId = paymentId(p.app.projectId, first.paidOn, 1);
    });
  });
}

export function moneyCases(ctx: CaseContext): void {
  cleanChanges(ctx);
  changeWithoutReview(ctx);
  abolitions(ctx);
  overApprovedPrice(ctx);
  paidWithoutReview(ctx);
}
