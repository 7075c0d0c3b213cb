// The product end to end on the generated sample: the generator's own manifest of planted violations against the
// compliance engine (both ways, to the year), the county allocation against the bills to the fen, and the load
// bookkeeping. The warehouse was built by the real generator and the real ETL (test/support/global-setup.ts).
//
// One expectation the generator cannot write: it does not grade (scoring.md), so a project-year the product grades
// 差 that has no rectification order — due under Art. 34, hence ART34_RECTIFICATION_OPEN (docs/rules.md) — is
// expected from the warehouse's own int_rectification_due (table `graded`). Missed targets, which the generator does
// know, are in its manifest. The comparison stays exact both ways against manifest ∪ graded.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openWarehouse, query, type Row, type Warehouse } from "../../etl/db.js";
import { checkIntegrity } from "../../etl/warehouse/integrity.js";

describe.skipIf(!inject("sampleDb"))("the generated sample warehouse", () => {
  let wh: Warehouse;
  const q = (sql: string, params?: Record<string, string>): Promise<Row[]> => query(wh.conn, sql, params);

  beforeAll(async () => {
    wh = await openWarehouse(inject("sampleDb"), { access_mode: "READ_ONLY" });
    const manifest = path.join(inject("sampleInbox"), "_generator", "violations.csv");
    await wh.conn.run("CREATE TEMP TABLE manifest AS SELECT project_id, year::INTEGER AS year, rule_id FROM read_csv($f, all_varchar = true)", { f: manifest });
    const nearMiss = path.join(inject("sampleInbox"), "_generator", "near_misses.csv");
    await wh.conn.run("CREATE TEMP TABLE near_miss AS SELECT * FROM read_csv($f, all_varchar = true)", { f: nearMiss });
    await wh.conn.run(`
      CREATE TEMP TABLE graded AS
      SELECT d.project_id, d.year, 'ART34_RECTIFICATION_OPEN' AS rule_id
      FROM int_rectification_due d
      WHERE d.poor_grade AND d.missed_targets = 0
        AND NOT EXISTS (SELECT 1 FROM stg_rectifications r, meta_build b
                        WHERE r.project_id = d.project_id AND r.year = d.year AND r.ordered_on <= b.as_of)`);
    await wh.conn.run("CREATE TEMP TABLE expected AS SELECT * FROM manifest UNION SELECT * FROM graded");
  });
  afterAll(() => wh?.close());

  it("passes its integrity checks, with nothing rejected from the clean sample", async () => {
    expect(await checkIntegrity(wh.conn)).toEqual([]);
    const [t] = await q("SELECT sum(rows_read)::BIGINT AS r, sum(rows_loaded)::BIGINT AS l, sum(rows_rejected)::BIGINT AS j FROM etl_batches");
    expect(Number(t.r)).toBeGreaterThan(1_000_000);
    expect(t.j).toBe("0");
    expect(t.r).toBe(t.l);
  });

  it("flags every planted violation, to the project, rule and year", async () => {
    const missing = await q(
      "SELECT * FROM expected m ANTI JOIN mart_flags f ON f.project_id = m.project_id AND f.rule_id = m.rule_id AND f.year = m.year ORDER BY ALL",
    );
    expect(missing).toEqual([]);
  });

  it("flags nothing that was not planted: clean projects stay clean", async () => {
    const extra = await q(
      "SELECT DISTINCT f.project_id, f.year, f.rule_id FROM mart_flags f ANTI JOIN expected m ON f.project_id = m.project_id AND f.rule_id = m.rule_id AND f.year = m.year ORDER BY ALL",
    );
    expect(extra).toEqual([]);
  });

  it("raises one ART34_RECTIFICATION_OPEN for every due project-year without an order, naming why", async () => {
    const due = await q(`
      SELECT d.project_id, d.year, d.reason, count(f.flag_id)::INTEGER AS flags,
             bool_and(contains(f.evidence, d.reason) AND contains(f.evidence, '尚无整改通知下达记录')) AS says_why
      FROM int_rectification_due d
      CROSS JOIN meta_build b
      LEFT JOIN mart_flags f ON f.project_id = d.project_id AND f.year = d.year AND f.rule_id = 'ART34_RECTIFICATION_OPEN'
      WHERE NOT EXISTS (SELECT 1 FROM stg_rectifications r
                        WHERE r.project_id = d.project_id AND r.year = d.year AND r.ordered_on <= b.as_of)
      GROUP BY ALL ORDER BY ALL`);
    for (const d of due) expect(d).toMatchObject({ flags: 1, says_why: true });
  });

  it("has at least three planted projects for every rule id, and every rule fires", async () => {
    const rules = await q("SELECT rule_id, count(DISTINCT project_id)::INTEGER AS n FROM mart_flags GROUP BY ALL ORDER BY rule_id");
    expect(rules.length).toBe(26);
    for (const r of rules) expect(r.n).toBeGreaterThanOrEqual(3);
  });

  it("raises no flag on the near-miss cases (on time across holidays and make-up working days)", async () => {
    const cols = (await q("SELECT column_name FROM (DESCRIBE near_miss)")).map((r) => r.column_name);
    expect(cols).toContain("project_id");
    expect(cols).toContain("rule_id");
    const [{ n }] = await q("SELECT count(*)::INTEGER AS n FROM near_miss");
    expect(n).toBeGreaterThan(10);
    const flagged = await q("SELECT n.* FROM near_miss n SEMI JOIN mart_flags f ON f.project_id = n.project_id AND f.rule_id = n.rule_id");
    expect(flagged).toEqual([]);
  });

  it("allocates every yuan billed exactly once, to the fen", async () => {
    const [r] = await q(`
      SELECT (SELECT sum(billed_cost) FROM stg_cloud_billing)::DECIMAL(18,2) AS billed,
             (SELECT sum(amount_yuan) FROM mart_allocation) AS allocated,
             (SELECT coalesce(sum(rent_yuan), 0) FROM (SELECT DISTINCT project_id, year, rent_yuan FROM int_allocation_errors)) AS unallocated`);
    expect(r.unallocated).toBe("0.00");
    expect(r.allocated).toBe(r.billed);
  });

  it("splits a city-wide system above 5 M yuan among the six counties", async () => {
    const rows = await q(`
      SELECT project_id, year, basis, count(*)::INTEGER AS parts, sum(amount_yuan) AS total, any_value(rent_yuan) AS rent
      FROM mart_allocation WHERE allocable GROUP BY ALL ORDER BY ALL`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.total).toBe(r.rent);
      expect(r.parts).toBeGreaterThanOrEqual(6);
    }
    expect(new Set(rows.map((r) => r.basis)).size).toBeGreaterThanOrEqual(2); // both 民生 and 审批监管 are exercised
  });

  it("suspends O&M funds exactly where an Art. 30 or Art. 34 failure holds", async () => {
    const bad = await q(`
      SELECT s.project_id, s.year FROM mart_fund_status s
      WHERE s.om_status = 'suspended'
        AND NOT list_has_any(s.rule_ids, ['ART30_CATALOG_LATE', 'ART30_DATA_STALE', 'ART34_RECTIFICATION_FAILED'])`);
    expect(bad).toEqual([]);
    const [{ n }] = await q("SELECT count(DISTINCT project_id)::INTEGER AS n FROM mart_fund_status WHERE om_status = 'suspended'");
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it("scores projects in use and grades them on all four grades' scale", async () => {
    const grades = await q("SELECT grade, count(*)::INTEGER AS n FROM int_project_score WHERE grade IS NOT NULL GROUP BY ALL ORDER BY grade");
    expect(grades.length).toBeGreaterThanOrEqual(3);
    const [{ bad }] = await q(`
      SELECT count(*)::INTEGER AS bad FROM int_project_score
      WHERE grade <> CASE WHEN total_score >= 90 THEN '优' WHEN total_score >= 80 THEN '良' WHEN total_score >= 60 THEN '中' ELSE '差' END`);
    expect(bad).toBe(0);
  });

  it("has one row per key in every mart", async () => {
    const keys: [string, string][] = [
      ["mart_project_year", "project_id, year"],
      ["mart_fund_status", "project_id, year"],
      ["mart_department_year", "dept_code, year"],
      ["mart_scores", "project_id, year, dimension"],
      ["mart_indicators", "project_id, year, indicator"],
      ["mart_allocation", "project_id, year, county_code"],
      ["mart_flags", "flag_id"],
    ];
    for (const [table, key] of keys) {
      const [{ dup }] = await q(`SELECT count(*)::INTEGER AS dup FROM (SELECT ${key} FROM ${table} GROUP BY ALL HAVING count(*) > 1)`);
      expect({ table, dup }).toEqual({ table, dup: 0 });
    }
  });
});
