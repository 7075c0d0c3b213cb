// The non-compliance rules of 绍政办发〔2020〕39号 (../shared/spec/rules.md) in the words the pages use: a Chinese
// title, the article it cites, the consequence finance and leadership act on, and a severity colour. The rule ids are
// the public schema's (mart_flags.rule_id) and stay stable; the warehouse's own `severity` and `consequence` columns
// win when a row has them — this catalogue labels rules that have no rows yet (filters, legends, empty states).

export type Severity = "严重" | "较重" | "一般" | "提示";

/** Which fund a rule stops, where it stops one (rules.md "Consequences that finance and leadership act on"). */
export type FundEffect = "om" | "construction" | null;

export interface RuleInfo {
  id: string;
  /** As mart_flags.article writes it: `16`, `7(1)`, `7(4), 27, 28`. */
  article: string;
  title: string;
  /** Two to six characters, for chart axes and legends. */
  short: string;
  consequence: string;
  severity: Severity;
  fund: FundEffect;
}

const CATALOGUE: RuleInfo[] = [
  { id: "ART5_NO_CRYPTO_PLAN", article: "5(5), 35", title: "非涉密项目无密码应用方案或未定期开展密码应用评估", short: "无密码方案", consequence: "记入不合规记录", severity: "一般", fund: null },
  { id: "ART7_MACHINE_ROOM", article: "7(1)", title: "新建、扩建机房或高耗能数据中心且无法规依据", short: "新建机房", consequence: "不予建设（审核不通过）", severity: "较重", fund: null },
  { id: "ART7_NOT_ON_GOV_CLOUD", article: "7(2)", title: "新建、扩建、升级改造项目未部署或迁移至市政务云", short: "未上政务云", consequence: "不予建设", severity: "较重", fund: null },
  { id: "ART7_VIDEO_CONFERENCE", article: "7(3)", title: "建设视频会议系统且无法规依据", short: "视频会议", consequence: "不予建设", severity: "较重", fund: null },
  { id: "ART7_NO_DATA_CATALOG", article: "7(4), 27, 28", title: "应用系统未编制公共数据资源目录", short: "无资源目录", consequence: "不予建设；资源目录是审核前提", severity: "较重", fund: null },
  { id: "ART7_PRIOR_OPINIONS_OPEN", article: "7(5)", title: "以前年度审核意见中的技术要求尚未落实", short: "意见未落实", consequence: "不予建设", severity: "较重", fund: null },
  { id: "ART7_DEPT_BACKLOG", article: "7(6)", title: "以前年度项目资料不全（合同、验收、支付未备案）仍申报新项目", short: "前期资料不全", consequence: "单位不得申报新项目（申报受限）", severity: "较重", fund: null },
  { id: "ART8_NON_IT_NOT_SEPARATED", article: "8", title: "含非信息化内容的项目未分别列示信息化与非信息化投资", short: "投资未分列", consequence: "退回修改", severity: "一般", fund: null },
  { id: "ART9_MATERIALS_MISSING", article: "9, 12", title: "申报材料不全", short: "材料不全", consequence: "退回并一次性告知全部缺项", severity: "一般", fund: null },
  { id: "ART11_NOT_IN_PLAN", article: "11", title: "未列入年度计划且无经批准的临时急需依据", short: "未列入计划", consequence: "不予安排", severity: "较重", fund: null },
  { id: "ART16_CONTRACT_FILING_LATE", article: "16", title: "合同签订后超过 5 个工作日未备案", short: "合同备案超期", consequence: "记入不合规记录", severity: "一般", fund: null },
  { id: "ART17_CHANGE_WITHOUT_REVIEW", article: "17", title: "内容或预算变更未重新审核，或招标后才批准", short: "变更未审核", consequence: "变更无效，资金不予调整", severity: "较重", fund: null },
  { id: "ART17_ABOLISHED_UNEXPLAINED", article: "17", title: "已批项目废止但未备案情况说明", short: "废止未说明", consequence: "记入不合规记录", severity: "一般", fund: null },
  { id: "ART18_CLOUD_NOT_RELEASED", article: "18", title: "系统停用后云资源仍在计费，或停用时未备份", short: "云资源未释放", consequence: "追回费用；记入不合规记录", severity: "较重", fund: null },
  { id: "ART19_ACCEPTANCE_FILING_LATE", article: "19", title: "验收后超过 5 个工作日未备案验收材料和支付情况", short: "验收备案超期", consequence: "记入不合规记录", severity: "一般", fund: null },
  { id: "ART21_OVER_APPROVED_PRICE", article: "21", title: "合同或支付金额超过核准价", short: "超核准价", consequence: "超出部分不予安排资金", severity: "较重", fund: null },
  { id: "ART22_PAID_WITHOUT_REVIEW", article: "22", title: "未取得审核意见即支付建设资金", short: "未审先付", consequence: "暂停拨付建设资金", severity: "较重", fund: "construction" },
  { id: "ART23_NO_ALLOCATION_PLAN", article: "23", title: "年云租赁费 500 万元及以上的全市性系统无区县分摊方案", short: "无分摊方案", consequence: "须先制定分摊方案方可核准", severity: "一般", fund: null },
  { id: "ART29_CLOUD_BEFORE_REGISTRATION", article: "29", title: "系统未在公共数据平台注册即申请云资源", short: "未注册先用云", consequence: "记入不合规记录", severity: "一般", fund: null },
  { id: "ART30_CATALOG_LATE", article: "30", title: "初步验收后超过 10 个工作日未编制目录、未归集数据", short: "编目超期", consequence: "暂停安排运维经费", severity: "严重", fund: "om" },
  { id: "ART30_DATA_STALE", article: "30", title: "数据未按更新周期更新，或重复采集", short: "数据未更新", consequence: "暂停安排运维经费", severity: "严重", fund: "om" },
  { id: "ART34_RECTIFICATION_FAILED", article: "34", title: "绩效整改逾期未完成或复核不通过", short: "整改未通过", consequence: "停止安排运维经费，单位后续项目暂缓审核", severity: "严重", fund: "om" },
  { id: "ART34_RECTIFICATION_OPEN", article: "34", title: "绩效评估为差或目标未达成，整改待下达或进行中（期限未到）", short: "待整改", consequence: "预警", severity: "提示", fund: null },
  { id: "ART36_NO_SECURITY_ASSESSMENT", article: "36", title: "部署政务云上线前无安全评估报告和安全方案", short: "无安全评估", consequence: "不得上线", severity: "严重", fund: null },
  { id: "ART36_NO_MLPS_OR_PENTEST", article: "36", title: "互联网或等保二级以上系统上线前无等保测评备案或渗透测试整改", short: "无等保或渗透", consequence: "不得上线", severity: "严重", fund: null },
  { id: "ART37_VULN_UNFIXED", article: "37", title: "高危或严重漏洞超过整改期限未修复且系统仍在运行", short: "漏洞逾期", consequence: "停止运行直至修复", severity: "严重", fund: null },
];

export const RULES: Readonly<Record<string, RuleInfo>> = Object.fromEntries(CATALOGUE.map((r) => [r.id, r]));

export const RULE_IDS: readonly string[] = CATALOGUE.map((r) => r.id);

/** Severity colours: the same red/orange/amber/blue everywhere a flag appears. */
export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = {
  严重: "#b91c1c",
  较重: "#ea580c",
  一般: "#ca8a04",
  提示: "#2563eb",
};

export const SEVERITIES: readonly Severity[] = ["严重", "较重", "一般", "提示"];

export function severityColour(severity: unknown): string {
  return SEVERITY_COLOURS[severity as Severity] ?? "#6b7280";
}

/** The rule's catalogue entry, or a neutral stand-in naming the unknown id (a newer warehouse may add rules). */
export function ruleInfo(id: string): RuleInfo {
  return (
    RULES[id] ?? {
      id,
      article: "",
      title: id,
      short: id,
      consequence: "",
      severity: "一般",
      fund: null,
    }
  );
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1–99 in Chinese numerals as the measures write article numbers: 7 → 七, 16 → 十六, 34 → 三十四. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

/** `7(4), 27, 28` → 第七条第（四）项、第二十七条、第二十八条. Unparseable text is returned as written. */
export function articleLabel(article: string): string {
  if (!article) return "";
  return article
    .split(/\s*[,，、]\s*/)
    .map((part) => {
      const m = /^(\d+)(?:\((\d+)\))?$/.exec(part.trim());
      if (!m) return part;
      const main = `第${chineseNumber(Number(m[1]))}条`;
      return m[2] ? `${main}第（${chineseNumber(Number(m[2]))}）项` : main;
    })
    .join("、");
}

/** The first article only, compact, for chart axes: `7(4), 27, 28` → 第七条（四）. */
export function articleShort(article: string): string {
  const m = /^(\d+)(?:\((\d+)\))?/.exec(article.trim());
  if (!m) return article;
  return `第${chineseNumber(Number(m[1]))}条${m[2] ? `（${chineseNumber(Number(m[2]))}）` : ""}`;
}

/** Sort key: by article number, then item, then the catalogue order — the order the measures read in. */
export function ruleOrder(id: string): number {
  const info = ruleInfo(id);
  const m = /^(\d+)(?:\((\d+)\))?/.exec(info.article);
  const index = RULE_IDS.indexOf(id);
  if (!m) return 1_000_000 + (index < 0 ? 999 : index);
  return Number(m[1]) * 10_000 + Number(m[2] ?? 0) * 100 + (index < 0 ? 99 : index);
}

export function compareRules(a: string, b: string): number {
  return ruleOrder(a) - ruleOrder(b) || a.localeCompare(b);
}

/** "第十六条 合同备案超期" — for filter options, axes and table cells. */
export function ruleLabel(id: string): string {
  const info = ruleInfo(id);
  return info.article ? `${articleShort(info.article)} ${info.short}` : info.title;
}
