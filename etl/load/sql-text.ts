// SQL text for our own constants (contract headers, enumerations, reason templates). Values that come from a file
// never pass through here: they are bound as `$name` parameters or read from a table.
export function lit(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function litList(values: readonly string[]): string {
  return `[${values.map(lit).join(", ")}]`;
}

/** Characters trimmed from every cell: ASCII blanks plus the ideographic space Chinese input methods type. */
export const TRIM_CHARS = lit(" \t\r\n\u3000");

/** A raw VARCHAR cell, trimmed, with blank meaning NULL. */
export function blankToNull(expr: string): string {
  return `nullif(trim(${expr}, ${TRIM_CHARS}), '')`;
}
