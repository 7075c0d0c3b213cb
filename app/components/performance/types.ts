// What the 年度绩效 page's cards are handed: the view, the year shown, the filters it is drawn under, its URLs.
import type { PerformanceFilters, PerformanceView } from "~/models/performance.server";

export type ShownFilters = Pick<PerformanceFilters, "dept" | "kind" | "grade">;
export type Changes = Record<string, string | number | null>;
/** A URL of this page or of the project list, with some filters changed. */
export type Href = (changes: Changes) => string;

export interface CardProps {
  view: PerformanceView;
  year: number;
  filters: ShownFilters;
}
