// Cases decided by the application itself (year = 申报年度): Art. 5(5), 7(1)–(4), 8, 9, 11 and 23.
import { EXEMPTING_BASES } from "../names.js";
import { HEAVY_SYSTEMS, wanToFen } from "../portfolio.js";
import { renumberSecurity } from "../security.js";
import { edit, intend, isBuildable, isFree, nearMiss, perRule, pickSpread, requireCount, type CaseContext } from "./context.js";

function addTag(tags: string[], tag: string): string[] {
  return [...new Set([...tags, tag])].sort();
}

/** Art. 7(1), 7(3): machine-room / video-conference content with no legal basis; and near-misses with one. */
function exemptableContent(ctx: CaseContext, rule: "ART7_MACHINE_ROOM" | "ART7_VIDEO_CONFERENCE"): void {
  const tag = rule === "ART7_MACHINE_ROOM" ? "机房" : "视频会议";
  const suffix = rule === "ART7_MACHINE_ROOM" ? "及配套机房改造" : "（含视频会议系统）";
  const n = perRule(ctx);
  const picked = pickSpread(ctx, rule, n + 2, (p) => isFree(ctx, p) && isBuildable(p));
  requireCount(rule, picked, n + 2);
  picked.forEach((p, i) => {
    p.app.tags = addTag(p.app.tags, tag);
    p.app.name = p.app.name.replace(/(建设项目|扩建项目|升级改造项目)$/, `${suffix}$1`);
    if (i < n) {
      p.app.legalBasis = null;
      // Half are turned down by the leading group ("原则上不予建设"); the others slipped through review.
      if (i % 2 === 0) p.fate = "rejected";
      intend(ctx, p, rule, `${tag}, no legal basis${p.fate === "rejected" ? ", rejected" : ", built anyway"}`);
    } else {
      p.app.legalBasis = EXEMPTING_BASES[i % EXEMPTING_BASES.length];
      nearMiss(ctx, p, rule, `${tag} with a recorded legal basis (法规依据)`);
    }
  });
}

function notOnGovCloud(ctx: CaseContext): void {
  const n = perRule(ctx);
  const picked = pickSpread(ctx, "ART7_NOT_ON_GOV_CLOUD", n, (p) => isFree(ctx, p) && isBuildable(p));
  requireCount("ART7_NOT_ON_GOV_CLOUD", picked, n);
  picked.forEach((p, i) => {
    p.app.deployment = i % 2 === 0 ? "自建机房" : "其他";
    p.app.tags = p.app.tags.filter((t) => t !== "云资源");
    p.app.estCloudRentFen = 0;
    p.app.hasAllocPlan = false;
    p.resources = [];
    if (i === 1) p.fate = "rejected";
    intend(ctx, p, "ART7_NOT_ON_GOV_CLOUD", `${p.app.kind} deployed on ${p.app.deployment}`);
  });
}

function noDataCatalog(ctx: CaseContext): void {
  const n = perRule(ctx);
  const picked = pickSpread(ctx, "ART7_NO_DATA_CATALOG", n, (p) => isFree(ctx, p));
  requireCount("ART7_NO_DATA_CATALOG", picked, n);
  picked.forEach((p, i) => {
    p.app.materials.dataCatalog = false;
    if (i % 2 === 0) p.fate = "returned";
    intend(ctx, p, "ART7_NO_DATA_CATALOG", `信息资源目录 否${p.fate === "returned" ? ", returned" : ""}`);
  });
}

function nonItNotSeparated(ctx: CaseContext): void {
  const n = perRule(ctx);
  const picked = pickSpread(ctx, "ART8", n + 3, (p) => isFree(ctx, p) && isBuildable(p));
  requireCount("ART8_NON_IT_NOT_SEPARATED", picked, n + 3);
  picked.forEach((p, i) => {
    p.app.tags = addTag(p.app.tags, "非信息化内容");
    p.app.name = p.app.name.replace(/(建设项目|扩建项目|升级改造项目)$/, "及配套场所改造$1");
    if (i < n) {
      p.app.nonItInvestFen = null;
      p.app.itInvestFen = p.app.requestedFen;
      intend(ctx, p, "ART8_NON_IT_NOT_SEPARATED", "非信息化内容, investment not separated");
    } else {
      const nonIt = wanToFen(Math.round((p.app.requestedFen / 1e6) * (0.1 + 0.05 * ((i - n) % 4)) * 100) / 100);
      p.app.nonItInvestFen = nonIt;
      p.app.itInvestFen = p.app.requestedFen - nonIt;
      nearMiss(ctx, p, "ART8_NON_IT_NOT_SEPARATED", "非信息化内容 with IT and non-IT listed separately");
    }
  });
}

/** Art. 9: each case lacks a different material; the first two were returned at acceptance (一次性告知). */
function materialsMissing(ctx: CaseContext): void {
  const gaps = ["form", "constructionPlan", "perfTargets", "basisDocs"] as const;
  const build = pickSpread(ctx, "ART9", gaps.length * (ctx.scale === "city" ? 1 : 8), (p) => isFree(ctx, p) && isBuildable(p));
  requireCount("ART9_MATERIALS_MISSING", build, gaps.length);
  build.forEach((p, i) => {
    const gap = gaps[i % gaps.length];
    p.app.materials[gap] = false;
    if (i % gaps.length < 2) p.fate = "returned";
    intend(ctx, p, "ART9_MATERIALS_MISSING", `${gap} missing`);
  });
  const om = pickSpread(ctx, "ART9-om", ctx.scale === "city" ? 2 : 16, (p) => isFree(ctx, p) && p.app.kind === "运行维护" && p.role === "ordinary");
  requireCount("ART9_MATERIALS_MISSING (O&M)", om, 2);
  om.forEach((p, i) => {
    if (i % 2 === 0) p.app.materials.priorEvalReport = false;
    else p.app.materials.priorContract = false;
    intend(ctx, p, "ART9_MATERIALS_MISSING", `O&M without ${i % 2 === 0 ? "前期绩效评估报告" : "原合同"}`);
  });
  const omNear = pickSpread(ctx, "ART9-om-near", 2, (p) => isFree(ctx, p) && p.app.kind === "运行维护" && !p.app.materials.constructionPlan);
  omNear.forEach((p) => nearMiss(ctx, p, "ART9_MATERIALS_MISSING", "O&M application without a construction plan (not required of O&M)"));
}

function notInPlan(ctx: CaseContext): void {
  const n = perRule(ctx);
  const picked = pickSpread(ctx, "ART11", n, (p) => isFree(ctx, p) && isBuildable(p) && p.app.inAnnualPlan);
  requireCount("ART11_NOT_IN_PLAN", picked, n);
  picked.forEach((p) => {
    p.app.inAnnualPlan = false;
    p.app.urgentBasis = null;
    intend(ctx, p, "ART11_NOT_IN_PLAN", "not in the annual plan, no urgent basis");
  });
  const urgent = pickSpread(ctx, "ART11-near", 2, (p) => isFree(ctx, p) && !p.app.inAnnualPlan && p.app.urgentBasis !== null);
  urgent.forEach((p) => nearMiss(ctx, p, "ART11_NOT_IN_PLAN", "not in the annual plan, urgent basis approved with a funding source"));
}

/** Art. 5(5), 35: no crypto plan at application, or a live system never crypto-assessed. */
function noCryptoPlan(ctx: CaseContext): void {
  const n = perRule(ctx);
  const half = Math.ceil(n / 2);
  const plans = pickSpread(ctx, "ART5-plan", half, (p) => isFree(ctx, p) && isBuildable(p));
  requireCount("ART5_NO_CRYPTO_PLAN", plans, half);
  plans.forEach((p) => {
    p.app.materials.cryptoPlan = false;
    intend(ctx, p, "ART5_NO_CRYPTO_PLAN", "密码应用方案 否");
  });
  const live = pickSpread(ctx, "ART5-assess", n - half, (p) => isFree(ctx, p) && isBuildable(p) && p.schedule.goLiveOn !== null);
  requireCount("ART5_NO_CRYPTO_PLAN (assessment)", live, n - half);
  live.forEach((p) => {
    intend(ctx, p, "ART5_NO_CRYPTO_PLAN", "system live, never crypto-assessed");
    edit(ctx, p, (rec) => {
      rec.security = rec.security.filter((s) => s.type !== "密码应用评估");
      renumberSecurity(rec);
    });
  });
}

/** Art. 23: the cloud-heavy city-wide systems without an allocation plan were planned in the portfolio. */
function allocationPlans(ctx: CaseContext): void {
  for (const p of ctx.plans.filter((x) => x.role === "big-rent")) {
    const h = HEAVY_SYSTEMS.find((x) => p.systemName === x.name)!;
    if (h.cityWide && !h.hasAllocPlan && h.dailyYuan * 365 >= 5_000_000) intend(ctx, p, "ART23_NO_ALLOCATION_PLAN", h.note);
    else nearMiss(ctx, p, "ART23_NO_ALLOCATION_PLAN", h.note);
  }
}

export function applicationCases(ctx: CaseContext): void {
  allocationPlans(ctx);
  exemptableContent(ctx, "ART7_MACHINE_ROOM");
  exemptableContent(ctx, "ART7_VIDEO_CONFERENCE");
  notOnGovCloud(ctx);
  noDataCatalog(ctx);
  nonItNotSeparated(ctx);
  materialsMissing(ctx);
  notInPlan(ctx);
  noCryptoPlan(ctx);
}
