// An XLSX cell as the text the SQL validation parses. Spreadsheets hold typed cells: real dates become YYYY-MM-DD
// (the wall-clock date exceljs reads as UTC), formulas give their cached result (what the user saw when saving),
// rich text its plain text. A formula without a cached result or an error value (#DIV/0!) cannot be loaded.
import type { CellValue } from "exceljs";

export type CellText = { text: string | null } | { problem: string };

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function cellText(value: CellValue): CellText {
  if (value === null || value === undefined) return { text: null };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return { text: String(value) };
  if (typeof value === "boolean") return { text: value ? "是" : "否" };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { problem: "日期单元格无效" } : { text: isoDate(value) };
  }
  if ("error" in value) return { problem: `单元格是错误值 ${value.error}` };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
  if ("formula" in value || "sharedFormula" in value) {
    const formula = "formula" in value && value.formula ? value.formula : (value as { sharedFormula: string }).sharedFormula;
    if (value.result === undefined || value.result === null) {
      return { problem: `公式没有缓存的计算结果：=${formula}（请在 Excel 中重新计算并保存）` };
    }
    return cellText(value.result);
  }
  if ("hyperlink" in value) return cellText(value.text as CellValue);
  return { problem: "无法识别的单元格内容" };
}
