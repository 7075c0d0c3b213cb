// Which relations the export API may serve, read from the warehouse's own catalog: exactly the public schema of
// docs/warehouse.md — mart_*, dim_*, etl_* and meta_build — and never stg_/int_/ref_ relations or DuckDB's
// information_schema. A name from a URL is only ever compared against this list; the SQL uses the catalog's
// spelling of the name, quoted by quoteIdent, never the caller's text.
import type { DuckDBConnection } from "@duckdb/node-api";

export const PUBLIC_RELATION = /^(?:(?:mart|dim|etl)_[a-z0-9_]+|meta_build)$/;

export interface CatalogColumn {
  name: string;
  /** DuckDB's type text: VARCHAR, INTEGER, BIGINT, DECIMAL(18,2), DATE, VARCHAR[], … */
  type: string;
}

export interface Relation {
  name: string;
  columns: CatalogColumn[];
}

/** The one identifier-quoting helper of the export code (same rule as etl/db.ts `ident`). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

// Tables and views of the warehouse's main schema whose names are public, with their columns in order. The pattern
// is bound, not spliced; it is the same as PUBLIC_RELATION.
const CATALOG_SQL = `
SELECT table_name, column_name, data_type
FROM duckdb_columns()
WHERE database_name = current_database()
  AND schema_name = 'main'
  AND NOT internal
  AND regexp_full_match(table_name, $pattern)
ORDER BY table_name, column_index`;

/** The public relations of the warehouse the connection reads, by name. */
export async function readCatalog(conn: DuckDBConnection): Promise<Map<string, Relation>> {
  const reader = await conn.runAndReadAll(CATALOG_SQL, { pattern: PUBLIC_RELATION.source });
  const relations = new Map<string, Relation>();
  for (const [table, column, type] of reader.getRowsJson() as [string, string, string][]) {
    // belt and braces: the SQL filter and this one must agree
    if (!PUBLIC_RELATION.test(table)) continue;
    let rel = relations.get(table);
    if (!rel) relations.set(table, (rel = { name: table, columns: [] }));
    rel.columns.push({ name: column, type });
  }
  return relations;
}

/** Names in the order an error message lists them: marts first, then dimensions, load records, meta_build. */
export function sortedNames(catalog: Map<string, Relation>): string[] {
  const rank = (n: string) => (n.startsWith("mart_") ? 0 : n.startsWith("dim_") ? 1 : n.startsWith("etl_") ? 2 : 3);
  return [...catalog.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
