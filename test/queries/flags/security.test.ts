// Art. 36 (security documents before go-live), Art. 37 (high/critical vulnerabilities fixed by their deadline) and
// the periodic crypto assessment of Art. 5(5)/35.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { buildWarehouse, flaggedProjects, flagsOf, project, review, security, system, tags, type Inbox, type Row } from "./fixtures.js";

const GO_LIVE = "2024-05-06";
const live = (id: string, over: Row = {}) => system(`S-${id}`, id, { go_live_on: GO_LIVE, ...over });

describe("ART36_NO_SECURITY_ASSESSMENT", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const projects = [
      project("LATE-REPORT"),
      project("ON-GO-LIVE-DAY"),
      project("NOTHING"),
      project("INFRA", { content_tags: tags("基础设施") }),
      project("SELF-HOSTED", { deployment: "自建机房" }),
      project("NOT-LIVE"),
    ];
    const inbox: Inbox = {
      projects,
      reviews: projects.map((p) => review(p.project_id as string)),
      systems: [live("LATE-REPORT"), live("ON-GO-LIVE-DAY"), live("NOTHING"), live("INFRA"), live("SELF-HOSTED"), live("NOT-LIVE", { go_live_on: "2025-02-03" })],
      security: [
        security("SEC-1", "LATE-REPORT", "安全方案", { record_date: "2024-04-30" }),
        security("SEC-2", "LATE-REPORT", "安全评估报告", { record_date: "2024-05-07" }),
        security("SEC-3", "ON-GO-LIVE-DAY", "安全方案", { record_date: "2024-04-30" }),
        security("SEC-4", "ON-GO-LIVE-DAY", "安全评估报告", { record_date: GO_LIVE }),
        security("SEC-5", "INFRA", "安全方案", { record_date: "2024-04-30" }),
      ],
    };
    wh = await buildWarehouse(inbox, { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags a government-cloud project that went live without both documents on file", async () => {
    const flags = await flagsOf(wh, "ART36_NO_SECURITY_ASSESSMENT");
    expect(flags.map((f) => [f.project_id, f.year, f.event_date])).toEqual([
      ["LATE-REPORT", 2024, GO_LIVE],
      ["NOTHING", 2024, GO_LIVE],
    ]);
    expect(flags[0]).toMatchObject({
      article: "36",
      severity: "严重",
      record_ref: "LATE-REPORT",
      evidence: "项目使用政务云，系统于 2024-05-06 上线，上线前未备案：安全评估报告（安全评估报告于 2024-05-07 才提交）",
    });
    expect(flags[1].evidence).toBe("项目使用政务云，系统于 2024-05-06 上线，上线前未备案：安全评估报告、安全方案");
  });

  it("accepts documents dated on the go-live day, a plan alone for infrastructure, and no cloud", async () => {
    const flagged = await flaggedProjects(wh, "ART36_NO_SECURITY_ASSESSMENT");
    for (const id of ["ON-GO-LIVE-DAY", "INFRA", "SELF-HOSTED", "NOT-LIVE"]) expect(flagged).not.toContain(id);
  });
});

describe("ART36_NO_MLPS_OR_PENTEST", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const projects = [
      project("INTERNET", { internet_facing: true }),
      project("UNFIXED-PENTEST", { mlps_level: 3 }),
      project("MLPS-ON-DAY", { mlps_level: 2 }),
      project("FIXED-PENTEST", { internet_facing: true }),
      project("LEVEL-1", { mlps_level: 1, internet_facing: false }),
      project("OM", { kind: "运行维护", internet_facing: true, has_construction_plan: null, has_prior_contract: true, has_prior_eval_report: true }),
    ];
    const docs = (id: string) => [
      security(`A-${id}`, id, "安全方案", { record_date: "2024-04-30" }),
      security(`B-${id}`, id, "安全评估报告", { record_date: "2024-04-30" }),
    ];
    const inbox: Inbox = {
      projects,
      reviews: projects.map((p) => review(p.project_id as string)),
      systems: projects.map((p) => live(p.project_id as string)),
      security: [
        ...projects.flatMap((p) => docs(p.project_id as string)),
        security("PT-1", "UNFIXED-PENTEST", "渗透测试报告", { record_date: "2024-04-20", severity: "高危", fix_deadline: "2024-05-01", fixed_on: "2024-05-07" }),
        security("MLPS-1", "MLPS-ON-DAY", "等保测评备案", { record_date: GO_LIVE }),
        security("PT-2", "FIXED-PENTEST", "渗透测试报告", { record_date: "2024-04-20", severity: "中危", fix_deadline: "2024-05-06", fixed_on: GO_LIVE }),
        // filed only after go-live (the first one is named, later re-evaluations are not)
        security("MLPS-2", "INTERNET", "等保测评备案", { record_date: "2024-06-03" }),
        security("MLPS-3", "INTERNET", "等保测评备案", { record_date: "2025-06-02" }),
      ],
    };
    wh = await buildWarehouse(inbox, { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags internet-facing or level-2+ systems that went live without an MLPS filing or remediated pentest", async () => {
    const flags = await flagsOf(wh, "ART36_NO_MLPS_OR_PENTEST");
    expect(flags.map((f) => f.project_id)).toEqual(["INTERNET", "UNFIXED-PENTEST"]);
    expect(flags[0].evidence).toBe(
      "系统部署于互联网，于 2024-05-06 上线，上线前未提交等级保护测评备案证明或已整改到位的安全渗透测试报告（等保测评备案 MLPS-2 于 2024-06-03 上线后才提交）",
    );
    expect(flags[1].evidence).toBe(
      "系统等保3级，于 2024-05-06 上线，上线前未提交等级保护测评备案证明或已整改到位的安全渗透测试报告（渗透测试报告 PT-1（2024-04-20）发现的问题于 2024-05-07 才整改）",
    );
    expect(flags[0]).toMatchObject({ article: "36", severity: "严重", year: 2024 });
  });

  it("accepts an MLPS filing dated on the go-live day, a pentest fixed by go-live, and leaves level 1 and O&M alone", async () => {
    const flagged = await flaggedProjects(wh, "ART36_NO_MLPS_OR_PENTEST");
    for (const id of ["MLPS-ON-DAY", "FIXED-PENTEST", "LEVEL-1", "OM"]) expect(flagged).not.toContain(id);
  });
});

describe("ART37_VULN_UNFIXED", () => {
  const inbox = (): Inbox => {
    const projects = ["LATE-FIX", "OPEN", "ON-HOLIDAY", "MEDIUM", "SHUT", "DUE-AS-OF", "NO-DEADLINE"].map((id) => project(id));
    return {
      projects,
      reviews: projects.map((p) => review(p.project_id as string)),
      systems: [
        ...projects.filter((p) => p.project_id !== "SHUT").map((p) => live(p.project_id as string)),
        live("SHUT", { shutdown_on: "2024-10-01", backup_on: "2024-10-01" }),
      ],
      security: [
        security("V-1", "LATE-FIX", "漏洞", { record_date: "2024-03-01", severity: "高危", fix_deadline: "2024-04-01", fixed_on: "2024-04-10" }),
        security("V-2", "OPEN", "漏洞", { record_date: "2024-09-02", severity: "严重", fix_deadline: "2024-10-01" }),
        // the deadline falls on a holiday: fixing on that day is in time (the deadline is a date, not working days)
        security("V-3", "ON-HOLIDAY", "漏洞", { record_date: "2024-09-02", severity: "高危", fix_deadline: "2024-10-01", fixed_on: "2024-10-01" }),
        security("V-4", "MEDIUM", "漏洞", { record_date: "2024-03-01", severity: "中危", fix_deadline: "2024-04-01" }),
        // shut down on the deadline instead of fixing: Art. 37's other lawful outcome
        security("V-5", "SHUT", "漏洞", { record_date: "2024-09-02", severity: "高危", fix_deadline: "2024-10-01" }),
        security("V-6", "DUE-AS-OF", "漏洞", { record_date: "2024-12-02", severity: "高危", fix_deadline: "2024-12-31" }),
        security("V-7", "NO-DEADLINE", "漏洞", { record_date: "2024-03-01", severity: "高危" }),
      ],
    };
  };

  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags a high or critical vulnerability left open past its deadline on a running system", async () => {
    const flags = await flagsOf(wh, "ART37_VULN_UNFIXED");
    expect(flags.map((f) => [f.project_id, f.record_ref, f.year, f.event_date, f.due_date])).toEqual([
      ["LATE-FIX", "V-1", 2024, "2024-03-01", "2024-04-01"],
      ["OPEN", "V-2", 2024, "2024-09-02", "2024-10-01"],
    ]);
    expect(flags[0].evidence).toBe("高危漏洞 V-1 于 2024-03-01 发现，整改期限 2024-04-01，实际 2024-04-10 才修复，逾期 9 天，期间系统仍在运行");
    expect(flags[1].evidence).toBe("严重漏洞 V-2 于 2024-09-02 发现，整改期限 2024-10-01，截至 2024-12-31 仍未修复，系统仍在运行，已逾期 91 天");
    expect(flags[0]).toMatchObject({ article: "37", severity: "严重" });
  });

  it("does not flag a fix on the deadline day, medium severity, a shutdown by the deadline, or a deadline not yet passed", async () => {
    const flagged = await flaggedProjects(wh, "ART37_VULN_UNFIXED");
    for (const id of ["ON-HOLIDAY", "MEDIUM", "SHUT", "DUE-AS-OF", "NO-DEADLINE"]) expect(flagged).not.toContain(id);
  });

  it("becomes a violation the day after the deadline", async () => {
    const later = await buildWarehouse(inbox(), { asOf: "2025-01-01" });
    try {
      expect(await flaggedProjects(later, "ART37_VULN_UNFIXED")).toContain("DUE-AS-OF");
    } finally {
      later.close();
    }
  });
});

describe("ART5_NO_CRYPTO_PLAN (crypto assessment)", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const projects = [
      project("NEVER-ASSESSED", { apply_year: 2023, apply_date: "2022-10-17" }),
      project("ASSESSED-LATER", { apply_year: 2023, apply_date: "2022-10-17" }),
      project("LIVE-TODAY"),
      project("CLASSIFIED", { apply_year: 2023, apply_date: "2022-10-17", classified: true }),
    ];
    const inbox: Inbox = {
      projects,
      reviews: projects.map((p) => review(p.project_id as string, { review_date: "2022-12-01" })),
      systems: [
        live("NEVER-ASSESSED", { go_live_on: "2023-06-01" }),
        live("ASSESSED-LATER", { go_live_on: "2023-06-01" }),
        live("LIVE-TODAY", { go_live_on: "2024-12-31" }), // goes live on the as-of date itself
        live("CLASSIFIED", { go_live_on: "2023-06-01" }),
      ],
      security: [security("C-1", "ASSESSED-LATER", "密码应用评估", { record_date: "2024-05-20" })],
    };
    wh = await buildWarehouse(inbox, { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags a non-classified live system with no crypto assessment on record", async () => {
    const flags = await flagsOf(wh, "ART5_NO_CRYPTO_PLAN");
    expect(flags.map((f) => [f.flag_id, f.year, f.event_date, f.due_date])).toEqual([
      ["ART5_NO_CRYPTO_PLAN:NEVER-ASSESSED:assessment", 2023, "2023-06-01", "2023-06-01"],
    ]);
    expect(flags[0].evidence).toBe("系统于 2023-06-01 上线，截至 2024-12-31 无密码应用评估记录（应于上线前完成并定期评估）");
  });

  it("does not flag an assessed system, one going live on the as-of date, or a classified one", async () => {
    const flagged = await flaggedProjects(wh, "ART5_NO_CRYPTO_PLAN");
    for (const id of ["ASSESSED-LATER", "LIVE-TODAY", "CLASSIFIED"]) expect(flagged).not.toContain(id);
  });
});
