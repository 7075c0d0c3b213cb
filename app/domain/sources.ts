// The inbox's sources (data-contract.md) in the words the office uses, with the article each serves.
export const SOURCE_LABELS: Record<string, { label: string; file: string; article: string }> = {
  projects: { label: "项目申报", file: "projects.xlsx#项目申报", article: "第九条" },
  perf_targets: { label: "绩效目标", file: "projects.xlsx#绩效目标", article: "第九条（三）" },
  reviews: { label: "审核记录", file: "reviews.csv", article: "第十二至十四条" },
  contracts: { label: "合同备案", file: "contracts.csv", article: "第十六条" },
  changes: { label: "变更与废止", file: "changes.csv", article: "第十七条" },
  acceptances: { label: "验收备案", file: "acceptances.csv", article: "第十九条" },
  payments: { label: "国库支付", file: "payments.csv", article: "第二十一、二十二条" },
  systems: { label: "公共数据平台", file: "systems.json", article: "第二十九、三十条" },
  cloud_resources: { label: "政务云资源申请", file: "cloud_resources.csv", article: "第十八、二十九条" },
  cloud_billing: { label: "政务云账单", file: "cloud_billing/", article: "第二十三条" },
  operations: { label: "运行监测", file: "operations.csv", article: "第三十二条" },
  security: { label: "安全记录", file: "security.csv", article: "第三十五至三十七条" },
  evaluations: { label: "绩效评价", file: "evaluations.csv", article: "第三十三条" },
  targets_actual: { label: "目标完成值", file: "targets_actual.csv", article: "第三十二条" },
  rectifications: { label: "整改记录", file: "rectifications.csv", article: "第三十四条" },
  population: { label: "常住人口", file: "population.csv", article: "第二十三条" },
  calendar: { label: "节假日安排", file: "calendar.csv", article: "工作日计算" },
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source]?.label ?? source;
}
