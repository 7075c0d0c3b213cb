// The checks made on the application as filed (项目申报): Art. 5(5), 7(1)–(5), 8, 9, 11 and 23. None has a deadline;
// each case below is a violation, a compliant twin, and a near-miss on the rule's boundary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { buildWarehouse, flaggedProjects, flagsOf, project, review, tags, type Inbox, type Row } from "./fixtures.js";

const om = (id: string, over: Row = {}) =>
  project(id, { kind: "运行维护", has_construction_plan: null, has_prior_contract: true, has_prior_eval_report: true, ...over });

const projects: Row[] = [
  project("OK"), // breaks nothing
  // ART7_MACHINE_ROOM
  project("ROOM", { content_tags: tags("机房改造", "应用开发") }),
  project("ROOM-DC", { content_tags: tags("数据中心扩容") }),
  project("ROOM-BASIS", { content_tags: tags("机房改造"), legal_basis: "国家保密局要求" }),
  // ART7_NOT_ON_GOV_CLOUD
  project("SELF-HOSTED", { deployment: "自建机房" }),
  project("NO-DEPLOYMENT", { kind: "升级改造", deployment: null }),
  om("OM-SELF-HOSTED", { deployment: "自建机房" }),
  // ART7_VIDEO_CONFERENCE
  project("VIDEO", { content_tags: tags("视频会议") }),
  project("VIDEO-BASIS", { content_tags: tags("视频会议"), legal_basis: "省政府部署" }),
  // ART7_NO_DATA_CATALOG
  project("NO-CATALOG", { has_data_catalog: false }),
  project("CATALOG-BLANK", { has_data_catalog: null }),
  // near-miss: an application on the as-of date itself exists; one the day after does not yet
  project("CATALOG-ON-AS-OF", { has_data_catalog: false, apply_date: "2024-12-31", apply_year: 2025 }),
  project("CATALOG-AFTER-AS-OF", { has_data_catalog: false, apply_date: "2025-01-02", apply_year: 2025 }),
  // ART8_NON_IT_NOT_SEPARATED
  project("NON-IT", { content_tags: tags("非信息化内容"), requested_yuan: 3_000_000, it_invest_yuan: 2_000_000 }),
  project("NON-IT-SPLIT", { content_tags: tags("非信息化内容"), it_invest_yuan: 2_000_000, non_it_invest_yuan: 1_000_000 }),
  project("IT-ONLY", { non_it_invest_yuan: null }),
  // ART9_MATERIALS_MISSING
  project("NO-PLAN", { has_construction_plan: false, has_perf_targets: null }),
  om("OM-OK"),
  om("OM-NO-EVAL", { has_prior_eval_report: false }),
  project("NEW-NO-PRIOR-CONTRACT", { has_prior_contract: false }), // not required of a new project
  // ART11_NOT_IN_PLAN
  project("NOT-IN-PLAN", { in_annual_plan: false }),
  project("URGENT", { in_annual_plan: false, urgent_basis: "市政府专题会议纪要〔2024〕12号，资金由预算内调剂" }),
  project("PLAN-BLANK", { in_annual_plan: null, urgent_basis: "  " }),
  // ART5_NO_CRYPTO_PLAN (plan)
  project("NO-CRYPTO", { has_crypto_plan: false }),
  project("CLASSIFIED", { has_crypto_plan: false, classified: true }),
  om("OM-NO-CRYPTO", { has_crypto_plan: false }),
  // ART23_NO_ALLOCATION_PLAN
  project("CITY-RENT", { city_wide: true, est_cloud_rent_yuan: 6_000_000 }),
  project("CITY-THRESHOLD", { city_wide: true, est_cloud_rent_yuan: 5_000_000 }),
  project("CITY-BELOW", { city_wide: true, est_cloud_rent_yuan: 4_999_999.99 }),
  project("CITY-PLAN", { city_wide: true, est_cloud_rent_yuan: 6_000_000, has_alloc_plan: true }),
  project("CITY-BILLED", { city_wide: true, est_cloud_rent_yuan: 1_000_000 }),
  project("NOT-CITY", { city_wide: false, est_cloud_rent_yuan: 9_000_000 }),
  // an application dated after the as-of date does not exist yet
  project("FUTURE", { apply_year: 2026, apply_date: "2025-10-15", has_form: false, deployment: "自建机房" }),
];

const billing = (projectId: string, day: string, cost: number): Row => ({
  charge_period_start: `${day} 16:00:00`,
  charge_period_end: `${day} 16:00:00`,
  charge_category: "Usage",
  billed_cost: cost,
  effective_cost: cost,
  billing_currency: "CNY",
  resource_id: `R-${projectId}`,
  project_id: projectId,
  charge_date: day,
  source_file: "test.csv",
});

const inbox = (): Inbox => ({
  projects,
  reviews: projects.map((p) => review(p.project_id as string)),
  cloud_billing: [billing("CITY-BILLED", "2024-03-01", 3_000_000), billing("CITY-BILLED", "2024-04-01", 2_000_000)],
});

describe("application checks", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2024-12-31" });
  });
  afterAll(() => wh.close());

  it("flags nothing on a compliant application, nor on one dated after the as-of date", async () => {
    const rows = await wh.query("SELECT rule_id FROM mart_flags WHERE project_id IN ('OK', 'FUTURE')");
    expect(rows).toEqual([]);
  });

  it("ART7_MACHINE_ROOM: a machine room or data centre with no legal basis", async () => {
    expect(await flaggedProjects(wh, "ART7_MACHINE_ROOM")).toEqual(["ROOM", "ROOM-DC"]);
    const [flag] = await flagsOf(wh, "ART7_MACHINE_ROOM");
    expect(flag).toMatchObject({
      flag_id: "ART7_MACHINE_ROOM:ROOM:application",
      year: 2024,
      article: "7(1)",
      severity: "较重",
      record_ref: "ROOM",
      event_date: "2023-10-16",
      due_date: null,
      evidence: "2024年度申报的建设内容含「机房改造」（新建或扩建机房、高能耗数据中心），未填报法规依据",
    });
  });

  it("ART7_NOT_ON_GOV_CLOUD: a new/expansion/upgrade project not on the government cloud", async () => {
    expect(await flaggedProjects(wh, "ART7_NOT_ON_GOV_CLOUD")).toEqual(["NO-DEPLOYMENT", "SELF-HOSTED"]);
    const evidence = (await flagsOf(wh, "ART7_NOT_ON_GOV_CLOUD")).map((f) => f.evidence);
    expect(evidence).toEqual([
      "2024年度升级改造项目，部署方式为「未填报」，未部署或迁移至绍兴市政务云平台",
      "2024年度新建项目，部署方式为「自建机房」，未部署或迁移至绍兴市政务云平台",
    ]);
  });

  it("ART7_VIDEO_CONFERENCE: a video-conference system with no legal basis", async () => {
    expect(await flaggedProjects(wh, "ART7_VIDEO_CONFERENCE")).toEqual(["VIDEO"]);
  });

  it("ART7_NO_DATA_CATALOG: no public data resource catalog (否 or blank)", async () => {
    expect(await flaggedProjects(wh, "ART7_NO_DATA_CATALOG")).toEqual(["CATALOG-BLANK", "CATALOG-ON-AS-OF", "NO-CATALOG"]);
    const [flag, onAsOf] = await flagsOf(wh, "ART7_NO_DATA_CATALOG");
    expect(flag.article).toBe("7(4), 27, 28");
    expect(onAsOf).toMatchObject({ year: 2025, event_date: "2024-12-31" });
  });

  it("ART8_NON_IT_NOT_SEPARATED: non-IT content without a separate non-IT estimate", async () => {
    expect(await flaggedProjects(wh, "ART8_NON_IT_NOT_SEPARATED")).toEqual(["NON-IT"]);
    const [flag] = await flagsOf(wh, "ART8_NON_IT_NOT_SEPARATED");
    expect(flag.evidence).toBe(
      "2024年度申报含非信息化建设内容（非信息化内容），申报金额 300.00 万元，信息化投资 200.00 万元，非信息化投资概算未分开计列",
    );
  });

  it("ART9_MATERIALS_MISSING: every missing material at once, by kind of project", async () => {
    expect(await flaggedProjects(wh, "ART9_MATERIALS_MISSING")).toEqual(["NO-PLAN", "OM-NO-EVAL"]);
    const evidence = Object.fromEntries((await flagsOf(wh, "ART9_MATERIALS_MISSING")).map((f) => [f.project_id, f.evidence]));
    expect(evidence["NO-PLAN"]).toBe("2024年度新建项目申报（2023-10-16）材料不齐全，缺：建设方案、绩效目标（共 2 项）");
    expect(evidence["OM-NO-EVAL"]).toContain("缺：前期绩效评估报告（共 1 项）");
  });

  it("ART11_NOT_IN_PLAN: not in the annual plan and no urgent basis", async () => {
    expect(await flaggedProjects(wh, "ART11_NOT_IN_PLAN")).toEqual(["NOT-IN-PLAN", "PLAN-BLANK"]);
  });

  it("ART5_NO_CRYPTO_PLAN: a non-classified construction project without a crypto plan", async () => {
    const flags = await flagsOf(wh, "ART5_NO_CRYPTO_PLAN");
    expect(flags.map((f) => f.flag_id)).toEqual(["ART5_NO_CRYPTO_PLAN:NO-CRYPTO:plan"]);
    expect(flags[0]).toMatchObject({ article: "5(5), 35", severity: "一般", year: 2024 });
  });

  it("ART23_NO_ALLOCATION_PLAN: a city-wide system whose rent reaches 5,000,000 yuan, with no plan", async () => {
    expect(await flaggedProjects(wh, "ART23_NO_ALLOCATION_PLAN")).toEqual(["CITY-BILLED", "CITY-RENT", "CITY-THRESHOLD"]);
    const evidence = Object.fromEntries(
      (await flagsOf(wh, "ART23_NO_ALLOCATION_PLAN")).map((f) => [f.project_id, f.evidence]),
    );
    expect(evidence["CITY-RENT"]).toBe(
      "全市性系统，申报预计年云租赁费 600.00 万元，达到 500 万元，未同步制定市级和各区、县（市）云资源租赁费用分摊方案",
    );
    expect(evidence["CITY-BILLED"]).toContain("申报预计年云租赁费 100.00 万元，但 2024 年实际计费 5,000,000.00 元");
  });
});

describe("ART7_PRIOR_OPINIONS_OPEN", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    const earlier = (id: string, dept: string) =>
      project(id, { dept_code: dept, dept_name: `单位${dept}`, apply_year: 2023, apply_date: "2022-10-10" });
    const later = (id: string, dept: string, apply_date = "2023-10-16") =>
      project(id, { dept_code: dept, dept_name: `单位${dept}`, apply_year: 2024, apply_date });
    const rows = [
      earlier("Q2", "D02"),
      later("P2", "D02"), // violating
      project("P2-SAME-YEAR", { dept_code: "D02", apply_year: 2023, apply_date: "2022-10-20" }), // not an earlier year
      later("P9", "D09"), // another department
      earlier("Q7", "D07"),
      later("P7", "D07", "2023-10-31"), // the opinion came the day after: near-miss
      later("P7-SAME-DAY", "D07", "2023-11-01"),
    ];
    wh = await buildWarehouse(
      {
        projects: rows,
        reviews: [
          review("Q2", { review_date: "2022-12-01", tech_reqs_done: false, opinion: "须接入统一身份认证" }),
          review("Q7", { review_date: "2023-11-01", tech_reqs_done: false }),
          ...["P2", "P2-SAME-YEAR", "P9", "P7", "P7-SAME-DAY"].map((id) => review(id)),
        ],
      },
      { asOf: "2024-12-31" },
    );
  });
  afterAll(() => wh.close());

  it("flags a department's application while an earlier year's opinion is unimplemented", async () => {
    expect(await flaggedProjects(wh, "ART7_PRIOR_OPINIONS_OPEN")).toEqual(["P2", "P7-SAME-DAY"]);
    const [flag] = await flagsOf(wh, "ART7_PRIOR_OPINIONS_OPEN");
    expect(flag).toMatchObject({
      article: "7(5)",
      record_ref: "Q2/领导小组审查/2022-12-01",
      evidence: "本单位历年审核意见的技术要求尚未落实：2023年度项目 Q2（项目Q2）领导小组审查意见（2022-12-01）",
    });
  });
});
