import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "./paths.ts";

/** data/observatory.json: the territory observed, the secrecy thresholds, the source wording. */
export interface ObservatoryConfig {
  territory: { commune: string; communeName: string; departement: string; departementName: string };
  secrecy: { threshold: number; minPopulation: number };
  sources: { departement: string };
  sample: { seed: number; years: number[] };
}

export function readObservatoryConfig(): ObservatoryConfig {
  return JSON.parse(readFileSync(join(dataDir, "observatory.json"), "utf8"));
}
