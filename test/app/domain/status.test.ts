import { describe, expect, it } from "vitest";
import {
  assessFreshness,
  batchStatus,
  beijingToday,
  constructionStatus,
  formatDateCn,
  omStatus,
  reviewStatus,
  STALE_AFTER_DAYS,
} from "~/domain/status";

describe("status labels", () => {
  it("translates the codes fixed by rules.md", () => {
    expect(omStatus("eligible")).toMatchObject({ label: "正常", tone: "ok" });
    expect(omStatus("suspended")).toMatchObject({ label: "暂停运维经费", tone: "bad" });
    expect(constructionStatus("ok").label).toBe("正常");
    expect(constructionStatus("blocked")).toMatchObject({ label: "暂停拨付建设资金", tone: "bad" });
    expect(reviewStatus("normal").label).toBe("正常");
    expect(reviewStatus("deferred")).toMatchObject({ label: "暂缓审核", tone: "bad" });
    expect(reviewStatus("deferred").hint).toContain("第三十四条");
    expect(reviewStatus("restricted")).toMatchObject({ label: "申报受限", tone: "warn" });
    expect(reviewStatus("restricted").hint).toContain("第七条第（六）项");
    expect(batchStatus("loaded_with_rejects").label).toBe("部分拒收");
    expect(batchStatus("missing")).toMatchObject({ label: "未提供", tone: "bad" });
  });

  it("shows an unknown code as written, never as a blank", () => {
    expect(omStatus("paused")).toMatchObject({ label: "paused", tone: "muted" });
    expect(reviewStatus(null).label).toBe("—");
  });

  it("formats dates the Chinese way", () => {
    expect(formatDateCn("2026-11-05")).toBe("2026年11月5日");
    expect(formatDateCn("2026-11-25 13:22:14")).toBe("2026年11月25日");
    expect(formatDateCn(null)).toBe("—");
    expect(formatDateCn("不详")).toBe("不详");
  });
});

describe("warehouse freshness", () => {
  const now = new Date("2026-11-25T04:00:00Z"); // 12:00 in Beijing

  it("is fresh within 7 days, with every source present", () => {
    const f = assessFreshness({ asOf: "2026-11-18", builtAt: "2026-11-18 04:00:00", missingSources: [], now });
    expect(f).toMatchObject({ stale: false, asOfAgeDays: 7, builtAgeDays: 7, reasons: [] });
  });

  it("shouts when the as-of date is more than 7 days old", () => {
    const f = assessFreshness({ asOf: "2026-11-17", builtAt: "2026-11-25 01:00:00", missingSources: [], now });
    expect(f.stale).toBe(true);
    expect(f.asOfAgeDays).toBe(STALE_AFTER_DAYS + 1);
    expect(f.reasons).toHaveLength(1);
    expect(f.reasons[0]).toContain("2026年11月17日");
  });

  it("shouts when the build is more than 7 days old", () => {
    const f = assessFreshness({ asOf: "2026-11-24", builtAt: "2026-11-17 03:59:00", missingSources: [], now });
    expect(f.stale).toBe(true);
    expect(f.builtAgeDays).toBe(8);
    expect(f.reasons[0]).toContain("构建于");
  });

  it("shouts when a source is missing, naming it", () => {
    const f = assessFreshness({ asOf: "2026-11-24", builtAt: "2026-11-24 03:00:00", missingSources: ["安全记录（security.csv）"], now });
    expect(f.stale).toBe(true);
    expect(f.reasons.join()).toContain("安全记录（security.csv）");
  });

  it("shouts when the warehouse has no as-of date at all", () => {
    const f = assessFreshness({ asOf: null, builtAt: null, missingSources: [], now });
    expect(f.stale).toBe(true);
    expect(f.asOfAgeDays).toBeNull();
  });

  it("counts days on the Beijing calendar", () => {
    expect(beijingToday(new Date("2026-11-24T16:30:00Z"))).toBe("2026-11-25");
    expect(beijingToday(new Date("2026-11-24T15:30:00Z"))).toBe("2026-11-24");
  });
});
