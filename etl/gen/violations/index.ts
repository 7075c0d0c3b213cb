// Plants the violation and near-miss cases (rules.md) in the planned portfolio. Department-level cases go first
// (they need whole departments untouched), then the pinned deadline cases, then the rest.
import { applicationCases } from "./application-cases.js";
import { cloudCases } from "./cloud-cases.js";
import { nearMiss, type CaseContext } from "./context.js";
import { departmentCases } from "./department-cases.js";
import { filingCases } from "./filing-cases.js";
import { moneyCases } from "./money-cases.js";
import { performanceCases } from "./performance-cases.js";
import { securityCases } from "./security-cases.js";

export function planCases(ctx: CaseContext): void {
  // The legacy O&M projects were planned as near-misses of Art. 7(2) and Art. 5(5).
  for (const p of ctx.plans.filter((x) => x.role === "legacy-om")) {
    const note = p.cases.shift()!;
    const [, rule, text] = /^near-miss (\S+): (.*)$/.exec(note) ?? [];
    nearMiss(ctx, p, rule, text);
  }
  departmentCases(ctx);
  filingCases(ctx);
  applicationCases(ctx);
  moneyCases(ctx);
  cloudCases(ctx);
  securityCases(ctx);
  performanceCases(ctx);
}

export { newCaseContext, type CaseContext, type NearMiss } from "./context.js";
export { runOracle, type Flag } from "./oracle.js";
