/**
 * Public aggregate of geocoding quality: the share of addresses by match type, and the share
 * placed with certainty. Shares only, rounded: it says how far the IRIS can be trusted without
 * describing any row.
 */
import type { MatchType } from "../contracts.ts";

export const MATCH_TYPES: readonly MatchType[] = [
  "exact",
  "interpolated",
  "estimated",
  "approximate",
  "range",
  "alternative",
  "presumed",
  "shared-iris",
  "street",
  "lieu-dit",
  "forced",
  "commune",
  "ambiguous",
  "not-found",
];

/** French labels for pages and reports. */
export const MATCH_TYPE_LABELS: Record<MatchType, string> = {
  exact: "numéro exact",
  interpolated: "numéro interpolé",
  estimated: "numéro estimé (non certain)",
  approximate: "numéro, voie approchée (non certain)",
  range: "plage de numéros (non certain)",
  alternative: "première de plusieurs adresses (non certain)",
  presumed: "voie de la ville présumée, homonyme dans un village (non certain)",
  "shared-iris": "IRIS commun aux voies possibles (non certain)",
  street: "voie (entière dans un IRIS)",
  "lieu-dit": "lieu-dit",
  forced: "corrigé par l'analyste",
  commune: "autre commune (comptée à la commune)",
  ambiguous: "ambigu (non placé)",
  "not-found": "non trouvé (non placé)",
};

export interface MatchQuality {
  total: number;
  /** Share (0..1, three decimals) of each match type. */
  shares: Record<MatchType, number>;
  /** Share placed in an IRIS, and share placed with certainty. */
  placedShare: number;
  certainShare: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function summarizeMatchQuality(
  results: Iterable<{ matchType: MatchType; certain: boolean; iris: string | null }>,
): MatchQuality {
  const counts = Object.fromEntries(MATCH_TYPES.map((t) => [t, 0])) as Record<MatchType, number>;
  let total = 0,
    placed = 0,
    certain = 0;
  for (const r of results) {
    total++;
    counts[r.matchType]++;
    if (r.iris) placed++;
    if (r.certain) certain++;
  }
  const share = (n: number) => (total > 0 ? round(n / total) : 0);
  return {
    total,
    shares: Object.fromEntries(MATCH_TYPES.map((t) => [t, share(counts[t])])) as Record<MatchType, number>,
    placedShare: share(placed),
    certainShare: share(certain),
  };
}
