// Art. 18 (release cloud resources at shutdown), Art. 29 (register before requesting cloud), Art. 30 (catalog and
// data collection within 10 working days of preliminary acceptance; keep data fresh; no duplicate collection).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import {
  acceptance,
  buildWarehouse,
  cloudResource,
  flaggedProjects,
  flagsOf,
  project,
  review,
  system,
  type Inbox,
  type Row,
} from "./fixtures.js";

const bill = (resourceId: string, projectId: string, day: string, cost = 10): Row => ({
  charge_period_start: `${day} 16:00:00`,
  charge_period_end: `${day} 16:00:00`,
  charge_category: "Usage",
  billed_cost: cost,
  effective_cost: cost,
  billing_currency: "CNY",
  resource_id: resourceId,
  project_id: projectId,
  charge_date: day,
  source_file: "test.csv",
});
const days = (from: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });

describe("ART18_CLOUD_NOT_RELEASED", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const ids = ["KEPT", "RELEASED", "NO-BACKUP", "LATE-BACKUP", "RUNNING"];
    const shut = { go_live_on: "2022-06-01", shutdown_on: "2024-06-30", backup_on: "2024-06-30" };
    const inbox: Inbox = {
      projects: ids.map((id) => project(id, { apply_year: 2022, apply_date: "2021-10-15" })),
      reviews: ids.map((id) => review(id, { review_date: "2021-12-01" })),
      systems: [
        system("S-KEPT", "KEPT", shut),
        system("S-RELEASED", "RELEASED", shut),
        system("S-NO-BACKUP", "NO-BACKUP", { ...shut, backup_on: null }),
        system("S-LATE-BACKUP", "LATE-BACKUP", { ...shut, backup_on: "2024-07-01" }),
        system("S-RUNNING", "RUNNING", { go_live_on: "2022-06-01" }),
      ],
      cloud_resources: [
        cloudResource("R-KEPT", "KEPT", "S-KEPT", { requested_on: "2022-01-10", opened_on: "2022-01-12", released_on: "2024-07-15" }),
        cloudResource("R-RELEASED", "RELEASED", "S-RELEASED", { requested_on: "2022-01-10", released_on: "2024-06-30" }),
        cloudResource("R-NO-BACKUP", "NO-BACKUP", "S-NO-BACKUP", { requested_on: "2022-01-10", released_on: "2024-06-30" }),
        cloudResource("R-LATE-BACKUP", "LATE-BACKUP", "S-LATE-BACKUP", { requested_on: "2022-01-10", released_on: "2024-06-30" }),
        cloudResource("R-RUNNING", "RUNNING", "S-RUNNING", { requested_on: "2022-01-10" }),
      ],
      cloud_billing: [
        ...days("2024-06-25", 21).map((d) => bill("R-KEPT", "KEPT", d, 12.5)), // 06-25 .. 07-15
        ...days("2024-06-25", 6).map((d) => bill("R-RELEASED", "RELEASED", d)), // 06-25 .. 06-30
      ],
    };
    wh = await buildWarehouse(inbox, { asOf: "2024-12-31", years: [2022, 2023, 2024] });
  });
  afterAll(() => wh.close());

  it("flags a resource still billed after its system's shutdown", async () => {
    const flags = await flagsOf(wh, "ART18_CLOUD_NOT_RELEASED");
    const kept = flags.find((f) => f.project_id === "KEPT")!;
    expect(kept).toMatchObject({
      flag_id: "ART18_CLOUD_NOT_RELEASED:KEPT:R-KEPT",
      record_ref: "R-KEPT",
      year: 2024,
      event_date: "2024-06-30",
      due_date: null,
      severity: "较重",
      evidence:
        "系统 S-KEPT（系统S-KEPT）于 2024-06-30 停用，云资源 R-KEPT（云主机，4C8G）于 2024-07-15 才释放，停用后仍计费 15 天（2024-07-01 至 2024-07-15），共 187.50 元",
    });
  });

  it("flags a shutdown with no backup, or a backup only after it", async () => {
    const flags = (await flagsOf(wh, "ART18_CLOUD_NOT_RELEASED")).filter((f) => f.flag_id.endsWith("/backup"));
    expect(flags.map((f) => [f.project_id, f.record_ref])).toEqual([
      ["LATE-BACKUP", "S-LATE-BACKUP"],
      ["NO-BACKUP", "S-NO-BACKUP"],
    ]);
    expect(flags[1].evidence).toBe("系统 S-NO-BACKUP（系统S-NO-BACKUP）于 2024-06-30 停用，截至 2024-12-31 无系统备份记录");
  });

  it("does not flag resources released on the shutdown day, or systems still running", async () => {
    const flagged = await flaggedProjects(wh, "ART18_CLOUD_NOT_RELEASED");
    expect(flagged).not.toContain("RELEASED");
    expect(flagged).not.toContain("RUNNING");
  });

  it("ignores a shutdown after the as-of date", async () => {
    const before = await buildWarehouse(
      {
        projects: [project("KEPT", { apply_year: 2022, apply_date: "2021-10-15" })],
        systems: [system("S-KEPT", "KEPT", { go_live_on: "2022-06-01", shutdown_on: "2024-06-30" })],
        cloud_resources: [cloudResource("R-KEPT", "KEPT", "S-KEPT", { requested_on: "2022-01-10" })],
      },
      { asOf: "2024-06-29", years: [2022, 2023, 2024] },
    );
    try {
      expect(await flagsOf(before, "ART18_CLOUD_NOT_RELEASED")).toEqual([]);
    } finally {
      before.close();
    }
  });
});

describe("ART29_CLOUD_BEFORE_REGISTRATION", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const ids = ["EARLY", "SAME-DAY", "NEVER", "LATER", "NO-SYSTEM-ID"];
    const inbox: Inbox = {
      projects: ids.map((id) => project(id)),
      reviews: ids.map((id) => review(id)),
      systems: [
        system("S-EARLY", "EARLY", { registered_on: "2024-01-05" }),
        system("S-SAME-DAY", "SAME-DAY", { registered_on: "2024-01-10" }),
        system("S-NEVER", "NEVER", { registered_on: null }),
        system("S-LATER", "LATER", { registered_on: "2025-03-03" }), // after the as-of date
        system("S-PROJECT", "NO-SYSTEM-ID", { registered_on: "2024-01-08" }),
      ],
      cloud_resources: [
        cloudResource("R-EARLY", "EARLY", "S-EARLY", { requested_on: "2024-01-04" }),
        cloudResource("R-SAME-DAY", "SAME-DAY", "S-SAME-DAY", { requested_on: "2024-01-10" }),
        cloudResource("R-NEVER", "NEVER", "S-NEVER", { requested_on: "2024-02-01" }),
        cloudResource("R-LATER", "LATER", "S-LATER", { requested_on: "2024-02-01" }),
        cloudResource("R-NO-SYSTEM-ID", "NO-SYSTEM-ID", null, { requested_on: "2024-01-09" }),
        cloudResource("R-FUTURE", "EARLY", "S-EARLY", { requested_on: "2025-01-02" }),
      ],
    };
    wh = await buildWarehouse(inbox, { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags a resource requested before its system was registered, or with none registered", async () => {
    const flags = await flagsOf(wh, "ART29_CLOUD_BEFORE_REGISTRATION");
    expect(flags.map((f) => [f.project_id, f.record_ref, f.year])).toEqual([
      ["EARLY", "R-EARLY", 2024],
      ["LATER", "R-LATER", 2024],
      ["NEVER", "R-NEVER", 2024],
    ]);
    expect(flags[0].evidence).toBe("云资源 R-EARLY（云主机）于 2024-01-04 申请，系统 S-EARLY 于 2024-01-05 才在公共数据平台完成登记（晚 1 天）");
    expect(flags[1].evidence).toContain("系统 S-LATER 截至 2024-12-31 仍未在公共数据平台登记");
    expect(flags[0]).toMatchObject({ article: "29", severity: "一般" });
  });

  it("does not flag a same-day registration, or a resource of a project registered earlier", async () => {
    const flagged = await flaggedProjects(wh, "ART29_CLOUD_BEFORE_REGISTRATION");
    expect(flagged).not.toContain("SAME-DAY");
    expect(flagged).not.toContain("NO-SYSTEM-ID");
  });
});

describe("ART30_CATALOG_LATE", () => {
  // Preliminary acceptance Fri 2024-09-20: 10 working days, counting Sun 09-29 and skipping 10-01..07 → 2024-10-10
  const accepted = (id: string) => acceptance(id, { prelim_accepted_on: "2024-09-20", final_accepted_on: null, filed_on: "2024-09-23" });
  const ids = ["ON-TIME", "LATE", "NEVER", "HALF"];
  const inbox = (): Inbox => ({
    projects: ids.map((id) => project(id)),
    reviews: ids.map((id) => review(id)),
    acceptances: ids.map(accepted),
    systems: [
      system("S-ON-TIME", "ON-TIME", { catalog_compiled_on: "2024-10-09", data_collected_on: "2024-10-10" }),
      system("S-LATE", "LATE", { catalog_compiled_on: "2024-10-09", data_collected_on: "2024-11-15" }),
      system("S-NEVER", "NEVER"),
      system("S-HALF", "HALF", { catalog_compiled_on: "2024-10-08" }),
    ],
  });

  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags catalog and collection finished after the 10th working day, or not at all", async () => {
    const flags = await flagsOf(wh, "ART30_CATALOG_LATE");
    expect(flags.map((f) => [f.project_id, f.record_ref, f.year, f.event_date, f.due_date])).toEqual([
      ["HALF", "S-HALF", 2024, "2024-09-20", "2024-10-10"],
      ["LATE", "S-LATE", 2024, "2024-09-20", "2024-10-10"],
      ["NEVER", "S-NEVER", 2024, "2024-09-20", "2024-10-10"],
    ]);
    const evidence = Object.fromEntries(flags.map((f) => [f.project_id, f.evidence]));
    expect(evidence.LATE).toBe(
      "项目于 2024-09-20 初步验收，系统 S-LATE（系统S-LATE）应于 2024-10-10 前完成目录编制及数据归集，实际目录编制 2024-10-09、数据归集 2024-11-15，逾期 27 个工作日",
    );
    expect(evidence.HALF).toContain("目录已于 2024-10-08 编制，但仍未完成数据归集");
    expect(evidence.NEVER).toContain("仍未完成目录编制和数据归集");
    expect(flags[0]).toMatchObject({ article: "30", severity: "严重" });
    expect(flags[0].consequence).toContain("运维经费暂停");
  });

  it("does not flag work done on the 10th working day, across the National Day holiday", async () => {
    expect(await flaggedProjects(wh, "ART30_CATALOG_LATE")).not.toContain("ON-TIME");
  });

  it("is not a violation until the deadline has passed", async () => {
    const onDeadline = await buildWarehouse(inbox(), { asOf: "2024-10-10" });
    const dayAfter = await buildWarehouse(inbox(), { asOf: "2024-10-11" });
    try {
      expect(await flagsOf(onDeadline, "ART30_CATALOG_LATE")).toEqual([]);
      expect(await flaggedProjects(dayAfter, "ART30_CATALOG_LATE")).toEqual(["HALF", "LATE", "NEVER"]);
    } finally {
      onDeadline.close();
      dayAfter.close();
    }
  });
});

describe("ART30_DATA_STALE", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const ids = ["STALE", "FRESH", "DUE-TODAY", "SHUT", "DUPLICATE", "REFRESHED-LATER"];
    const collected = { catalog_compiled_on: "2024-01-09", data_collected_on: "2024-01-10", update_cycle_days: 30 };
    const inbox: Inbox = {
      projects: ids.map((id) => project(id)),
      reviews: ids.map((id) => review(id)),
      systems: [
        system("S-STALE", "STALE", { ...collected, last_refreshed_on: "2024-06-01" }), // due 07-01
        system("S-FRESH", "FRESH", { ...collected, last_refreshed_on: "2024-12-15" }), // due 2025-01-14
        system("S-DUE-TODAY", "DUE-TODAY", { ...collected, last_refreshed_on: "2024-12-01" }), // due 12-31 = as-of
        system("S-SHUT", "SHUT", { ...collected, last_refreshed_on: "2024-06-01", shutdown_on: "2024-06-20", backup_on: "2024-06-20" }),
        system("S-DUPLICATE", "DUPLICATE", { ...collected, last_refreshed_on: "2024-12-20", duplicate_collection: true }),
        system("S-REFRESHED-LATER", "REFRESHED-LATER", { ...collected, last_refreshed_on: "2025-01-05" }),
      ],
    };
    wh = await buildWarehouse(inbox, { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags data not refreshed on its declared cycle, and duplicate collection", async () => {
    const flags = await flagsOf(wh, "ART30_DATA_STALE");
    expect(flags.map((f) => [f.flag_id, f.year, f.event_date, f.due_date])).toEqual([
      ["ART30_DATA_STALE:DUPLICATE:S-DUPLICATE/duplicate", 2024, "2024-01-10", null],
      ["ART30_DATA_STALE:STALE:S-STALE/stale", 2024, "2024-06-01", "2024-07-01"],
    ]);
    expect(flags[1].evidence).toBe(
      "系统 S-STALE（系统S-STALE）声明数据更新周期 30 天，最近一次更新为 2024-06-01，应于 2024-07-01 前更新，截至 2024-12-31 仍未更新，逾期 183 天",
    );
    expect(flags[0].evidence).toBe("系统 S-DUPLICATE（系统S-DUPLICATE）于 2024-01-10 归集的数据存在重复采集");
  });

  it("does not flag data due on the as-of date, a system shut down before its refresh fell due, or a later refresh", async () => {
    const flagged = await flaggedProjects(wh, "ART30_DATA_STALE");
    for (const id of ["FRESH", "DUE-TODAY", "SHUT", "REFRESHED-LATER"]) expect(flagged).not.toContain(id);
  });
});
