/**
 * The one seeded generator (mulberry32) and the draws built on it: the synthetic sample and
 * the fictitious address reference must come out identical on every machine and every build,
 * so every sequence here is part of their contract (the sample's answer keys depend on it).
 */
export type Rng = () => number;

export function seededRandom(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream per purpose, so that adding draws to one file leaves the others unchanged. */
export function substream(seed: number, ...labels: (string | number)[]): Rng {
  let h = seed >>> 0;
  for (const ch of labels.join("/")) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return seededRandom(h);
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Fisher–Yates, in place: one draw per item, from the last to the second. */
export function shuffleInPlace<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
export const between = (rng: Rng, low: number, high: number): number => low + rng() * (high - low);
export const intBetween = (rng: Rng, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

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

/** Box–Muller: two uniform draws per normal draw (the first floored so that log(0) never happens). */
export function normal(rng: Rng, mean: number, sd: number): number {
  const u = Math.max(rng(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
