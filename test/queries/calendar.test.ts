// ref_calendar and the working-day macros of queries/reference/20-calendar.sql, on the State Council's real
// 2023–2025 holiday notices (rules.md "Working days").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";
import { insertCalendar } from "./flags/calendar-fixture.js";
import { buildComplianceStages, buildWarehouse, contract, project, review } from "./flags/fixtures.js";

async function calendarWarehouse(years: number[]): Promise<TestWarehouse> {
  const wh = await createTestWarehouse({ asOf: "2024-12-31" });
  await insertCalendar(wh, years);
  await buildComplianceStages(wh);
  return wh;
}

const one = async (wh: TestWarehouse, sql: string): Promise<unknown> => Object.values((await wh.query(sql))[0])[0];

describe("ref_calendar", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await calendarWarehouse([2024]);
  });
  afterAll(() => wh.close());

  it("has every day of exactly the years calendar.csv covers, with the documented columns", async () => {
    expect(
      await wh.query("SELECT min(day) AS first, max(day) AS last, count(*)::INTEGER AS days FROM ref_calendar"),
    ).toEqual([{ first: "2024-01-01", last: "2024-12-31", days: 366 }]);
    const cols = await wh.query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'ref_calendar' ORDER BY ordinal_position",
    );
    expect(cols).toEqual([
      { column_name: "day", data_type: "DATE" },
      { column_name: "year", data_type: "INTEGER" },
      { column_name: "is_workday", data_type: "BOOLEAN" },
      { column_name: "day_type", data_type: "VARCHAR" },
      { column_name: "name", data_type: "VARCHAR" },
      { column_name: "workday_seq", data_type: "BIGINT" },
    ]);
  });

  it("counts 2024's 251 working days: Mon–Fri, less holidays, plus make-up working days", async () => {
    expect(await one(wh, "SELECT count(*)::INTEGER FROM ref_calendar WHERE is_workday")).toBe(251);
    expect(await one(wh, "SELECT max(workday_seq)::INTEGER FROM ref_calendar")).toBe(251);
  });

  it("classifies days as the notice says", async () => {
    const rows = await wh.query(
      `SELECT day, is_workday, day_type, name FROM ref_calendar
       WHERE day IN ('2024-05-01', '2024-05-10', '2024-05-11', '2024-05-12', '2024-09-29', '2024-10-07') ORDER BY day`,
    );
    expect(rows).toEqual([
      { day: "2024-05-01", is_workday: false, day_type: "节假日", name: "劳动节" },
      { day: "2024-05-10", is_workday: true, day_type: "工作日", name: null },
      { day: "2024-05-11", is_workday: true, day_type: "调休上班", name: "劳动节" },
      { day: "2024-05-12", is_workday: false, day_type: "周末", name: null },
      { day: "2024-09-29", is_workday: true, day_type: "调休上班", name: "国庆节" },
      { day: "2024-10-07", is_workday: false, day_type: "节假日", name: "国庆节" },
    ]);
  });

  it("gives workday_seq as the ordinal of the last working day on or before the day", async () => {
    const rows = await wh.query(
      `SELECT day, workday_seq::INTEGER AS seq FROM ref_calendar WHERE day BETWEEN '2024-05-09' AND '2024-05-14' ORDER BY day`,
    );
    const seq = Object.fromEntries(rows.map((r) => [r.day, r.seq as number]));
    expect(seq["2024-05-10"]).toBe(seq["2024-05-09"] + 1);
    expect(seq["2024-05-11"]).toBe(seq["2024-05-10"] + 1); // Saturday make-up working day
    expect(seq["2024-05-12"]).toBe(seq["2024-05-11"]); // Sunday
    expect(seq["2024-05-13"]).toBe(seq["2024-05-11"] + 1);
  });

  it("is a join: 'N working days after D' is the working day whose seq = seq(D) + N", async () => {
    const rows = await wh.query(`
      SELECT w.day FROM ref_calendar d JOIN ref_calendar w ON w.is_workday AND w.workday_seq = d.workday_seq + 5
      WHERE d.day = DATE '2024-05-08'`);
    expect(rows).toEqual([{ day: "2024-05-14" }]);
  });
});

describe("add_workdays", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await calendarWarehouse([2023, 2024, 2025]);
  });
  afterAll(() => wh.close());

  const due = (d: string, n: number) => one(wh, `SELECT add_workdays(DATE '${d}', ${n})`);

  it("counts Saturday 2024-05-11 (make-up working day): a contract signed 2024-05-08 is due 2024-05-14", async () => {
    expect(await due("2024-05-08", 5)).toBe("2024-05-14");
  });

  it("skips the National Day holiday and counts Sun 09-29: signed Fri 2024-09-27 → due 2024-10-10", async () => {
    expect(await due("2024-09-27", 5)).toBe("2024-10-10");
  });

  it("gives an acceptance on Fri 2024-09-20 a 10-working-day catalog deadline of 2024-10-10", async () => {
    expect(await due("2024-09-20", 10)).toBe("2024-10-10");
  });

  it("starts counting the day after the event, from a working day or a rest day alike", async () => {
    expect(await due("2024-03-01", 1)).toBe("2024-03-04"); // Fri → Mon
    expect(await due("2024-03-02", 1)).toBe("2024-03-04"); // Sat → Mon
    expect(await due("2024-10-01", 1)).toBe("2024-10-08"); // a holiday → the first working day after the holiday
    expect(await due("2024-04-03", 5)).toBe("2024-04-11"); // 清明: 04-04..06 off, Sun 04-07 worked
  });

  it("runs across New Year into the next covered year", async () => {
    expect(await due("2024-12-27", 5)).toBe("2025-01-06"); // 2025-01-01 is a holiday
    expect(await due("2023-12-28", 5)).toBe("2024-01-05");
  });

  it("returns NULL for a NULL date", async () => {
    expect(await one(wh, "SELECT add_workdays(NULL::DATE, 5)")).toBeNull();
  });

  it("counts working days between two dates", async () => {
    expect(await one(wh, "SELECT workdays_between(DATE '2024-05-14', DATE '2024-05-15')::INTEGER")).toBe(1);
    expect(await one(wh, "SELECT workdays_between(DATE '2024-09-30', DATE '2024-10-08')::INTEGER")).toBe(1);
  });
});

describe("a deadline the calendar does not cover", () => {
  it("is an error naming the year, never a weekday guess", async () => {
    const wh = await calendarWarehouse([2024]);
    try {
      await expect(wh.query("SELECT add_workdays(DATE '2024-12-27', 5)")).rejects.toThrow(
        "工作日历未覆盖 2025 年：请在 calendar.csv 中加入国务院办公厅 2025 年节假日安排",
      );
      await expect(wh.query("SELECT add_workdays(DATE '2023-06-01', 5)")).rejects.toThrow("工作日历未覆盖 2023 年");
      // the deadline itself is not needed to know that 2024-12-31 is not past it
      expect(await one(wh, "SELECT workday_deadline_passed(DATE '2024-12-27', 5, DATE '2024-12-31')")).toBe(false);
      await expect(
        wh.query("SELECT workday_deadline_passed(DATE '2024-12-27', 5, DATE '2025-01-10')"),
      ).rejects.toThrow("工作日历未覆盖 2025 年");
    } finally {
      wh.close();
    }
  });

  it("does not bridge a gap between covered years", async () => {
    const wh = await calendarWarehouse([2023, 2025]);
    try {
      expect(await one(wh, "SELECT count(DISTINCT year)::INTEGER FROM ref_calendar")).toBe(2);
      await expect(wh.query("SELECT add_workdays(DATE '2023-12-28', 5)")).rejects.toThrow("工作日历未覆盖 2024 年");
      expect(await one(wh, "SELECT add_workdays(DATE '2025-03-03', 5)")).toBe("2025-03-10");
    } finally {
      wh.close();
    }
  });

  it("fails the build only where a rule needs that deadline", async () => {
    const inbox = {
      projects: [project("P1")],
      reviews: [review("P1")],
      // signed 2024-12-27 and not filed: due 2025-01-06, outside a 2024-only calendar
      contracts: [
        contract("HT-1", "P1", { signed_on: "2024-12-27", filed_on: null }),
        // signed after the as-of date: does not exist yet, needs no deadline
        contract("HT-2", "P1", { signed_on: "2026-03-02", filed_on: null }),
      ],
    };
    // as of 2024-12-31 the deadline cannot have passed yet: no error, no flag
    const before = await buildWarehouse(inbox, { asOf: "2024-12-31", years: [2024] });
    try {
      expect(await before.query("SELECT * FROM mart_flags WHERE rule_id = 'ART16_CONTRACT_FILING_LATE'")).toEqual([]);
    } finally {
      before.close();
    }
    // as of 2025-02-01 the deadline decides the flag and lies in 2025: the build fails, naming 2025
    await expect(buildWarehouse(inbox, { asOf: "2025-02-01", years: [2024] })).rejects.toThrow(
      /flags\/16-contract-filing\.sql: .*工作日历未覆盖 2025 年：请在 calendar\.csv 中加入国务院办公厅 2025 年节假日安排/,
    );
    // with 2025's notice added, it builds and flags the contract
    const after = await buildWarehouse(inbox, { asOf: "2025-02-01", years: [2024, 2025] });
    try {
      const flags = await after.query("SELECT record_ref, due_date FROM mart_flags WHERE rule_id = 'ART16_CONTRACT_FILING_LATE'");
      expect(flags).toEqual([{ record_ref: "HT-1", due_date: "2025-01-06" }]);
    } finally {
      after.close();
    }
  });

  it("with no calendar at all, names the event's year", async () => {
    const wh = await createTestWarehouse({ asOf: "2024-12-31" });
    try {
      await buildComplianceStages(wh);
      expect(await one(wh, "SELECT count(*)::INTEGER FROM ref_calendar")).toBe(0);
      await expect(wh.query("SELECT add_workdays(DATE '2024-05-08', 5)")).rejects.toThrow("工作日历未覆盖 2024 年");
    } finally {
      wh.close();
    }
  });
});
