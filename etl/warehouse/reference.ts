// Reference data that lives in the repository rather than the inbox (versioned scoring configuration, …), loaded
// into every warehouse before the marts are built. Owners add their loaders here.
//
// Scoring configuration (scoring.md, Art. 32–34): config/scoring/<version>.json, one file per version. Each file
// names the years it applies to; queries/scoring/00-scope.sql picks, per year, the applicable version with the latest
// published_on. Weights and thresholds are data, so a new file re-scores on the next build with no code change.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { DuckDBConnection, DuckDBValue } from "@duckdb/node-api";
import { ROOT } from "../db.js";

export const SCORING_CONFIG_DIR = path.join(ROOT, "config", "scoring");

export interface ReferenceOptions {
  /** Folder of scoring configuration files (default config/scoring); tests point it at a temporary folder. */
  scoringConfigDir?: string;
}

export async function loadReferenceData(
  conn: DuckDBConnection,
  { scoringConfigDir = SCORING_CONFIG_DIR }: ReferenceOptions = {},
): Promise<void> {
  await loadScoringConfig(conn, { dir: scoringConfigDir });
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring configuration

export const DIMENSION_IDS = [
  "operation",
  "integration",
  "cost_effectiveness",
  "effectiveness",
  "security",
  "innovation",
] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

const LINEAR = ["max_points", "full_at", "zero_at"] as const;

/** The indicators queries/scoring/*.sql computes, with the parameters each needs. A configuration may leave an
 *  indicator out (it is then not scored that year) but may not name one the SQL does not compute. */
const INDICATOR_PARAMS: Record<DimensionId, Record<string, readonly string[]>> = {
  operation: {
    availability: LINEAR,
    major_incidents: LINEAR,
    restore_hours: LINEAR,
    usage_months: LINEAR,
  },
  integration: {
    gov_cloud: LINEAR,
    catalog_items: LINEAR,
    shared_interfaces: LINEAR,
    consumed_interfaces: LINEAR,
    duplicate_collection: LINEAR,
  },
  cost_effectiveness: {
    within_approval: LINEAR,
    budget_execution: LINEAR,
    cloud_utilization: LINEAR,
    cost_per_user: [...LINEAR, "min_peers"],
    cost_per_transaction: [...LINEAR, "min_peers"],
  },
  effectiveness: {
    targets: ["max_points"],
    user_trend: LINEAR,
    transaction_trend: LINEAR,
  },
  security: {
    security_evidence: LINEAR,
    crypto_assessment: [...LINEAR, "window_years"],
    vuln_fixed_on_time: LINEAR,
    security_incidents: LINEAR,
  },
  innovation: {
    pilot_status: ["max_points", "levels"],
    expert_innovation: LINEAR,
  },
};

const GRADES = ["优", "良", "中", "差"] as const;
const TOTAL_PARAMS = ["min_coverage", "min_scorable_dimensions", "min_scorable_weight_share"] as const;

export interface ScoringIndicator {
  id: string;
  name: string;
  /** numeric parameters: max_points, full_at, zero_at, min_peers, window_years, level:国家级 … */
  params: Record<string, number>;
}

export interface ScoringDimension {
  id: DimensionId;
  name: string;
  weight: number;
  indicators: ScoringIndicator[];
}

export interface ScoringConfig {
  version: string;
  publishedOn: string;
  appliesToYears: number[];
  description: string;
  total: Record<(typeof TOTAL_PARAMS)[number], number>;
  grades: Record<(typeof GRADES)[number], number>;
  dimensions: ScoringDimension[];
}

export class ScoringConfigError extends Error {
  constructor(file: string, field: string, message: string) {
    super(`评分配置 ${file}：${field} ${message}`);
    this.name = "ScoringConfigError";
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Parses and validates one configuration file; every error names the file and the field. */
export function parseScoringConfig(text: string, file: string): ScoringConfig {
  const fail = (field: string, message: string): never => {
    throw new ScoringConfigError(file, field, message);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return fail("(文件)", `不是合法的 JSON：${(err as Error).message}`);
  }
  if (!isObject(doc)) return fail("(文件)", "顶层必须是对象");

  const version = doc.version;
  if (typeof version !== "string" || version.trim() === "") fail("version", "必须是非空字符串");
  const stem = path.basename(file, ".json");
  if (version !== stem) fail("version", `(${String(version)}) 必须与文件名 ${stem}.json 一致`);

  const publishedOn = doc.published_on;
  if (typeof publishedOn !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(publishedOn)) {
    fail("published_on", "必须是 YYYY-MM-DD 日期");
  }

  const years = doc.applies_to_years;
  if (!Array.isArray(years) || years.length === 0 || !years.every((y) => Number.isInteger(y) && y >= 2000 && y <= 2100)) {
    fail("applies_to_years", "必须是非空的年份整数数组");
  }
  if (new Set(years as number[]).size !== (years as number[]).length) fail("applies_to_years", "有重复年份");

  const total = doc.total;
  if (!isObject(total)) return fail("total", "缺失");
  const totalParams = {} as ScoringConfig["total"];
  for (const p of TOTAL_PARAMS) {
    const v = total[p];
    if (!isNumber(v)) fail(`total.${p}`, "必须是数字");
    totalParams[p] = v as number;
  }
  if (totalParams.min_coverage <= 0 || totalParams.min_coverage > 1) fail("total.min_coverage", "必须在 (0, 1] 之内");
  if (!Number.isInteger(totalParams.min_scorable_dimensions) || totalParams.min_scorable_dimensions < 1 ||
      totalParams.min_scorable_dimensions > DIMENSION_IDS.length) {
    fail("total.min_scorable_dimensions", "必须是 1–6 的整数");
  }
  if (totalParams.min_scorable_weight_share < 0 || totalParams.min_scorable_weight_share > 1) {
    fail("total.min_scorable_weight_share", "必须在 [0, 1] 之内");
  }
  const grades = total.grades;
  if (!isObject(grades)) return fail("total.grades", "缺失");
  const gradeMins = {} as ScoringConfig["grades"];
  for (const g of GRADES) {
    const v = grades[g];
    if (!isNumber(v)) fail(`total.grades.${g}`, "必须是数字");
    gradeMins[g] = v as number;
  }
  if (!(gradeMins.优 > gradeMins.良 && gradeMins.良 > gradeMins.中 && gradeMins.中 > gradeMins.差)) {
    fail("total.grades", "下限必须 优 > 良 > 中 > 差");
  }
  if (Object.keys(grades).some((g) => !(GRADES as readonly string[]).includes(g))) {
    fail("total.grades", `只能含 ${GRADES.join("/")}`);
  }

  const dims = doc.dimensions;
  if (!Array.isArray(dims)) return fail("dimensions", "必须是数组");
  const seen = new Set<string>();
  const dimensions: ScoringDimension[] = dims.map((d, i): ScoringDimension => {
    const at = `dimensions[${i}]`;
    if (!isObject(d)) return fail(at, "必须是对象");
    const id = d.id as DimensionId;
    if (!(DIMENSION_IDS as readonly string[]).includes(id)) fail(`${at}.id`, `(${String(id)}) 不是维度 ${DIMENSION_IDS.join("/")} 之一`);
    if (seen.has(id)) fail(`${at}.id`, `(${id}) 重复`);
    seen.add(id);
    if (typeof d.name !== "string" || d.name === "") fail(`${at}.name`, "必须是非空字符串");
    if (!isNumber(d.weight) || d.weight <= 0) fail(`${at}.weight`, "必须是正数");
    if (!Array.isArray(d.indicators) || d.indicators.length === 0) fail(`${at}.indicators`, "至少一个指标");
    const known = INDICATOR_PARAMS[id];
    const ids = new Set<string>();
    const indicators = (d.indicators as unknown[]).map((ind, j): ScoringIndicator => {
      const iat = `${at}.indicators[${j}]`;
      if (!isObject(ind)) return fail(iat, "必须是对象");
      const iid = ind.id;
      if (typeof iid !== "string" || !(iid in known)) {
        fail(`${iat}.id`, `(${String(iid)}) 不是维度 ${id} 的指标；可用：${Object.keys(known).join("/")}`);
      }
      if (ids.has(iid as string)) fail(`${iat}.id`, `(${String(iid)}) 重复`);
      ids.add(iid as string);
      if (typeof ind.name !== "string" || ind.name === "") fail(`${iat}.name`, "必须是非空字符串");
      const params: Record<string, number> = {};
      for (const [k, v] of Object.entries(ind)) {
        if (k === "id" || k === "name" || k === "description") continue;
        if (k === "levels") {
          if (!isObject(v) || Object.keys(v).length === 0) fail(`${iat}.levels`, "必须是 {级别: 0–100} 对象");
          for (const [level, lv] of Object.entries(v as Json)) {
            if (!isNumber(lv) || lv < 0 || lv > 100) fail(`${iat}.levels.${level}`, "必须是 0–100 的数字");
            params[`level:${level}`] = lv as number;
          }
          continue;
        }
        if (!isNumber(v)) fail(`${iat}.${k}`, "必须是数字");
        params[k] = v as number;
      }
      for (const p of known[iid as string]) {
        if (p === "levels") {
          if (!Object.keys(params).some((k) => k.startsWith("level:"))) fail(`${iat}.levels`, "缺失");
        } else if (!(p in params)) {
          fail(`${iat}.${p}`, "缺失");
        }
      }
      if (params.max_points <= 0) fail(`${iat}.max_points`, "必须是正数");
      if ("full_at" in params && params.full_at === params.zero_at) fail(`${iat}.full_at`, "不能等于 zero_at");
      return { id: iid as string, name: ind.name as string, params };
    });
    return { id, name: d.name as string, weight: d.weight as number, indicators };
  });
  const missing = DIMENSION_IDS.filter((id) => !seen.has(id));
  if (missing.length > 0) fail("dimensions", `缺少维度 ${missing.join("/")}`);

  return {
    version: version as string,
    publishedOn: publishedOn as string,
    appliesToYears: years as number[],
    description: typeof doc.description === "string" ? doc.description : "",
    total: totalParams,
    grades: gradeMins,
    dimensions,
  };
}

/** Reads every *.json in the folder (name order) and validates each (a version is its file's name, so unique). */
export async function readScoringConfigs(dir: string): Promise<ScoringConfig[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch (err) {
    throw new Error(`评分配置目录 ${dir} 无法读取：${(err as Error).message}`);
  }
  if (names.length === 0) throw new Error(`评分配置目录 ${dir} 中没有 *.json 配置文件`);
  const configs: ScoringConfig[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    configs.push(parseScoringConfig(await readFile(file, "utf8"), path.relative(ROOT, file) || file));
  }
  return configs;
}

const SCORING_DDL = `
CREATE OR REPLACE TABLE ref_scoring_versions (
  version      VARCHAR NOT NULL,
  published_on DATE NOT NULL,
  year         INTEGER NOT NULL,   -- one row per year the version applies to
  source_file  VARCHAR,
  description  VARCHAR,
  PRIMARY KEY (version, year)
);
CREATE OR REPLACE TABLE ref_scoring_weights (
  version        VARCHAR NOT NULL,
  dimension      VARCHAR NOT NULL,
  dimension_name VARCHAR NOT NULL,
  weight         DOUBLE NOT NULL,  -- relative weight; the total re-normalises over scorable dimensions
  PRIMARY KEY (version, dimension)
);
CREATE OR REPLACE TABLE ref_scoring_thresholds (
  version        VARCHAR NOT NULL,
  dimension      VARCHAR NOT NULL, -- a dimension id, or 'total' for the roll-up rules and grade bands
  indicator      VARCHAR NOT NULL, -- an indicator id; 'total' / 'grade' under dimension 'total'
  indicator_name VARCHAR,
  seq            INTEGER NOT NULL, -- display order within the dimension (the file's order)
  param          VARCHAR NOT NULL, -- max_points, full_at, zero_at, min_peers, window_years, level:国家级, 优 …
  value          DOUBLE NOT NULL,
  PRIMARY KEY (version, dimension, indicator, param)
);`;

/** (Re)creates ref_scoring_versions / ref_scoring_weights / ref_scoring_thresholds from a folder of files. */
export async function loadScoringConfig(
  conn: DuckDBConnection,
  { dir = SCORING_CONFIG_DIR }: { dir?: string } = {},
): Promise<ScoringConfig[]> {
  // every file is validated before the tables are touched: a bad file leaves the previous configuration in place
  const configs = await readScoringConfigs(dir);
  await conn.run(SCORING_DDL);
  const insert = (sql: string, params: Record<string, DuckDBValue>) => conn.run(sql, params);
  for (const c of configs) {
    for (const year of c.appliesToYears) {
      await insert(
        "INSERT INTO ref_scoring_versions VALUES ($version, $published_on::DATE, $year, $source_file, $description)",
        { version: c.version, published_on: c.publishedOn, year, source_file: `config/scoring/${c.version}.json`,
          description: c.description },
      );
    }
    const threshold = (dimension: string, indicator: string, name: string | null, seq: number, param: string, value: number) =>
      insert(
        "INSERT INTO ref_scoring_thresholds VALUES ($version, $dimension, $indicator, $name, $seq, $param, $value)",
        { version: c.version, dimension, indicator, name, seq, param, value },
      );
    for (const [p, v] of Object.entries(c.total)) await threshold("total", "total", "总分规则", 0, p, v);
    for (const [g, v] of Object.entries(c.grades)) await threshold("total", "grade", "等级下限", 1, g, v);
    for (const d of c.dimensions) {
      await insert(
        "INSERT INTO ref_scoring_weights VALUES ($version, $dimension, $name, $weight)",
        { version: c.version, dimension: d.id, name: d.name, weight: d.weight },
      );
      for (const [seq, ind] of d.indicators.entries()) {
        for (const [p, v] of Object.entries(ind.params)) await threshold(d.id, ind.id, ind.name, seq + 1, p, v);
      }
    }
  }
  return configs;
}
