// A project as planned by the generator before its records are written out: the application, the fate it meets
// in review, the system it builds or runs, and the knobs the violation and near-miss cases turn.
import type { IsoDate } from "./dates.js";
import type { Application } from "./model.js";
import type { ResourcePlan } from "./resources.js";
import type { Schedule, ScheduleOverrides } from "./schedule.js";

/** built: approved and carried out; rejected: 领导小组审查 不通过; returned: 受理 退回修改 and never resubmitted;
 *  abolished: approved, then abolished before tendering (Art. 17). */
export type Fate = "built" | "rejected" | "returned" | "abolished";

/** ordinary; big-rent: cloud-heavy city-wide systems that exercise Art. 23; legacy-om: O&M of a system built before
 *  the sample began (no system record in the data platform export). */
export type PlanRole = "ordinary" | "big-rent" | "legacy-om";

export interface ProjectPlan {
  app: Application;
  systemName: string;
  /** For an O&M project: the construction project whose system it runs. */
  parentId: string | null;
  /** O&M projects running this project's system, in later years. */
  dependents: string[];
  role: PlanRole;
  fate: Fate;
  returnedOnce: boolean;
  overrides: ScheduleOverrides;
  schedule: Schedule;
  resources: ResourcePlan[];
  /** When the system is switched off (Art. 18), or null. */
  shutdownOn: IsoDate | null;
  /** A re-reviewed budget increase before tendering (factor on the approved price), or null. */
  budgetIncrease: number | null;
  /** A re-reviewed content adjustment before tendering. */
  contentChange: boolean;
  /** 0–1: how well the system runs; drives monitoring, targets and evaluation scores. */
  quality: number;
  /** Set by the violation planner: which case this project carries (for the manifest's near-miss list). */
  cases: string[];
}
