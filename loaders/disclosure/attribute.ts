import { zoneOfCellKey } from "../contracts.ts";
import type { SuppressionProblem } from "./secondary.ts";

/** Not protected yet, and not online in an archive (a zero hidden as a complement is protected now). */
const protectable = (p: SuppressionProblem, i: number) => !p.secret[i] && !p.locked?.[i];

/**
 * Attribute disclosure (Article 7: no indirect identification "sous quelque forme que ce
 * soit"). A published zero beside a secret total says that none of the hidden individuals has
 * that category; zeros on every part but one say that they all share the last one (every APA
 * beneficiary of a village a woman under 75 living alone). The same holds beside a PUBLISHED
 * total: an APA total of 8 beside a published 0 men says that all 8 are women. The rule, as
 * GaussSuppression's default protection of zeros, in a complete relation:
 * - whose total is secret, every zero part is protected like a small cell;
 * - whose parts break down the total's own zone (sex, age, GIR: not the communes of a
 *   département, the geography every count is published on), whose total is not zero and
 *   has every part but one at zero (all its individuals in one
 *   category), the zero parts are protected like small cells, whatever the total's size.
 * Protected means secret, then kept at a width of at least the threshold by the secondary
 * suppression, so that a zero cannot be recomputed as the total minus the full part. A total
 * hidden as a complement is not secret: it holds at least the threshold, and its zeros follow
 * the second case only (like those of a published total).
 * Whatever the size: Article 7 forbids the indirect identification "sous quelque forme que ce
 * soit" and sets no size above which it is allowed; bench/disclosure.ts measured the cost of
 * the strict reading against a rule limited to totals under 20 (see README, issue 18).
 * `upTo` limits the second case to totals below it, only to measure that cost.
 * Returns the published zero parts to hide, each once.
 */
export function zerosRevealingAttributes(p: SuppressionProblem, upTo = Infinity): number[] {
  const found = new Set<number>();
  for (const relation of p.relations) {
    if (!relation.complete) continue;
    const parts = [...new Set(relation.parts)];
    const zeros = parts.filter((part) => p.values[part] === 0);
    const total = p.values[relation.total] ?? 0;
    // Only a breakdown of the total's own zone gives its people a category; a zone split into
    // smaller zones (communes of the département) is the geography every count is published on.
    const ownZone = parts.every((part) => zoneOfCellKey(p.keys[part]!) === zoneOfCellKey(p.keys[relation.total]!));
    const oneCategory = ownZone && parts.length >= 2 && zeros.length === parts.length - 1 && total > 0 && total < upTo;
    if (!p.secret[relation.total] && !oneCategory) continue;
    for (const part of zeros) if (protectable(p, part)) found.add(part);
  }
  return [...found].sort((a, b) => a - b);
}

/** What protect() knows of a derived cell: its unit and the indices of its two inputs. */
export interface DerivedInputs {
  cell: number;
  unit: string;
  /** [numerator, denominator] for rates and shares, [previous year, year] for evolutions. */
  inputs: [number, number];
}

/**
 * A secret rate or share whose numerator is a published zero is 0 %, and a secret evolution
 * whose latest year is a published zero is -100 %, whatever the hidden denominator: the zero
 * is protected like a small cell, so the derived cell can be any value of its range.
 * (Over a published denominator the derived cell follows its numerator, already protected.)
 */
export function zerosPinningDerived(p: SuppressionProblem, derived: readonly DerivedInputs[]): number[] {
  const found = new Set<number>();
  for (const { cell, unit, inputs } of derived) {
    // Hidden, protected or not: the public cannot tell a complement's derived cell from a
    // protected one, so a hidden one is never pinned either.
    if (!p.hidden[cell]) continue;
    const [zero, denominator] = unit === "evolution" ? [inputs[1], inputs[0]] : inputs;
    if (p.hidden[denominator] && protectable(p, zero) && p.values[zero] === 0) found.add(zero);
  }
  return [...found].sort((a, b) => a - b);
}
