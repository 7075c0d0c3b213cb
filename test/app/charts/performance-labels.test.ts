import { describe, expect, it } from "vitest";
import { articleLabel, chineseNumber, formatScore, gradeColor, NO_GRADE_COLOR, omStatusLabel, reviewStatusLabel } from "~/domain/performance";

describe("Chinese labels", () => {
  it("writes article numbers as the measures do", () => {
    expect([1, 10, 16, 20, 23, 30, 34, 99].map(chineseNumber)).toEqual(["一", "十", "十六", "二十", "二十三", "三十", "三十四", "九十九"]);
    expect(articleLabel("16")).toBe("第十六条");
    expect(articleLabel("7(1)")).toBe("第七条（一）");
    expect(articleLabel("5(5), 35")).toBe("第五条（五）、第三十五条");
    expect(articleLabel("7(4), 27, 28")).toBe("第七条（四）、第二十七条、第二十八条");
    expect(articleLabel(null)).toBe("—");
  });

  it("formats scores to one decimal and status codes in Chinese", () => {
    expect(formatScore(89.999)).toBe("90.0");
    expect(formatScore("76.64")).toBe("76.6");
    expect(formatScore(null)).toBe("—");
    expect(omStatusLabel("suspended")).toBe("暂停安排");
    expect(reviewStatusLabel("deferred")).toBe("暂缓审核");
    expect(reviewStatusLabel("restricted")).toBe("申报受限");
    expect(gradeColor(null)).toBe(NO_GRADE_COLOR);
  });
});

describe("year filter field", async () => {
  const { yearFilterField } = await import("~/components/PerformanceUi");
  it("offers the latest year as the empty choice, so a URL without ?year= names the year it shows", () => {
    const f = yearFilterField([{ year: 2023 }, { year: 2024 }], 2024, 2024);
    expect(f.allLabel).toBe("2024年（最新）");
    expect(f.options).toEqual([{ value: "2023", label: "2023年" }]);
  });
  it("lists a year asked for that has no data", () => {
    expect(yearFilterField([{ year: 2024 }], 2024, 2019).options).toEqual([{ value: "2019", label: "2019年（无数据）" }]);
  });
});
