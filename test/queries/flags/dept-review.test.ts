// int_dept_review (rules.md "Department review status"): deferred under ART34_RECTIFICATION_FAILED, restricted under
// ART7_DEPT_BACKLOG, normal otherwise — for every department and year of the project-year spine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWarehouse } from "../../support/warehouse.js";
import { buildWarehouse, contract, project, rectification, review, type Inbox, type Row } from "./fixtures.js";

const p = (id: string, dept: string, over: Row = {}) => project(id, { dept_code: dept, dept_name: `单位${dept}`, ...over });
const earlier = { apply_year: 2023, apply_date: "2022-10-10" };

const inbox = (): Inbox => {
  const projects = [
    p("A1", "DA"), // failed rectification, never remedied
    p("B0", "DB", earlier), // earlier-year project with an unfiled contract …
    p("B1", "DB"), // … when this new project applied
    p("C1", "DC"), // failed, then remedied within the year
    p("D0", "DD", earlier),
    p("D1", "DD"),
    p("E1", "DE"),
  ];
  return {
    projects,
    reviews: projects.map((x) => review(x.project_id as string, { review_date: "2022-12-01" })),
    rectifications: [
      rectification("ZG-A1", "A1"),
      rectification("ZG-C1", "C1", { completed_on: "2024-08-15", recheck_result: "通过" }),
      rectification("ZG-D1", "D1", { completed_on: "2024-06-20", recheck_result: "不通过" }),
    ],
    contracts: [
      contract("HT-B0", "B0", { signed_on: "2023-09-27", filed_on: null }), // due 2023-10-10
      contract("HT-D0", "D0", { signed_on: "2023-09-27", filed_on: null }),
    ],
  };
};

describe("int_dept_review", () => {
  let wh: TestWarehouse;
  let review_: Record<string, { review_status: string; review_reasons: string | null }>;
  beforeAll(async () => {
    wh = await buildWarehouse(inbox(), { asOf: "2025-06-30" });
    const rows = await wh.query("SELECT * FROM int_dept_review ORDER BY dept_code, year");
    review_ = Object.fromEntries(
      rows.map((r) => [`${r.dept_code}/${r.year}`, r as { review_status: string; review_reasons: string | null }]),
    );
  });
  afterAll(() => wh.close());

  it("has one row per department and year, for every department and every year of the spine", async () => {
    const [r] = await wh.query(
      "SELECT count(*)::INTEGER AS n, count(DISTINCT (dept_code, year))::INTEGER AS keys FROM int_dept_review",
    );
    expect(r).toEqual({ n: 15, keys: 15 });
    expect(Object.keys(review_).sort()).toEqual(
      ["DA", "DB", "DC", "DD", "DE"].flatMap((d) => [2023, 2024, 2025].map((y) => `${d}/${y}`)).sort(),
    );
  });

  it("defers a department's reviews while a failed rectification stands, into later years", () => {
    expect(review_["DA/2023"].review_status).toBe("normal");
    expect(review_["DA/2024"]).toEqual({
      dept_code: "DA",
      year: 2024,
      review_status: "deferred",
      review_reasons:
        "暂缓审核（第三十四条）：项目 A1（项目A1）整改 ZG-A1 未实现建设目标，限期整改逾期未整改或整改后复核仍不符合要求，自 2024-07-01 起",
    });
    expect(review_["DA/2025"].review_status).toBe("deferred");
  });

  it("restores normal review once the rectification passed", () => {
    expect(review_["DC/2024"].review_status).toBe("normal");
    expect(review_["DC/2025"].review_status).toBe("normal");
  });

  it("restricts a department that filed a new project while its records were incomplete", () => {
    expect(review_["DB/2024"]).toMatchObject({
      review_status: "restricted",
      review_reasons: "申报受限（第七条第（六）项）：2023-10-16 申报的项目 B1（项目B1）时，本单位历年项目建设情况未完善",
    });
    expect(review_["DB/2023"].review_status).toBe("normal");
    expect(review_["DB/2025"].review_status).toBe("normal");
  });

  it("lets deferral outrank restriction and lists both reasons", () => {
    expect(review_["DD/2024"].review_status).toBe("deferred");
    expect(review_["DD/2024"].review_reasons).toContain("暂缓审核（第三十四条）");
    expect(review_["DD/2024"].review_reasons).toContain("；申报受限（第七条第（六）项）");
  });

  it("leaves other departments normal", () => {
    for (const y of [2023, 2024, 2025]) expect(review_[`DE/${y}`]).toMatchObject({ review_status: "normal", review_reasons: null });
  });
});
