// The reliability suites' figures (inputs tried, kills survived, requests served during loads, soak results), written
// to test-output/reliability/<suite>.json so a run's closing note can quote them rather than guess.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ROOT } from "../../etl/db.js";

export const FIGURES_DIR = path.join(ROOT, "test-output", "reliability");

export async function recordFigures(suite: string, figures: Record<string, unknown>): Promise<void> {
  await mkdir(FIGURES_DIR, { recursive: true });
  await writeFile(
    path.join(FIGURES_DIR, `${suite}.json`),
    JSON.stringify({ suite, recorded_at: new Date().toISOString(), ...figures }, null, 2) + "\n",
  );
}
