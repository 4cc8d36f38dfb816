import { cellKey, InputError, type Cell, type PublishedCell, type SumRelation } from "../contracts.ts";
import { isDerived, primarySecrets, propagateToDerived, type ZonePopulation } from "./primary.ts";
import type { CellTraits } from "./narrow.ts";
import { widenOnce } from "./widen.ts";
import { zerosRevealingAttributes, zerosPinningDerived, type DerivedInputs } from "./attribute.ts";
import { suppressSecondary, suppressByRelation, type IndexedRelation, type SuppressionProblem } from "./secondary.ts";

export type { ZonePopulation } from "./primary.ts";

export interface ProtectOptions {
  /** Smallest publishable number of individuals; 5 by Article 7. */
  threshold?: number;
  /** Smallest publishable zone population; 100 by Article 7. */
  minPopulation?: number;
  /** LP widening after the heuristics (default true); off only to measure what it adds. */
  widen?: boolean;
  /** Zeros protected beside secret totals and under secret derived cells (attribute.ts; default
   * true); off only to measure their information cost in bench/disclosure.ts. */
  protectZeros?: boolean;
  /** Zeros beside a published total protected only for totals below this (default: every
   * total, the rule chosen); set only to measure the cost of a laxer rule. */
  attributeUpTo?: number;
  /** Complements protected like primary cells (the rule before issue 16, whose suppressions
   * cascaded); only to measure the difference in bench/disclosure.ts. */
  protectComplements?: boolean;
  /** What the archived editions already put online (editions-constraints.ts): cells secret
   * there stay secret, cells public there with the same value are never hidden as complements. */
  archives?: { secret: ReadonlySet<string>; locked: ReadonlySet<string> };
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a brand: only its type is used
declare const protectedBrand: unique symbol;

/** Tables that went through disclosure control; only protect() creates one. */
export type ProtectedTable = {
  readonly cells: readonly PublishedCell[];
  /** How many cells are hidden: protected ones (primary cells, and complements the public
   * could take for one), and complements hidden only. Never published: for measures. */
  readonly hiddenCounts: { protected: number; complements: number };
  readonly __protected: typeof protectedBrand;
};

const source = "tables d'indicateurs";

/** Rounds of LP widening before giving up (the audit then fails closed, naming the cells). */
const maxWideningRounds = 60;

function indexCells(cells: readonly Cell[]): Map<string, number> {
  const index = new Map<string, number>();
  cells.forEach((cell, i) => {
    const key = cellKey(cell);
    if (index.has(key)) {
      throw new InputError(
        `Cellule en double : ${key} (indicateur ${cell.indicator}, année ${cell.year}). Chaque cellule doit être unique.`,
        source,
        "cellule-unique",
      );
    }
    index.set(key, i);
  });
  return index;
}

function indexRelations(
  relations: readonly SumRelation[],
  index: Map<string, number>,
  values: readonly (number | null)[],
): IndexedRelation[] {
  const find = (key: string, n: number) => {
    const i = index.get(key);
    if (i === undefined) {
      throw new InputError(
        `La relation de somme n° ${n + 1} (total ${relations[n]!.total}) cite une cellule absente des tables : ${key}.`,
        source,
        "relation-cellule-connue",
      );
    }
    return i;
  };
  // Canonical order, so that the outcome does not depend on the order relations came in.
  const sorted = relations
    .map((r, n) => ({ total: find(r.total, n), parts: r.parts.map((k) => find(k, n)), complete: r.complete }))
    .sort(
      (a, b) => a.total - b.total || a.parts.length - b.parts.length || String(a.parts).localeCompare(String(b.parts)),
    );
  return sorted.map((r) => {
    const total = values[r.total];
    const parts = r.parts.reduce((s, i) => s + (values[i] ?? 0), 0);
    // What the remainder really holds is what an attacker's subtraction would be left with.
    const rest = r.complete || total === null || total === undefined ? 0 : Math.max(0, total - parts);
    return { ...r, rest };
  });
}

/**
 * Disclosure control of a whole table set (Article 7): primary suppression, secondary
 * suppression over every declared relation at once, derived cells following their inputs.
 * Deterministic: the same cells and relations give the same pattern, in any order.
 */
export function protect(
  cells: Cell[],
  relations: SumRelation[],
  zones: ZonePopulation[],
  opts: ProtectOptions = {},
): ProtectedTable {
  const threshold = opts.threshold ?? 5;
  const minPopulation = opts.minPopulation ?? 100;
  const order = cells.map((_, i) => i).sort((a, b) => (cellKey(cells[a]!) < cellKey(cells[b]!) ? -1 : 1));
  const sortedCells = order.map((i) => cells[i]!);
  const index = indexCells(sortedCells);
  const keys = sortedCells.map(cellKey);
  const values = sortedCells.map((c) => c.value);
  // Primary cells (protected, width of at least the threshold), and every cell hidden: the
  // primary ones and the complements that protect them (hidden only).
  const secretKeys = primarySecrets(sortedCells, zones, { threshold, minPopulation });
  propagateToDerived(sortedCells, secretKeys);
  const hiddenKeys = new Set(secretKeys);
  // Hidden in an archive: hidden for ever (its value would give the old one back), protected
  // only if the rules protect it now; the public cannot tell which it was, see protectedWhenHidden.
  for (const key of opts.archives?.secret ?? []) if (index.has(key)) hiddenKeys.add(key);
  propagateToDerived(sortedCells, hiddenKeys);

  const indexed = indexRelations(relations, index, values);
  const relationsOf: number[][] = sortedCells.map(() => []);
  indexed.forEach((r, n) => {
    for (const i of new Set([r.total, ...r.parts])) relationsOf[i]!.push(n);
  });
  // The public could take these for primary cells once hidden (see SuppressionProblem).
  const protectedWhenHidden = sortedCells.map(
    (c) =>
      opts.protectComplements === true ||
      (!isDerived(c) && (c.unit !== "count" || c.value === null || c.value < threshold)),
  );
  const problem: SuppressionProblem = {
    keys,
    values,
    secret: keys.map((k, i) => secretKeys.has(k) || (hiddenKeys.has(k) && protectedWhenHidden[i]!)),
    hidden: keys.map((k, i) => hiddenKeys.has(k) || values[i] === null),
    protectedWhenHidden,
    // Online in an archive with this value: hiding it would protect nothing. The rules
    // themselves (a small count, a derived cell of a secret input) still win over the lock.
    locked: keys.map((k) => opts.archives?.locked.has(k) === true && !secretKeys.has(k)),
    relations: indexed,
    relationsOf,
  };

  const derivedInputs: DerivedInputs[] = sortedCells.flatMap((c, i) => {
    const inputs = c.inputs?.map((k) => index.get(k));
    return isDerived(c) && inputs?.length === 2 && inputs.every((n) => n !== undefined)
      ? [{ cell: i, unit: c.unit, inputs: inputs as [number, number] }]
      : [];
  });

  // Derived cells of newly hidden inputs may themselves sit in relations, and a total newly
  // hidden makes the zeros beside it secret (attribute.ts): go round again until stable.
  const settle = (added: number[]) => {
    for (;;) {
      for (const i of added) {
        hiddenKeys.add(keys[i]!);
        if (problem.secret[i]) secretKeys.add(keys[i]!);
      }
      // A derived cell of a protected input is protected; of a complement, hidden only (a
      // published share of a hidden count would give the count back).
      const derived = propagateToDerived(sortedCells, secretKeys).map((k) => index.get(k)!);
      for (const i of derived) {
        problem.secret[i] = problem.hidden[i] = true;
        hiddenKeys.add(keys[i]!);
      }
      const derivedHidden = propagateToDerived(sortedCells, hiddenKeys).map((k) => index.get(k)!);
      for (const i of derivedHidden) problem.hidden[i] = true;
      const fresh = [
        ...new Set([
          ...derived,
          ...derivedHidden,
          ...(opts.protectZeros === false
            ? []
            : [
                ...zerosRevealingAttributes(problem, opts.attributeUpTo),
                ...zerosPinningDerived(problem, derivedInputs),
              ]),
        ]),
      ];
      if (fresh.length === 0) return;
      const derivedOnlyHidden = new Set(derivedHidden.filter((i) => !problem.secret[i]));
      for (const i of fresh) {
        problem.hidden[i] = true;
        hiddenKeys.add(keys[i]!);
        if (derivedOnlyHidden.has(i)) continue;
        problem.secret[i] = true;
        secretKeys.add(keys[i]!);
      }
      const touched = fresh.flatMap((i) => relationsOf[i]!);
      // Nothing to re-suppress, but the cells just hidden may make more derived cells secret.
      if (touched.length === 0) {
        added = [];
        continue;
      }
      added = suppressByRelation(problem, threshold, touched);
      added.push(...suppressSecondary(problem, threshold));
    }
  };
  settle(suppressSecondary(problem, threshold));

  // What the heuristics miss (a cell squeezed between several relations), the LP finds:
  // widen until no secret cell can be bounded within less than the threshold.
  const traits: CellTraits[] = sortedCells.map((c) => ({
    integer: !isDerived(c),
    lower: c.unit === "evolution" ? -Infinity : 0,
    derived: isDerived(c),
  }));
  const safe = new Set<string>();
  for (let round = 0; opts.widen !== false && round < maxWideningRounds; round++) {
    const hidden = widenOnce(problem, traits, threshold, safe);
    if (hidden.length === 0) break;
    const relationsTouched = new Set(hidden.flatMap((i) => relationsOf[i]!));
    settle([
      ...hidden,
      ...suppressByRelation(problem, threshold, relationsTouched),
      ...suppressSecondary(problem, threshold),
    ]);
  }

  const published = cells.map((cell): PublishedCell => {
    const secret = hiddenKeys.has(cellKey(cell));
    const { contributors: _contributors, inputs: _inputs, ...rest } = cell;
    return { ...rest, value: secret ? null : cell.value, secret };
  });
  const hiddenCount = published.filter((c) => c.secret).length;
  const protectedCount = problem.secret.filter((x, i) => x && hiddenKeys.has(keys[i]!)).length;
  const hiddenCounts = { protected: protectedCount, complements: hiddenCount - protectedCount };
  return { cells: published, hiddenCounts } as unknown as ProtectedTable;
}
