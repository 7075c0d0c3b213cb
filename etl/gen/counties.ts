// Shaoxing's six county-level divisions and their resident population (常住人口), the statistics bureau's figures
// that Art. 23 shares livelihood projects' cloud rent by ("按上年常住人口比例"). Base figures are of the order of the
// 2020 census; later years drift by a small, per-county trend plus noise.
import type { Rng } from "./random.js";

export interface County {
  code: string;
  name: string;
  /** Resident population at the end of 2020. */
  base2020: number;
  /** Mean yearly growth. */
  growth: number;
}

export const SHAOXING_COUNTIES: readonly County[] = [
  { code: "330602", name: "越城区", base2020: 1_011_400, growth: 0.011 },
  { code: "330603", name: "柯桥区", base2020: 1_094_800, growth: 0.009 },
  { code: "330604", name: "上虞区", base2020: 833_000, growth: 0.004 },
  { code: "330624", name: "新昌县", base2020: 440_600, growth: -0.001 },
  { code: "330681", name: "诸暨市", base2020: 1_218_200, growth: 0.005 },
  { code: "330683", name: "嵊州市", base2020: 676_500, growth: -0.002 },
];

export interface PopulationRow {
  countyCode: string;
  countyName: string;
  year: number;
  population: number;
}

/** Population rows for every county and every year in [firstYear, lastYear]. */
export function populationRows(rng: Rng, firstYear: number, lastYear: number): PopulationRow[] {
  const out: PopulationRow[] = [];
  for (const c of SHAOXING_COUNTIES) {
    const r = rng.fork(`population:${c.code}`);
    let pop = c.base2020;
    for (let y = 2020; y <= lastYear; y++) {
      if (y > 2020) pop = Math.round(pop * (1 + c.growth + r.normal(0, 0.002)));
      if (y >= firstYear) out.push({ countyCode: c.code, countyName: c.name, year: y, population: Math.round(pop / 100) * 100 });
    }
  }
  return out.sort((a, b) => a.year - b.year || a.countyCode.localeCompare(b.countyCode));
}
