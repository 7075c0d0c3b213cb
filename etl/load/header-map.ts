// Maps a file's header row onto the contract's columns. Headers match in any order, trimmed, with full-width
// brackets and spaces (as Chinese input methods type them) treated like their ASCII forms. Extra columns are
// ignored; a missing or duplicated one makes the file unreadable, because guessing would load the wrong cells.
import { InboxError } from "./inbox-error.js";
import { contractHeader, type ColumnSpec, type MoneyUnit } from "./sources.js";

export interface MappedColumn {
  spec: ColumnSpec;
  /** Position in the file's header, or null for an optional column the file does not carry. */
  index: number | null;
  /** The header as written in the file (trimmed): what etl_rejects.column_name reports. */
  header: string;
  /** money: the unit this file's header names. */
  unit?: MoneyUnit;
}

export function normaliseHeader(text: string, caseInsensitive = false): string {
  const folded = text.normalize("NFKC").replace(/[\s\uFEFF]+/g, "");
  return caseInsensitive ? folded.toLowerCase() : folded;
}

export function mapHeaders(
  file: string,
  headers: readonly string[],
  columns: readonly ColumnSpec[],
  { caseInsensitive = false }: { caseInsensitive?: boolean } = {},
): MappedColumn[] {
  const positions = new Map<string, number>();
  headers.forEach((raw, index) => {
    const name = normaliseHeader(raw, caseInsensitive);
    if (name === "") return; // a trailing delimiter leaves an unnamed, empty column: harmless
    if (positions.has(name)) {
      throw new InboxError(file, `表头重复：“${raw.trim()}”出现不止一次`);
    }
    positions.set(name, index);
  });
  const find = (name: string): number | undefined => positions.get(normaliseHeader(name, caseInsensitive));

  return columns.map((spec): MappedColumn => {
    if (spec.kind === "money") {
      for (const unit of ["元", "万元"] as const) {
        const index = find(`${spec.header}(${unit})`);
        if (index !== undefined) return { spec, index, header: headers[index].trim(), unit };
      }
      if (find(spec.header) !== undefined) {
        throw new InboxError(file, `列“${spec.header}”没有注明单位，应为 ${spec.header}(元) 或 ${spec.header}(万元)`);
      }
    } else {
      const index = find(spec.header);
      if (index !== undefined) return { spec, index, header: headers[index].trim() };
    }
    if (spec.optional) return { spec, index: null, header: contractHeader(spec) };
    throw new InboxError(file, `缺少列：${contractHeader(spec)}`);
  });
}
