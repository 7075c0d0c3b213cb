// Reference data that lives in the repository rather than the inbox (versioned scoring configuration, …), loaded
// into every warehouse before the marts are built. Owners add their loaders here.
import type { DuckDBConnection } from "@duckdb/node-api";

export async function loadReferenceData(_conn: DuckDBConnection): Promise<void> {
  // filled in by the scoring configuration loader (scoring.md: weights are versioned configuration per year)
}
