// CSV as Chinese office software writes it: RFC 4180 quoting, CRLF line ends, and one of three encodings —
// plain UTF-8, UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), or GBK (Excel's default "CSV" on a Chinese
// Windows). The ETL must detect and decode all three (data-contract.md).
import iconv from "iconv-lite";
import type { Cell } from "./format.js";

export type CsvEncoding = "utf-8" | "utf-8-bom" | "gbk";

export interface CsvTable {
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}

function quote(v: Cell): string {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvText(t: CsvTable): string {
  const lines = [t.header.map(quote).join(",")];
  for (const r of t.rows) {
    if (r.length !== t.header.length) throw new Error(`row has ${r.length} cells, header ${t.header.length}`);
    lines.push(r.map(quote).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

export function encodeCsv(t: CsvTable, encoding: CsvEncoding): Buffer {
  const text = csvText(t);
  if (encoding === "gbk") {
    const bytes = iconv.encode(text, "gbk");
    // Refuse silently lossy output: iconv-lite writes '?' for characters GBK lacks.
    if (iconv.decode(bytes, "gbk") !== text) throw new Error("text not representable in GBK");
    return bytes;
  }
  const body = Buffer.from(text, "utf8");
  return encoding === "utf-8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
