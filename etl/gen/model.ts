// The sample's records, one interface per inbox file (data-contract.md), in the generator's own camelCase. Money is
// integer fen (分) until a writer formats it in the unit its header names (元 or 万元), so no amount ever passes
// through binary floating point on its way to DECIMAL(18,2).
import type { AllocClass, Department } from "./departments.js";
import type { IsoDate } from "./dates.js";

export type ProjectKind = "新建" | "扩建" | "升级改造" | "运行维护";
export type Deployment = "政务云" | "自建机房" | "其他";
export type PilotLevel = "国家级" | "省级" | "市级" | "无";

export const CONSTRUCTION_KINDS: readonly ProjectKind[] = ["新建", "扩建", "升级改造"];
export function isConstruction(kind: ProjectKind): boolean {
  return kind !== "运行维护";
}

/** Materials of an application (Art. 9) and the catalog / crypto plan checked with it (Art. 5(5), 27, 28). */
export interface Materials {
  form: boolean; // 申报表
  constructionPlan: boolean; // 建设方案
  priorContract: boolean; // 原合同
  priorEvalReport: boolean; // 前期绩效评估报告
  perfTargets: boolean; // 绩效目标
  basisDocs: boolean; // 依据材料
  dataCatalog: boolean; // 信息资源目录
  cryptoPlan: boolean; // 密码应用方案
}

/** One row of sheet 项目申报. */
export interface Application {
  projectId: string;
  name: string;
  dept: Department;
  applyYear: number;
  applyDate: IsoDate;
  kind: ProjectKind;
  allocClass: AllocClass;
  cityWide: boolean;
  leadDeptCode: string | null;
  tags: string[];
  legalBasis: string | null;
  deployment: Deployment;
  internetFacing: boolean;
  mlpsLevel: number;
  classified: boolean;
  inAnnualPlan: boolean;
  urgentBasis: string | null;
  requestedFen: number;
  itInvestFen: number;
  /** null = IT and non-IT not separated (Art. 8). */
  nonItInvestFen: number | null;
  estCloudRentFen: number;
  hasAllocPlan: boolean;
  materials: Materials;
  pilotLevel: PilotLevel;
}

export type ReviewStage = "受理" | "专家论证" | "领导小组审查";
export type ReviewConclusion = "通过" | "不通过" | "退回修改";

export interface Review {
  projectId: string;
  stage: ReviewStage;
  date: IsoDate;
  conclusion: ReviewConclusion;
  approvedFen: number | null; // 核准金额, on passing leading-group reviews only (the 核准价 of Art. 21)
  opinion: string;
  techReqsDone: boolean;
}

export interface Contract {
  contractId: string;
  projectId: string;
  supplier: string;
  method: string;
  signedOn: IsoDate;
  amountFen: number;
  filedOn: IsoDate | null;
}

export type ChangeType = "内容调整" | "预算增加" | "废止";

export interface Change {
  projectId: string;
  type: ChangeType;
  appliedOn: IsoDate;
  reReviewed: boolean | null;
  approvedOn: IsoDate | null;
  tenderedOn: IsoDate | null;
  explanationFiled: boolean | null;
  newAmountFen: number | null;
}

export interface Acceptance {
  projectId: string;
  prelimOn: IsoDate | null;
  finalOn: IsoDate | null;
  filedOn: IsoDate | null;
  paidFen: number | null;
}

export type FundType = "建设" | "运维";

export interface Payment {
  paymentId: string;
  projectId: string;
  paidOn: IsoDate;
  amountFen: number;
  fundType: FundType;
}

export interface SystemRecord {
  systemId: string;
  projectId: string;
  name: string;
  registeredOn: IsoDate | null;
  goLiveOn: IsoDate | null;
  shutdownOn: IsoDate | null;
  backupOn: IsoDate | null;
  catalogCompiledOn: IsoDate | null;
  dataCollectedOn: IsoDate | null;
  catalogItems: number | null;
  sharedInterfaces: number | null;
  consumedInterfaces: number | null;
  updateCycleDays: number | null;
  lastRefreshedOn: IsoDate | null;
  duplicateCollection: boolean;
}

export type ResourceType = "云主机" | "云数据库" | "云存储" | "云安全";

export interface CloudResource {
  resourceId: string;
  projectId: string;
  systemId: string;
  type: ResourceType;
  spec: string;
  requestedOn: IsoDate;
  openedOn: IsoDate;
  /** null = still held. The release day itself is not billed. */
  releasedOn: IsoDate | null;
  /** The government cloud's fixed daily rent for the resource (Beijing day). */
  dailyFen: number;
  /** Mean CPU utilisation around which the bill's x_CpuUtilization varies; null for non-compute resources. */
  cpuBase: number | null;
}

export interface OperationMonth {
  projectId: string;
  month: string; // YYYY-MM
  availabilityPct: number | null;
  majorIncidents: number | null;
  meanRestoreHours: number | null;
  activeUsers: number | null;
  transactions: number | null;
}

export type SecurityType = "安全评估报告" | "安全方案" | "等保测评备案" | "渗透测试报告" | "密码应用评估" | "漏洞" | "安全事件";
export type Severity = "严重" | "高危" | "中危" | "低危";

export interface SecurityRecord {
  recordId: string;
  projectId: string;
  type: SecurityType;
  date: IsoDate;
  severity: Severity | null;
  fixDeadline: IsoDate | null;
  fixedOn: IsoDate | null;
}

export type Evaluator = "自评" | "信管办" | "第三方";

export interface Evaluation {
  projectId: string;
  year: number;
  evaluator: Evaluator;
  operation: number | null;
  integration: number | null;
  costEffectiveness: number | null;
  effectiveness: number | null;
  security: number | null;
  innovation: number | null;
}

export type Direction = "≥" | "≤";

export interface Target {
  projectId: string;
  year: number;
  indicator: string;
  type: "产出" | "效益" | "满意度";
  value: number;
  unit: string;
  direction: Direction;
}

export interface TargetActual {
  projectId: string;
  year: number;
  indicator: string;
  actual: number;
}

export interface Rectification {
  rectificationId: string;
  projectId: string;
  year: number;
  reason: string;
  orderedOn: IsoDate;
  deadline: IsoDate;
  completedOn: IsoDate | null;
  recheck: "通过" | "不通过" | null;
}

/** Everything the sample knows about one project. The generator builds these; writers flatten them into files. */
export interface ProjectRecords {
  app: Application;
  reviews: Review[];
  contracts: Contract[];
  changes: Change[];
  acceptance: Acceptance | null;
  payments: Payment[];
  system: SystemRecord | null;
  resources: CloudResource[];
  operations: OperationMonth[];
  security: SecurityRecord[];
  targets: Target[];
  actuals: TargetActual[];
  evaluations: Evaluation[];
  rectifications: Rectification[];
}

export function passed(r: Review): boolean {
  return r.conclusion === "通过";
}

/** The latest passing leading-group review's 核准金额: the approved price of Art. 21 (warehouse.md dim_project). */
export function approvedFen(p: ProjectRecords): number | null {
  const approvals = p.reviews.filter((r) => r.stage === "领导小组审查" && passed(r) && r.approvedFen !== null);
  if (approvals.length === 0) return null;
  return approvals.reduce((a, b) => (b.date >= a.date ? b : a)).approvedFen;
}

/** The approving leading-group review date (the first one), i.e. when the review opinion exists (Art. 22). */
export function approvalDate(p: ProjectRecords): IsoDate | null {
  const approvals = p.reviews.filter((r) => r.stage === "领导小组审查" && passed(r));
  if (approvals.length === 0) return null;
  return approvals.map((r) => r.date).sort()[0];
}

export function isAbolished(p: ProjectRecords): boolean {
  return p.changes.some((c) => c.type === "废止");
}
