import { hideable, type SuppressionProblem } from "./secondary.ts";

/**
 * Attribute disclosure (Article 7: no indirect identification "sous quelque forme que ce
 * soit"). A published zero beside a secret total says that none of the hidden individuals has
 * that category; zeros on every part but one say that they all share the last one (every APA
 * beneficiary of a village a woman under 75 living alone). The rule, as GaussSuppression's
 * default protection of zeros: in a complete relation whose total is secret, every zero part
 * is protected like a small cell (secret, then kept at a width of at least the threshold by
 * the secondary suppression). A total that is public and at least the threshold leaves its
 * zeros public: the group is then large enough by Article 7's own count.
 * Returns the published zero parts to hide, each once.
 */
export function zerosBesideSecretTotals(p: SuppressionProblem): number[] {
  const found = new Set<number>();
  for (const relation of p.relations) {
    if (!relation.complete || !p.secret[relation.total]) continue;
    for (const part of relation.parts) if (hideable(p, part) && p.values[part] === 0) found.add(part);
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
    if (!p.secret[cell]) continue;
    const [zero, denominator] = unit === "evolution" ? [inputs[1], inputs[0]] : inputs;
    if (p.hidden[denominator] && hideable(p, zero) && p.values[zero] === 0) found.add(zero);
  }
  return [...found].sort((a, b) => a - b);
}
