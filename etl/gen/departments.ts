// Shaoxing's municipal departments and units that build government IT (Art. 4: each 建设单位 manages its own
// projects). Codes are unified social credit codes (统一社会信用代码, GB 32100-2015) of the 机关 kind: '11' +
// the administrative-division code + a 9-character organisation code (GB 11714) + a check character, with valid
// check characters so a real validator accepts them. The organisation-code bodies are invented.

/** How the department's systems are classed for cloud-rent sharing (Art. 23) when they are city-wide. */
export type AllocClass = "民生" | "审批监管" | "其他";

export interface Department {
  code: string;
  name: string;
  /** Business subjects the department's systems are about, used in project and system names. */
  topics: readonly string[];
  /** Relative share of the city's IT projects. */
  weight: number;
  allocClass: AllocClass;
}

interface DepartmentSeed {
  name: string;
  topics: string[];
  weight: number;
  allocClass: AllocClass;
}

const SEEDS: DepartmentSeed[] = [
  { name: "市大数据局", weight: 6, allocClass: "审批监管", topics: ["公共数据平台", "城市大脑", "一网通办", "数字政府", "政务云管理", "数据共享交换"] },
  { name: "市发改委", weight: 2, allocClass: "审批监管", topics: ["投资项目在线审批", "信用绍兴", "价格监测", "重大项目管理"] },
  { name: "市经信局", weight: 2, allocClass: "审批监管", topics: ["企业码", "工业大脑", "数字经济监测", "中小企业服务"] },
  { name: "市教育局", weight: 4, allocClass: "民生", topics: ["智慧教育", "招生入学", "学生资助", "校园安全", "教育魔方"] },
  { name: "市科技局", weight: 1.5, allocClass: "其他", topics: ["科技项目管理", "科技创新服务", "人才科创"] },
  { name: "市公安局", weight: 6, allocClass: "其他", topics: ["智慧警务", "交通管理", "治安防控", "出入境服务", "警务大数据", "户政服务"] },
  { name: "市民政局", weight: 2.5, allocClass: "民生", topics: ["社会救助", "养老服务", "婚姻登记", "社区治理", "殡葬管理"] },
  { name: "市司法局", weight: 1.5, allocClass: "审批监管", topics: ["公共法律服务", "行政执法监督", "社区矫正", "人民调解"] },
  { name: "市财政局", weight: 3, allocClass: "其他", topics: ["预算管理一体化", "国库集中支付", "政府采购", "非税收入", "财政监督"] },
  { name: "市人力社保局", weight: 4, allocClass: "民生", topics: ["社保经办", "就业创业服务", "人才服务", "劳动监察", "社保卡应用"] },
  { name: "市自然资源和规划局", weight: 3.5, allocClass: "审批监管", topics: ["国土空间规划", "不动产登记", "自然资源调查监测", "测绘地理信息"] },
  { name: "市生态环境局", weight: 3, allocClass: "审批监管", topics: ["生态环境监测", "污染源监管", "固废管理", "排污许可", "环境执法"] },
  { name: "市住建局", weight: 3, allocClass: "审批监管", topics: ["工程建设项目审批", "住房保障", "建筑市场监管", "物业管理", "城市更新"] },
  { name: "市交通运输局", weight: 3, allocClass: "审批监管", topics: ["智慧交通", "公交出行", "交通运输执法", "治超监管", "港航管理"] },
  { name: "市水利局", weight: 2.5, allocClass: "审批监管", topics: ["水资源管理", "防汛防台", "河湖长制", "水利工程管理"] },
  { name: "市农业农村局", weight: 2.5, allocClass: "民生", topics: ["数字乡村", "农产品质量安全", "农业执法", "农村集体资产", "高标准农田"] },
  { name: "市商务局", weight: 2, allocClass: "审批监管", topics: ["外贸服务", "商贸流通", "电子商务", "招商引资"] },
  { name: "市文广旅游局", weight: 2.5, allocClass: "民生", topics: ["智慧旅游", "公共文化服务", "文物保护", "文旅市场监管"] },
  { name: "市卫健委", weight: 5, allocClass: "民生", topics: ["全民健康信息", "互联网医院", "公共卫生", "医疗质量监管", "疾病预防控制", "健康档案"] },
  { name: "市退役军人事务局", weight: 1, allocClass: "民生", topics: ["退役军人服务", "优抚管理"] },
  { name: "市应急管理局", weight: 3, allocClass: "审批监管", topics: ["应急指挥", "安全生产监管", "危化品监管", "自然灾害监测预警"] },
  { name: "市审计局", weight: 1.5, allocClass: "其他", topics: ["审计数据分析", "联网审计", "审计项目管理"] },
  { name: "市国资委", weight: 1, allocClass: "其他", topics: ["国资监管", "国企数字化监管"] },
  { name: "市市场监管局", weight: 4, allocClass: "审批监管", topics: ["市场主体登记", "食品安全", "特种设备", "知识产权", "价格监督", "产品质量"] },
  { name: "市体育局", weight: 1, allocClass: "民生", topics: ["全民健身", "体育场馆服务"] },
  { name: "市统计局", weight: 1, allocClass: "其他", topics: ["统计数据采集", "经济运行监测"] },
  { name: "市医保局", weight: 3, allocClass: "民生", topics: ["医保经办", "医保基金监管", "长期护理保险", "医药招采"] },
  { name: "市城管执法局", weight: 3, allocClass: "审批监管", topics: ["数字城管", "综合行政执法", "市容环卫", "燃气安全监管"] },
  { name: "市信访局", weight: 1, allocClass: "民生", topics: ["信访事项办理", "矛盾纠纷调处"] },
  { name: "市机关事务管理局", weight: 1.5, allocClass: "其他", topics: ["公务用车管理", "公共机构节能", "机关资产管理"] },
  { name: "市人防办", weight: 1, allocClass: "其他", topics: ["人防指挥", "人防工程管理"] },
  { name: "市地方金融监管局", weight: 1, allocClass: "审批监管", topics: ["金融风险监测", "地方金融组织监管"] },
  { name: "市粮食物资局", weight: 1, allocClass: "其他", topics: ["粮食储备监管", "应急物资管理"] },
  { name: "市外办", weight: 0.8, allocClass: "其他", topics: ["外事服务", "因公出国管理"] },
  { name: "市民宗局", weight: 0.6, allocClass: "其他", topics: ["民族宗教事务", "宗教场所管理"] },
  { name: "市投资促进中心", weight: 0.8, allocClass: "其他", topics: ["招商项目管理", "投资服务"] },
  { name: "市住房公积金管理中心", weight: 1.5, allocClass: "民生", topics: ["公积金服务", "公积金贷款审批"] },
  { name: "市公共资源交易中心", weight: 1.5, allocClass: "审批监管", topics: ["电子招投标", "公共资源交易监管"] },
  { name: "市政务服务办公室", weight: 2.5, allocClass: "民生", topics: ["政务服务网", "12345热线", "好差评", "帮办代办"] },
  { name: "市档案馆", weight: 1, allocClass: "其他", topics: ["数字档案", "电子档案归档"] },
  { name: "市消防救援支队", weight: 1.5, allocClass: "审批监管", topics: ["智慧消防", "消防监督检查"] },
  { name: "市气象局", weight: 1, allocClass: "民生", topics: ["气象预警", "智慧气象服务"] },
  { name: "市供销社", weight: 0.6, allocClass: "其他", topics: ["农资供应", "为农服务"] },
  { name: "市残联", weight: 0.8, allocClass: "民生", topics: ["残疾人服务", "康复服务"] },
  { name: "市妇联", weight: 0.6, allocClass: "民生", topics: ["妇女儿童服务", "家庭教育"] },
  { name: "市总工会", weight: 0.8, allocClass: "民生", topics: ["职工服务", "工会会员管理"] },
  { name: "团市委", weight: 0.5, allocClass: "民生", topics: ["青年服务", "志愿服务"] },
  { name: "市科协", weight: 0.5, allocClass: "其他", topics: ["科普服务", "学会管理"] },
  { name: "市红十字会", weight: 0.5, allocClass: "民生", topics: ["应急救护培训", "捐赠管理"] },
  { name: "市委网信办", weight: 1.5, allocClass: "其他", topics: ["网络安全态势感知", "网络舆情"] },
  { name: "市委组织部", weight: 1, allocClass: "其他", topics: ["干部管理", "党员教育", "基层党建"] },
  { name: "市委宣传部", weight: 1, allocClass: "其他", topics: ["融媒体", "文明创建"] },
  { name: "市委政法委", weight: 1.5, allocClass: "审批监管", topics: ["基层社会治理", "平安建设", "网格化管理"] },
  { name: "市纪委市监委", weight: 1, allocClass: "其他", topics: ["监督执纪", "公权力大数据监督"] },
  { name: "市政府办公室", weight: 1.5, allocClass: "其他", topics: ["协同办公", "督查督办", "政务公开"] },
  { name: "市中级人民法院", weight: 1.5, allocClass: "其他", topics: ["智慧法院", "诉讼服务"] },
  { name: "市人民检察院", weight: 1, allocClass: "其他", topics: ["智慧检务", "公益诉讼监督"] },
  { name: "市社会矛盾纠纷调处化解中心", weight: 1, allocClass: "民生", topics: ["矛调协同", "基层治理四平台"] },
  { name: "市滨海新区管委会", weight: 1.5, allocClass: "审批监管", topics: ["园区管理", "企业服务", "安全生产监管"] },
  { name: "市镜湖新区管委会", weight: 1, allocClass: "其他", topics: ["新区治理", "智慧园区"] },
  { name: "市口岸办", weight: 0.5, allocClass: "审批监管", topics: ["口岸通关服务"] },
];

// GB 11714 organisation code check character.
function orgCodeCheck(body: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += chars.indexOf(body[i]) * w[i];
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

// GB 32100-2015 unified social credit code check character.
const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
function usccCheck(body17: string): string {
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body17[i]) * w[i];
  const c = 31 - (sum % 31);
  return USCC_CHARS[c === 31 ? 0 : c];
}

/** A valid 机关 USCC for the division `divisionCode` (e.g. '330600') and an invented organisation-code serial. */
export function governmentCreditCode(divisionCode: string, serial: number): string {
  const body = `00${String((serial * 7919 + 250_301) % 1_000_000).padStart(6, "0")}`;
  const org = body + orgCodeCheck(body);
  const body17 = `11${divisionCode}${org}`;
  return body17 + usccCheck(body17);
}

/** Prefecture-level cities of Zhejiang, for the province-scale load test: each runs the same set of departments. */
export const ZHEJIANG_CITIES: readonly { name: string; division: string }[] = [
  { name: "绍兴市", division: "330600" },
  { name: "杭州市", division: "330100" },
  { name: "宁波市", division: "330200" },
  { name: "温州市", division: "330300" },
  { name: "嘉兴市", division: "330400" },
  { name: "湖州市", division: "330500" },
  { name: "金华市", division: "330700" },
  { name: "衢州市", division: "330800" },
  { name: "舟山市", division: "330900" },
  { name: "台州市", division: "331000" },
  { name: "丽水市", division: "331100" },
];

/** 市公安局 → 杭州市公安局; 团市委 → 共青团杭州市委. */
function cityDepartmentName(city: string, name: string): string {
  if (name === "团市委") return `共青团${city}委`;
  return name.startsWith("市") ? city + name.slice(1) : city + name;
}

/** The departments of the sample: Shaoxing's municipal departments (city scale), or the same set in every city of
 *  the province (province scale, names prefixed with the city, e.g. 杭州市公安局). */
export function departments(scale: "city" | "province"): Department[] {
  const cities = scale === "city" ? ZHEJIANG_CITIES.slice(0, 1) : ZHEJIANG_CITIES;
  const out: Department[] = [];
  cities.forEach((city, ci) => {
    SEEDS.forEach((s, i) => {
      out.push({
        code: governmentCreditCode(city.division, ci * 1000 + i + 1),
        name: scale === "city" ? s.name : cityDepartmentName(city.name, s.name),
        topics: s.topics,
        weight: s.weight,
        allocClass: s.allocClass,
      });
    });
  });
  return out;
}

/** A Shaoxing department by its city-scale name (市公安局); at province scale that is 绍兴市公安局. */
export function departmentByName(list: readonly Department[], name: string): Department {
  const d = list.find((x) => x.name === name) ?? list.find((x) => x.name === `绍兴${name}`);
  if (!d) throw new Error(`unknown department ${name}`);
  return d;
}
