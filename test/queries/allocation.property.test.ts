// Property: for any rent in fen and any populations (or county count), the largest-remainder parts written by the
// real queries/allocation/*.sql are non-negative, add up to the rent exactly, and are exactly the parts an
// independent BigInt implementation of the method gives (ties to the lower code, the city first).
// Many random cases share one warehouse per run: each case gets its own year (two apart: a county reported in year X
// is expected again in X+1) and its own county codes, so the cases cannot see each other's population.
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSqlFile } from "../../etl/db.js";
import { martFiles } from "../../etl/warehouse/marts.js";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";

const FIRST_POP_YEAR = 2000;
const THRESHOLD_FEN = 500_000_000n; // 5,000,000.00 yuan (Art. 23)
const MAX_FEN = 99_999_999_999_999n; // stg_cloud_billing.billed_cost is DECIMAL(18,6): below 10^12 yuan
const SHARE_UNITS = 10_000_000_000n; // share is DECIMAL(12,10)

type Kind = "民生" | "审批监管" | "不分摊";
interface Case {
  kind: Kind;
  populations: number[]; // one per county; county k of case i has code 9{iii}{kk}
  rents: { billed: bigint; effective: bigint }[];
}

const populationArb = fc.oneof(
  fc.integer({ min: 0, max: 20_000_000 }),
  fc.constantFrom(0, 1, 7, 100_000, 100_000), // equal populations make equal remainders: ties
);
const allocableFen = fc.oneof(
  fc.bigInt({ min: THRESHOLD_FEN, max: MAX_FEN }),
  fc.bigInt({ min: THRESHOLD_FEN, max: THRESHOLD_FEN + 10_000n }),
);
const effectiveFen = fc.oneof(fc.bigInt({ min: -1_000_000_000n, max: MAX_FEN }), fc.constant(0n));

const caseArb: fc.Arbitrary<Case> = fc.oneof(
  fc.record({
    kind: fc.constantFrom<Kind>("民生", "审批监管"),
    populations: fc.array(populationArb, { minLength: 1, maxLength: 10 }),
    rents: fc.array(fc.record({ billed: allocableFen, effective: effectiveFen }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant<Kind>("不分摊"),
    populations: fc.constant<number[]>([1]),
    rents: fc.array(
      fc.record({ billed: fc.bigInt({ min: -100_000_000n, max: THRESHOLD_FEN - 1n }), effective: effectiveFen }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

const countyCode = (i: number, k: number) => `9${String(i).padStart(3, "0")}${String(k).padStart(2, "0")}`;
const projectId = (i: number, j: number) => `Q-${i}-${j}`;

/** Fen as a yuan literal with two decimals, sign included. */
function yuan(fen: bigint): string {
  const sign = fen < 0n ? "-" : "";
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** Largest remainder, written independently of the SQL: parts in the order of `keys`. */
function largestRemainder(total: bigint, weights: bigint[], keys: string[]): bigint[] {
  const W = weights.reduce((a, b) => a + b, 0n);
  const floors = weights.map((w) => floorDiv(total * w, W));
  const rems = weights.map((w, i) => total * w - floors[i] * W);
  let leftover = total - floors.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (rems[a] === rems[b] ? (keys[a] < keys[b] ? -1 : 1) : rems[a] > rems[b] ? -1 : 1));
  const parts = [...floors];
  for (const i of order) {
    if (leftover <= 0n) break;
    parts[i] += 1n;
    leftover -= 1n;
  }
  return parts;
}

/** The parties of a case in tie order (the city first, then codes ascending) with their integer weights. */
function parties(i: number, c: Case): { code: string; weight: bigint }[] {
  const counties = c.populations.map((p, k) => ({ code: countyCode(i, k), pop: BigInt(p) }));
  if (c.kind === "民生") return counties.map((x) => ({ code: x.code, weight: x.pop }));
  if (c.kind === "审批监管") {
    const n = BigInt(counties.length);
    return [{ code: "CITY", weight: 4n * n }, ...counties.map((x) => ({ code: x.code, weight: 6n }))];
  }
  return [{ code: "CITY", weight: 1n }];
}

async function buildAllocation(wh: TestWarehouse): Promise<void> {
  for (const file of await martFiles()) {
    const stage = path.basename(path.dirname(file));
    if (stage === "reference" || stage === "allocation") await runSqlFile(wh.conn, file);
  }
}

async function checkCases(cases: Case[]): Promise<void> {
  const wh = await createTestWarehouse({ asOf: "2199-12-31" });
  try {
    for (const [i, c] of cases.entries()) {
      const popYear = FIRST_POP_YEAR + 2 * i;
      if (c.kind !== "不分摊") {
        await wh.insert(
          "stg_population",
          c.populations.map((p, k) => ({
            county_code: countyCode(i, k), county_name: `区县${i}-${k}`, year: popYear, population: p,
          })),
        );
      }
      for (const [j, r] of c.rents.entries()) {
        const id = projectId(i, j);
        await wh.insert("stg_projects", [
          {
            project_id: id, name: id, dept_code: "D", dept_name: "部门", apply_year: popYear, apply_date: `${popYear}-01-01`,
            kind: "运行维护", alloc_class: c.kind === "不分摊" ? "审批监管" : c.kind, city_wide: true, lead_dept_code: "D",
          },
        ]);
        await wh.insertBills([
          {
            charge_period_start: `${popYear}-12-31 16:00:00`, // Beijing day 1 January of the rent year
            charge_period_end: `${popYear + 1}-01-01 16:00:00`,
            charge_category: "Usage", billed_cost: yuan(r.billed), effective_cost: yuan(r.effective),
            billing_currency: "CNY", resource_id: `R-${id}`, project_id: id,
            charge_date: `${popYear + 1}-01-01`, source_file: "cloud_billing/property.csv",
          },
        ]);
      }
    }
    await buildAllocation(wh);

    const rows = await wh.query(
      `SELECT project_id, year, county_code,
              (amount_yuan * 100)::HUGEINT::VARCHAR AS fen,
              (effective_amount_yuan * 100)::HUGEINT::VARCHAR AS effective_fen,
              (share * 10000000000)::HUGEINT::VARCHAR AS share_units
       FROM mart_allocation ORDER BY project_id, year, county_code <> 'CITY', county_code`,
    );
    const byProject = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = `${r.project_id}|${r.year}`;
      byProject.set(key, [...(byProject.get(key) ?? []), r]);
    }
    const errors = new Set(
      (await wh.query("SELECT DISTINCT project_id, year FROM int_allocation_errors")).map(
        (e) => `${e.project_id}|${e.year}`,
      ),
    );

    for (const [i, c] of cases.entries()) {
      const year = FIRST_POP_YEAR + 2 * i + 1;
      const ps = parties(i, c);
      const weights = ps.map((p) => p.weight);
      const keys = ps.map((p, k) => `${String(k).padStart(3, "0")}`); // already in tie order
      for (const [j, r] of c.rents.entries()) {
        const key = `${projectId(i, j)}|${year}`;
        const got = byProject.get(key) ?? [];
        if (c.kind === "民生" && weights.every((w) => w === 0n)) {
          // no population at all: an error row, and no partial allocation
          expect(got, key).toEqual([]);
          expect(errors.has(key), key).toBe(true);
          continue;
        }
        expect(errors.has(key), key).toBe(false);
        expect(got.map((g) => g.county_code), key).toEqual(ps.map((p) => p.code));
        const fen = got.map((g) => BigInt(g.fen as string));
        expect(fen, key).toEqual(largestRemainder(r.billed, weights, keys));
        expect(fen.reduce((a, b) => a + b, 0n), key).toBe(r.billed);
        if (r.billed >= 0n) expect(fen.every((f) => f >= 0n), key).toBe(true);
        const effective = got.map((g) => BigInt(g.effective_fen as string));
        expect(effective, key).toEqual(largestRemainder(r.effective, weights, keys));
        const shares = got.map((g) => BigInt(g.share_units as string));
        expect(shares, key).toEqual(largestRemainder(SHARE_UNITS, weights, keys));
        expect(shares.reduce((a, b) => a + b, 0n), key).toBe(SHARE_UNITS);
      }
    }
  } finally {
    wh.close();
  }
}

describe("largest-remainder allocation (property)", () => {
  it("gives every fen to exactly one party, non-negative, by the largest remainders", async () => {
    // fixed cases first: the largest rent times the largest population overflows BIGINT (needs HUGEINT), and
    // six equal populations tie on every remainder
    const fixed: Case[] = [
      { kind: "民生", populations: [20_000_000, 19_999_999, 3], rents: [{ billed: MAX_FEN, effective: MAX_FEN - 1n }] },
      { kind: "民生", populations: [5, 5, 5, 5, 5, 5], rents: [{ billed: THRESHOLD_FEN + 5n, effective: 1n }] },
      { kind: "审批监管", populations: [1, 1, 1, 1, 1, 1, 1], rents: [{ billed: THRESHOLD_FEN + 1n, effective: -7n }] },
      { kind: "民生", populations: [0, 0], rents: [{ billed: THRESHOLD_FEN, effective: 0n }] },
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 10, maxLength: 30 }), (cases) => checkCases(cases)),
      { numRuns: 6, examples: [[fixed]] },
    );
  }, 240_000);
});
