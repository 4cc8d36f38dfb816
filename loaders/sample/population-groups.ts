/**
 * The two groups every individual file of the sample is drawn in: the observed commune's people
 * (addresses from its reference, geocoded by the build) and the rest of the département's (a
 * commune and a street). Each group draws from its own random stream, so that the size of the
 * rest of the département never changes who lives in the observed commune.
 */
import { observed, otherCommuneAddress, type CommuneInfo, type SampleVolumes } from "./other-communes.ts";
import type { AddressDrawer } from "./generate-types.ts";
import type { Place } from "./individual-sheet.ts";
import { between, chance, shuffleInPlace, substream, type Rng } from "../common/seeded-random.ts";

export interface PopulationGroup {
  /** Rows wanted in a year, before that year's noise (`yearTarget`). */
  target: number;
  rng: Rng;
  /** A new place in the group. */
  place: () => Place;
  /** Whether a place drawn in an earlier year belongs to the group (people carried over). */
  holds: (place: Place) => boolean;
}

/** The random streams of one population: the observed commune's, and the rest's (which also shuffles the file). */
export interface PopulationStreams {
  commune: Rng;
  others: Rng;
}

export function populationStreams(seed: number, ...labels: (string | number)[]): PopulationStreams {
  return { commune: substream(seed, ...labels), others: substream(seed, ...labels, "others") };
}

export function placeFor(rng: Rng, commune: CommuneInfo, drawAddress: AddressDrawer): Place {
  if (commune.code === observed.code) {
    const drawn = drawAddress(rng);
    return { text: drawn.text, postcode: drawn.expected.postcode, commune, expected: drawn.expected };
  }
  const a = otherCommuneAddress(rng, commune);
  return { text: a.text, postcode: a.postcode, commune };
}

export function populationGroups(
  volumes: SampleVolumes,
  streams: PopulationStreams,
  drawAddress: AddressDrawer,
): PopulationGroup[] {
  const inObserved = (place: Place) => place.commune.code === observed.code;
  return [
    {
      target: volumes.commune,
      rng: streams.commune,
      place: () => placeFor(streams.commune, observed, drawAddress),
      holds: inObserved,
    },
    {
      target: volumes.others,
      rng: streams.others,
      place: () => placeFor(streams.others, volumes.drawOther(streams.others), drawAddress),
      holds: (place) => !inObserved(place),
    },
  ];
}

/** A year's count: the target give or take 2 % (files do not hold round, fixed volumes). */
export const yearTarget = (group: PopulationGroup): number =>
  Math.max(0, Math.round(group.target * (1 + between(group.rng, -0.02, 0.02))));

/** How a population followed over the years renews itself. */
export interface Renewal<T> {
  /** Share of a year's people found again the next year. */
  kept: number;
  /** A person found again, as the next year's file shows them. */
  carry: (person: T, rng: Rng) => T;
  /** A new person at a place of the group. */
  fresh: (place: Place, rng: Rng, year: number) => T;
}

/**
 * A population followed over the years (APA beneficiaries, childminders): each year, each group
 * keeps part of the previous year's people, then new people fill it up to the year's count;
 * the file is shuffled, as partners sort by file number, not by commune.
 */
export function yearlyPopulations<T extends { place: Place }>(
  volumes: SampleVolumes,
  renewal: Renewal<T>,
  streams: PopulationStreams,
  years: number[],
  drawAddress: AddressDrawer,
): Map<number, T[]> {
  const groups = populationGroups(volumes, streams, drawAddress);
  const out = new Map<number, T[]>();
  let previous: T[] = [];
  for (const year of [...years].sort()) {
    const people: T[] = [];
    for (const group of groups) {
      const carried = previous
        .filter((p) => group.holds(p.place))
        .filter(() => chance(group.rng, renewal.kept))
        .map((p) => renewal.carry(p, group.rng));
      people.push(...carried);
      for (let i = yearTarget(group) - carried.length; i > 0; i--)
        people.push(renewal.fresh(group.place(), group.rng, year));
    }
    shuffleInPlace(streams.others, people);
    out.set(year, people);
    previous = people;
  }
  return out;
}
