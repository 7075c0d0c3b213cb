// Every filter lives in the URL (a link reproduces the view; back and forward work). Parsing is strict and
// total: a malformed value is dropped rather than passed to SQL, and values always reach SQL as bound parameters.
// `project` narrows to one project (the data API's downloads from 项目档案); its rule is the project route's own.
import { PROJECT_ID_PATTERN } from "~/domain/performance";

export interface Filters {
  year: number | null;
  dept: string | null;
  county: string | null;
  kind: string | null;
  rule: string | null;
  grade: string | null;
  project: string | null;
}

export const FILTER_KEYS = ["year", "dept", "county", "kind", "rule", "grade", "project"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const PATTERNS: Record<Exclude<FilterKey, "year">, RegExp> = {
  dept: /^[A-Za-z0-9_-]{1,32}$/,
  county: /^(\d{6}|CITY)$/,
  kind: /^(新建|扩建|升级改造|运行维护)$/,
  rule: /^ART\d+[A-Z0-9_]*$/,
  grade: /^(优|良|中|差)$/,
  project: PROJECT_ID_PATTERN,
};

export function parseFilters(params: URLSearchParams): Filters {
  const yearText = params.get("year");
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  const pick = (k: Exclude<FilterKey, "year">): string | null => {
    const v = params.get(k);
    return v && PATTERNS[k].test(v) ? v : null;
  };
  return {
    year,
    dept: pick("dept"),
    county: pick("county"),
    kind: pick("kind"),
    rule: pick("rule"),
    grade: pick("grade"),
    project: pick("project"),
  };
}

/** The query string for `filters` with `changes` applied; null or empty removes a key. */
export function filterSearch(current: URLSearchParams, changes: Partial<Record<FilterKey | string, string | number | null>>): string {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") next.delete(k);
    else next.set(k, String(v));
  }
  const s = next.toString();
  return s ? `?${s}` : "";
}

/** A page number from the URL: a positive whole number, else 1 (a model clamps it to the last page). */
export function pageNumber(text: string | null): number {
  return text !== null && /^\d{1,5}$/.test(text) ? Math.max(1, Number(text)) : 1;
}

/** The page to show of a list of `total` items, `size` to a page: the asked page within 1..pages (a page past the
 *  end shows the last), and how many pages there are (at least 1). */
export function pageWithin(total: number, size: number, asked: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, Math.floor(asked)), pages), pages };
}
