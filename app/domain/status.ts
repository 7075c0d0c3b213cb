// The status codes fixed by rules.md and the data contract, in the Chinese the finance bureau and leadership read,
// each with a tone for its badge. The warehouse keeps the English codes (docs/warehouse.md); only pages translate.

export type Tone = "ok" | "bad" | "warn" | "muted";

export interface StatusLabel {
  label: string;
  tone: Tone;
  /** One sentence on what the status means and which article it comes from. */
  hint: string;
}

const UNKNOWN = (code: unknown): StatusLabel => ({ label: code == null ? "—" : String(code), tone: "muted", hint: "" });

/** O&M fund status of a project-year (mart_fund_status.om_status). */
export const OM_STATUS: Readonly<Record<string, StatusLabel>> = {
  eligible: { label: "正常", tone: "ok", hint: "可按规定安排运维经费" },
  suspended: {
    label: "暂停运维经费",
    tone: "bad",
    hint: "第三十条未按期编目、归集或更新数据，或第三十四条整改未通过：运维经费暂停安排，原因消除后恢复",
  },
};

/** Construction fund status of a project-year (mart_fund_status.construction_status). */
export const CONSTRUCTION_STATUS: Readonly<Record<string, StatusLabel>> = {
  ok: { label: "正常", tone: "ok", hint: "已取得审核意见，可按进度拨付建设资金" },
  blocked: {
    label: "暂停拨付建设资金",
    tone: "bad",
    hint: "第二十二条：未取得审核意见即支付，或尚无审核意见，建设资金不予拨付",
  },
};

/** Review status of a department-year (mart_department_year.review_status). */
export const REVIEW_STATUS: Readonly<Record<string, StatusLabel>> = {
  normal: { label: "正常", tone: "ok", hint: "新项目按正常程序审核" },
  deferred: {
    label: "暂缓审核",
    tone: "bad",
    hint: "第三十四条：绩效整改未通过，该单位后续项目暂缓审核",
  },
  restricted: {
    label: "申报受限",
    tone: "warn",
    hint: "第七条第（六）项：以前年度项目资料不全，不得申报新项目",
  },
};

/** Load status of one inbox file (etl_batches.status). */
export const BATCH_STATUS: Readonly<Record<string, StatusLabel>> = {
  loaded: { label: "已入库", tone: "ok", hint: "全部数据行通过校验" },
  loaded_with_rejects: { label: "部分拒收", tone: "warn", hint: "部分数据行未通过校验，见下方被拒记录" },
  missing: { label: "未提供", tone: "bad", hint: "收件目录中没有该文件，相关页面对应部分为空" },
  failed: { label: "装载失败", tone: "bad", hint: "文件无法读取，见说明" },
};

export function omStatus(code: unknown): StatusLabel {
  return OM_STATUS[String(code)] ?? UNKNOWN(code);
}

export function constructionStatus(code: unknown): StatusLabel {
  return CONSTRUCTION_STATUS[String(code)] ?? UNKNOWN(code);
}

export function reviewStatus(code: unknown): StatusLabel {
  return REVIEW_STATUS[String(code)] ?? UNKNOWN(code);
}

export function batchStatus(code: unknown): StatusLabel {
  return BATCH_STATUS[String(code)] ?? UNKNOWN(code);
}

// ---- Freshness of the warehouse (数据页): a stale warehouse is shouted, not whispered.

/** A warehouse built, or evaluated as of a date, more than this many days ago is stale. */
export const STALE_AFTER_DAYS = 7;

export interface Freshness {
  stale: boolean;
  /** Whole days since the as-of date (Beijing calendar); null when unknown. */
  asOfAgeDays: number | null;
  /** Whole days since the build; null when unknown. */
  builtAgeDays: number | null;
  /** Every reason the warehouse is stale, in Chinese; empty when fresh. */
  reasons: string[];
}

const DAY_MS = 86_400_000;

/** Today's date in Beijing (the budget year and every deadline are Beijing calendar days). */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

/** Judges a warehouse by its as-of date, build time and missing sources (labels of the sources absent from the
 *  inbox). built_at is a TIMESTAMP without zone written by the ETL host, read as UTC: a few hours either way do not
 *  move a 7-day threshold. */
export function assessFreshness({
  asOf,
  builtAt,
  missingSources,
  now,
}: {
  asOf: string | null;
  builtAt: string | null;
  missingSources: readonly string[];
  now: Date;
}): Freshness {
  const reasons: string[] = [];
  const today = beijingToday(now);
  const asOfDate = asOf && /^\d{4}-\d{2}-\d{2}/.test(asOf) ? asOf.slice(0, 10) : null;
  const asOfAgeDays = asOfDate ? daysBetween(asOfDate, today) : null;
  const builtMs = builtAt ? Date.parse(`${builtAt.replace(" ", "T").slice(0, 19)}Z`) : NaN;
  const builtAgeDays = Number.isFinite(builtMs) ? Math.floor((now.getTime() - builtMs) / DAY_MS) : null;

  if (!asOfDate) reasons.push("数据仓库没有评估基准日（meta_build 为空），无法判断数据是否最新");
  else if (asOfAgeDays !== null && asOfAgeDays > STALE_AFTER_DAYS)
    reasons.push(`评估基准日为 ${formatDateCn(asOfDate)}，距今已 ${asOfAgeDays} 天（超过 ${STALE_AFTER_DAYS} 天）：此后到期的事项尚未评估`);
  if (builtAt && builtAgeDays === null) reasons.push(`构建时间“${builtAt}”无法识别`);
  else if (builtAgeDays !== null && builtAgeDays > STALE_AFTER_DAYS)
    reasons.push(`数据仓库构建于 ${formatDateCn(builtAt)}，距今已 ${builtAgeDays} 天（超过 ${STALE_AFTER_DAYS} 天）：此后的导出文件尚未装载`);
  if (missingSources.length > 0)
    reasons.push(`缺少 ${missingSources.length} 个数据来源：${missingSources.join("、")}——相关页面对应部分为空或不完整`);
  return { stale: reasons.length > 0, asOfAgeDays, builtAgeDays, reasons };
}

/** "2026-11-20" (or a timestamp starting with it) → "2026年11月20日"; anything else as written, or "—". */
export function formatDateCn(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
  if (!m) return String(v);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
