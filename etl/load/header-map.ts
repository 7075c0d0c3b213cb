// Maps a file's header row onto the contract's columns. Headers match in any order, trimmed, with full-width
// brackets and spaces (as Chinese input methods type them) treated like their ASCII forms. Extra columns are
// ignored; a missing or duplicated one, or an amount given in both units, makes the file unreadable, because guessing
// would load the wrong cells.
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
      const found = (["元", "万元"] as const)
        .map((unit) => ({ unit, index: find(`${spec.header}(${unit})`) }))
        .filter((f): f is { unit: MoneyUnit; index: number } => f.index !== undefined);
      // Both units at once (金额(元) and 金额(万元)): which one is the amount cannot be known, and they may disagree.
      // Picking either would load a figure the operator never chose, so the file is refused naming both columns.
      if (found.length > 1) {
        const [a, b] = found.map((f) => headers[f.index].trim());
        throw new InboxError(file, `列“${a}”和“${b}”同时出现，无法确定以哪一列为准：请只保留一种单位的${spec.header}列`);
      }
      if (found.length === 1) {
        const [{ unit, index }] = found;
        return { spec, index, header: headers[index].trim(), unit };
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
