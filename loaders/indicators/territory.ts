import type { Level, PrivateRecord } from "../contracts.ts";
import type { ArrondissementIris } from "../reference/communes.ts";

const marseille = "13055";

/** Marseille's arrondissements (13201-13216) are published as the commune 13055. */
export const normalizeCommune = (code: string | null): string | null =>
  code !== null && /^132(0[1-9]|1[0-6])$/.test(code) ? marseille : code;

/** The observed commune (data/observatory.json), its IRIS and the communes of its département. */
export interface Territory {
  commune: string;
  departement: string;
  /** The commune's IRIS; empty for a commune not split into IRIS. */
  communeIris: string[];
  communes: string[];
  /**
   * The municipal arrondissements of a commune split into them (Marseille: 13201-13216), each
   * with its IRIS; empty (or absent) for every other commune, which has no such level.
   */
  arrondissements?: ArrondissementIris[];
}

/**
 * Which levels a dataset-year can be published at. A file with nobody outside the commune is
 * the commune's own extract: publishing its département total or zeros for other communes
 * would be false.
 */
export interface Coverage {
  departementWide: boolean;
  /** Every row of the département file is placed in a commune of the département. */
  allPlacedInCommunes: boolean;
  /** Every row of the observed commune is placed in one of its IRIS. */
  allCommunePlacedInIris: boolean;
}

export function coverageOf(records: PrivateRecord[], territory: Territory): Coverage {
  const iris = new Set(territory.communeIris);
  const communes = new Set(territory.communes.map(normalizeCommune));
  let departementWide = false;
  let allPlacedInCommunes = true;
  let allCommunePlacedInIris = true;
  for (const record of records) {
    const commune = normalizeCommune(record.commune);
    if (commune !== null && commune !== territory.commune) departementWide = true;
    if (commune === null || !communes.has(commune)) allPlacedInCommunes = false;
    if (commune === territory.commune && (record.iris === null || !iris.has(record.iris)))
      allCommunePlacedInIris = false;
  }
  return { departementWide, allPlacedInCommunes, allCommunePlacedInIris };
}

/** The codes that get a cell (0 when nobody is there) at each level. */
export function publishedCodes(level: Level, coverage: Coverage, territory: Territory): string[] {
  if (level === "iris") return territory.communeIris;
  if (level === "arrondissement") return (territory.arrondissements ?? []).map((a) => a.code);
  if (level === "commune") {
    return coverage.departementWide
      ? [...new Set(territory.communes.map((c) => normalizeCommune(c) as string))]
      : [territory.commune];
  }
  return coverage.departementWide ? [territory.departement] : [];
}
