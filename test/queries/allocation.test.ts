// County cost allocation of government-cloud rent (Art. 23, 25; ../shared/spec/allocation.md) on a real DuckDB
// warehouse running the real queries/reference and queries/allocation scripts.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSqlFile } from "../../etl/db.js";
import { martFiles } from "../../etl/warehouse/marts.js";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";

// Shaoxing's six county-level divisions, in code order.
const COUNTIES: [string, string][] = [
  ["330602", "越城区"],
  ["330603", "柯桥区"],
  ["330604", "上虞区"],
  ["330624", "新昌县"],
  ["330681", "诸暨市"],
  ["330683", "嵊州市"],
];
const XINCHANG = "330624";

/** Runs the stages allocation depends on (reference) and allocation itself, from the real .sql files. The later
 *  stages belong to other issues and do not feed allocation. */
async function buildAllocation(wh: TestWarehouse): Promise<void> {
  for (const file of await martFiles()) {
    const stage = path.basename(path.dirname(file));
    if (stage === "reference" || stage === "allocation") await runSqlFile(wh.conn, file);
  }
}

interface ProjectSpec {
  id: string;
  allocClass: string | null;
  cityWide: boolean | null;
  /** [ChargePeriodStart in UTC, BilledCost, EffectiveCost] */
  charges: [string, string, string?][];
}

/** The Beijing (UTC+8, no DST since 1991) calendar day of a UTC timestamp — what the loader stores as charge_date. */
function beijingDay(utc: string): string {
  return new Date(Date.parse(`${utc.replace(" ", "T")}Z`) + 8 * 3600_000).toISOString().slice(0, 10);
}

async function insertProject(wh: TestWarehouse, p: ProjectSpec, registered = true): Promise<void> {
  if (registered) {
    await wh.insert("stg_projects", [
      {
        project_id: p.id,
        name: `测试项目 ${p.id}`,
        dept_code: "D-DSJ",
        dept_name: "市大数据局",
        apply_year: 2022,
        apply_date: "2022-03-01",
        kind: "新建",
        alloc_class: p.allocClass,
        city_wide: p.cityWide,
        lead_dept_code: "D-LEAD",
      },
    ]);
  }
  let n = 0;
  for (const [start, billed, effective] of p.charges) {
    const end = new Date(Date.parse(`${start.replace(" ", "T")}Z`) + 86_400_000).toISOString();
    await wh.insertBills([
      {
        charge_period_start: start,
        charge_period_end: end.slice(0, 19).replace("T", " "),
        charge_category: "Usage",
        billed_cost: billed,
        effective_cost: effective ?? billed,
        billing_currency: "CNY",
        resource_id: `R-${p.id}-${n++}`,
        project_id: p.id,
        charge_date: beijingDay(start),
        source_file: "cloud_billing/test.csv",
      },
    ]);
  }
}

/** One Beijing day of year Y, well inside the year. */
const day = (year: number) => `${year}-06-30 16:00:00`;

type Alloc = { county_code: string; share: string; amount_yuan: string; basis: string; note: string | null };

describe("county cost allocation (Art. 23)", () => {
  let wh: TestWarehouse;

  const allocation = async (projectId: string, year: number) =>
    (await wh.query(
      `SELECT county_code, county_name, share::VARCHAR AS share, amount_yuan::VARCHAR AS amount_yuan,
              effective_amount_yuan::VARCHAR AS effective_amount_yuan, rent_yuan::VARCHAR AS rent_yuan,
              allocable, alloc_class, basis, note, rounding_fen
       FROM mart_allocation WHERE project_id = $p AND year = $y
       ORDER BY county_code <> 'CITY', county_code`,
      { p: projectId, y: year },
    )) as (Alloc & Record<string, unknown>)[];

  beforeAll(async () => {
    wh = await createTestWarehouse({ asOf: "2025-12-31" });

    // Population (常住人口) per year. 2021: five divisions (新昌县 not yet reported — its rows start in 2022, so it is
    // not expected in 2021). 2022: six. 2023: the worked example's 100…600 thousand in code order. 2024: 新昌县 missing
    // although it was reported in 2023 → an error for 2025 rent.
    const pop: Record<string, unknown>[] = [];
    COUNTIES.forEach(([code, name], i) => {
      if (code !== XINCHANG) pop.push({ county_code: code, county_name: name, year: 2021, population: 500_000 + i });
      pop.push({ county_code: code, county_name: name, year: 2022, population: 400_000 + i * 1000 });
      pop.push({ county_code: code, county_name: name, year: 2023, population: (i + 1) * 100_000 });
      if (code !== XINCHANG) pop.push({ county_code: code, county_name: name, year: 2024, population: 700_000 });
    });
    await wh.insert("stg_population", pop as never);

    const projects: ProjectSpec[] = [
      // worked example: regulatory 6,000,000.00 billed in 2024, split over several days and rows
      { id: "P-REG-6M", allocClass: "审批监管", cityWide: true,
        charges: [["2024-01-09 16:00:00", "2000000.000000", "1900000.000000"], ["2024-05-01 16:00:00", "3999999.995000"],
                  ["2024-07-01 16:00:00", "0.005000"]] },
      // worked example: livelihood 5,000,000.00 billed in 2024, shared by 2023 population
      { id: "P-LIV-5M", allocClass: "民生", cityWide: true, charges: [[day(2024), "5000000.000000", "4800000.000000"]] },
      // threshold edge: one fen below vs exactly 500 万元
      { id: "P-EDGE-BELOW", allocClass: "审批监管", cityWide: true, charges: [[day(2024), "4999999.990000"]] },
      { id: "P-EDGE-AT", allocClass: "审批监管", cityWide: true, charges: [[day(2024), "5000000.000000"]] },
      // not city-wide, well above the threshold
      { id: "P-LOCAL", allocClass: "民生", cityWide: false, charges: [[day(2024), "8000000.000000"]] },
      // city-wide but neither 民生 nor 审批监管
      { id: "P-OTHER", allocClass: "其他", cityWide: true, charges: [[day(2024), "8000000.000000"]] },
      // 2022 rent is split over the 2021 list, which has five counties
      { id: "P-REG-FIVE", allocClass: "审批监管", cityWide: true, charges: [[day(2022), "5000000.030000"]] },
      // six counties, 6,000,000.05: every county's remainder is equal; the 3 leftover fen go to the 3 lowest codes
      { id: "P-REG-TIE", allocClass: "审批监管", cityWide: true, charges: [[day(2024), "6000000.050000"]] },
      // 2025 rent needs 2024 population, where 新昌县 is missing
      { id: "P-LIV-MISSING", allocClass: "民生", cityWide: true, charges: [[day(2025), "7000000.000000"]] },
      { id: "P-REG-MISSING", allocClass: "审批监管", cityWide: true, charges: [[day(2025), "7000000.000000"]] },
      // Beijing-day boundary: 2023-12-30T16:00Z is Beijing 2023-12-31 (2023); 2023-12-31T16:00Z is Beijing
      // 2024-01-01 and carries this project's 2024 rent to the threshold
      { id: "P-BOUNDARY", allocClass: "审批监管", cityWide: true,
        charges: [["2023-12-30 16:00:00", "1.000000"], ["2023-12-31 16:00:00", "1.000000"],
                  ["2024-03-01 16:00:00", "4999999.000000"]] },
      // credits can make an out-of-scope year negative: still one CITY line, exactly the total
      { id: "P-CREDIT", allocClass: "民生", cityWide: true,
        charges: [[day(2024), "100.000000"], ["2024-08-01 16:00:00", "-250.555000"]] },
    ];
    for (const p of projects) await insertProject(wh, p);
    // a bill tagged with a project id the application module does not know
    await insertProject(wh, { id: "P-UNKNOWN", allocClass: null, cityWide: null, charges: [[day(2024), "12.340000"]] }, false);

    await buildAllocation(wh);
  });
  afterAll(() => wh.close());

  it("splits the worked example's regulatory project 4 : 6, 10 % per county", async () => {
    const rows = await allocation("P-REG-6M", 2024);
    expect(rows.map((r) => [r.county_code, r.share, r.amount_yuan])).toEqual([
      ["CITY", "0.4000000000", "2400000.00"],
      ...COUNTIES.map(([code]) => [code, "0.1000000000", "600000.00"]),
    ]);
    expect(rows.every((r) => r.basis === "市县4:6" && r.note === null && r.allocable === true)).toBe(true);
    expect(rows[0].rent_yuan).toBe("6000000.00");
    expect(rows[1].county_name).toBe("越城区");
    // the amortised view is split the same way and adds up to its own total
    // (1,900,000.00 + 3,999,999.995 + 0.005 = 5,900,000.00 effective)
    expect(rows.map((r) => r.effective_amount_yuan)).toEqual(["2360000.00", ...COUNTIES.map(() => "590000.00")]);
  });

  it("splits the worked example's livelihood project by 2023 population to the fen", async () => {
    const rows = await allocation("P-LIV-5M", 2024);
    expect(rows.map((r) => [r.county_code, r.amount_yuan])).toEqual([
      ["330602", "238095.24"],
      ["330603", "476190.48"],
      ["330604", "714285.71"],
      ["330624", "952380.95"],
      ["330681", "1190476.19"],
      ["330683", "1428571.43"],
    ]);
    expect(rows.map((r) => r.share)).toEqual([
      "0.0476190476", "0.0952380952", "0.1428571429", "0.1904761905", "0.2380952381", "0.2857142857",
    ]);
    expect(rows.map((r) => r.rounding_fen)).toEqual([1, 1, 0, 0, 0, 1]);
    expect(rows.every((r) => r.basis === "按上年常住人口")).toBe(true);
    expect(rows[0].note).toBe("按 2023 年常住人口：本区县 100,000 人，合计 2,100,000 人");
    const [sum] = await wh.query(
      `SELECT sum(amount_yuan)::VARCHAR AS amount, sum(share)::VARCHAR AS share,
              sum(effective_amount_yuan)::VARCHAR AS effective
       FROM mart_allocation WHERE project_id = 'P-LIV-5M' AND year = 2024`,
    );
    expect(sum).toEqual({ amount: "5000000.00", share: "1.0000000000", effective: "4800000.00" });
  });

  it("keeps 4,999,999.99 with the city and allocates 5,000,000.00", async () => {
    const below = await allocation("P-EDGE-BELOW", 2024);
    expect(below).toHaveLength(1);
    expect(below[0]).toMatchObject({
      county_code: "CITY", county_name: "市本级", share: "1.0000000000", amount_yuan: "4999999.99",
      allocable: false, basis: "未达500万元",
    });
    expect(below[0].note).toContain("4999999.99");
    const at = await allocation("P-EDGE-AT", 2024);
    expect(at.map((r) => [r.county_code, r.amount_yuan])).toEqual([
      ["CITY", "2000000.00"],
      ...COUNTIES.map(([code]) => [code, "500000.00"]),
    ]);
  });

  it("keeps a system that is not city-wide with the city, whatever its rent", async () => {
    const rows = await allocation("P-LOCAL", 2024);
    expect(rows).toEqual([
      expect.objectContaining({ county_code: "CITY", amount_yuan: "8000000.00", allocable: false, basis: "非全市性系统" }),
    ]);
  });

  it("does not allocate class 其他, and says why", async () => {
    const rows = await allocation("P-OTHER", 2024);
    expect(rows).toEqual([
      expect.objectContaining({
        county_code: "CITY", share: "1.0000000000", amount_yuan: "8000000.00", allocable: false,
        basis: "其他类别不适用第二十三条",
      }),
    ]);
    expect(rows[0].note).toContain("其他");
  });

  it("still totals 100 % over a list of five counties, ties to the lower code, and marks it", async () => {
    // 500,000,003 fen × 20/50 = 200,000,001 rem 10 for the city; × 6/50 = 60,000,000 rem 18 for each county:
    // 2 leftover fen, five equal remainders → 越城区 and 柯桥区, the two lowest codes.
    const rows = await allocation("P-REG-FIVE", 2022);
    expect(rows.map((r) => [r.county_code, r.share, r.amount_yuan])).toEqual([
      ["CITY", "0.4000000000", "2000000.01"],
      ["330602", "0.1200000000", "600000.01"],
      ["330603", "0.1200000000", "600000.01"],
      ["330604", "0.1200000000", "600000.00"],
      ["330681", "0.1200000000", "600000.00"],
      ["330683", "0.1200000000", "600000.00"],
    ]);
    for (const r of rows) {
      expect(r.note).toBe("2021 年区县名单为 5 个而非 6 个：市本级仍分摊 40%，区县合计 60% 由 5 个区县均摊，每个 60%/5");
    }
    expect(rows.map((r) => r.county_code)).not.toContain(XINCHANG);
  });

  it("hands equal remainders to the lower administrative code", async () => {
    // 600,000,005 fen: city 24/60 → 240,000,002 rem 0; each county 6/60 → 60,000,000 rem 30; 3 leftover fen.
    const rows = await allocation("P-REG-TIE", 2024);
    expect(rows.map((r) => [r.county_code, r.amount_yuan, r.rounding_fen])).toEqual([
      ["CITY", "2400000.02", 0],
      ["330602", "600000.01", 1],
      ["330603", "600000.01", 1],
      ["330604", "600000.01", 1],
      ["330624", "600000.00", 0],
      ["330681", "600000.00", 0],
      ["330683", "600000.00", 0],
    ]);
  });

  it("refuses a livelihood allocation with a county's population missing, naming county and year", async () => {
    expect(await allocation("P-LIV-MISSING", 2025)).toEqual([]);
    const errors = await wh.query(
      `SELECT project_id, year, county_code, alloc_class, rent_yuan::VARCHAR AS rent_yuan, message
       FROM int_allocation_errors WHERE project_id = 'P-LIV-MISSING'`,
    );
    expect(errors).toEqual([
      {
        project_id: "P-LIV-MISSING", year: 2025, county_code: XINCHANG, alloc_class: "民生", rent_yuan: "7000000.00",
        message: "新昌县（330624）缺少 2024 年常住人口，无法按人口分摊 P-LIV-MISSING 的 2025 年云租赁费",
      },
    ]);
  });

  it("refuses a regulatory allocation over an incomplete county list too, rather than 12 % each", async () => {
    expect(await allocation("P-REG-MISSING", 2025)).toEqual([]);
    const errors = await wh.query(
      "SELECT county_code, message FROM int_allocation_errors WHERE project_id = 'P-REG-MISSING'",
    );
    expect(errors).toEqual([
      {
        county_code: XINCHANG,
        message: "新昌县（330624）缺少 2024 年常住人口，无法确定 2024 年区县名单、按市县4:6分摊 P-REG-MISSING 的 2025 年云租赁费",
      },
    ]);
  });

  it("puts a charge starting 2023-12-31T16:00Z in 2024 (the Beijing day)", async () => {
    // 1.00 on Beijing 2024-01-01 + 4,999,999.00 = 5,000,000.00 → allocated in 2024; without it 2024 would be below
    expect((await allocation("P-BOUNDARY", 2024)).map((r) => [r.county_code, r.amount_yuan])).toEqual([
      ["CITY", "2000000.00"],
      ...COUNTIES.map(([code]) => [code, "500000.00"]),
    ]);
    expect(await allocation("P-BOUNDARY", 2023)).toEqual([
      expect.objectContaining({ county_code: "CITY", amount_yuan: "1.00", basis: "未达500万元" }),
    ]);
  });

  it("keeps a negative (credit) year and an unregistered project as one exact CITY line", async () => {
    expect(await allocation("P-CREDIT", 2024)).toEqual([
      expect.objectContaining({ county_code: "CITY", amount_yuan: "-150.56", share: "1.0000000000" }),
    ]);
    expect(await allocation("P-UNKNOWN", 2024)).toEqual([
      expect.objectContaining({ county_code: "CITY", amount_yuan: "12.34", allocable: false, basis: "项目未申报" }),
    ]);
  });

  it("accounts for every yuan billed exactly once: allocated, or held back in the errors with its rent", async () => {
    const [r] = await wh.query(`
      SELECT (SELECT sum(billed_cost_yuan) FROM int_project_cloud_year)::VARCHAR AS billed,
             (SELECT sum(amount_yuan) FROM mart_allocation)::VARCHAR AS allocated,
             (SELECT sum(rent_yuan) FROM (SELECT DISTINCT project_id, year, rent_yuan FROM int_allocation_errors))::VARCHAR AS held,
             (SELECT sum(amount_yuan) FROM mart_allocation)
               + (SELECT sum(rent_yuan) FROM (SELECT DISTINCT project_id, year, rent_yuan FROM int_allocation_errors))
               = (SELECT sum(billed_cost_yuan) FROM int_project_cloud_year) AS balanced`);
    expect(r).toMatchObject({ held: "14000000.00", balanced: true });
    // per project-year, the parts add up to the rent exactly, and the shares to exactly 1
    const off = await wh.query(`
      SELECT project_id, year FROM mart_allocation
      GROUP BY project_id, year
      HAVING sum(amount_yuan) <> any_value(rent_yuan) OR sum(share) <> 1
          OR sum(effective_amount_yuan) <> any_value(effective_rent_yuan)`);
    expect(off).toEqual([]);
    // no project-year is both allocated and in error, and every billed project-year is in one of the two
    const [cover] = await wh.query(`
      SELECT count(*) FILTER (WHERE a.project_id IS NULL AND e.project_id IS NULL) AS lost,
             count(*) FILTER (WHERE a.project_id IS NOT NULL AND e.project_id IS NOT NULL) AS twice
      FROM int_project_cloud_year c
      LEFT JOIN (SELECT DISTINCT project_id, year FROM mart_allocation) a USING (project_id, year)
      LEFT JOIN (SELECT DISTINCT project_id, year FROM int_allocation_errors) e USING (project_id, year)`);
    expect(cover).toEqual({ lost: "0", twice: "0" });
  });

  it("has one row per key and the documented types", async () => {
    const dupes = await wh.query(`
      SELECT 'mart_allocation' AS t, count(*) - count(DISTINCT (project_id, year, county_code)) AS d FROM mart_allocation
      UNION ALL SELECT 'mart_county_year', count(*) - count(DISTINCT (county_code, year)) FROM mart_county_year
      UNION ALL SELECT 'mart_allocation_duty', count(*) - count(DISTINCT (project_id, year)) FROM mart_allocation_duty`);
    expect(dupes.every((r) => r.d === "0")).toBe(true);
    const types = await wh.query(`
      SELECT column_name, data_type FROM information_schema.columns
      WHERE table_name = 'mart_allocation' AND column_name IN ('share', 'amount_yuan', 'rent_yuan', 'allocable')
      ORDER BY column_name`);
    expect(types).toEqual([
      { column_name: "allocable", data_type: "BOOLEAN" },
      { column_name: "amount_yuan", data_type: "DECIMAL(18,2)" },
      { column_name: "rent_yuan", data_type: "DECIMAL(18,2)" },
      { column_name: "share", data_type: "DECIMAL(12,10)" },
    ]);
  });

  it("rolls up what each county owes per year; settlement is unknown, not zero", async () => {
    const rows = await wh.query(
      `SELECT county_code, county_name, owed_yuan::VARCHAR AS owed_yuan, settled_yuan, outstanding_yuan, projects,
              blocked_projects
       FROM mart_county_year WHERE year = 2024 ORDER BY county_code`,
    );
    // 2024: P-REG-6M 600,000.00 + P-EDGE-AT 500,000.00 + P-REG-TIE + P-BOUNDARY 500,000.00 + P-LIV-5M's part
    const liv = ["238095.24", "476190.48", "714285.71", "952380.95", "1190476.19", "1428571.43"];
    const tie = ["600000.01", "600000.01", "600000.01", "600000.00", "600000.00", "600000.00"];
    expect(rows).toEqual(
      COUNTIES.map(([code, name], i) => ({
        county_code: code,
        county_name: name,
        owed_yuan: (
          (600_000_00 + 500_000_00 + 500_000_00 + Math.round(Number(tie[i]) * 100) + Math.round(Number(liv[i]) * 100)) /
          100
        ).toFixed(2),
        settled_yuan: null,
        outstanding_yuan: null,
        projects: "5",
        blocked_projects: "0",
      })),
    );
    const y2025 = await wh.query("SELECT county_code, owed_yuan::VARCHAR AS owed, blocked_projects FROM mart_county_year WHERE year = 2025 ORDER BY 1");
    // the 2024 list (five reported + 新昌县 expected) with nothing owed, and both 2025 projects held back
    expect(y2025).toEqual(
      COUNTIES.map(([code]) => ({ county_code: code, owed: "0.00", blocked_projects: "2" })),
    );
  });

  it("states the procurement duty of Art. 25 per project-year", async () => {
    const rows = await wh.query(
      `SELECT project_id, lead_dept_code, responsible_dept_code, rent_yuan::VARCHAR AS rent_yuan, article,
              procurement_mode, duty
       FROM mart_allocation_duty WHERE year = 2024 AND project_id IN ('P-REG-6M', 'P-EDGE-BELOW', 'P-LOCAL')
       ORDER BY project_id`,
    );
    expect(rows).toEqual([
      { project_id: "P-EDGE-BELOW", lead_dept_code: "D-LEAD", responsible_dept_code: "D-LEAD", rent_yuan: "4999999.99",
        article: "25", procurement_mode: "统采分签", duty: "市级牵头部门负责采购" },
      { project_id: "P-LOCAL", lead_dept_code: "D-LEAD", responsible_dept_code: "D-DSJ", rent_yuan: "8000000.00",
        article: "24", procurement_mode: null,
        duty: "建设单位按政府采购程序从入围政务云服务提供商名录中确定租赁服务提供商" },
      { project_id: "P-REG-6M", lead_dept_code: "D-LEAD", responsible_dept_code: "D-LEAD", rent_yuan: "6000000.00",
        article: "25", procurement_mode: "统采分签",
        duty: "市级牵头部门负责招标和各区、县（市）资金结付监管（统采分签）" },
    ]);
    const [n] = await wh.query(
      "SELECT (SELECT count(*) FROM mart_allocation_duty) = (SELECT count(*) FROM int_project_cloud_year) AS same",
    );
    expect(n.same).toBe(true);
  });
});

describe("county cost allocation on an empty inbox", () => {
  it("builds every allocation relation, empty", async () => {
    const wh = await createTestWarehouse();
    try {
      await buildAllocation(wh);
      const [counts] = await wh.query(`
        SELECT (SELECT count(*) FROM mart_allocation) AS allocation,
               (SELECT count(*) FROM mart_county_year) AS county_year,
               (SELECT count(*) FROM mart_allocation_duty) AS duty,
               (SELECT count(*) FROM int_allocation_errors) AS errors`);
      expect(counts).toEqual({ allocation: "0", county_year: "0", duty: "0", errors: "0" });
    } finally {
      wh.close();
    }
  });
});
