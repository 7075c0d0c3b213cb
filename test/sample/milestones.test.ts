// mart_project_milestones on the generated sample (test/support/global-setup.ts): the life line's deadlines are the
// compliance engine's deadlines — the same due date for the same event in mart_flags and in the milestones mart, a
// flag behind every late or missing milestone and a milestone behind every deadline flag — the generator's near
// misses (done on the last working day) read as met, and the page model and the data API serve the mart.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openWarehouse, query, type Row, type Warehouse } from "../../etl/db.js";
import { readCatalog } from "../../app/export/catalog.server";
import { buildExportQuery, parseExportRequest } from "../../app/export/request.server";
import { RELATION_KEY_COLUMNS } from "../../app/export/labels";
import { getProjectDossier } from "~/models/project.server";
import { ALL_DEPARTMENTS } from "~/models/scope.server";

/** The flags that judge a milestone's deadline, and the stage each belongs to. */
const DEADLINE_RULES: Record<string, string[]> = {
  ART16_CONTRACT_FILING_LATE: ["contract_filing"],
  ART19_ACCEPTANCE_FILING_LATE: ["acceptance_filing"],
  ART30_CATALOG_LATE: ["catalog"],
  ART34_RECTIFICATION_FAILED: ["rectification"],
  ART34_RECTIFICATION_OPEN: ["rectification"],
  ART18_CLOUD_NOT_RELEASED: ["cloud_release", "shutdown_backup"],
};
const RULE_LIST = Object.keys(DEADLINE_RULES).map((r) => `'${r}'`).join(", ");

describe.skipIf(!inject("sampleDb"))("mart_project_milestones on the sample warehouse", () => {
  let wh: Warehouse;
  const q = (sql: string, params?: Record<string, string | number | null>): Promise<Row[]> => query(wh.conn, sql, params);

  beforeAll(async () => {
    process.env.WAREHOUSE = inject("sampleDb");
    wh = await openWarehouse(inject("sampleDb"), { access_mode: "READ_ONLY" });
    const nearMiss = path.join(inject("sampleInbox"), "_generator", "near_misses.csv");
    await wh.conn.run("CREATE TEMP TABLE near_miss AS SELECT * FROM read_csv($f, all_varchar = true)", { f: nearMiss });
  });
  afterAll(() => {
    wh?.close();
    delete process.env.WAREHOUSE;
  });

  it("has one row per project × stage × record, for projects of dim_project, as of the build's date", async () => {
    const [r] = await q(`
      SELECT count(*)::INTEGER AS n,
             count(DISTINCT (project_id, stage, record_ref))::INTEGER AS keys,
             count(*) FILTER (WHERE status NOT IN ('met', 'late', 'open', 'missing', 'done', 'pending'))::INTEGER AS bad_status,
             count(*) FILTER (WHERE as_of IS DISTINCT FROM (SELECT as_of FROM meta_build))::INTEGER AS bad_as_of,
             count(*) FILTER (WHERE project_id NOT IN (SELECT project_id FROM dim_project))::INTEGER AS orphans
      FROM mart_project_milestones`);
    expect(r).toMatchObject({ keys: r.n, bad_status: 0, bad_as_of: 0, orphans: 0 });
    expect(r.n).toBeGreaterThan(2000);
    const stages = await q("SELECT DISTINCT stage FROM mart_project_milestones ORDER BY 1");
    expect(stages.map((s) => s.stage)).toEqual([
      "acceptance_filing", "application", "catalog", "cloud_release", "contract_filing", "go_live", "rectification", "shutdown_backup",
    ]);
  });

  it("keeps its statuses consistent with its dates", async () => {
    const bad = await q(`
      SELECT project_id, stage, record_ref, status, due_date, done_date, as_of FROM mart_project_milestones
      WHERE (status = 'met' AND (done_date IS NULL OR done_date > due_date))
         OR (status = 'late' AND (done_date IS NULL OR done_date <= due_date OR days_late < 1))
         OR (status = 'open' AND (done_date IS NOT NULL OR due_date < as_of))
         OR (status = 'missing' AND (done_date IS NOT NULL OR due_date >= as_of AND stage NOT IN ('cloud_release', 'shutdown_backup', 'rectification')))
         OR (status IN ('done', 'pending') AND due_date IS NOT NULL)
         OR done_date > as_of OR event_date > as_of
      LIMIT 10`);
    expect(bad).toEqual([]);
  });

  it("shows the same due date as mart_flags for the same event, for every deadline flag", async () => {
    const rows = await q(`
      SELECT f.flag_id, f.rule_id, f.event_date AS flag_event, f.due_date AS flag_due,
             m.flag_id AS linked, m.stage, m.event_date, m.due_date, m.status
      FROM mart_flags f
      LEFT JOIN mart_project_milestones m USING (flag_id)
      WHERE f.rule_id IN (${RULE_LIST})
        -- an OPEN for a project-year due a rectification with no order on record (docs/rules.md Art. 34) has no
        -- order and no deadline, so no milestone: it is not a deadline flag
        AND NOT (f.rule_id = 'ART34_RECTIFICATION_OPEN' AND f.due_date IS NULL)
      ORDER BY f.flag_id`);
    expect(rows.length).toBeGreaterThan(20);
    const disagree = rows.filter(
      (r) =>
        r.linked === null ||
        !DEADLINE_RULES[String(r.rule_id)].includes(String(r.stage)) ||
        r.event_date !== r.flag_event ||
        // Art. 18 sets no number of days: the flag has no due date, the milestone's is the shutdown day (its event)
        (r.rule_id === "ART18_CLOUD_NOT_RELEASED" ? r.flag_due !== null || r.due_date !== r.event_date : r.due_date !== r.flag_due) ||
        (r.rule_id === "ART34_RECTIFICATION_OPEN" ? !["open", "met", "pending"].includes(String(r.status)) : !["late", "missing"].includes(String(r.status))),
    );
    expect(disagree).toEqual([]);
  });

  it("has a flag behind every late or missing milestone", async () => {
    const unflagged = await q(`
      SELECT m.project_id, m.stage, m.record_ref, m.status, m.flag_id FROM mart_project_milestones m
      WHERE m.status IN ('late', 'missing') AND (m.flag_id IS NULL OR m.flag_id NOT IN (SELECT flag_id FROM mart_flags))`);
    expect(unflagged).toEqual([]);
    const [{ n }] = await q("SELECT count(*)::INTEGER AS n FROM mart_project_milestones WHERE status IN ('late', 'missing')");
    expect(n).toBeGreaterThan(10);
  });

  it("reads the generator's near misses — done on the last working day, across holidays — as met", async () => {
    const rows = await q(`
      SELECT n.project_id, n.rule_id, m.stage, m.status, m.due_date, m.done_date
      FROM near_miss n JOIN mart_project_milestones m USING (project_id)
      WHERE n.rule_id IN (${RULE_LIST})`);
    const relevant = rows.filter((r) => DEADLINE_RULES[String(r.rule_id)].includes(String(r.stage)));
    expect(new Set(relevant.map((r) => r.project_id)).size).toBeGreaterThanOrEqual(8);
    expect(relevant.filter((r) => r.status !== "met")).toEqual([]);
    // the on-the-day cases: done exactly on the deadline
    const onTheDay = relevant.filter((r) => r.rule_id !== "ART18_CLOUD_NOT_RELEASED" && r.done_date === r.due_date);
    expect(new Set(onTheDay.map((r) => r.project_id)).size).toBeGreaterThanOrEqual(6);
  });

  it("reaches the project page: the dossier carries the milestones in stage order", async () => {
    const [late] = await q(`
      SELECT project_id FROM mart_project_milestones WHERE status = 'late' AND stage = 'contract_filing' ORDER BY project_id LIMIT 1`);
    const d = (await getProjectDossier({ projectId: String(late.project_id) }, ALL_DEPARTMENTS))!;
    expect(d.milestonesAvailable).toBe(true);
    const expected = await q(
      "SELECT stage, record_ref, due_date, status, workdays_late FROM mart_project_milestones WHERE project_id = $p ORDER BY stage_seq, event_date, record_ref",
      { p: String(late.project_id) },
    );
    expect(d.milestones.map((m) => [m.stage, m.recordRef, m.dueDate, m.status, m.workdaysLate])).toEqual(
      expected.map((r) => [r.stage, r.record_ref, r.due_date, r.status, r.workdays_late]),
    );
    const contract = d.milestones.find((m) => m.stage === "contract_filing" && m.status === "late")!;
    expect(contract.flagId).toMatch(/^ART16_CONTRACT_FILING_LATE:/);
    expect(d.flags.map((f) => f.flagId)).toContain(contract.flagId);
  });

  it("is a public relation the data API serves with year and department filters, scoped to a department", async () => {
    const catalog = await readCatalog(wh.conn);
    const rel = catalog.get("mart_project_milestones")!;
    expect(rel).toBeDefined();
    const keyCols = rel.columns.map((c) => c.name).filter((c) => ["project_id", "dept_code", "year"].includes(c));
    expect([...(RELATION_KEY_COLUMNS as Record<string, readonly string[]>).mart_project_milestones].sort()).toEqual(keyCols.sort());

    const [some] = await q("SELECT dept_code, year FROM mart_project_milestones WHERE year IS NOT NULL ORDER BY project_id LIMIT 1");
    const req = parseExportRequest(rel, new URLSearchParams({ year: String(some.year), dept: String(some.dept_code), format: "csv" }));
    const scoped = buildExportQuery({ ...req, scope: { dept: String(some.dept_code) } });
    const got = await q(scoped.sql, scoped.params as Record<string, string | number | null>);
    const [{ n }] = await q("SELECT count(*)::INTEGER AS n FROM mart_project_milestones WHERE year = $y AND dept_code = $d", {
      y: Number(some.year),
      d: String(some.dept_code),
    });
    expect(got).toHaveLength(Number(n));
    expect(got.every((r) => r.dept_code === some.dept_code && r.year === some.year)).toBe(true);
  });
});
