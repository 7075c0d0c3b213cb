// Government-cloud resources a project requests (Art. 18: "按需申请云资源"), with the cloud's fixed daily rent. The
// rent card is invented but of the order of the Zhejiang government-cloud framework prices.
import type { ResourceType } from "./model.js";
import type { Rng } from "./random.js";

export interface ResourcePlan {
  type: ResourceType;
  spec: string;
  dailyFen: number;
  cpuBase: number | null;
  /** A test-environment host released a month after go-live (Art. 18 change management: "及时…减配云资源"). */
  testEnv: boolean;
}

interface Offer {
  type: ResourceType;
  spec: string;
  dailyFen: number;
}

const HOSTS: Offer[] = [
  { type: "云主机", spec: "4核8G 100GB", dailyFen: 3_800 },
  { type: "云主机", spec: "8核16G 200GB", dailyFen: 7_200 },
  { type: "云主机", spec: "16核32G 500GB", dailyFen: 13_800 },
  { type: "云主机", spec: "32核64G 1TB", dailyFen: 26_500 },
  { type: "云主机", spec: "64核128G 2TB", dailyFen: 52_000 },
];
const DATABASES: Offer[] = [
  { type: "云数据库", spec: "MySQL 4核16G 500GB 高可用版", dailyFen: 9_600 },
  { type: "云数据库", spec: "MySQL 8核32G 1TB 高可用版", dailyFen: 18_500 },
  { type: "云数据库", spec: "达梦 16核64G 2TB 主备版", dailyFen: 36_000 },
  { type: "云数据库", spec: "达梦 64核256G 8TB 集群版", dailyFen: 120_000 },
];
const STORAGE: Offer[] = [
  { type: "云存储", spec: "对象存储 5TB", dailyFen: 2_800 },
  { type: "云存储", spec: "对象存储 20TB", dailyFen: 10_500 },
  { type: "云存储", spec: "块存储 10TB SSD", dailyFen: 16_000 },
];
const SECURITY: Offer[] = [
  { type: "云安全", spec: "Web应用防火墙 标准版", dailyFen: 5_500 },
  { type: "云安全", spec: "主机安全 10节点", dailyFen: 1_800 },
  { type: "云安全", spec: "数据库审计 标准版", dailyFen: 3_200 },
];

function fromOffer(rng: Rng, o: Offer, testEnv = false): ResourcePlan {
  return {
    type: o.type,
    spec: o.spec,
    dailyFen: o.dailyFen,
    cpuBase: o.type === "云主机" || o.type === "云数据库" ? Number(rng.real(0.05, 0.6).toFixed(3)) : null,
    testEnv,
  };
}

/** Resources for an ordinary project, sized by its investment (万元). */
export function ordinaryResources(rng: Rng, investWan: number): ResourcePlan[] {
  // 10–31 万: one host; up to 316 万: up to two; larger: up to three.
  const size = Math.max(1, Math.min(3, Math.round(Math.log10(Math.max(investWan, 10)))));
  const out: ResourcePlan[] = [];
  const hostCount = rng.int(1, size);
  for (let i = 0; i < hostCount; i++) out.push(fromOffer(rng, HOSTS[rng.int(size - 1, size)]));
  if (rng.chance(0.75)) out.push(fromOffer(rng, DATABASES[rng.int(0, size - 1)]));
  if (rng.chance(0.4)) out.push(fromOffer(rng, STORAGE[rng.int(0, Math.min(STORAGE.length - 1, size - 1))]));
  if (rng.chance(0.3)) out.push(fromOffer(rng, SECURITY[rng.int(0, SECURITY.length - 1)]));
  // An idle, oversized host now and then, for the cost-effectiveness dimension (scoring.md: idle resources).
  if (rng.chance(0.06)) out.push({ ...fromOffer(rng, HOSTS[3]), cpuBase: 0.02 });
  if (rng.chance(0.12)) out.push(fromOffer(rng, HOSTS[0], true));
  return out;
}

/** Resources of a cloud-heavy city-wide system whose rent is exactly `dailyFen` a day: large hosts and databases
 *  make up most of it, and a managed-security package takes the remainder so the total is exact (allocation.md
 *  needs rents on both sides of 5,000,000 yuan a year). */
export function heavyResources(rng: Rng, dailyFen: number): ResourcePlan[] {
  const out: ResourcePlan[] = [];
  let left = dailyFen;
  const take = (o: Offer): void => {
    out.push(fromOffer(rng, o));
    left -= o.dailyFen;
  };
  take(STORAGE[2]);
  take(STORAGE[1]);
  while (left > 0.35 * dailyFen) take(DATABASES[3]);
  while (left > 0.08 * dailyFen) take(HOSTS[4]);
  if (left <= 0) throw new Error(`heavy resource plan overshot ${dailyFen}`);
  out.push({ type: "云安全", spec: "安全托管服务包", dailyFen: left, cpuBase: null, testEnv: false });
  return out;
}

export function dailyRentFen(resources: readonly ResourcePlan[]): number {
  return resources.filter((r) => !r.testEnv).reduce((s, r) => s + r.dailyFen, 0);
}
