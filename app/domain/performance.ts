// The words the performance, project and department pages use for the warehouse's codes (scoring.md, rules.md).
// Grades and dimension ids are public schema; the labels are what leadership reads.
import { chineseNumber } from "./rules";

export { chineseNumber };

export const GRADES = ["优", "良", "中", "差"] as const;
export type Grade = (typeof GRADES)[number];

export function isGrade(v: unknown): v is Grade {
  return typeof v === "string" && (GRADES as readonly string[]).includes(v);
}

/** Grade bands (财预〔2020〕10号, scoring.md): 优 ≥ 90, 良 80–89.99, 中 60–79.99, 差 < 60. */
export const GRADE_BANDS: Record<Grade, string> = {
  优: "≥90分",
  良: "80–89.99分",
  中: "60–79.99分",
  差: "<60分",
};

/** One colour per grade, the same on every chart and badge (green → red). */
export const GRADE_COLORS: Record<Grade, string> = {
  优: "#047857",
  良: "#2563eb",
  中: "#d97706",
  差: "#b91c1c",
};

export const NO_GRADE_COLOR = "#9ca3af";

export function gradeColor(g: unknown): string {
  return isGrade(g) ? GRADE_COLORS[g] : NO_GRADE_COLOR;
}

export const DIMENSIONS = [
  { id: "operation", name: "项目运行情况", short: "运行" },
  { id: "integration", name: "统建融合", short: "统建融合" },
  { id: "cost_effectiveness", name: "成本效益", short: "成本效益" },
  { id: "effectiveness", name: "应用实效", short: "应用实效" },
  { id: "security", name: "信息安全", short: "信息安全" },
  { id: "innovation", name: "创新服务", short: "创新服务" },
] as const;
export type DimensionId = (typeof DIMENSIONS)[number]["id"];

export function dimensionName(id: string): string {
  return DIMENSIONS.find((d) => d.id === id)?.name ?? id;
}

export const KINDS = ["新建", "扩建", "升级改造", "运行维护"] as const;

export const OM_STATUS_LABELS: Record<string, string> = { eligible: "正常安排", suspended: "暂停安排" };
export const CONSTRUCTION_STATUS_LABELS: Record<string, string> = { ok: "正常", blocked: "冻结" };
export const REVIEW_STATUS_LABELS: Record<string, string> = { normal: "正常", deferred: "暂缓审核", restricted: "申报受限" };

export function omStatusLabel(v: unknown): string {
  return typeof v === "string" ? OM_STATUS_LABELS[v] ?? v : "—";
}
export function constructionStatusLabel(v: unknown): string {
  return typeof v === "string" ? CONSTRUCTION_STATUS_LABELS[v] ?? v : "—";
}
export function reviewStatusLabel(v: unknown): string {
  return typeof v === "string" ? REVIEW_STATUS_LABELS[v] ?? v : "—";
}

/** A score for people: one decimal, or "—" when not scored. */
export function formatScore(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  const n = Number(v);
  return Number.isFinite(n) ? n.toFixed(1) : "—";
}

/** "第三十条" style article for a rules.md article code ("30", "7(1)", "5(5), 35"). */
export function articleLabel(article: unknown): string {
  if (typeof article !== "string" || article === "") return "—";
  return article
    .split(/,\s*/)
    .map((a) => {
      const m = /^(\d+)(?:\((\d+)\))?$/.exec(a.trim());
      if (!m) return a;
      return `第${chineseNumber(Number(m[1]))}条${m[2] ? `（${chineseNumber(Number(m[2]))}）` : ""}`;
    })
    .join("、");
}

/** Ids in URLs are checked before they reach SQL (they are bound anyway). */
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const DEPT_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** Projects at risk per page on 年度绩效: a province's year can put hundreds at risk, and every row (reasons, badges,
 *  links) is markup the browser lays out and hydrates before the page's charts turn interactive. */
export const AT_RISK_PAGE_SIZE = 50;
