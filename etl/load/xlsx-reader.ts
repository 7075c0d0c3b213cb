// Reads a sheet of projects.xlsx into the raw hand-over (raw-table.ts).
import ExcelJS from "exceljs";
import { mapHeaders } from "./header-map.js";
import { InboxError } from "./inbox-error.js";
import type { PreReject, RawInput, RawRow } from "./raw-table.js";
import type { SourceSpec } from "./sources.js";
import { cellText } from "./xlsx-cell.js";

export async function openWorkbook(file: string, fullPath: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(fullPath);
  } catch (err) {
    throw new InboxError(file, `不是可读取的 XLSX 文件（${(err as Error).message}）`);
  }
  return workbook;
}

export function readSheet(workbook: ExcelJS.Workbook, spec: SourceSpec): RawInput {
  const sheetName = spec.sheet ?? "";
  const label = `${spec.file}#${sheetName}`;
  const sheet = workbook.worksheets.find((ws) => ws.name.trim() === sheetName);
  if (!sheet) {
    const present = workbook.worksheets.map((ws) => ws.name).join("、") || "无";
    throw new InboxError(spec.file, `缺少工作表“${sheetName}”（文件中的工作表：${present}）`);
  }

  let headerRow = 0;
  const rows: RawRow[] = [];
  const preRejects: PreReject[] = [];
  let columns: RawInput["columns"] = [];
  let headers: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (headerRow === 0) {
      headerRow = rowNumber;
      headers = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = cellText(row.getCell(c).value);
        headers.push("text" in cell ? (cell.text ?? "") : "");
      }
      columns = mapHeaders(label, headers, spec.columns);
      return;
    }
    // Row numbers follow the sheet, so row N here is Excel's row N + header row: what the operator looks up.
    const rn = rowNumber - headerRow;
    const values = columns.map((c) => {
      if (c.index === null) return null;
      const xlsxCell = row.getCell(c.index + 1);
      const master = xlsxCell.master;
      // Merged cells: exceljs gives every covered cell its master's value. A merge down one column (建设单位 over
      // the projects of one department) is how such reports say "the same for these rows", so each row takes the
      // value. A merge across columns is layout (a long 项目名称 spilling over the next cell): the value belongs to
      // the master's column only. The covered cell shows no value of its own, yet reading it as blank could silently
      // change its meaning (a blank 非信息化投资 means "not separated"), so the row is rejected naming both cells,
      // for the clerk to unmerge and fill in the column.
      if (Number(master.col) !== Number(xlsxCell.col)) {
        const shown = cellText(master.value);
        preRejects.push({
          rn,
          column: c.header,
          value: "text" in shown ? shown.text : null,
          reason: `单元格与 ${master.address}（${headers[Number(master.col) - 1]?.trim() || "无表头的列"}）横向合并，合并后的值只属于 ${master.address} 所在的列，本列没有值：请取消合并后分别填写`,
        });
        return null;
      }
      const cell = cellText(xlsxCell.value);
      if ("problem" in cell) {
        preRejects.push({ rn, column: c.header, value: null, reason: cell.problem });
        return null;
      }
      return cell.text;
    });
    rows.push({ rn, values });
  });
  if (headerRow === 0) throw new InboxError(label, "工作表为空（没有表头）");
  return { columns, rows, preRejects };
}
