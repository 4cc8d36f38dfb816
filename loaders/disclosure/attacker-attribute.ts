import { zoneOfCellKey, type PublishedCell } from "../contracts.ts";
import type { AuditSum } from "./catalogue.ts";

/** A published set of cells that says every individual of a published total shares one category. */
export interface AttributeDisclosure {
  /** The cell named: a published zero part, or the full part when no zero is published. */
  cell: string;
  reason: string;
}

const keyOf = (c: PublishedCell) => [c.indicator, c.year, c.level, c.code, c.breakdown, c.category].join("|");

/**
 * Attribute disclosure beside a PUBLISHED total (Article 7, "sous quelque forme que ce soit"):
 * in a complete breakdown of one zone (parts in the zone of the total: sex, age, GIR) whose
 * total is published and not zero, a part whose smallest value
 * consistent with what is public (its published value, or the LP lower bound of a secret one)
 * reaches the total holds every individual of the zone: they all share its category. Named
 * on each published zero beside it (re-publishing a protected zero is what the audit must
 * catch), or on the full part when the other parts are secret (then pinned at 0 as well).
 * Beside a secret total, attacker-system.ts already refuses every published zero.
 * `lowOf` gives the lower bound the attacker found for a secret count, by its key.
 */
export function attributeDisclosures(
  cells: readonly PublishedCell[],
  sums: readonly AuditSum[],
  lowOf: (key: string) => number | undefined,
): AttributeDisclosure[] {
  const byKey = new Map(cells.map((c) => [keyOf(c), c]));
  const published = (key: string) => {
    const c = byKey.get(key);
    return c && !c.secret && c.value !== null ? c.value : null;
  };
  const found = new Map<string, string>();
  for (const sum of sums) {
    const total = published(sum.total);
    if (!sum.complete || total === null || total <= 0) continue;
    const parts = [...new Set(sum.parts)];
    // A total split into smaller zones is geography, not a category of its people.
    if (parts.length < 2 || parts.some((p) => zoneOfCellKey(p) !== zoneOfCellKey(sum.total))) continue;
    for (const full of parts) {
      const low = published(full) ?? lowOf(full);
      if (low === undefined || low < total) continue;
      const zeros = parts.filter((p) => p !== full && published(p) === 0);
      const reason = `divulgation d'attribut : le total publié ${sum.total} (${total}) est tout entier dans ${full} ; toutes ses personnes partagent cette caractéristique`;
      for (const named of zeros.length > 0 ? zeros : [full]) if (!found.has(named)) found.set(named, reason);
    }
  }
  return [...found].map(([cell, reason]) => ({ cell, reason }));
}
