import { describe, expect, it } from "vitest";
import type { MatchType, PrivateRecord } from "../../loaders/contracts.ts";
import type { ZonePopulation } from "../../loaders/disclosure/primary.ts";
import {
  geocodingCounts,
  NOT_IN_PUBLISHED_IRIS,
  NOT_IN_PUBLISHED_IRIS_WITH_OTHERS,
  publishedGeocodingCounts,
} from "../../loaders/publish/geocoding-quality.ts";

const record = (iris: string | null, matchType: MatchType, commune: string | null = "13001"): PrivateRecord => ({
  dataset: "certificats-8e-jour",
  year: 2016,
  observationDate: "2016-12-31",
  iris,
  commune,
  matchType,
  fields: {},
});
const repeat = (n: number, r: PrivateRecord) => Array.from({ length: n }, () => r);

// A residential IRIS, a small one, an activity IRIS (population unknown); 130010404 is absent from the zones.
const zones: ZonePopulation[] = [
  { level: "iris", code: "130010101", population: 2400 },
  { level: "iris", code: "130010202", population: 80 },
  { level: "iris", code: "130010906", population: null },
  { level: "commune", code: "13001", population: 142000 },
];
const context = { commune: "13001", zones, minPopulation: 100 };
const published = (records: PrivateRecord[]) => publishedGeocodingCounts(geocodingCounts(records, context), "autres");

describe("geocoding quality: the small zones are counted with the addresses not placed (Article 7)", () => {
  it("an exact address in an IRIS of unknown population lands in the group, not in « numéro exact »", () => {
    const counts = geocodingCounts(
      [
        ...repeat(40, record("130010101", "exact")),
        record("130010906", "exact"),
        record("130010202", "interpolated"),
        record("130010404", "street"),
        ...repeat(3, record(null, "not-found")),
        record(null, "ambiguous"),
        // Another commune's address is not in this commune's table at all.
        record(null, "commune", "13117"),
      ],
      context,
    );
    expect(counts).toEqual({ exact: 40, [NOT_IN_PUBLISHED_IRIS]: 7 });
  });

  it("the minimum population is the configured one", () => {
    const counts = geocodingCounts([record("130010202", "exact")], { ...context, minPopulation: 50 });
    expect(counts).toEqual({ exact: 1 });
  });

  it("the table is the same whether the activity IRIS holds people or not: no lower bound on it", () => {
    const empty = [...repeat(60, record("130010101", "exact")), ...repeat(30, record(null, "not-found"))];
    const populated = [
      ...repeat(60, record("130010101", "exact")),
      ...repeat(18, record(null, "not-found")),
      ...repeat(12, record("130010906", "exact")),
    ];
    expect(published(populated)).toEqual(published(empty));
    expect(published(empty)).toEqual({ exact: 60, [NOT_IN_PUBLISHED_IRIS]: 30 });
  });

  it("small match types are grouped among match types, never with the group, whose total the tables give", () => {
    const shown = published([
      ...repeat(50, record("130010101", "exact")),
      ...repeat(7, record("130010101", "street")),
      ...repeat(2, record("130010101", "lieu-dit")),
      record("130010906", "exact"),
      ...repeat(20, record(null, "not-found")),
    ]);
    // 20 + 1 is the commune minus its IRIS: a « lieu-dit » of 2 merged into the group would be read by difference.
    expect(shown).toEqual({ exact: 50, autres: 9, [NOT_IN_PUBLISHED_IRIS]: 21 });
  });

  it("a group of 1 to 4 addresses is never printed apart: merged into the smallest row", () => {
    const shown = published([
      ...repeat(50, record("130010101", "exact")),
      ...repeat(7, record("130010101", "street")),
      record("130010906", "exact"),
      record(null, "not-found"),
    ]);
    expect(shown).toEqual({ exact: 50, [NOT_IN_PUBLISHED_IRIS_WITH_OTHERS]: 9 });
    expect(Object.values(shown).every((n) => n >= 5)).toBe(true);
  });
});
