// Calendar-date arithmetic on ISO strings ('YYYY-MM-DD'). The generator never reads the clock: every date is derived
// from the seed and the fixed sample timeline (timeline.ts), so Date is used only as a pure UTC calculator here.

/** A calendar day as written in the inbox, e.g. '2024-09-27'. Strings compare in date order. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;

// The sample spans a few thousand distinct days; both conversions are memoised (a province-scale run converts
// millions of times).
const numberOf = new Map<IsoDate, number>();
const isoOf = new Map<number, IsoDate>();

/** Days since 1970-01-01 (the epoch day number), so date differences are plain integer arithmetic. */
export function dayNumber(d: IsoDate): number {
  let n = numberOf.get(d);
  if (n === undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`not an ISO date: ${d}`);
    const [y, m, day] = d.split("-").map(Number);
    n = Math.round(Date.UTC(y, m - 1, day) / MS_PER_DAY);
    numberOf.set(d, n);
  }
  return n;
}

export function fromDayNumber(n: number): IsoDate {
  let d = isoOf.get(n);
  if (d === undefined) {
    d = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    isoOf.set(n, d);
  }
  return d;
}

export function ymd(y: number, m: number, d: number): IsoDate {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(d) + n);
}

/** a − b in days. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return dayNumber(a) - dayNumber(b);
}

export function yearOf(d: IsoDate): number {
  return Number(d.slice(0, 4));
}

export function monthOf(d: IsoDate): number {
  return Number(d.slice(5, 7));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return (dayNumber(d) + 4) % 7; // 1970-01-01 was a Thursday
}

export function isWeekend(d: IsoDate): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Office software's other date spelling, 'YYYY/M/D' without zero padding (data-contract.md). */
export function toSlashDate(d: IsoDate): string {
  const [y, m, day] = d.split("-").map(Number);
  return `${y}/${m}/${day}`;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** Every day from `from` to `to`, both inclusive. */
export function eachDay(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(fromDayNumber(n));
  return out;
}
