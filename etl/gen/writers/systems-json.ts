// systems.json: the public data platform's register of information systems (Art. 29, 30), a JSON array with the
// contract's snake_case keys; dates as 'YYYY-MM-DD', absent values as null.
import type { ProjectRecords } from "../model.js";

export function systemsJson(projects: readonly ProjectRecords[]): { text: string; count: number } {
  const list = projects
    .flatMap((p) => (p.system ? [p.system] : []))
    .sort((a, b) => (a.systemId < b.systemId ? -1 : 1))
    .map((s) => ({
      system_id: s.systemId,
      project_id: s.projectId,
      name: s.name,
      registered_on: s.registeredOn,
      go_live_on: s.goLiveOn,
      shutdown_on: s.shutdownOn,
      backup_on: s.backupOn,
      catalog_compiled_on: s.catalogCompiledOn,
      data_collected_on: s.dataCollectedOn,
      catalog_items: s.catalogItems,
      shared_interfaces: s.sharedInterfaces,
      consumed_interfaces: s.consumedInterfaces,
      update_cycle_days: s.updateCycleDays,
      last_refreshed_on: s.lastRefreshedOn,
      duplicate_collection: s.duplicateCollection,
    }));
  return { text: JSON.stringify(list, null, 2) + "\n", count: list.length };
}
