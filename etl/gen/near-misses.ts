// Deadline cases that only a correct working-day calendar gets right (rules.md "Working days"). For an event on a
// working day and an "N 个工作日内" deadline, we look for events where
//   - a calendar that ignores holidays (plain Monday–Friday) puts the deadline earlier than the true one, so a
//     filing on the true last day looks late to it: the on-time case catches that mistake; and
//   - a calendar that knows the holidays but ignores the make-up working days (调休上班) puts the deadline later
//     than the true one, so a filing one working day after the true deadline looks on time to it: the late case
//     catches that mistake.
// rules.md's own example is one of them: signed Fri 2024-09-27 → due Thu 2024-10-10 (Sun 09-29 is a make-up day,
// 10-01..07 the National Day holiday); filed 10-10 is on time, 10-11 late.
import type { WorkCalendar } from "./calendar.js";
import { addDays, isWeekend, type IsoDate } from "./dates.js";

export interface DeadlineCase {
  event: IsoDate;
  /** The last day of the deadline: filing on it is on time. */
  due: IsoDate;
  /** The next working day after `due`: filing on it is late. */
  late: IsoDate;
}

function naiveWeekdays(event: IsoDate, n: number): IsoDate {
  let d = event;
  while (n > 0) {
    d = addDays(d, 1);
    if (!isWeekend(d)) n--;
  }
  return d;
}

function ignoringMakeUpDays(cal: WorkCalendar, event: IsoDate, n: number): IsoDate {
  let d = event;
  while (n > 0) {
    d = addDays(d, 1);
    if (!isWeekend(d) && cal.isWorkday(d)) n--;
  }
  return d;
}

/** Working-day events in [from, to] whose n-day deadline separates a correct calendar from both naive ones. */
export function discriminatingEvents(cal: WorkCalendar, n: number, from: IsoDate, to: IsoDate): DeadlineCase[] {
  const out: DeadlineCase[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!cal.isWorkday(d) || isWeekend(d)) continue;
    const due = cal.addWorkdays(d, n);
    const late = cal.nextWorkday(due);
    if (naiveWeekdays(d, n) < due && late <= ignoringMakeUpDays(cal, d, n)) out.push({ event: d, due, late });
  }
  return out;
}

/** rules.md's worked example. */
export const RULES_EXAMPLE: DeadlineCase = { event: "2024-09-27", due: "2024-10-10", late: "2024-10-11" };
