import type { Level, PrivateRecord } from "../contracts.ts";

export const aixCommune = "13001";
const departementCode = "13";
const marseille = "13055";

/** Marseille's arrondissements (13201-13216) are published as the commune 13055. */
export const normalizeCommune = (code: string | null): string | null =>
  code !== null && /^132(0[1-9]|1[0-6])$/.test(code) ? marseille : code;

export interface Territory {
  aixIris: string[];
  communes: string[];
}

/**
 * Which levels a dataset-year can be published at. A file with nobody outside Aix is Aix's
 * own extract: publishing its département total or zeros for other communes would be false.
 */
export interface Coverage {
  departementWide: boolean;
  /** Every row of the département file is placed in a commune of the département. */
  allPlacedInCommunes: boolean;
  /** Every Aix row is placed in one of the IRIS of Aix. */
  allAixPlacedInIris: boolean;
}

export function coverageOf(records: PrivateRecord[], territory: Territory): Coverage {
  const iris = new Set(territory.aixIris);
  const communes = new Set(territory.communes.map(normalizeCommune));
  let departementWide = false;
  let allPlacedInCommunes = true;
  let allAixPlacedInIris = true;
  for (const record of records) {
    const commune = normalizeCommune(record.commune);
    if (commune !== null && commune !== aixCommune) departementWide = true;
    if (commune === null || !communes.has(commune)) allPlacedInCommunes = false;
    if (commune === aixCommune && (record.iris === null || !iris.has(record.iris))) allAixPlacedInIris = false;
  }
  return { departementWide, allPlacedInCommunes, allAixPlacedInIris };
}

/** The codes that get a cell (0 when nobody is there) at each level. */
export function publishedCodes(level: Level, coverage: Coverage, territory: Territory): string[] {
  if (level === "iris") return territory.aixIris;
  if (level === "commune") {
    return coverage.departementWide
      ? [...new Set(territory.communes.map((c) => normalizeCommune(c) as string))]
      : [aixCommune];
  }
  return coverage.departementWide ? [departementCode] : [];
}
