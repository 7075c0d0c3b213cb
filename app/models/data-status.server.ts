import { withWarehouse, type Row } from "~/db.server";
import { scopedReader, scopeKey, type Scope } from "./scope.server";

export interface SourceLoad {
  source: string;
  files: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  missing: boolean;
  loadedAt: string | null;
}

export interface LoadSummary {
  asOf: string | null;
  builtAt: string | null;
  sources: SourceLoad[];
}

function toSource(r: Row): SourceLoad {
  return {
    source: String(r.source),
    files: Number(r.files),
    rowsRead: Number(r.rows_read),
    rowsLoaded: Number(r.rows_loaded),
    rowsRejected: Number(r.rows_rejected),
    missing: Boolean(r.missing),
    loadedAt: (r.loaded_at as string | null) ?? null,
  };
}

/** What the warehouse holds per source, and the date its flags are evaluated at. */
export async function getLoadSummary(scope: Scope): Promise<LoadSummary> {
  return withWarehouse(async (raw) => {
    const db = scopedReader(raw, scope);
    const rows = await db.query("pages/load-summary");
    return {
      asOf: (rows[0]?.as_of as string | undefined) ?? null,
      builtAt: (rows[0]?.built_at as string | undefined) ?? null,
      sources: rows.map(toSource),
    };
  });
}
