// Plausible Chinese names for projects, systems and suppliers. Supplier names are invented (no real company is
// named), built from Shaoxing and Zhejiang place words the way local IT firms name themselves.
import type { Department } from "./departments.js";
import type { ProjectKind } from "./model.js";
import type { Rng } from "./random.js";

const SYSTEM_NOUNS = [
  "综合管理平台", "业务协同系统", "数据中台", "一体化服务平台", "智能监管系统", "数字驾驶舱", "应用系统",
  "信息管理系统", "大数据分析平台", "移动服务端", "在线服务平台", "智慧应用", "协同办公系统", "预警监测平台",
];

/** '绍兴市' for city scale; the department's own city otherwise. */
function cityOf(dept: Department): string {
  const m = /(\p{Script=Han}{2}市)/u.exec(dept.name);
  return m ? m[1] : "绍兴市";
}

export interface ProjectNaming {
  projectName: string;
  systemName: string;
}

/** Names a construction project and the information system it builds. */
export function constructionNames(rng: Rng, dept: Department, kind: ProjectKind, phase: number): ProjectNaming {
  const topic = rng.pick(dept.topics);
  const noun = rng.pick(SYSTEM_NOUNS);
  const phaseText = phase > 1 ? `（${"一二三四五六七八九十"[Math.min(phase, 10) - 1]}期）` : "";
  const systemName = `${cityOf(dept)}${topic}${noun}${phaseText}`;
  const suffix = kind === "新建" ? "建设项目" : kind === "扩建" ? "扩建项目" : "升级改造项目";
  return { projectName: `${systemName}${suffix}`, systemName };
}

export function operationsProjectName(systemName: string, year: number): string {
  return `${systemName}运维服务项目（${year}年度）`;
}

const SUPPLIER_PLACES = ["浙江", "绍兴", "杭州", "宁波", "越城", "柯桥", "上虞", "诸暨", "嵊州", "新昌", "之江", "钱塘"];
const SUPPLIER_CORES = [
  "越信", "兰亭数智", "稽山", "会稽云", "鉴湖", "若耶", "卧龙", "镜湖", "曹娥江", "浣纱", "东湖", "大禹",
  "蓝印", "中数", "智汇", "云栖数联", "安恒数盾", "数澜", "天衢", "星汉", "越秀数科", "舜禹",
];
const SUPPLIER_SUFFIXES = ["科技有限公司", "信息技术有限公司", "软件股份有限公司", "数字科技有限公司", "信息系统工程有限公司", "网络技术有限公司"];

/** A pool of invented supplier names, fixed per seed. */
export function supplierPool(rng: Rng, size: number): string[] {
  const names = new Set<string>();
  let guard = 0;
  while (names.size < size && guard++ < size * 50) {
    names.add(`${rng.pick(SUPPLIER_PLACES)}${rng.pick(SUPPLIER_CORES)}${rng.pick(SUPPLIER_SUFFIXES)}`);
  }
  return [...names].sort();
}

/** Procurement method by contract size, as the Zhejiang government-procurement thresholds make it typical. */
export function procurementMethod(rng: Rng, amountYuan: number, isOperations: boolean): string {
  if (amountYuan >= 4_000_000) return "公开招标";
  if (isOperations && rng.chance(0.25)) return "单一来源";
  if (amountYuan >= 1_000_000) return rng.weighted([["公开招标", 5], ["竞争性磋商", 3]] as const);
  return rng.weighted([["竞争性磋商", 4], ["询价", 2], ["框架协议采购", 2], ["竞争性谈判", 1]] as const);
}

export const ORDINARY_TAGS = ["应用系统开发", "数据资源", "信息网络", "软硬件支撑", "信息安全", "云资源", "移动端", "物联感知", "大屏展示"];

export const LEGAL_BASES = [
  "《浙江省数字化改革总体方案》",
  "《浙江省公共数据条例》",
  "《中华人民共和国网络安全法》",
  "省委省政府数字政府建设部署",
  "国务院办公厅关于加快推进政务服务“跨省通办”的指导意见",
];

/** A legal basis that exempts machine-room or video-conference content from Art. 7 ("除法律法规或国家、省、市有明确要求外"). */
export const EXEMPTING_BASES = [
  "应急管理部《应急指挥信息网建设规范》要求建设市级视频会商节点",
  "国家密码管理局关于核心密码设备专用机房的明确要求",
  "公安部关于公安信息通信网机房建设的规定",
  "省委办公厅关于建设党政机关视频会议系统市级节点的通知",
];

export const URGENT_BASES = [
  "市政府专题会议纪要〔{y}〕{n}号同意；市财政局明确在年度预算内调剂安排",
  "市委常委会议纪要〔{y}〕{n}号同意；市财政局明确资金来源为预备费",
  "省政府年中部署事项，市政府常务会议〔{y}〕{n}号同意；市财政局预算内调剂",
];

export function urgentBasis(rng: Rng, year: number): string {
  return rng.pick(URGENT_BASES).replace("{y}", String(year)).replace("{n}", String(rng.int(8, 96)));
}

export const REVIEW_OPINIONS = {
  accept: ["材料齐全，予以受理", "形式要件齐全，同意受理"],
  returnForMaterials: ["材料不齐全，退回修改并一次性告知：{gap}", "形式要件不全，请补充{gap}后重新申报"],
  expert: [
    "建设必要性充分，建议优化技术架构并复用市公共数据平台能力",
    "方案基本可行，建议核减部分硬件投资，复用政务云资源",
    "建议对接统一身份认证和电子印章等公共组件",
    "建议明确数据共享清单，落实密码应用方案",
  ],
  group: [
    "同意建设，按核准金额实施，须对接市公共数据平台",
    "同意实施，落实等级保护和密码应用要求",
    "同意建设，须复用一网通办统一受理和统一身份认证",
  ],
  reject: ["不符合第七条规定，不予建设", "不符合年度建设计划安排，不予通过"],
  rereview: ["同意调整，按变更后金额实施"],
};

export function fillOpinion(rng: Rng, options: readonly string[], gap = ""): string {
  return rng.pick(options).replace("{gap}", gap);
}
