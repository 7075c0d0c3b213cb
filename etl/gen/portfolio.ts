// Plans the projects of every budget year: who applies for what, when, and for how much. Construction projects
// build a system; from the year after a system goes live its department may apply for its O&M (运行维护), as the
// measures expect of systems in use (Art. 2, 20). A few cloud-heavy city-wide systems are planned on purpose so the
// county allocation of Art. 23 has rents on both sides of 5,000,000 yuan a year, in both sharing classes.
import type { WorkCalendar } from "./calendar.js";
import { addDays, ymd, type IsoDate } from "./dates.js";
import { departmentByName, type Department } from "./departments.js";
import type { Application, Materials, PilotLevel, ProjectKind } from "./model.js";
import { constructionNames, LEGAL_BASES, operationsProjectName, ORDINARY_TAGS, urgentBasis } from "./names.js";
import type { ProjectPlan } from "./plan.js";
import type { Rng } from "./random.js";
import { dailyRentFen, heavyResources, ordinaryResources, type ResourcePlan } from "./resources.js";
import { computeSchedule } from "./schedule.js";
import { LAST_EVENT } from "./timeline.js";

export type Scale = "city" | "province";

export interface PortfolioContext {
  rng: Rng;
  cal: WorkCalendar;
  depts: readonly Department[];
  scale: Scale;
  years: readonly [number, number];
}

/** Applications per budget year. */
const PROJECTS_PER_YEAR: Record<Scale, number> = { city: 150, province: 4000 };
/** At most this share of a year's applications are O&M. */
const MAX_OM_SHARE = 0.4;

const FEN_PER_WAN = 1_000_000;

/** 万元 with two decimals → fen. */
export function wanToFen(wan: number): number {
  return Math.round(wan * 100) * 10_000;
}

/** Investment in 万元, skewed: most projects are tens of 万, a few reach 3,000 万 (10 × 300^(u^1.8)). */
function drawInvestmentWan(rng: Rng): number {
  return Math.round(10 * Math.pow(300, Math.pow(rng.next(), 1.8)) * 100) / 100;
}

function annualRentFen(resources: readonly ResourcePlan[]): number {
  // 预计年云租赁费 is filed in 万元 with two decimals.
  return Math.round((dailyRentFen(resources) * 365) / 10_000) * 10_000;
}

const FULL_MATERIALS: Materials = {
  form: true, constructionPlan: true, priorContract: false, priorEvalReport: false,
  perfTargets: true, basisDocs: true, dataCatalog: true, cryptoPlan: true,
};

function omMaterials(rng: Rng): Materials {
  // A construction plan is not required of O&M applications (Art. 9(2)); some attach one anyway.
  return { ...FULL_MATERIALS, constructionPlan: rng.chance(0.3), priorContract: true, priorEvalReport: true };
}

function drawPilot(rng: Rng): PilotLevel {
  return rng.weighted([["无", 70], ["市级", 15], ["省级", 12], ["国家级", 3]] as const);
}

function drawMlps(rng: Rng, internetFacing: boolean): number {
  if (internetFacing) return rng.weighted([[2, 60], [3, 40]] as const);
  return rng.weighted([[1, 12], [2, 55], [3, 32], [4, 1]] as const);
}

function regularApplyDate(rng: Rng, cal: WorkCalendar, year: number): IsoDate {
  return cal.onOrAfter(addDays(ymd(year - 1, 9, 1), rng.int(0, 90)));
}

interface Draft {
  plan: Omit<ProjectPlan, "app" | "schedule"> & { app: Omit<Application, "projectId"> };
}

function draftConstruction(ctx: PortfolioContext, rng: Rng, year: number, names: Set<string>): Draft {
  const { cal } = ctx;
  const dept = rng.weighted(ctx.depts.map((d) => [d, d.weight] as const));
  const kind: ProjectKind = rng.weighted([["新建", 55], ["升级改造", 30], ["扩建", 15]] as const);
  let phase = kind === "新建" ? 1 : rng.int(2, 3);
  let naming = constructionNames(rng, dept, kind, phase);
  while (names.has(naming.projectName)) naming = constructionNames(rng, dept, kind, ++phase);
  names.add(naming.projectName);

  const timing = rng.weighted([["regular", 88], ["early", 8], ["urgent", 4]] as const);
  const applyDate =
    timing === "regular" ? regularApplyDate(rng, cal, year)
    : timing === "early" ? cal.onOrAfter(addDays(ymd(year, 1, 5), rng.int(0, 74)))
    : cal.onOrAfter(addDays(ymd(year, 4, 1), rng.int(0, 121)));
  const requestedWan = drawInvestmentWan(rng);
  const requestedFen = wanToFen(requestedWan);
  const cityWide = rng.chance(0.18);
  const internetFacing = rng.chance(0.4);
  const resources = ordinaryResources(rng, requestedWan);
  const estCloudRentFen = annualRentFen(resources);
  const tags = rng.shuffled(ORDINARY_TAGS.filter((t) => t !== "云资源")).slice(0, rng.int(1, 3));
  tags.unshift("云资源");
  return {
    plan: {
      app: {
        name: naming.projectName,
        dept,
        applyYear: year,
        applyDate,
        kind,
        allocClass: dept.allocClass,
        cityWide,
        leadDeptCode: cityWide ? dept.code : rng.chance(0.06) ? rng.pick(ctx.depts).code : null,
        tags: tags.sort(),
        legalBasis: rng.chance(0.12) ? rng.pick(LEGAL_BASES) : null,
        deployment: "政务云",
        internetFacing,
        mlpsLevel: drawMlps(rng, internetFacing),
        classified: false,
        inAnnualPlan: timing !== "urgent",
        urgentBasis: timing === "urgent" ? urgentBasis(rng, year) : null,
        requestedFen,
        itInvestFen: requestedFen,
        nonItInvestFen: 0,
        estCloudRentFen,
        hasAllocPlan: cityWide && (estCloudRentFen >= 500 * FEN_PER_WAN || rng.chance(0.2)),
        materials: { ...FULL_MATERIALS },
        pilotLevel: drawPilot(rng),
      },
      systemName: naming.systemName,
      parentId: null,
      dependents: [],
      role: "ordinary",
      fate: "built",
      returnedOnce: rng.chance(0.1),
      overrides: {},
      resources,
      shutdownOn: null,
      budgetIncrease: null,
      contentChange: false,
      quality: Math.sqrt(rng.real(0.25, 0.96)),
      cases: [],
    },
  };
}

function draftOperations(ctx: PortfolioContext, rng: Rng, year: number, parent: ProjectPlan): Draft {
  const p = parent.app;
  const requestedFen = Math.max(wanToFen(10), wanToFen(Math.round((p.requestedFen / FEN_PER_WAN) * rng.real(0.08, 0.18) * 100) / 100));
  return {
    plan: {
      app: {
        ...p,
        name: operationsProjectName(parent.systemName, year),
        applyYear: year,
        applyDate: regularApplyDate(rng, ctx.cal, year),
        kind: "运行维护",
        tags: p.deployment === "政务云" ? ["云资源", "运行维护"] : ["运行维护"],
        legalBasis: null,
        inAnnualPlan: true,
        urgentBasis: null,
        requestedFen,
        itInvestFen: requestedFen,
        nonItInvestFen: 0,
        hasAllocPlan: p.cityWide && p.estCloudRentFen >= 500 * FEN_PER_WAN ? true : p.hasAllocPlan,
        materials: omMaterials(rng),
        pilotLevel: p.pilotLevel,
      },
      systemName: parent.systemName,
      parentId: parent.app.projectId,
      dependents: [],
      role: "ordinary",
      fate: "built",
      returnedOnce: false,
      overrides: {},
      resources: [],
      shutdownOn: null,
      budgetIncrease: null,
      contentChange: false,
      quality: parent.quality,
      cases: [],
    },
  };
}

interface HeavySystem {
  dept: string;
  name: string;
  cityWide: boolean;
  hasAllocPlan: boolean;
  /** Daily rent in yuan: ≥ 13,699 makes every full year ≥ 5,000,000; 13,650 stays under it even in a leap year. */
  dailyYuan: number;
  allocClass?: "民生" | "审批监管" | "其他";
  note: string;
}

/** Cloud-heavy systems (allocation.md). Three city-wide ones lack the allocation plan Art. 23 requires. */
export const HEAVY_SYSTEMS: readonly HeavySystem[] = [
  { dept: "市大数据局", name: "绍兴市城市大脑民生服务中枢", cityWide: true, hasAllocPlan: true, dailyYuan: 18_600, allocClass: "民生", note: "民生 ≥500万" },
  { dept: "市卫健委", name: "绍兴市全民健康信息平台（市县一体化）", cityWide: true, hasAllocPlan: true, dailyYuan: 21_500, note: "民生 ≥500万" },
  { dept: "市市场监管局", name: "绍兴市市场监管一体化智慧监管平台", cityWide: true, hasAllocPlan: true, dailyYuan: 16_800, note: "审批监管 ≥500万" },
  { dept: "市自然资源和规划局", name: "绍兴市国土空间基础信息平台", cityWide: true, hasAllocPlan: true, dailyYuan: 15_200, note: "审批监管 ≥500万" },
  { dept: "市人力社保局", name: "绍兴市社保就业一体化经办平台", cityWide: true, hasAllocPlan: false, dailyYuan: 17_300, note: "民生 ≥500万, no plan" },
  { dept: "市生态环境局", name: "绍兴市生态环境智慧监管平台", cityWide: true, hasAllocPlan: false, dailyYuan: 14_900, note: "审批监管 ≥500万, no plan" },
  { dept: "市教育局", name: "绍兴市教育魔方数据中台", cityWide: true, hasAllocPlan: false, dailyYuan: 14_100, note: "民生 ≥500万, no plan" },
  { dept: "市医保局", name: "绍兴市医保经办一体化平台", cityWide: true, hasAllocPlan: false, dailyYuan: 13_650, note: "民生 just under 500万" },
  { dept: "市公安局", name: "绍兴市警务大数据平台", cityWide: false, hasAllocPlan: false, dailyYuan: 16_000, note: "≥500万 but not city-wide" },
  { dept: "市政务服务办公室", name: "绍兴市一网通办统一受理平台", cityWide: true, hasAllocPlan: true, dailyYuan: 14_500, allocClass: "其他", note: "其他 class ≥500万" },
];

function draftHeavy(ctx: PortfolioContext, rng: Rng, year: number, h: HeavySystem): Draft {
  const base = draftConstruction(ctx, rng, year, new Set());
  const dept = departmentByName(ctx.depts, h.dept);
  const resources = heavyResources(rng, h.dailyYuan * 100);
  const requestedFen = wanToFen(Math.round(rng.real(1800, 2900) * 100) / 100);
  base.plan.app = {
    ...base.plan.app,
    name: `${h.name}建设项目`,
    dept,
    kind: "新建",
    applyDate: regularApplyDate(rng, ctx.cal, year),
    allocClass: h.allocClass ?? dept.allocClass,
    cityWide: h.cityWide,
    leadDeptCode: h.cityWide ? dept.code : null,
    inAnnualPlan: true,
    urgentBasis: null,
    requestedFen,
    itInvestFen: requestedFen,
    estCloudRentFen: annualRentFen(resources),
    hasAllocPlan: h.hasAllocPlan,
    internetFacing: true,
    mlpsLevel: 3,
    pilotLevel: rng.pick(["省级", "国家级", "市级"] as const),
  };
  base.plan.systemName = h.name;
  base.plan.role = "big-rent";
  base.plan.resources = resources;
  base.plan.returnedOnce = false;
  base.plan.quality = rng.real(0.8, 0.97);
  base.plan.cases = [`ART23:${h.note}`];
  return base;
}

/** O&M of systems built before the sample: one on a self-built machine room (Art. 7(2) covers new, expansion and
 *  upgrade projects only) and one classified system without a crypto plan (Art. 5(5) covers non-classified ones). */
function draftLegacy(ctx: PortfolioContext, rng: Rng, year: number): Draft[] {
  const out: Draft[] = [];
  const specs = [
    { dept: "市公安局", name: "绍兴市公安视频图像信息综合应用平台", deployment: "自建机房" as const, classified: false, note: "near-miss ART7_NOT_ON_GOV_CLOUD: O&M of a system in a self-built machine room (Art. 7(2) covers new, expansion and upgrade projects)" },
    { dept: "市委组织部", name: "绍兴市干部人事档案管理系统", deployment: "其他" as const, classified: true, note: "near-miss ART5_NO_CRYPTO_PLAN: classified system, no crypto plan (Art. 5(5) covers non-classified projects)" },
  ];
  for (const s of specs) {
    const dept = departmentByName(ctx.depts, s.dept);
    const requestedFen = wanToFen(Math.round(rng.real(40, 160) * 100) / 100);
    out.push({
      plan: {
        app: {
          name: operationsProjectName(s.name, year),
          dept,
          applyYear: year,
          applyDate: regularApplyDate(rng, ctx.cal, year),
          kind: "运行维护",
          allocClass: "其他",
          cityWide: false,
          leadDeptCode: null,
          tags: ["运行维护"],
          legalBasis: null,
          deployment: s.deployment,
          internetFacing: false,
          mlpsLevel: 3,
          classified: s.classified,
          inAnnualPlan: true,
          urgentBasis: null,
          requestedFen,
          itInvestFen: requestedFen,
          nonItInvestFen: 0,
          estCloudRentFen: 0,
          hasAllocPlan: false,
          materials: { ...omMaterials(rng), cryptoPlan: !s.classified },
          pilotLevel: "无",
        },
        systemName: s.name,
        parentId: null,
        dependents: [],
        role: "legacy-om",
        fate: "built",
        returnedOnce: false,
        overrides: {},
        resources: [],
        shutdownOn: null,
        budgetIncrease: null,
        contentChange: false,
        quality: rng.real(0.7, 0.9),
        cases: [s.note],
      },
    });
  }
  return out;
}

/** The O&M candidates for budget year `year`: systems live before the application season that still run all year. */
function omCandidates(plans: readonly ProjectPlan[], year: number): ProjectPlan[] {
  return plans.filter(
    (p) =>
      p.app.kind !== "运行维护" &&
      p.fate === "built" &&
      p.schedule.goLiveOn !== null &&
      p.schedule.goLiveOn <= ymd(year - 1, 8, 31) &&
      (p.shutdownOn === null || p.shutdownOn > ymd(year, 12, 31)),
  );
}

export function projectId(scale: Scale, year: number, seq: number): string {
  return scale === "city" ? `SX${year}-${String(seq).padStart(4, "0")}` : `ZJ${year}-${String(seq).padStart(5, "0")}`;
}

export function planPortfolio(ctx: PortfolioContext): ProjectPlan[] {
  const { rng: root, cal, scale } = ctx;
  const plans: ProjectPlan[] = [];
  const byId = new Map<string, ProjectPlan>();
  const names = new Set<string>();
  const [from, to] = ctx.years;
  for (let year = from; year <= to; year++) {
    const rng = root.fork(`portfolio:${year}`);
    const target = Math.round(PROJECTS_PER_YEAR[scale] * rng.real(0.92, 1.08));
    const drafts: Draft[] = [];
    if (year === from) {
      for (const h of HEAVY_SYSTEMS) drafts.push(draftHeavy(ctx, rng.fork(`heavy:${h.name}`), year, h));
      drafts.push(...draftLegacy(ctx, rng.fork("legacy"), year));
    }
    const parents = rng.shuffled(omCandidates(plans, year)).filter(() => rng.chance(0.45));
    for (const parent of parents.slice(0, Math.floor(target * MAX_OM_SHARE))) {
      drafts.push(draftOperations(ctx, rng.fork(`om:${parent.app.projectId}`), year, parent));
    }
    while (drafts.length < target) drafts.push(draftConstruction(ctx, rng, year, names));

    // Numbered in filing order, as the project-management module numbers applications.
    drafts.sort((a, b) => (a.plan.app.applyDate < b.plan.app.applyDate ? -1 : a.plan.app.applyDate > b.plan.app.applyDate ? 1 : 0));
    drafts.forEach((d, i) => {
      const id = projectId(scale, year, i + 1);
      const plan: ProjectPlan = {
        ...d.plan,
        app: { ...d.plan.app, projectId: id },
        schedule: computeSchedule(
          { projectId: id, applyDate: d.plan.app.applyDate, applyYear: year, operations: d.plan.app.kind === "运行维护", returnedOnce: d.plan.returnedOnce, overrides: {} },
          cal,
          root,
        ),
      };
      if (plan.parentId) byId.get(plan.parentId)!.dependents.push(id);
      planShutdown(plan, rng.fork(`shutdown:${id}`), cal);
      plans.push(plan);
      byId.set(id, plan);
    });
  }
  return plans;
}

/** Some systems are switched off after a few years (merged into a city-wide platform), Art. 18. */
function planShutdown(plan: ProjectPlan, rng: Rng, cal: WorkCalendar): void {
  const live = plan.schedule.goLiveOn;
  if (plan.role !== "ordinary" || plan.app.kind === "运行维护" || live === null || live > "2024-06-30") return;
  if (!rng.chance(0.06)) return;
  const off = cal.onOrAfter(addDays(live, rng.int(400, 900)));
  if (off <= addDays(LAST_EVENT, -60)) plan.shutdownOn = off;
}
