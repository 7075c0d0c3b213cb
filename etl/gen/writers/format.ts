// Formatting of values as the source systems export them: amounts in the unit their header names, 是/否 for
// yes/no, dates as 'YYYY-MM-DD' or the office spelling 'YYYY/M/D'. Money arrives here as integer fen and is printed
// with integer arithmetic only.
import { toSlashDate, type IsoDate } from "../dates.js";

export type Cell = string | number | null;
export type DateStyle = "iso" | "slash";

function twoDigits(n: number): string {
  return String(n).padStart(2, "0");
}

/** fen → '1234567.89' (元). */
export function yuan(fen: number | null): string {
  if (fen === null) return "";
  if (!Number.isInteger(fen) || fen < 0) throw new Error(`amount in fen must be a non-negative integer, got ${fen}`);
  return `${Math.floor(fen / 100)}.${twoDigits(fen % 100)}`;
}

/** fen → '356.80' (万元). Amounts filed in 万元 carry two decimals, i.e. whole hundreds of yuan. */
export function wan(fen: number | null): string {
  if (fen === null) return "";
  if (!Number.isInteger(fen) || fen < 0 || fen % 10_000 !== 0) throw new Error(`amount in 万元 must be whole hundreds of yuan, got ${fen} fen`);
  return `${Math.floor(fen / 1_000_000)}.${twoDigits((fen % 1_000_000) / 10_000)}`;
}

/** fen → 万元 as a number, for spreadsheet cells (exact to the two decimals printed). */
export function wanNumber(fen: number): number {
  return Number(wan(fen));
}

export function yesNo(b: boolean | null): string {
  return b === null ? "" : b ? "是" : "否";
}

export function date(d: IsoDate | null, style: DateStyle = "iso"): string {
  if (d === null) return "";
  return style === "iso" ? d : toSlashDate(d);
}

export function num(x: number | null): string {
  return x === null ? "" : String(x);
}
