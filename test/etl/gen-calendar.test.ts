// The generator's working-day arithmetic (rules.md "Working days") and its near-miss finder, without writing files.
import { describe, expect, it } from "vitest";
import { sampleCalendar } from "../../etl/gen/calendar.js";
import { discriminatingEvents, RULES_EXAMPLE } from "../../etl/gen/near-misses.js";
import { Rng } from "../../etl/gen/random.js";

const { cal, rows } = sampleCalendar(2020, 2026);

describe("generator calendar", () => {
  it("counts from the day after the event, holidays out, make-up days in (rules.md's example)", () => {
    expect(cal.isWorkday("2024-09-29")).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkday("2024-10-07")).toBe(false); // Monday, National Day
    expect(cal.addWorkdays("2024-09-27", 5)).toBe("2024-10-10");
    expect(cal.addWorkdays("2024-09-27", 1)).toBe("2024-09-29");
    expect(cal.nextWorkday("2024-10-10")).toBe("2024-10-11");
    expect(cal.previousWorkday("2024-10-08")).toBe("2024-09-30");
    expect(cal.onOrAfter("2024-10-05")).toBe("2024-10-08");
    expect(cal.workdaysAfter("2024-09-27", "2024-10-10")).toBe(5);
  });

  it("refuses days outside the notices it knows", () => {
    expect(() => cal.isWorkday("2027-01-04")).toThrow(/2020–2026/);
    expect(() => cal.addWorkdays("2026-12-30", 5)).toThrow(/beyond/);
  });

  it("keeps only exceptions to Monday–Friday", () => {
    expect(rows.every((r) => (r.type === "节假日") === ![0, 6].includes(new Date(`${r.day}T00:00:00Z`).getUTCDay()))).toBe(true);
  });

  it("finds deadline cases that fool both naive calendars, rules.md's example among them", () => {
    const cases = discriminatingEvents(cal, 5, "2024-09-01", "2024-10-31");
    expect(cases).toContainEqual(RULES_EXAMPLE);
    for (const c of cases) {
      expect(cal.addWorkdays(c.event, 5)).toBe(c.due);
      expect(cal.nextWorkday(c.due)).toBe(c.late);
    }
  });
});

describe("generator randomness", () => {
  it("is reproducible per seed and per fork label", () => {
    const draw = (seed: number, label: string) => {
      const r = new Rng(seed).fork(label);
      return [r.nextUint32(), r.nextUint32(), r.int(1, 6), r.real(0, 1)];
    };
    expect(draw(1, "x")).toEqual(draw(1, "x"));
    expect(draw(1, "x")).not.toEqual(draw(2, "x"));
    expect(draw(1, "x")).not.toEqual(draw(1, "y"));
  });
});
