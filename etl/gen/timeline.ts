// The fixed timeline of the sample inbox. The sample is an export taken on EXPORT_DAY and is meant to be evaluated
// as of any day from AS_OF to STABLE_UNTIL: every intended violation's deadline has passed by AS_OF, every clean
// project's deadlines were met before the export, and nothing clean turns into a violation before STABLE_UNTIL
// (rectifications meant to stay open have deadlines after it; declared data-refresh cycles run past it).
import type { IsoDate } from "./dates.js";

/** The real "today" of the sample: the default as-of of `npm run etl`. */
export const AS_OF: IsoDate = "2026-11-25";
/** The day the source systems were exported: no record is dated after it. */
export const EXPORT_DAY: IsoDate = "2026-11-24";
/** Lifecycle events (signings, acceptances, go-lives, payments) stop here, so every filing deadline they start
 *  (at most 10 working days) has run out before the export. */
export const LAST_EVENT: IsoDate = "2026-10-31";
/** Last Beijing day billed by the government cloud (the export holds complete months only). */
export const BILLING_END: IsoDate = "2026-10-31";
/** The sample must read the same for any as-of from AS_OF up to this day. */
export const STABLE_UNTIL: IsoDate = "2026-12-31";
/** Years of the holiday calendar written to calendar.csv: applications for budget year Y are filed in Y−1, and
 *  every working-day deadline falls before the export. chinese-days carries the State Council notices to 2026. */
export const CALENDAR_FIRST_YEAR = 2020;
export const CALENDAR_LAST_YEAR = 2026;
/** The measures (绍政办发〔2020〕39号) were issued 2020-10-22: the first budget year they govern is 2021. */
export const FIRST_BUDGET_YEAR = 2021;
/** The last budget year whose whole application cycle fits before the export. */
export const LAST_BUDGET_YEAR = 2025;
export const DEFAULT_SEED = 20201022;
