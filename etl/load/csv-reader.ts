// Reads one of the inbox's small CSV files into the raw hand-over (raw-table.ts).
import { readFile } from "node:fs/promises";
import { parseCsv } from "./csv-parse.js";
import { decodeText, type TextEncoding } from "./decode.js";
import { mapHeaders } from "./header-map.js";
import { InboxError } from "./inbox-error.js";
import type { PreReject, RawInput, RawRow } from "./raw-table.js";
import type { SourceSpec } from "./sources.js";

export interface CsvRead {
  input: RawInput;
  encoding: TextEncoding;
}

const SHOWN_CHARS = 200;

export async function readCsvSource(spec: SourceSpec, fullPath: string): Promise<CsvRead> {
  const { text, encoding } = decodeText(spec.file, await readFile(fullPath));
  const records = parseCsv(text);
  if (records.length === 0) throw new InboxError(spec.file, "文件为空（没有表头）");
  const [header, ...data] = records;
  if (header.unterminatedQuote) throw new InboxError(spec.file, "表头的引号没有闭合");
  const columns = mapHeaders(spec.file, header.fields, spec.columns);
  const width = header.fields.length;

  const rows: RawRow[] = [];
  const preRejects: PreReject[] = [];
  data.forEach((record, i) => {
    const rn = i + 1;
    const shown = record.fields.join(",").slice(0, SHOWN_CHARS);
    if (record.unterminatedQuote) {
      preRejects.push({ rn, column: null, value: shown, reason: "引号没有闭合：该行在文件末尾被截断" });
    } else if (record.fields.length < width) {
      preRejects.push({
        rn,
        column: null,
        value: shown,
        reason: `列数不足：该行只有 ${record.fields.length} 列，表头有 ${width} 列（行被截断？）`,
      });
    } else if (record.fields.slice(width).some((f) => f.trim() !== "")) {
      preRejects.push({
        rn,
        column: null,
        value: shown,
        reason: `列数多于表头：该行有 ${record.fields.length} 列，表头只有 ${width} 列`,
      });
    }
    rows.push({ rn, values: columns.map((c) => (c.index === null ? null : (record.fields[c.index] ?? null))) });
  });
  return { input: { columns, rows, preRejects }, encoding };
}
