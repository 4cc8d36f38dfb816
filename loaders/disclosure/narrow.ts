import { lpBounds, type LpBounds, type LpComponent, type LpRow } from "./lp-bounds.ts";
import type { SuppressionProblem } from "./secondary.ts";

/**
 * The suppression's own check of what sums give away once combined: for every secret cell,
 * the smallest and largest value consistent with the published cells, the sum relations and
 * non-negativity (by linear programming, whole numbers where counted). The heuristics of
 * secondary.ts reason relation by relation and on exact recoveries; a cell squeezed between
 * several relations (a commune holding nearly the whole département) escapes them.
 * Published rates and evolutions never involve a hidden cell (their inputs make them
 * secret, see propagateToDerived), so sums are all that can bound one.
 */
export interface CellTraits {
  /** Counts and amounts are whole numbers; rates are not. */
  integer: boolean;
  /** Smallest possible value (0, or -Infinity for an evolution). */
  lower: number;
  /** Rates, shares, evolutions: never a target. */
  derived: boolean;
}

/**
 * "cell": a protected cell, whose interval must be at least the threshold wide. "complement":
 * a cell hidden to protect others, which needs no width of its own, but which the public must
 * be able to tell from a protected one: narrower than the threshold only when its lower bound
 * reaches it (a hidden count proven at least 5 rests on no small group). "group": the hidden
 * parts of one relation, which must not sum to 1..threshold-1.
 */
export type NarrowKind = "cell" | "complement" | "group";

export interface NarrowTarget {
  kind: NarrowKind;
  /** Cell indices (one for a cell, the hidden parts of one relation for a group). */
  cells: number[];
}

export interface NarrowFailure extends NarrowTarget {
  low: number;
  high: number;
}

interface Piece {
  cells: number[];
  /** The LP of the targets left to solve; null when every one was solved before. */
  component: LpComponent | null;
  targets: NarrowTarget[];
  /** Targets of this same piece solved in an earlier round, with their bounds. */
  known: { target: NarrowTarget; bounds: LpBounds }[];
  /** Where the bounds of `targets` are kept once solved. */
  memo: Map<string, LpBounds>;
}

/**
 * Bounds solved so far, by the cells of the piece, then by target. The LP of a piece is
 * fixed by its hidden cells (published values never change, and every hidden cell of its
 * relations is in it): a piece the last suppressions did not reach is the same LP, and its
 * narrow targets need no new solve. Most of a round's pieces are such pieces.
 */
const solvedBounds = new WeakMap<SuppressionProblem, Map<string, Map<string, LpBounds>>>();

function memoOf(p: SuppressionProblem, cells: readonly number[]): Map<string, LpBounds> {
  let byPiece = solvedBounds.get(p);
  if (!byPiece) solvedBounds.set(p, (byPiece = new Map()));
  const key = cells.join(",");
  let memo = byPiece.get(key);
  if (!memo) byPiece.set(key, (memo = new Map()));
  return memo;
}

const valueOf = (p: SuppressionProblem, i: number) => p.values[i] ?? 0;

/** Cells of a relation, deduplicated, total first. */
const members = (p: SuppressionProblem, r: number) => [...new Set([p.relations[r]!.total, ...p.relations[r]!.parts])];

/** The hidden cells linked through relations to `seed` (all of them when no seed). */
function linkedHidden(p: SuppressionProblem, seeds?: readonly number[]): number[][] {
  const seen = new Set<number>();
  const groups: number[][] = [];
  const starts = seeds ?? p.keys.map((_, i) => i);
  for (const start of starts) {
    if (seen.has(start) || !p.hidden[start] || p.relationsOf[start]!.length === 0) continue;
    const group: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const cell = stack.pop()!;
      group.push(cell);
      for (const r of p.relationsOf[cell]!) {
        for (const other of members(p, r)) {
          if (p.hidden[other] && !seen.has(other)) {
            seen.add(other);
            stack.push(other);
          }
        }
      }
    }
    groups.push(group.sort((a, b) => a - b));
  }
  return groups;
}

/** The LP of one group of linked hidden cells, and what to bound in it: `only` that target,
 * or every target not in `skip`; null when nothing is left to bound. */
function piece(
  p: SuppressionProblem,
  traits: readonly CellTraits[],
  cells: number[],
  threshold: number,
  only?: NarrowTarget,
  skip?: ReadonlySet<string>,
): Piece | null {
  const relations = [...new Set(cells.flatMap((c) => p.relationsOf[c]!))].sort((a, b) => a - b);
  const targets: NarrowTarget[] = [];
  if (only) targets.push(only);
  else {
    for (const c of cells) {
      if (traits[c]!.derived) continue;
      if (p.secret[c]) targets.push({ kind: "cell", cells: [c] });
      else if (p.values[c] !== null) targets.push({ kind: "complement", cells: [c] });
    }
    const seenGroups = new Set<string>();
    for (const r of relations) {
      // Every hidden part, complements included: the audit sees them all as secret.
      const hiddenParts = [...new Set(p.relations[r]!.parts)].filter(
        (i) => p.hidden[i] && p.values[i] !== null && !traits[i]!.derived,
      );
      const weight = hiddenParts.reduce((s, i) => s + valueOf(p, i), 0);
      // A group whose true sum is 0 or at least the threshold holds that sum in its interval: safe.
      if (hiddenParts.length < 2 || weight < 1 || weight >= threshold) continue;
      const id = hiddenParts.join(",");
      if (seenGroups.has(id)) continue;
      seenGroups.add(id);
      targets.push({ kind: "group", cells: hiddenParts });
    }
  }
  const unsafe = skip ? targets.filter((t) => !skip.has(signatureOf(t))) : targets;
  // Nothing left to prove here: the rows, the costly part at département size, are not built.
  if (unsafe.length === 0) return null;
  const memo = memoOf(p, cells);
  const known = unsafe.flatMap((target) => {
    const bounds = memo.get(signatureOf(target));
    return bounds ? [{ target, bounds }] : [];
  });
  const pending = unsafe.filter((t) => !memo.has(signatureOf(t)));
  if (pending.length === 0) return { cells, component: null, targets: [], known, memo };
  const local = new Map(cells.map((c, i) => [c, i]));
  const rows: LpRow[] = [];
  let feasible = true;
  for (const r of relations) {
    const relation = p.relations[r]!;
    const coefs = new Map<number, number>();
    let constant = 0; // published side: total - parts
    const add = (cell: number, sign: number) => {
      if (p.hidden[cell]) coefs.set(local.get(cell)!, (coefs.get(local.get(cell)!) ?? 0) + sign);
      else constant += sign * valueOf(p, cell);
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    const kept = [...coefs].filter(([, c]) => c !== 0).sort((a, b) => a[0] - b[0]);
    if (kept.length === 0) continue;
    // hidden terms + constant = rest, with rest = 0 (complete) or >= 0 (a hidden remainder).
    const row: LpRow = {
      vars: kept.map(([v]) => v),
      coefs: kept.map(([, c]) => c),
      lower: -constant,
      upper: relation.complete ? -constant : Infinity,
    };
    rows.push(row);
    const truth = row.vars.reduce((s, v, k) => s + row.coefs[k]! * valueOf(p, cells[v]!), 0);
    if (truth < row.lower - 1e-6 || truth > row.upper + 1e-6) feasible = false;
  }
  const component: LpComponent = {
    variables: cells.map((c) => ({ lower: traits[c]!.lower, upper: Infinity, integer: traits[c]!.integer })),
    rows,
    targets: pending.map((t) => ({
      kind: t.kind === "group" ? "group" : "cell",
      vars: t.cells.map((c) => local.get(c)!),
    })),
    start: feasible ? cells.map((c) => valueOf(p, c)) : null,
  };
  return { cells, component, targets: pending, known, memo };
}

const signatureOf = (target: NarrowTarget) => `${target.kind}:${target.cells.join(",")}`;

const discloses = (kind: NarrowKind, low: number, high: number, threshold: number) =>
  Number.isNaN(low) ||
  Number.isNaN(high) ||
  (kind === "group"
    ? low >= 1 && high <= threshold - 1
    : high - low < threshold && (kind === "cell" || low < threshold));

/** Safe for good: an interval only widens as more cells are hidden, but a complement's lower
 * bound may fall, so one narrow but proven large is checked again. */
const safeForGood = (kind: NarrowKind, low: number, high: number, threshold: number) =>
  kind !== "complement" || high - low >= threshold;

/**
 * Targets whose interval is narrower than the threshold (or a group summing to 1..threshold-1).
 * `skip` holds signatures of targets already found safe, and receives the new safe ones:
 * published values never change and hiding one more cell only frees a value the attacker
 * knew, so an interval can only widen and a target once safe stays safe. Only the targets
 * that are new or still narrow are solved again, in the component they now belong to.
 */
export function narrowIntervals(
  p: SuppressionProblem,
  traits: readonly CellTraits[],
  threshold: number,
  skip: Set<string> = new Set(),
): NarrowFailure[] {
  const pieces = linkedHidden(p)
    .map((cells) => piece(p, traits, cells, threshold, undefined, skip))
    .filter((x): x is Piece => x !== null);
  const failures: NarrowFailure[] = [];
  for (const solved of solvedAll(pieces, threshold))
    solved.forEach(({ target, bounds: { low, high } }) => {
      if (discloses(target.kind, low, high, threshold)) failures.push({ ...target, low, high });
      else if (safeForGood(target.kind, low, high, threshold)) skip.add(signatureOf(target));
    });
  return failures;
}

/** Every target of the pieces with its bounds: those solved before, and the others solved now in one batch. */
function solvedAll(pieces: readonly Piece[], threshold: number): { target: NarrowTarget; bounds: LpBounds }[][] {
  const solving = pieces.filter((x) => x.component !== null);
  const bounds = lpBounds(
    solving.map((x) => x.component!),
    threshold,
  );
  const fresh = new Map(solving.map((x, n) => [x, bounds[n]!]));
  return pieces.map((x) => [
    ...x.known,
    ...x.targets.map((target, t) => {
      const solved = fresh.get(x)![t]!;
      x.memo.set(signatureOf(target), solved);
      return { target, bounds: solved };
    }),
  ]);
}

/**
 * For each failure, the intervals its target would get with each candidate hidden in turn:
 * one batch of small LPs, so that the suppression picks a cell that really widens it.
 */
export function trialWidths(
  p: SuppressionProblem,
  traits: readonly CellTraits[],
  threshold: number,
  trials: readonly { target: NarrowTarget; candidate: number }[],
): { low: number; high: number }[] {
  const pieces = trials.map(({ target, candidate }) => {
    p.hidden[candidate] = true;
    try {
      const [cells] = linkedHidden(p, [target.cells[0]!]);
      // A piece asked for one target always holds it.
      return piece(p, traits, cells ?? target.cells, threshold, target)!;
    } finally {
      p.hidden[candidate] = false;
    }
  });
  return solvedAll(pieces, threshold).map(([first]) => first!.bounds);
}

export { discloses };
