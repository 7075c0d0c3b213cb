// The versioned scoring configuration (config/scoring/*.json) and its loader (etl/warehouse/reference.ts): what the
// shipped version says, and that a malformed file is refused with the file and the field named.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DIMENSION_IDS,
  loadScoringConfig,
  parseScoringConfig,
  readScoringConfigs,
  SCORING_CONFIG_DIR,
} from "../../etl/warehouse/reference.js";
import { createTestWarehouse, type TestWarehouse } from "../support/warehouse.js";

const shippedText = () => readFile(path.join(SCORING_CONFIG_DIR, "v2024.1.json"), "utf8");

describe("the shipped scoring configuration", () => {
  let wh: TestWarehouse;
  beforeAll(async () => {
    wh = await createTestWarehouse();
  });
  afterAll(() => wh?.close());

  it("is loaded into every new warehouse with the default weights of scoring.md", async () => {
    const weights = await wh.query("SELECT dimension, dimension_name, weight FROM ref_scoring_weights WHERE version = 'v2024.1' ORDER BY weight DESC, dimension");
    expect(weights).toEqual([
      { dimension: "cost_effectiveness", dimension_name: "成本效益", weight: 20 },
      { dimension: "effectiveness", dimension_name: "应用实效", weight: 20 },
      { dimension: "operation", dimension_name: "项目运行情况", weight: 20 },
      { dimension: "integration", dimension_name: "统建融合", weight: 15 },
      { dimension: "security", dimension_name: "信息安全", weight: 15 },
      { dimension: "innovation", dimension_name: "创新服务", weight: 10 },
    ]);
  });

  it("carries the grade bands and the roll-up rules as configuration", async () => {
    const rows = await wh.query(
      "SELECT indicator, param, value FROM ref_scoring_thresholds WHERE version = 'v2024.1' AND dimension = 'total' ORDER BY indicator, value DESC",
    );
    expect(rows).toEqual([
      { indicator: "grade", param: "优", value: 90 },
      { indicator: "grade", param: "良", value: 80 },
      { indicator: "grade", param: "中", value: 60 },
      { indicator: "grade", param: "差", value: 0 },
      { indicator: "total", param: "min_scorable_dimensions", value: 4 },
      { indicator: "total", param: "min_scorable_weight_share", value: 0.6 },
      { indicator: "total", param: "min_coverage", value: 0.5 },
    ]);
  });

  it("gives every indicator positive points and applies to the years it names", async () => {
    const [cfg] = await readScoringConfigs(SCORING_CONFIG_DIR);
    expect(cfg.dimensions.map((d) => d.id).sort()).toEqual([...DIMENSION_IDS].sort());
    for (const d of cfg.dimensions) for (const i of d.indicators) expect(i.params.max_points).toBeGreaterThan(0);
    const years = await wh.query("SELECT list(year ORDER BY year) AS y FROM ref_scoring_versions WHERE version = 'v2024.1'");
    expect(years).toEqual([{ y: cfg.appliesToYears }]);
  });
});

describe("a malformed configuration is refused, naming the file and the field", () => {
  const mutate = async (fn: (doc: any) => void) => {
    const doc = JSON.parse(await shippedText());
    fn(doc);
    return JSON.stringify(doc);
  };
  const file = "config/scoring/v2024.1.json";

  it.each([
    ["a missing dimension", (d: any) => d.dimensions.pop(), /dimensions 缺少维度 innovation/],
    ["an unknown indicator", (d: any) => (d.dimensions[0].indicators[0].id = "uptime"), /dimensions\[0\]\.indicators\[0\]\.id \(uptime\) 不是维度 operation 的指标/],
    ["a linear indicator without its zero line", (d: any) => delete d.dimensions[0].indicators[0].zero_at, /indicators\[0\]\.zero_at 缺失/],
    ["equal full and zero lines", (d: any) => (d.dimensions[0].indicators[0].zero_at = d.dimensions[0].indicators[0].full_at), /full_at 不能等于 zero_at/],
    ["a zero weight", (d: any) => (d.dimensions[2].weight = 0), /dimensions\[2\]\.weight 必须是正数/],
    ["a weight given as text", (d: any) => (d.dimensions[2].weight = "20"), /dimensions\[2\]\.weight 必须是正数/],
    ["grade bands out of order", (d: any) => (d.total.grades["良"] = 95), /total\.grades 下限必须 优 > 良 > 中 > 差/],
    ["no years", (d: any) => (d.applies_to_years = []), /applies_to_years 必须是非空的年份整数数组/],
    ["a version unlike the file name", (d: any) => (d.version = "v2024.2"), /version \(v2024\.2\) 必须与文件名 v2024\.1\.json 一致/],
    ["a coverage rule over 1", (d: any) => (d.total.min_coverage = 1.5), /total\.min_coverage 必须在 \(0, 1\] 之内/],
  ])("refuses %s", async (_name, fn, message) => {
    const text = await mutate(fn);
    expect(() => parseScoringConfig(text, file)).toThrow(message);
    expect(() => parseScoringConfig(text, file)).toThrow(/^评分配置 config\/scoring\/v2024\.1\.json：/);
  });

  it("refuses text that is not JSON", () => {
    expect(() => parseScoringConfig("{ version: ", file)).toThrow(/评分配置 config\/scoring\/v2024\.1\.json：\(文件\) 不是合法的 JSON/);
  });

  it("refuses an empty configuration folder", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "xinguan-scoring-empty-"));
    const wh = await createTestWarehouse();
    try {
      await expect(loadScoringConfig(wh.conn, { dir })).rejects.toThrow(/没有 \*\.json 配置文件/);
      await writeFile(path.join(dir, "v1.json"), "{}");
      await expect(loadScoringConfig(wh.conn, { dir })).rejects.toThrow(/v1\.json：version 必须是非空字符串/);
      // the warehouse keeps the configuration it had
      const rows = await wh.query("SELECT count(*)::INTEGER AS n FROM ref_scoring_weights");
      expect(rows).toEqual([{ n: 6 }]);
    } finally {
      wh.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
