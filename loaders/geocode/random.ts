export { seededRandom } from "../common/seeded-random.ts";

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

export function between(rng: () => number, low: number, high: number): number {
  return low + rng() * (high - low);
}
