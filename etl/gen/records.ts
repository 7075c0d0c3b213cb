// Builds every project's records from the plans, then applies the planted cases' record edits and the performance
// evidence (which reads the final records: an O&M project reports on its parent's system).
import type { WorkCalendar } from "./calendar.js";
import { materializeLifecycle } from "./lifecycle.js";
import type { ProjectRecords } from "./model.js";
import { buildLegacyOperations, buildOperations, copyOperationsForServiceYear } from "./operations.js";
import { buildPerformance, type PerformanceContext, type RectificationCase } from "./performance.js";
import type { ProjectPlan } from "./plan.js";
import type { Rng } from "./random.js";
import { buildSecurity } from "./security.js";
import { buildSystem } from "./systems.js";
import type { RecordEdit } from "./violations/context.js";

export interface RecordsInput {
  plans: readonly ProjectPlan[];
  cal: WorkCalendar;
  root: Rng;
  suppliers: readonly string[];
  edits: ReadonlyMap<string, readonly RecordEdit[]>;
  rectCases: ReadonlyMap<string, RectificationCase>;
  inflation: PerformanceContext["inflation"];
}

export function buildRecords(input: RecordsInput): ProjectRecords[] {
  const { plans, cal, root } = input;
  const byId = new Map<string, ProjectRecords>();
  const out: ProjectRecords[] = [];
  for (const plan of plans) {
    const rec = materializeLifecycle(plan, { cal, rng: root, suppliers: input.suppliers });
    buildSystem(plan, rec, cal, root);
    buildSecurity(plan, rec, cal, root);
    buildOperations(plan, rec, root);
    if (plan.role === "legacy-om" && rec.contracts.length > 0) buildLegacyOperations(plan, rec, root);
    byId.set(plan.app.projectId, rec);
    out.push(rec);
  }
  for (const plan of plans) {
    const rec = byId.get(plan.app.projectId)!;
    if (plan.parentId && rec.contracts.length > 0) copyOperationsForServiceYear(rec, byId.get(plan.parentId)!);
  }
  for (const [id, edits] of input.edits) for (const e of edits) e(byId.get(id)!, byId);
  const perf: PerformanceContext = { cal, rng: root, inflation: input.inflation };
  for (const plan of plans) {
    const rec = byId.get(plan.app.projectId)!;
    const parent = plan.parentId ? byId.get(plan.parentId)! : null;
    buildPerformance(plan, rec, parent, perf, input.rectCases.get(plan.app.projectId) ?? null);
  }
  return out;
}
