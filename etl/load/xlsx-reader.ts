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
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (headerRow === 0) {
      headerRow = rowNumber;
      const headers: string[] = [];
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
      const cell = cellText(row.getCell(c.index + 1).value);
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
