// Reads systems.json (an array of objects, one per registered system) into the raw hand-over (raw-table.ts).
import { readFile } from "node:fs/promises";
import { decodeText } from "./decode.js";
import { mapHeaders } from "./header-map.js";
import { InboxError } from "./inbox-error.js";
import type { PreReject, RawInput, RawRow } from "./raw-table.js";
import type { SourceSpec } from "./sources.js";

/** Marks a number JSON.parse would not keep (see keepLossyNumbers): a string no JSON text can hold unescaped. */
const RAW_NUMBER = "\u0000";

function isRawNumber(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(RAW_NUMBER);
}

/** A JSON number token as a JS number loses what the operator wrote when it overflows (1e400 → Infinity),
 *  underflows (1e-400 → 0) or passes 2^53 (9007199254740993 → …992). Such tokens become marked strings holding
 *  their text, so the SQL checks see and report exactly what the file says; every other number parses as usual. */
function keepLossyNumbers(text: string): string {
  const token = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  return text.replace(token, (tok) => {
    if (tok.startsWith('"')) return tok;
    const n = Number(tok);
    const lossy =
      !Number.isFinite(n) ||
      (Number.isInteger(n) && !Number.isSafeInteger(n)) ||
      (n === 0 && /[1-9]/.test(tok.split(/[eE]/)[0]));
    return lossy ? JSON.stringify(RAW_NUMBER + tok) : tok;
  });
}

/** JSON text of a value for a reject, marked numbers shown as the numbers they are. */
function shownJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000([^"]*)"/g, "$1");
}

function describe(value: unknown): string {
  if (isRawNumber(value)) return "number";
  if (value === null) return "null";
  if (Array.isArray(value)) return "数组";
  return typeof value === "object" ? "对象" : typeof value;
}

export async function readJsonSource(spec: SourceSpec, fullPath: string): Promise<RawInput> {
  const { text } = decodeText(spec.file, await readFile(fullPath));
  let doc: unknown;
  try {
    doc = JSON.parse(keepLossyNumbers(text));
  } catch (err) {
    throw new InboxError(spec.file, `不是合法的 JSON（${(err as Error).message}）`);
  }
  if (!Array.isArray(doc)) {
    throw new InboxError(spec.file, `应为 JSON 数组（[ {...}, … ]），实际是${describe(doc)}`);
  }
  // Members are matched by name; an absent member is NULL (JSON writers omit nulls), so every key is optional.
  const columns = mapHeaders(spec.file, spec.columns.map((c) => c.header), spec.columns);
  const rows: RawRow[] = [];
  const preRejects: PreReject[] = [];
  doc.forEach((item: unknown, i) => {
    const rn = i + 1;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      preRejects.push({ rn, column: null, value: shownJson(item), reason: `数组元素应为对象，实际是${describe(item)}` });
      rows.push({ rn, values: columns.map(() => null) });
      return;
    }
    const record = item as Record<string, unknown>;
    const values = columns.map((c) => {
      const value = record[c.header];
      if (value === undefined || value === null) return null;
      if (isRawNumber(value)) return value.slice(RAW_NUMBER.length);
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      preRejects.push({
        rn,
        column: c.header,
        value: shownJson(value),
        reason: `值应为文本、数字或布尔值，实际是${describe(value)}`,
      });
      return null;
    });
    rows.push({ rn, values });
  });
  return { columns, rows, preRejects };
}
