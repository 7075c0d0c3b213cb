// The working-day calendar (rules.md "Working days"): Monday–Friday, minus the statutory holidays, plus the weekend
// make-up working days (调休上班) of the State Council General Office's annual notice. The notices come from the
// `chinese-days` package; calendar.csv carries only the exceptions to Monday–Friday, as the notice itself does.
import { createRequire } from "node:module";
import { dayNumber, fromDayNumber, isWeekend, yearOf, type IsoDate } from "./dates.js";

export type CalendarDayType = "节假日" | "调休上班";

/** One row of calendar.csv. */
export interface CalendarException {
  day: IsoDate;
  type: CalendarDayType;
  name: string;
}

interface ChineseDaysData {
  holidays: Record<string, string>; // 'YYYY-MM-DD' → 'National Day,国庆节,3'
  workdays: Record<string, string>; // weekend days worked in lieu
}

const require = createRequire(import.meta.url);

function loadNotices(): ChineseDaysData {
  return require("chinese-days/dist/chinese-days.json") as ChineseDaysData;
}

/** The Chinese holiday name out of chinese-days' 'English,中文,days' value. */
function chineseName(value: string): string {
  return value.split(",")[1] ?? value;
}

/** The exceptions to Monday–Friday for the given years: weekday holidays (节假日) and weekend make-up working days
 *  (调休上班). Holiday days that fall on a weekend are not exceptions and are left out. */
export function calendarExceptions(firstYear: number, lastYear: number): CalendarException[] {
  const data = loadNotices();
  const out: CalendarException[] = [];
  for (const [day, value] of Object.entries(data.holidays)) {
    const y = yearOf(day);
    if (y < firstYear || y > lastYear || isWeekend(day)) continue;
    out.push({ day, type: "节假日", name: chineseName(value) });
  }
  for (const [day, value] of Object.entries(data.workdays)) {
    const y = yearOf(day);
    if (y < firstYear || y > lastYear || !isWeekend(day)) continue;
    out.push({ day, type: "调休上班", name: `${chineseName(value)}调休` });
  }
  for (let y = firstYear; y <= lastYear; y++) {
    if (!out.some((e) => yearOf(e.day) === y)) throw new Error(`chinese-days has no holiday notice for ${y}`);
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Working-day arithmetic over a known range of years; a day outside it is an error, never a guess. Working days
 *  are numbered once (like ref_calendar.workday_seq), so "the n-th working day after D" is a table lookup. */
export class WorkCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly first: number;
  private readonly last: number;
  /** Per day of the range: is it a working day. */
  private readonly workday: Uint8Array;
  /** Per day of the range: how many working days fall on or before it. */
  private readonly seq: Int32Array;
  /** The day numbers of the working days, in order. */
  private readonly workdays: number[] = [];

  constructor(exceptions: readonly CalendarException[], firstYear: number, lastYear: number) {
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.first = dayNumber(`${firstYear}-01-01`);
    this.last = dayNumber(`${lastYear}-12-31`);
    const types = new Map(exceptions.map((e) => [dayNumber(e.day), e.type]));
    const size = this.last - this.first + 1;
    this.workday = new Uint8Array(size);
    this.seq = new Int32Array(size);
    let count = 0;
    for (let i = 0; i < size; i++) {
      const n = this.first + i;
      const type = types.get(n);
      const weekend = (n + 4) % 7 === 0 || (n + 4) % 7 === 6;
      const work = type === "节假日" ? false : type === "调休上班" ? true : !weekend;
      this.workday[i] = work ? 1 : 0;
      if (work) {
        count++;
        this.workdays.push(n);
      }
      this.seq[i] = count;
    }
  }

  private index(d: IsoDate): number {
    const n = dayNumber(d);
    if (n < this.first || n > this.last) {
      throw new Error(`working-day calendar covers ${this.firstYear}–${this.lastYear}, not ${d}`);
    }
    return n - this.first;
  }

  isWorkday(d: IsoDate): boolean {
    return this.workday[this.index(d)] === 1;
  }

  /** The n-th working day after `d` (counting starts the next day; n ≥ 1): the last day of an "n 个工作日内"
   *  deadline, inclusive. */
  addWorkdays(d: IsoDate, n: number): IsoDate {
    if (n < 1) throw new Error(`addWorkdays needs n ≥ 1, got ${n}`);
    const k = this.seq[this.index(d)] + n - 1;
    if (k >= this.workdays.length) throw new Error(`working-day calendar covers ${this.firstYear}–${this.lastYear}: ${n} working days after ${d} is beyond it`);
    return fromDayNumber(this.workdays[k]);
  }

  /** The first working day strictly after `d`. */
  nextWorkday(d: IsoDate): IsoDate {
    return this.addWorkdays(d, 1);
  }

  /** `d` itself when it is a working day, else the next one (offices sign and file on working days). */
  onOrAfter(d: IsoDate): IsoDate {
    return this.isWorkday(d) ? d : this.nextWorkday(d);
  }

  /** The last working day strictly before `d`. */
  previousWorkday(d: IsoDate): IsoDate {
    const i = this.index(d);
    const k = this.seq[i] - this.workday[i] - 1;
    if (k < 0) throw new Error(`no working day before ${d} in the calendar`);
    return fromDayNumber(this.workdays[k]);
  }

  /** How many working days after `event` the day `later` is (0 when later ≤ event). */
  workdaysAfter(event: IsoDate, later: IsoDate): number {
    return Math.max(0, this.seq[this.index(later)] - this.seq[this.index(event)]);
  }
}

/** The calendar of the sample, built once from the notices. */
export function sampleCalendar(firstYear: number, lastYear: number): { rows: CalendarException[]; cal: WorkCalendar } {
  const rows = calendarExceptions(firstYear, lastYear);
  return { rows, cal: new WorkCalendar(rows, firstYear, lastYear) };
}
