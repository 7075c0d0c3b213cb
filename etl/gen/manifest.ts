// The generator's own record of what it planted, beside the inbox under `_generator/` (the ETL ignores paths
// starting with '_'): the intended violations (project_id, year, rule_id — the year as docs/warehouse.md assigns
// it), the near-miss cases that must stay clean, and a manifest of the run.
import type { Flag, NearMiss } from "./violations/index.js";
import { csvText } from "./writers/csv.js";

export function violationsCsv(flags: readonly Flag[]): { text: string; rows: number } {
  const keys = [...new Set(flags.map((f) => `${f.projectId}\u0000${f.year}\u0000${f.ruleId}`))].sort();
  const rows = keys.map((k) => k.split("\u0000"));
  return { text: csvText({ header: ["project_id", "year", "rule_id"], rows }), rows: rows.length };
}

export function nearMissesCsv(list: readonly NearMiss[]): string {
  const rows = list
    .map((n) => [n.projectId, n.ruleId, n.note])
    .sort((a, b) => (a[0] + a[1] + a[2] < b[0] + b[1] + b[2] ? -1 : 1));
  return csvText({ header: ["project_id", "rule_id", "case"], rows });
}

/** Distinct projects per rule. */
export function projectsPerRule(flags: readonly Flag[]): Record<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const f of flags) {
    const s = sets.get(f.ruleId) ?? new Set<string>();
    s.add(f.projectId);
    sets.set(f.ruleId, s);
  }
  return Object.fromEntries([...sets.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.size]));
}
