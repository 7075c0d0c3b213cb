// The dashboard's one data table: <table className="data"> with a header row and a row per record. Number columns
// are right-aligned (className "num") and formatted by one function; wide tables sit in a horizontal scroll box.
import type { ReactNode } from "react";
import { formatCount } from "~/format/number";

export interface Column<T> {
  header: ReactNode;
  /** A number column: header and cells get className "num". */
  num?: boolean;
  /** The cells' className, when it is not just "num". */
  className?: string;
  cell: (row: T) => ReactNode;
}

/** A right-aligned column of one value per row, formatted (counts by default; pass formatYuan, formatScore …). */
export function numberColumn<T>(header: ReactNode, value: (row: T) => unknown, format: (v: unknown) => ReactNode = formatCount): Column<T> {
  return { header, num: true, cell: (row) => format(value(row)) };
}

export interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T, index: number) => string | number;
  rowClassName?: (row: T) => string | undefined;
  /** Classes beside "data" (e.g. "flag-list"). */
  className?: string;
  testId?: string;
  /** Wraps the table in a horizontal scroll box (wide tables on narrow screens). */
  scroll?: boolean;
}

export function DataTable<T>({ rows, columns, rowKey, rowClassName, className, testId, scroll }: DataTableProps<T>) {
  const table = (
    <table className={className ? `data ${className}` : "data"} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} className={c.num ? "num" : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)} className={rowClassName?.(row)}>
            {columns.map((c, j) => (
              <td key={j} className={c.className ?? (c.num ? "num" : undefined)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}
