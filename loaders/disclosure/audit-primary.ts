import { cellKey, type Cell } from "../contracts.ts";
import type { AuditZone } from "./catalogue.ts";

/**
 * The cells Article 7 protects, recomputed by the audit from the cells before protection and
 * the rules alone: never read from the protection's flags, and written apart from primary.ts
 * on purpose (a shared mistake would hide a leak). The build knows the true values, the
 * public does not: with this set the audit also judges what only the truth decides (a zero
 * published beside a secret total that is truly small, a count of many resting on few
 * contributors). Never published: it says which secret cells are small.
 * - a count of 1 to threshold-1 individuals, or an amount on 1 to threshold-1 contributors
 *   (an amount whose contributors are unknown, unless zero);
 * - every cell of a zone under `minPopulation` inhabitants or of unknown population (the
 *   département excepted when it is not listed);
 * - a rate, share or evolution one of whose inputs is protected.
 */
export function auditPrimaryCells(
  cells: readonly Cell[],
  zones: readonly AuditZone[],
  rules: { threshold: number; minPopulation: number },
): Set<string> {
  const population = new Map(zones.map((z) => [`${z.level}|${z.code}`, z.population]));
  const derived = (c: Cell) => c.unit === "rate" || c.unit === "share" || c.unit === "evolution";
  const small = (c: Cell) => {
    if (derived(c)) return false;
    const behind = c.contributors ?? (c.unit === "count" ? c.value : null);
    if (behind === null) return c.value !== null && c.value !== 0;
    return behind >= 1 && behind < rules.threshold;
  };
  const smallZone = (c: Cell) => {
    const zone = `${c.level}|${c.code}`;
    if (!population.has(zone)) return c.level !== "departement";
    const inhabitants = population.get(zone) ?? null;
    return inhabitants === null || inhabitants < rules.minPopulation;
  };
  const primary = new Set(cells.filter((c) => small(c) || smallZone(c)).map(cellKey));
  // A derived cell may rest on another one: until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const c of cells) {
      const key = cellKey(c);
      if (!primary.has(key) && c.inputs?.some((input) => primary.has(input))) {
        primary.add(key);
        changed = true;
      }
    }
  }
  return primary;
}
