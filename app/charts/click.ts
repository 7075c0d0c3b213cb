// Chart items carry a `key` (a project id, a department code, a grade, a year) so a click can navigate to the
// filtered URL without the page re-deriving the chart's sort order.
import type { ChartClick } from "~/components/Chart";

export function clickKey(e: ChartClick): string | null {
  const d = e.data as { key?: unknown } | null | undefined;
  return d && typeof d === "object" && d.key !== undefined && d.key !== null ? String(d.key) : null;
}
