// 数据: what the warehouse was built from and whether it can be trusted today — per-file loads (etl_batches), the
// rejected rows with their reasons (etl_rejects), and freshness: the as-of date, the build time and any source missing
// from the inbox (data-contract.md). Five queries over the public bookkeeping tables.
import { withWarehouse, type Row, type WarehouseReader } from "~/db.server";
import { pageWithin } from "~/filters";
import { scopedReader, scopeKey, type Scope } from "./scope.server";
import type { FilterOption } from "~/components/FilterBar";
import { SOURCE_LABELS, sourceLabel } from "~/domain/sources";
import { assessFreshness, type Freshness } from "~/domain/status";
import { cachedView } from "./view-cache.server";

export const REJECTS_PAGE_SIZE = 100;

export interface BuildInfo {
  asOf: string | null;
  builtAt: string | null;
  inbox: string | null;
  appVersion: string | null;
}

export interface SourceStatus {
  source: string;
  label: string;
  /** Absent from the inbox: no batch at all, or only `missing` batches. */
  missing: boolean;
  files: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  loadedAt: string | null;
}

export interface Batch {
  batchId: number;
  source: string;
  file: string;
  sha256: string | null;
  encoding: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  status: string;
  message: string | null;
  loadedAt: string | null;
}

export interface RejectReason {
  source: string;
  file: string;
  column: string | null;
  reason: string;
  rows: number;
  firstRow: number;
}

export interface Reject {
  file: string;
  source: string;
  rowNumber: number;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface DataStatusView {
  build: BuildInfo | null;
  freshness: Freshness;
  sources: SourceStatus[];
  source: string | null;
  sourceOptions: FilterOption[];
  batches: Batch[];
  rejectReasons: RejectReason[];
  rejects: Reject[];
  rejectTotal: number;
  page: number;
  pages: number;
  pageSize: number;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A `source` URL value the page knows: one of the contract's sources, or one the warehouse reports. */
export function parseSource(v: string | null): string | null {
  return v && /^[a-z_]{1,40}$/.test(v) ? v : null;
}

function sourceStatuses(rows: Row[]): SourceStatus[] {
  const present = new Map(rows.map((r) => [String(r.source), r]));
  const names = [...Object.keys(SOURCE_LABELS), ...[...present.keys()].filter((s) => !(s in SOURCE_LABELS))];
  return names.map((source) => {
    const r = present.get(source);
    return {
      source,
      label: sourceLabel(source),
      missing: !r || r.missing === true,
      files: Number(r?.files ?? 0),
      rowsRead: Number(r?.rows_read ?? 0),
      rowsLoaded: Number(r?.rows_loaded ?? 0),
      rowsRejected: Number(r?.rows_rejected ?? 0),
      loadedAt: str(r?.loaded_at),
    };
  });
}


export async function getDataStatus({
  source,
  page,
  now = new Date(),
}: {
  source: string | null;
  page: number;
  now?: Date;
}, scope: Scope): Promise<DataStatusView> {
  return withWarehouse(async (raw) => {
    const db = scopedReader(raw, scope);
    const view = await cachedView("data-quality", db.identity, { scope: scopeKey(scope), source, page }, () => readDataStatus(db, { source, page }));
    return {
      ...view,
      freshness: assessFreshness({
        asOf: view.build?.asOf ?? null,
        builtAt: view.build?.builtAt ?? null,
        missingSources: view.sources.filter((s) => s.missing).map((s) => `${s.label}（${SOURCE_LABELS[s.source]?.file ?? s.source}）`),
        now,
      }),
    };
  });
}

async function readDataStatus(
  db: WarehouseReader,
  { source, page }: { source: string | null; page: number },
): Promise<Omit<DataStatusView, "freshness">> {
  // the four queries are independent: asked for together, they run in parallel (app/db.server.ts)
  const buildQuery = db.query("pages/data-build");
  const sourcesQuery = db.query("pages/data-sources");
  const batchesQuery = db.query("pages/data-batches", { source });
  const reasonsQuery = db.query("pages/data-reject-reasons", { source });
  const buildRows = await buildQuery;
  const b = buildRows[0];
  const build: BuildInfo | null = b
    ? { asOf: str(b.as_of), builtAt: str(b.built_at), inbox: str(b.inbox), appVersion: str(b.app_version) }
    : null;
  const sources = sourceStatuses(await sourcesQuery);

  const batches = (await batchesQuery).map((r): Batch => ({
    batchId: Number(r.batch_id),
    source: String(r.source),
    file: String(r.file),
    sha256: str(r.sha256),
    encoding: str(r.encoding),
    rowsRead: Number(r.rows_read),
    rowsLoaded: Number(r.rows_loaded),
    rowsRejected: Number(r.rows_rejected),
    status: String(r.status),
    message: str(r.message),
    loadedAt: str(r.loaded_at),
  }));
  const rejectReasons = (await reasonsQuery).map((r): RejectReason => ({
    source: String(r.source),
    file: String(r.file),
    column: str(r.column_name),
    reason: String(r.reason),
    rows: Number(r.rows),
    firstRow: Number(r.first_row),
  }));
  const rejectTotal = rejectReasons.reduce((t, r) => t + r.rows, 0);
  const { page: shownPage, pages } = pageWithin(rejectTotal, REJECTS_PAGE_SIZE, page);
  const rejects =
    rejectTotal === 0
      ? []
      : (await db.query("pages/data-rejects", { source, limit: REJECTS_PAGE_SIZE, offset: (shownPage - 1) * REJECTS_PAGE_SIZE })).map(
          (r): Reject => ({
            file: String(r.file),
            source: String(r.source),
            rowNumber: Number(r.row_number),
            column: str(r.column_name),
            value: str(r.value),
            reason: String(r.reason),
          }),
        );

  return {
    build,
    sources,
    source,
    sourceOptions: sources.map((s) => ({ value: s.source, label: s.missing ? `${s.label}（未提供）` : s.label })),
    batches,
    rejectReasons,
    rejects,
    rejectTotal,
    page: shownPage,
    pages,
    pageSize: REJECTS_PAGE_SIZE,
  };
}
