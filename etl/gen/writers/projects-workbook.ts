// projects.xlsx: the project-management module's export (Art. 9), sheet 项目申报 with one row per application and
// sheet 绩效目标 with the targets filed with it (Art. 9(3)). Dates are real date cells except a few typed in by
// hand as 'YYYY/M/D' text; amounts are numeric cells in 万元. The workbook's creation dates and the zip entries'
// timestamps are fixed so the same seed gives the same bytes. The streaming writer is used: exceljs's in-memory
// writer takes seconds for a few thousand rows.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { dayNumber, toSlashDate } from "../dates.js";
import type { ProjectRecords } from "../model.js";
import type { Rng } from "../random.js";
import { EXPORT_DAY } from "../timeline.js";
import { wanNumber, yesNo } from "./format.js";
import { fixZipTimestamps } from "./zip-timestamps.js";

export const APPLICATION_HEADER = [
  "项目编号", "项目名称", "建设单位代码", "建设单位", "申报年度", "申报日期", "项目类型", "分摊类别", "全市性系统",
  "牵头单位代码", "建设内容标签", "法规依据", "部署方式", "互联网部署", "等保级别", "涉密", "列入年度计划", "临时急需依据",
  "申报金额(万元)", "信息化投资(万元)", "非信息化投资(万元)", "预计年云租赁费(万元)", "分摊方案", "申报表", "建设方案",
  "原合同", "前期绩效评估报告", "绩效目标", "依据材料", "信息资源目录", "密码应用方案", "示范试点",
] as const;

export const TARGET_HEADER = ["项目编号", "年度", "指标名称", "指标类型", "目标值", "单位", "方向"] as const;

const EXPORTED_AT = new Date(`${EXPORT_DAY}T01:30:00Z`); // 09:30 Beijing time on the export day

function excelDate(d: string): Date {
  return new Date(dayNumber(d) * 86_400_000);
}

export interface WorkbookCounts {
  applications: number;
  targets: number;
}

export async function projectsWorkbook(projects: readonly ProjectRecords[], rng: Rng): Promise<{ bytes: Buffer; counts: WorkbookCounts }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", () => resolve());
    sink.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = "绍兴市部门间最多跑一次平台政务信息化项目管理模块";
  wb.lastModifiedBy = "市信管办";
  wb.created = EXPORTED_AT;
  wb.modified = EXPORTED_AT;

  const apps = wb.addWorksheet("项目申报", { views: [{ state: "frozen", ySplit: 1 }] });
  apps.getColumn(2).width = 48;
  const head = apps.addRow([...APPLICATION_HEADER]);
  head.font = { bold: true };
  head.commit();
  const sorted = projects.slice().sort((a, b) => (a.app.projectId < b.app.projectId ? -1 : 1));
  for (const p of sorted) {
    const a = p.app;
    const m = a.materials;
    const row = apps.addRow([
      a.projectId, a.name, a.dept.code, a.dept.name, a.applyYear,
      // A few application dates were typed in as text.
      rng.chance(0.05) ? toSlashDate(a.applyDate) : excelDate(a.applyDate),
      a.kind, a.allocClass, yesNo(a.cityWide), a.leadDeptCode ?? "", a.tags.join("；"), a.legalBasis ?? "", a.deployment,
      yesNo(a.internetFacing), a.mlpsLevel, yesNo(a.classified), yesNo(a.inAnnualPlan), a.urgentBasis ?? "",
      wanNumber(a.requestedFen), wanNumber(a.itInvestFen), a.nonItInvestFen === null ? null : wanNumber(a.nonItInvestFen),
      wanNumber(a.estCloudRentFen), yesNo(a.hasAllocPlan), yesNo(m.form), yesNo(m.constructionPlan), yesNo(m.priorContract),
      yesNo(m.priorEvalReport), yesNo(m.perfTargets), yesNo(m.basisDocs), yesNo(m.dataCatalog), yesNo(m.cryptoPlan), a.pilotLevel,
    ]);
    row.getCell(6).numFmt = "yyyy-mm-dd";
    for (const col of [19, 20, 21, 22]) row.getCell(col).numFmt = "0.00";
    row.commit();
  }
  apps.commit();

  const targets = wb.addWorksheet("绩效目标", { views: [{ state: "frozen", ySplit: 1 }] });
  const thead = targets.addRow([...TARGET_HEADER]);
  thead.font = { bold: true };
  thead.commit();
  let targetRows = 0;
  for (const p of sorted) {
    for (const t of p.targets) {
      targets.addRow([t.projectId, t.year, t.indicator, t.type, t.value, t.unit, t.direction]).commit();
      targetRows++;
    }
  }
  targets.commit();
  await wb.commit();
  await done;
  const bytes = Buffer.concat(chunks);
  return { bytes: fixZipTimestamps(bytes, `${EXPORT_DAY}T09:30:00`), counts: { applications: sorted.length, targets: targetRows } };
}
