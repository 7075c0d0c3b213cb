// The State Council General Office's holiday notices, as calendar.csv carries them (only the exceptions to
// Monday–Friday), for the years the compliance tests use. 2024 is written out by hand from 国办发明电〔2023〕7号;
// other years come from the `chinese-days` package's per-year data (the same notices).
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../../etl/db.js";
import type { TestWarehouse } from "../../support/warehouse.js";

export interface CalendarRow {
  day: string;
  day_type: "节假日" | "调休上班";
  name: string;
}

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

const holidays = (name: string, from: string, to = from): CalendarRow[] =>
  range(from, to).map((day) => ({ day, day_type: "节假日", name }));
const workday = (name: string, day: string): CalendarRow => ({ day, day_type: "调休上班", name });

/** 2024: 元旦 01-01; 春节 02-10..02-17 (上班 02-04, 02-18); 清明 04-04..04-06 (上班 04-07); 劳动节 05-01..05-05
 *  (上班 04-28, 05-11); 端午 06-10; 中秋 09-15..09-17 (上班 09-14); 国庆 10-01..10-07 (上班 09-29, 10-12). */
export const CALENDAR_2024: readonly CalendarRow[] = [
  ...holidays("元旦", "2024-01-01"),
  workday("春节", "2024-02-04"),
  ...holidays("春节", "2024-02-10", "2024-02-17"),
  workday("春节", "2024-02-18"),
  ...holidays("清明节", "2024-04-04", "2024-04-06"),
  workday("清明节", "2024-04-07"),
  workday("劳动节", "2024-04-28"),
  ...holidays("劳动节", "2024-05-01", "2024-05-05"),
  workday("劳动节", "2024-05-11"),
  ...holidays("端午节", "2024-06-10"),
  workday("中秋节", "2024-09-14"),
  ...holidays("中秋节", "2024-09-15", "2024-09-17"),
  workday("国庆节", "2024-09-29"),
  ...holidays("国庆节", "2024-10-01", "2024-10-07"),
  workday("国庆节", "2024-10-12"),
];

interface ChineseDaysYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Any other year, from chinese-days (name = the Chinese festival name in its "English,中文,n" value). */
export function stateCouncilCalendar(year: number): CalendarRow[] {
  if (year === 2024) return [...CALENDAR_2024];
  const file = path.join(ROOT, "node_modules", "chinese-days", "dist", "years", `${year}.json`);
  const data = JSON.parse(readFileSync(file, "utf8")) as ChineseDaysYear;
  const rows: CalendarRow[] = [
    ...Object.entries(data.holidays).map(([day, v]): CalendarRow => ({ day, day_type: "节假日", name: v.split(",")[1] })),
    ...Object.entries(data.workdays).map(([day, v]): CalendarRow => ({ day, day_type: "调休上班", name: v.split(",")[1] })),
  ];
  return rows.sort((a, b) => a.day.localeCompare(b.day));
}

/** Inserts the holiday notices of the given years into stg_calendar (what calendar.csv would load). */
export async function insertCalendar(wh: TestWarehouse, years: readonly number[]): Promise<void> {
  const rows = years.flatMap((y) => stateCouncilCalendar(y));
  if (rows.length === 0) return;
  const values = rows.map((_, i) => `($d${i}::DATE, $t${i}, $n${i})`).join(", ");
  const params: Record<string, string> = {};
  rows.forEach((r, i) => {
    params[`d${i}`] = r.day;
    params[`t${i}`] = r.day_type;
    params[`n${i}`] = r.name;
  });
  await wh.conn.run(`INSERT INTO stg_calendar (day, day_type, name) VALUES ${values}`, params);
}
