import type { MatchType, PrivateRecord } from "../contracts.ts";
import type { ZonePopulation } from "../disclosure/primary.ts";
import { groupSmallCounts } from "./small-counts.ts";

/**
 * The one group of addresses of the commune that are in no published IRIS: not found,
 * ambiguous, or placed in an IRIS under the minimum population (or of unknown population).
 */
export const NOT_IN_PUBLISHED_IRIS = "not-in-published-iris";

/** Addresses of the commune by match type, for IRIS that are published, plus the one group. */
export type GeocodingCounts = Partial<Record<MatchType | typeof NOT_IN_PUBLISHED_IRIS, number>>;

/**
 * The geocoding quality the methodology page shows. The commune total minus its published IRIS
 * gives, per dataset and year, the people of the small zones plus the people not placed: if the
 * table counted the not placed apart, it would bound the small zones from below and show that
 * a zone under 100 inhabitants is populated (Article 7). Counted together, the table only gives
 * the sum of both, over all datasets and years, which the tables already give.
 */
export function geocodingCounts(
  records: readonly PrivateRecord[],
  context: { commune: string; zones: readonly ZonePopulation[]; minPopulation: number },
): GeocodingCounts {
  // An IRIS absent from the zones counts as too small, as in primary secrecy (primary.ts).
  const published = new Set(
    context.zones
      .filter((z) => z.level === "iris" && z.population !== null && z.population >= context.minPopulation)
      .map((z) => z.code),
  );
  const counts: GeocodingCounts = {};
  for (const record of records) {
    if (record.commune !== context.commune) continue;
    const key = record.iris !== null && published.has(record.iris) ? record.matchType : NOT_IN_PUBLISHED_IRIS;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The group of 1 to 4 addresses not in a published IRIS, merged with the smallest result. */
export const NOT_IN_PUBLISHED_IRIS_WITH_OTHERS = "not-in-published-iris-with-others";

/**
 * The table as published: match types of 1 to 4 addresses are grouped among match types only.
 * Never with the group of addresses not in a published IRIS: the tables give that group's
 * total (commune minus its IRIS), so a small match type merged into it would be read by
 * difference. The group itself, when of 1 to 4 addresses, is merged into the smallest row
 * (each of 5 or more) and never printed apart.
 */
export function publishedGeocodingCounts(
  counts: GeocodingCounts,
  groupLabel: string,
  threshold = 5,
): Record<string, number> {
  const { [NOT_IN_PUBLISHED_IRIS]: notInPublished = 0, ...matchTypes } = counts;
  const rows = groupSmallCounts(matchTypes, groupLabel, threshold);
  if (notInPublished === 0) return rows;
  if (notInPublished >= threshold) return { ...rows, [NOT_IN_PUBLISHED_IRIS]: notInPublished };
  const smallest = Object.entries(rows).sort((a, b) => a[1] - b[1])[0];
  if (!smallest) return { [NOT_IN_PUBLISHED_IRIS_WITH_OTHERS]: notInPublished };
  const { [smallest[0]]: _merged, ...others } = rows;
  return { ...others, [NOT_IN_PUBLISHED_IRIS_WITH_OTHERS]: smallest[1] + notInPublished };
}
