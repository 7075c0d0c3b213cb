// The inbox's CSV files: headers exactly as data-contract.md names them (units included), one builder per file.
// Rows are sorted by the file's natural key so a rerun with the same seed writes the same bytes.
import type { CalendarException } from "../calendar.js";
import type { PopulationRow } from "../counties.js";
import type { ProjectRecords } from "../model.js";
import type { Rng } from "../random.js";
import type { CsvEncoding, CsvTable } from "./csv.js";
import { date, num, wan, yesNo, yuan, type Cell, type DateStyle } from "./format.js";

export interface CsvSpec {
  file: string;
  encoding: CsvEncoding;
  table: CsvTable;
}

function sortRows(rows: Cell[][], ...keys: number[]): Cell[][] {
  return rows.sort((a, b) => {
    for (const k of keys) {
      const x = String(a[k] ?? "");
      const y = String(b[k] ?? "");
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

/** Some rows typed by hand in Excel carry the 'YYYY/M/D' spelling. */
function rowStyle(rng: Rng, share: number): DateStyle {
  return rng.chance(share) ? "slash" : "iso";
}

export function reviewsCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const rows = projects.flatMap((p) =>
    p.reviews.map((r): Cell[] => [r.projectId, r.stage, date(r.date), r.conclusion, wan(r.approvedFen), r.opinion, yesNo(r.techReqsDone)]),
  );
  return {
    file: "reviews.csv",
    encoding: "utf-8-bom",
    table: { header: ["项目编号", "审核环节", "日期", "结论", "核准金额(万元)", "意见", "技术要求已落实"], rows: sortRows(rows, 0, 2, 1) },
  };
}

export function contractsCsv(projects: readonly ProjectRecords[], rng: Rng): CsvSpec {
  const list = projects.flatMap((p) => p.contracts).sort((a, b) => (a.contractId < b.contractId ? -1 : 1));
  const rows = list.map((c): Cell[] => {
    const style = rowStyle(rng, 0.2);
    return [c.contractId, c.projectId, c.supplier, c.method, date(c.signedOn, style), yuan(c.amountFen), date(c.filedOn, style)];
  });
  return {
    file: "contracts.csv",
    encoding: "gbk",
    table: { header: ["合同编号", "项目编号", "供应商", "采购方式", "签订日期", "合同金额(元)", "备案日期"], rows },
  };
}

export function changesCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const rows = projects.flatMap((p) =>
    p.changes.map((c): Cell[] => [
      c.projectId, c.type, date(c.appliedOn), yesNo(c.reReviewed), date(c.approvedOn), date(c.tenderedOn),
      yesNo(c.explanationFiled), wan(c.newAmountFen),
    ]),
  );
  return {
    file: "changes.csv",
    encoding: "utf-8",
    table: {
      header: ["项目编号", "变更类型", "申请日期", "重新审核", "批准日期", "招标日期", "情况说明已备案", "变更后金额(万元)"],
      rows: sortRows(rows, 0, 2, 1),
    },
  };
}

export function acceptancesCsv(projects: readonly ProjectRecords[], rng: Rng): CsvSpec {
  const rows = projects
    .filter((p) => p.acceptance)
    .map((p): Cell[] => {
      const a = p.acceptance!;
      const style = rowStyle(rng, 0.15);
      return [a.projectId, date(a.prelimOn, style), date(a.finalOn, style), date(a.filedOn, style), yuan(a.paidFen)];
    });
  return {
    file: "acceptances.csv",
    encoding: "utf-8-bom",
    table: { header: ["项目编号", "初步验收日期", "竣工验收日期", "备案日期", "已付金额(元)"], rows: sortRows(rows, 0) },
  };
}

/** The treasury system exports its dates as 'YYYY/M/D'. */
export function paymentsCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const rows = projects.flatMap((p) =>
    p.payments.map((x): Cell[] => [x.paymentId, x.projectId, date(x.paidOn, "slash"), yuan(x.amountFen), x.fundType]),
  );
  return {
    file: "payments.csv",
    encoding: "utf-8-bom",
    table: { header: ["支付流水号", "项目编号", "支付日期", "金额(元)", "资金类型"], rows: sortRows(rows, 0) },
  };
}

export function cloudResourcesCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const rows = projects.flatMap((p) =>
    p.resources.map((r): Cell[] => [r.resourceId, r.projectId, r.systemId, r.type, r.spec, date(r.requestedOn), date(r.openedOn), date(r.releasedOn)]),
  );
  return {
    file: "cloud_resources.csv",
    encoding: "utf-8",
    table: { header: ["资源编号", "项目编号", "系统编号", "资源类型", "规格", "申请日期", "开通日期", "释放日期"], rows: sortRows(rows, 0) },
  };
}

export function operationsCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const rows = projects.flatMap((p) =>
    p.operations.map((o): Cell[] => [o.projectId, o.month, num(o.availabilityPct), num(o.majorIncidents), num(o.meanRestoreHours), num(o.activeUsers), num(o.transactions)]),
  );
  return {
    file: "operations.csv",
    encoding: "utf-8",
    table: { header: ["项目编号", "月份", "可用率(%)", "重大故障次数", "平均恢复时长(小时)", "活跃用户数", "业务办件量"], rows: sortRows(rows, 0, 1) },
  };
}

export function securityCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const rows = projects.flatMap((p) =>
    p.security.map((s): Cell[] => [s.recordId, s.projectId, s.type, date(s.date), s.severity, date(s.fixDeadline), date(s.fixedOn)]),
  );
  return {
    file: "security.csv",
    encoding: "utf-8",
    table: { header: ["记录编号", "项目编号", "类型", "日期", "严重程度", "整改期限", "修复日期"], rows: sortRows(rows, 0) },
  };
}

export function evaluationsCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const order = { 自评: "1", 信管办: "2", 第三方: "3" } as const;
  const rows = projects.flatMap((p) =>
    p.evaluations
      .slice()
      .sort((a, b) => a.year - b.year || order[a.evaluator].localeCompare(order[b.evaluator]))
      .map((e): Cell[] => [e.projectId, e.year, e.evaluator, num(e.operation), num(e.integration), num(e.costEffectiveness), num(e.effectiveness), num(e.security), num(e.innovation)]),
  );
  return {
    file: "evaluations.csv",
    encoding: "utf-8-bom",
    table: { header: ["项目编号", "年度", "评价主体", "项目运行情况", "统建融合", "成本效益", "应用实效", "信息安全", "创新服务"], rows },
  };
}

export function targetsActualCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const rows = projects.flatMap((p) => p.actuals.map((a): Cell[] => [a.projectId, a.year, a.indicator, num(a.actual)]));
  return {
    file: "targets_actual.csv",
    encoding: "utf-8",
    table: { header: ["项目编号", "年度", "指标名称", "实际值"], rows: sortRows(rows, 0, 1, 2) },
  };
}

export function rectificationsCsv(projects: readonly ProjectRecords[]): CsvSpec {
  const rows = projects.flatMap((p) =>
    p.rectifications.map((r): Cell[] => [r.rectificationId, r.projectId, r.year, r.reason, date(r.orderedOn), date(r.deadline), date(r.completedOn), r.recheck]),
  );
  return {
    file: "rectifications.csv",
    encoding: "utf-8-bom",
    table: { header: ["整改编号", "项目编号", "年度", "原因", "下达日期", "整改期限", "完成日期", "复核结论"], rows: sortRows(rows, 0) },
  };
}

export function populationCsv(rows: readonly PopulationRow[]): CsvSpec {
  return {
    file: "population.csv",
    encoding: "utf-8",
    table: { header: ["区县代码", "区县名称", "年度", "常住人口(人)"], rows: rows.map((r) => [r.countyCode, r.countyName, r.year, r.population]) },
  };
}

export function calendarCsv(rows: readonly CalendarException[]): CsvSpec {
  return {
    file: "calendar.csv",
    encoding: "utf-8",
    table: { header: ["日期", "类型", "名称"], rows: rows.map((r) => [r.day, r.type, r.name]) },
  };
}
