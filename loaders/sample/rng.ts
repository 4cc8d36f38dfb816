/** Seeded randomness (mulberry32): the same seed gives the same sample on every machine. */
export type Rng = () => number;

import { seededRandom } from "../common/seeded-random.ts";

export const seeded: (seed: number) => Rng = seededRandom;

/** An independent stream per purpose, so that adding draws to one file leaves the others unchanged. */
export function substream(seed: number, ...labels: (string | number)[]): Rng {
  let h = seed >>> 0;
  for (const ch of labels.join("/")) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return seeded(h);
}

export const intBetween = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Draws a key with the given weights. */
export function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [value, w] of entries) {
    x -= w;
    if (x < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

export function normal(rng: Rng, mean: number, sd: number): number {
  const u = Math.max(rng(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
