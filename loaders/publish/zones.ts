import type { Denominators, Level } from "../contracts.ts";
import type { ZonePopulation } from "../disclosure/protect.ts";

/**
 * Population of every zone a cell can describe, for the rule "no data on a zone under 100
 * inhabitants". Unknown stays null (treated as under 100), never zero.
 */
export function zonePopulations(
  denominators: Denominators,
  zones: {
    communeIris: string[];
    /** Municipal arrondissement codes (Marseille); absent elsewhere. */
    arrondissements?: string[];
    communes: string[];
    departement: string;
    years: number[];
  },
): ZonePopulation[] {
  const year = Math.max(...zones.years);
  const population = (level: Level, code: string) => denominators.get("population", level, code, year)?.value ?? null;
  return [
    ...zones.communeIris.map((code) => ({ level: "iris" as const, code, population: population("iris", code) })),
    ...(zones.arrondissements ?? []).map((code) => ({
      level: "arrondissement" as const,
      code,
      population: population("arrondissement", code),
    })),
    ...zones.communes.map((code) => ({ level: "commune" as const, code, population: population("commune", code) })),
    {
      level: "departement" as const,
      code: zones.departement,
      population: population("departement", zones.departement),
    },
  ];
}
