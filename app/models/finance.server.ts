// 资金: what finance acts on for a year — O&M funds suspended (Art. 30, 34), construction funds blocked (Art. 22),
// approved vs contracted vs paid (Art. 21), and the county allocation of cloud rent (Art. 23, 25) with what each
// county owes and what could not be allocated. Six queries over the public marts, all from one warehouse.
import { withWarehouse, type Params, type Row, type WarehouseReader } from "~/db.server";
import { scopedReader, scopeKey, type Scope } from "./scope.server";
import type { FilterOption } from "~/components/FilterBar";
import type { AllocationPart } from "~/charts/county-allocation";
import { sumYuan, type SuspensionRow } from "~/charts/fund-suspensions";
import type { FundingRow } from "~/charts/funding-pipeline";
import { cachedView } from "./view-cache.server";
import { text } from "./row.server";
import { settle, type Missing } from "./section.server";

export type { Missing } from "./section.server";

export interface FundCause {
  ruleId: string | null;
  article: string | null;
  reason: string;
  since: string | null;
  liftedOn: string | null;
}

/** A project whose fund is (or was, during the year) stopped; also a row of the suspensions chart. */
export interface FundItem extends SuspensionRow {
  projectId: string;
  projectName: string;
  deptCode: string;
  deptName: string;
  /** Still stopped at the end of the year (status row says suspended / blocked). */
  open: boolean;
  causes: FundCause[];
  since: string | null;
  liftedOn: string | null;
  omAtStakeYuan: string | null;
}

export interface AllocationLine extends AllocationPart {
  deptName: string | null;
  allocClass: string | null;
  allocable: boolean;
  rentYuan: string;
  share: string | null;
  basis: string | null;
  note: string | null;
  leadDeptName: string | null;
  duty: string | null;
}

export interface CountyYear {
  countyCode: string;
  countyName: string;
  owedYuan: string | null;
  settledYuan: string | null;
  outstandingYuan: string | null;
  projects: number;
}

export interface AllocationError {
  projectId: string;
  projectName: string;
  deptName: string | null;
  countyCode: string | null;
  message: string;
  rentYuan: string | null;
}

export interface FinanceView {
  asOf: string | null;
  builtAt: string | null;
  /** The year shown: the URL's, or the latest year with data. */
  year: number | null;
  dept: string | null;
  county: string | null;
  options: { years: FilterOption[]; depts: FilterOption[]; counties: FilterOption[] };
  suspensions: FundItem[];
  suspendedAtStakeYuan: string;
  blocked: FundItem[];
  funding: FundingRow[];
  /** Allocable project-years' lines in full; of the project-years the city bears alone, the largest few. */
  allocation: AllocationLine[];
  /** Every project-year the city bears alone (not allocable): how many, and their rent. */
  cityOnly: { projects: number; rentYuan: string };
  countyYear: CountyYear[];
  allocationErrors: AllocationError[];
  /** Relations this warehouse lacks, and the page queries that could not run: their sections say so. */
  missing: Missing;
}



/** How many of the project-years the city bears alone the page lists (largest rent first). */
const CITY_ONLY_LISTED = 50;

/** The status row's `reasons` text split into causes, when the fund history has none for it. */
function fallbackCauses(r: Row): FundCause[] {
  const reasons = text(r, "reasons");
  if (!reasons) return [];
  return reasons.split("；").filter(Boolean).map((reason) => ({ ruleId: null, article: null, reason, since: text(r, "since"), liftedOn: text(r, "lifted_on") }));
}

function latestLift(causes: FundCause[], fallback: string | null): string | null {
  const lifts = causes.map((c) => c.liftedOn).filter((d): d is string => d !== null).sort();
  return lifts.at(-1) ?? fallback;
}

function earliestSince(causes: FundCause[], fallback: string | null): string | null {
  return causes.map((c) => c.since).filter((d): d is string => d !== null).sort()[0] ?? fallback;
}

/** One item per project whose `fund` is stopped at the end of the year or had a cause lifted during it. `rows` hold
 *  one row per project × cause (finance-fund-status.sql), in the order the query sorts projects. */
function fundItems(rows: Row[], fund: "om" | "construction"): FundItem[] {
  const byProject = new Map<string, { status: Row; causes: FundCause[] }>();
  for (const r of rows) {
    const id = String(r.project_id);
    const entry = byProject.get(id) ?? { status: r, causes: [] };
    if (r.cause_fund === fund) {
      entry.causes.push({
        ruleId: text(r, "cause_rule_id"),
        article: text(r, "cause_article"),
        reason: String(r.cause_reason ?? ""),
        since: text(r, "cause_since"),
        liftedOn: text(r, "cause_lifted_on"),
      });
    }
    byProject.set(id, entry);
  }
  const items: FundItem[] = [];
  for (const { status: r, causes: found } of byProject.values()) {
    const open = fund === "om" ? r.om_status === "suspended" : r.construction_status === "blocked";
    if (!open && found.length === 0) continue;
    const causes = found.length > 0 ? found : fallbackCauses(r);
    items.push({
      projectId: String(r.project_id),
      projectName: String(r.project_name ?? r.project_id),
      deptCode: String(r.dept_code),
      deptName: String(r.dept_name ?? r.dept_code),
      open,
      causes,
      since: earliestSince(causes, text(r, "since")),
      liftedOn: open ? null : latestLift(causes, text(r, "lifted_on")),
      omAtStakeYuan: text(r, "om_at_stake_yuan"),
    });
  }
  return items.sort((a, b) => Number(b.open) - Number(a.open) || Number(b.omAtStakeYuan ?? 0) - Number(a.omAtStakeYuan ?? 0));
}

export async function getFinanceView({
  year,
  dept,
  county,
}: {
  year: number | null;
  dept: string | null;
  county: string | null;
}, scope: Scope): Promise<FinanceView> {
  return withWarehouse((raw) => {
    const db = scopedReader(raw, scope);
    return cachedView("finance", db.identity, { scope: scopeKey(scope), year, dept, county }, () => readFinanceView(db, { year, dept, county }));
  });
}

async function readFinanceView(
  db: WarehouseReader,
  { year, dept, county }: { year: number | null; dept: string | null; county: string | null },
): Promise<FinanceView> {
  const missing: Missing = { relations: [], queries: [] };
  // Every section of a year reads only the year and the filters: with the year in the URL they are asked for at once,
  // beside the options, and run in parallel (app/db.server.ts); without it, once the options name the latest year.
  const yearQueries = (y: number) => {
    const p = { year: y, dept };
    return {
      fund: db.query("pages/finance-fund-status", p),
      funding: db.query("pages/finance-funding-pipeline", p),
      allocation: db.query("pages/finance-allocation", p),
      countyYear: db.query("pages/finance-county-year", { year: y }),
      errors: db.query("pages/finance-allocation-errors", p),
    };
  };
  const optionQuery = db.query("pages/finance-options", {});
  const early = year === null ? null : yearQueries(year);
  const optionRows = await settle("pages/finance-options", optionQuery, (r) => r, missing);
  const opt = (kind: string): FilterOption[] =>
    optionRows.filter((r) => r.kind === kind).map((r) => ({ value: String(r.value), label: String(r.label) }));
  const years = opt("year");
  const shownYear = year ?? (years[0] ? Number(years[0].value) : null);
  const view: FinanceView = {
    asOf: text(optionRows[0] ?? {}, "as_of"),
    builtAt: text(optionRows[0] ?? {}, "built_at"),
    year: shownYear,
    dept,
    county,
    options: { years, depts: opt("dept"), counties: opt("county") },
    suspensions: [],
    suspendedAtStakeYuan: "0.00",
    blocked: [],
    funding: [],
    allocation: [],
    cityOnly: { projects: 0, rentYuan: "0.00" },
    countyYear: [],
    allocationErrors: [],
    missing,
  };
  if (shownYear === null) return view;
  const q = early ?? yearQueries(shownYear);

  const fundRows = await settle("pages/finance-fund-status", q.fund, (r) => r, missing);
  view.suspensions = fundItems(fundRows, "om");
  view.suspendedAtStakeYuan = sumYuan(view.suspensions.filter((s) => s.open).map((s) => s.omAtStakeYuan));
  view.blocked = fundItems(fundRows, "construction");

  view.funding = await settle("pages/finance-funding-pipeline", q.funding, (r): FundingRow => ({
    key: String(r.key),
    label: String(r.label ?? r.key),
    level: r.level === "project" ? "project" : "dept",
    projects: Number(r.projects),
    approvedYuan: text(r, "approved_yuan"),
    contractedYuan: text(r, "contracted_yuan"),
    paidConstructionYuan: text(r, "paid_construction_yuan"),
    paidOmYuan: text(r, "paid_om_yuan"),
  }), missing);

  const lines = await settle("pages/finance-allocation", q.allocation, (r): AllocationLine => ({
    projectId: String(r.project_id),
    projectName: String(r.project_name),
    countyCode: String(r.county_code),
    countyName: String(r.county_name ?? r.county_code),
    amountYuan: String(r.amount_yuan ?? "0.00"),
    deptName: text(r, "dept_name"),
    allocClass: text(r, "alloc_class"),
    allocable: r.allocable === true,
    rentYuan: String(r.rent_yuan ?? "0.00"),
    share: text(r, "share"),
    basis: text(r, "basis"),
    note: text(r, "note"),
    leadDeptName: text(r, "lead_dept_name"),
    duty: text(r, "duty"),
  }), missing);
  // Project-years the city bears in full are many (every project with any cloud bill): the page lists the largest
  // and states the count and total of all of them.
  const cityOnly = lines.filter((l) => !l.allocable);
  view.allocation = [...lines.filter((l) => l.allocable), ...cityOnly.slice(0, CITY_ONLY_LISTED)];
  view.cityOnly = { projects: new Set(cityOnly.map((l) => l.projectId)).size, rentYuan: sumYuan(cityOnly.map((l) => l.amountYuan)) };

  view.countyYear = await settle("pages/finance-county-year", q.countyYear, (r): CountyYear => ({
    countyCode: String(r.county_code),
    countyName: String(r.county_name ?? r.county_code),
    owedYuan: text(r, "owed_yuan"),
    settledYuan: text(r, "settled_yuan"),
    outstandingYuan: text(r, "outstanding_yuan"),
    projects: Number(r.projects ?? 0),
  }), missing);

  view.allocationErrors = await settle("pages/finance-allocation-errors", q.errors, (r): AllocationError => ({
    projectId: String(r.project_id),
    projectName: String(r.project_name),
    deptName: text(r, "dept_name"),
    countyCode: text(r, "county_code"),
    message: String(r.message),
    rentYuan: text(r, "rent_yuan"),
  }), missing);
  return view;
}
