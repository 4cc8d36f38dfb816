import { determinedColumns, type SparseRow } from "./gauss.ts";

/** A sum relation over cell indices; `rest` is the hidden remainder (0 when complete). */
export interface IndexedRelation {
  total: number;
  parts: number[];
  complete: boolean;
  rest: number;
}

/** The table set as the suppression sees it: arrays indexed by cell. */
export interface SuppressionProblem {
  keys: readonly string[];
  values: readonly (number | null)[];
  /** Cells the public does not see: secret ones, complements, and unknown (null) values. */
  hidden: boolean[];
  /**
   * Cells that must stay protected, with an interval of width at least the threshold (a
   * subset of hidden): the primary ones (small counts, small zones, zeros of the attribute
   * rule, derived cells of protected inputs). A complement (secondary suppression) is only
   * hidden: it protects a primary, it needs no protection of its own, and protecting it
   * made the suppressions cascade (every commune APA total of the département secret).
   */
  secret: boolean[];
  /**
   * Cells that, once hidden, the public could not tell from a primary one, so that they are
   * protected like one: a zero or small value, an amount (its contributors are not public).
   * A hidden count of at least the threshold is told apart by the audit from its lower bound.
   */
  protectedWhenHidden?: readonly boolean[];
  relations: readonly IndexedRelation[];
  relationsOf: readonly (readonly number[])[];
  /** Cells an archived edition published with the same value: never chosen as complements. */
  locked?: readonly boolean[];
}

const valueOf = (p: SuppressionProblem, i: number) => p.values[i] ?? 0;

/** A published cell the suppression may still hide (not online in an archive). */
export const hideable = (p: SuppressionProblem, i: number): boolean => !p.hidden[i] && !p.locked?.[i];

/**
 * The published cell to suppress next: the smallest value that fills the missing width on
 * its own, otherwise the largest one; ties go to the cell in fewer relations (less cascade),
 * then to the key, so the outcome never depends on input order.
 */
function cheapest(p: SuppressionProblem, candidates: readonly number[], missing: number): number | undefined {
  let best: number | undefined;
  const rank = (i: number): [number, number, number] => {
    const v = valueOf(p, i);
    return v >= missing ? [0, v, p.relationsOf[i]!.length] : [1, -v, p.relationsOf[i]!.length];
  };
  for (const i of candidates) {
    if (best === undefined) {
      best = i;
      continue;
    }
    const a = rank(i);
    const b = rank(best);
    const cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (p.keys[i]! < p.keys[best]! ? -1 : 1);
    if (cmp < 0) best = i;
  }
  return best;
}

/**
 * What one relation needs, on its own, so that its secret cells keep a width of at least
 * `threshold` and no group of them sums to 1..threshold-1: returns the cell to suppress, or
 * undefined when the relation is safe. With a published total, the secret parts plus the
 * hidden remainder must weigh at least the threshold (that weight bounds every secret part),
 * and a complete relation needs two unknown parts; with a secret total, a complete relation
 * needs one unknown part. A relation whose hidden cells are complements only needs no width,
 * only that none of them be given back exactly by this relation alone.
 */
function relationNeed(p: SuppressionProblem, r: IndexedRelation, threshold: number): number | undefined {
  if (!p.hidden[r.total]) {
    const unknown = r.parts.filter((i) => p.hidden[i]);
    if (!unknown.some((i) => p.secret[i])) {
      // Complements only: no width to keep, but a complement alone unknown in a complete
      // relation is given back by it, and with it the cell it protects. A partner of at
      // least 1 (a zero would have to be protected) avoids that cheaply.
      if (!r.complete || unknown.length !== 1 || p.values[unknown[0]!] === null) return undefined;
      const open = r.parts.filter((i) => hideable(p, i));
      if (open.length === 0) return hideable(p, r.total) ? r.total : undefined;
      return cheapest(p, open, 1);
    }
    const weight = unknown.reduce((s, i) => s + valueOf(p, i), 0) + r.rest;
    if ((!r.complete || unknown.length >= 2) && weight >= threshold) return undefined;
    const open = r.parts.filter((i) => hideable(p, i));
    if (open.length === 0) return hideable(p, r.total) ? r.total : undefined;
    return cheapest(p, open, threshold - weight);
  }
  // A hidden total (protected, or a complement) whose parts are all published is their sum.
  const protectedTotal = p.secret[r.total];
  if (
    (protectedTotal || p.values[r.total] !== null) &&
    r.complete &&
    r.parts.length > 0 &&
    r.parts.every((i) => !p.hidden[i])
  ) {
    return cheapest(
      p,
      r.parts.filter((i) => hideable(p, i)),
      protectedTotal ? threshold : 1,
    );
  }
  return undefined;
}

/** Suppresses a complement: hidden, and protected only when the public could take it for a primary. */
export const hide = (p: SuppressionProblem, i: number, added: number[]) => {
  p.hidden[i] = true;
  if (p.protectedWhenHidden?.[i]) p.secret[i] = true;
  added.push(i);
};

/** Applies relationNeed until every relation is safe; returns the cells suppressed. */
export function suppressByRelation(p: SuppressionProblem, threshold: number, start?: Iterable<number>): number[] {
  const added: number[] = [];
  const queued = new Set<number>(start ?? p.relations.keys());
  const queue = [...queued].sort((a, b) => a - b);
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head]!;
    queued.delete(r);
    const cell = relationNeed(p, p.relations[r]!, threshold);
    if (cell === undefined) continue;
    hide(p, cell, added);
    for (const other of p.relationsOf[cell]!) {
      if (!queued.has(other)) {
        queued.add(other);
        queue.push(other);
      }
    }
    // The same relation may need more than one cell.
    if (!queued.has(r)) {
      queued.add(r);
      queue.push(r);
    }
  }
  return added;
}

/**
 * Secret cells that a combination of complete relations gives back exactly. Incomplete
 * relations carry their own unknown remainder and are dropped by the elimination itself.
 */
export function exactlyRecoverable(p: SuppressionProblem): number[] {
  const rows: SparseRow[] = [];
  for (const r of p.relations) {
    if (!r.complete) continue;
    const row: SparseRow = new Map();
    if (p.hidden[r.total]) row.set(r.total, 1);
    for (const i of r.parts) if (p.hidden[i]) row.set(i, (row.get(i) ?? 0) - 1);
    if (row.size > 0) rows.push(row);
  }
  return determinedColumns(rows).filter((i) => p.secret[i]);
}

/**
 * Published cells of the complete relations nearest to a recoverable cell. When every cell
 * of its own relations is already hidden, the value comes back through a chain of relations
 * (a hidden total that other breakdowns give back): look one relation further each time,
 * through the hidden cells, until a published cell is found.
 */
function openCellsNear(p: SuppressionProblem, cell: number): number[] {
  const seenRelations = new Set<number>();
  const seenCells = new Set<number>([cell]);
  let frontier = [cell];
  while (frontier.length > 0) {
    const open = new Set<number>();
    const next: number[] = [];
    for (const c of frontier) {
      for (const r of p.relationsOf[c]!) {
        if (seenRelations.has(r) || !p.relations[r]!.complete) continue;
        seenRelations.add(r);
        for (const i of [p.relations[r]!.total, ...p.relations[r]!.parts]) {
          if (seenCells.has(i)) continue;
          seenCells.add(i);
          if (p.hidden[i]) next.push(i);
          else if (hideable(p, i)) open.add(i);
        }
      }
    }
    if (open.size > 0) return [...open];
    frontier = next;
  }
  return [];
}

/**
 * Secondary suppression over the whole table set: relation by relation, then Gaussian
 * elimination for what only a combination of relations gives back, until both are clean.
 */
export function suppressSecondary(p: SuppressionProblem, threshold: number): number[] {
  const added = suppressByRelation(p, threshold);
  for (;;) {
    const recoverable = exactlyRecoverable(p);
    if (recoverable.length === 0) return added;
    const touched = new Set<number>();
    const round: number[] = [];
    for (const cell of recoverable) {
      const relations = p.relationsOf[cell]!;
      if (relations.some((r) => touched.has(r))) continue;
      const pick = cheapest(p, openCellsNear(p, cell), threshold);
      if (pick === undefined) continue;
      hide(p, pick, round);
      for (const r of p.relationsOf[pick]!) touched.add(r);
      for (const r of relations) touched.add(r);
    }
    if (round.length === 0) return added; // nothing left to hide: the audit will say so
    added.push(...round);
    const relationsTouched = new Set(round.flatMap((i) => p.relationsOf[i]!));
    added.push(...suppressByRelation(p, threshold, relationsTouched));
  }
}
