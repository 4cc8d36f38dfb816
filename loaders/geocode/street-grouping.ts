/**
 * Which BAN rows are one street. The id_fantoir says it when present; the real BAN leaves it
 * empty for some streets, and a commune has same-name streets far apart ("Chemin des Écoles" of
 * the city and of a village). Without it, rows are grouped by name, postcode, former commune and
 * lieu-dit, then the groups of one name that touch (a street crossing a postcode boundary, a
 * lieu-dit written on some numbers only) are joined again: only streets apart stay apart, so no
 * number is ever interpolated, nor found exactly, on a namesake kilometres away.
 */
import type { BanRow } from "./ban-format.ts";

/** Two same-name groups whose nearest points are closer than this (metres) are one street. */
export const SAME_STREET_GAP_METERS = 250;

/** The draft key of a row: its id_fantoir, else what sets one same-name street apart from another. */
export function streetGroupKey(row: BanRow): string {
  if (row.id_fantoir) return `${row.code_insee}|${row.id_fantoir}`;
  return `${row.code_insee}||${row.nom_voie}|${row.code_postal}|${row.code_insee_ancienne_commune}|${row.nom_ld}`;
}

export interface GroupedPoints {
  /** Key of streetGroupKey. */
  key: string;
  /** The row's name and commune: only groups of one name and commune may be joined. */
  name: string;
  commune: string;
  fantoir: boolean;
  points: ReadonlyArray<{ lon: number; lat: number }>;
}

const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

function touch(a: GroupedPoints, b: GroupedPoints): boolean {
  const kx = Math.cos(((a.points[0]?.lat ?? 0) * Math.PI) / 180);
  const gap = SAME_STREET_GAP_METERS / METERS_PER_DEGREE;
  const gap2 = gap * gap;
  for (const p of a.points)
    for (const q of b.points) {
      const dx = (p.lon - q.lon) * kx,
        dy = p.lat - q.lat;
      if (dx * dx + dy * dy <= gap2) return true;
    }
  return false;
}

/**
 * The groups that are one street, as lists (each group in exactly one). Groups with an
 * id_fantoir are returned alone.
 */
export function joinTouchingGroups<T extends GroupedPoints>(groups: readonly T[]): T[][] {
  const byName = new Map<string, T[]>();
  const joined: T[][] = [];
  for (const group of groups) {
    if (group.fantoir) {
      joined.push([group]);
      continue;
    }
    const name = `${group.commune}|${group.name}`;
    const list = byName.get(name);
    if (list) list.push(group);
    else byName.set(name, [group]);
  }
  for (const list of byName.values()) {
    if (list.length === 1) {
      joined.push(list);
      continue;
    }
    // Union-find over the groups of one name: touching is transitive along a street.
    const parent = list.map((_, i) => i);
    const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (root(i) !== root(j) && touch(list[i]!, list[j]!)) parent[root(j)] = root(i);
    const clusters = new Map<number, T[]>();
    list.forEach((group, i) => {
      const r = root(i);
      const cluster = clusters.get(r);
      if (cluster) cluster.push(group);
      else clusters.set(r, [group]);
    });
    joined.push(...clusters.values());
  }
  return joined;
}
