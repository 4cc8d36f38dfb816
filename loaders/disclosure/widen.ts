import {
  discloses,
  narrowIntervals,
  trialWidths,
  type CellTraits,
  type NarrowFailure,
  type NarrowKind,
} from "./narrow.ts";
import { hide, hideable, type SuppressionProblem } from "./secondary.ts";

/**
 * How many published cells are tried, by LP, for each narrow interval: the best ranked
 * first; when none of them widens it, more, then every cell sharing a relation with it. The
 * ranking only guesses (a département relation can put a hundred useless communes before
 * the commune's own part), and hiding a cell that widens nothing costs a suppression and a
 * round. Cells one relation further are only tried within the first batches: when no single
 * cell widens an interval (a cycle through two communes), trying them all costs seconds.
 */
const trialBatches = [8, 64, "direct"] as const;

const valueOf = (p: SuppressionProblem, i: number) => p.values[i] ?? 0;

/**
 * Published cells that could widen a target, best first: those sharing a complete relation
 * with it, then an incomplete one, then one relation further through hidden cells; within a
 * tier the smallest value that reaches the threshold, then the largest below it, zeros last
 * (a hidden zero only gives room upwards), then fewer relations (less cascade), then the key.
 */
function candidates(
  p: SuppressionProblem,
  failure: NarrowFailure,
  threshold: number,
): { options: number[]; direct: number } {
  const tier = new Map<number, number>();
  const visit = (cells: readonly number[], depth: number) => {
    const further: number[] = [];
    for (const cell of cells) {
      for (const r of p.relationsOf[cell]!) {
        const relation = p.relations[r]!;
        for (const other of [relation.total, ...relation.parts]) {
          if (p.hidden[other]) {
            if (!cells.includes(other)) further.push(other);
            continue;
          }
          if (!hideable(p, other)) continue;
          const rank = 2 * depth + (relation.complete ? 0 : 1);
          if (!tier.has(other) || tier.get(other)! > rank) tier.set(other, rank);
        }
      }
    }
    return [...new Set(further)];
  };
  const next = visit(failure.cells, 0);
  visit(next, 1);
  const score = (i: number): [number, number, number, number] => {
    const v = valueOf(p, i);
    const size = v >= threshold ? v : v > 0 ? 1e12 - v : 2e12;
    return [tier.get(i)!, size, p.relationsOf[i]!.length, 0];
  };
  const options = [...tier.keys()].sort((a, b) => {
    const x = score(a);
    const y = score(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (p.keys[a]! < p.keys[b]! ? -1 : 1);
  });
  // The tier leads the ranking: cells sharing a relation with the failure come first.
  return { options, direct: options.filter((i) => tier.get(i)! < 2).length };
}

const width = (kind: NarrowKind, low: number, high: number) =>
  Number.isNaN(low) || Number.isNaN(high) ? -1 : kind === "group" ? high : high - low;

/**
 * One round of widening: finds the secret cells (and groups) an attacker could bound within
 * less than the threshold, and hides for each one published cell, chosen by trying the
 * candidates with the LP, best ranked first and further batches only while none widens it:
 * the first that makes it safe, else the one that widens it most, else the best ranked.
 * Failures sharing a relation wait for the next round, since one suppression often serves
 * both. Returns the cells hidden (complements: see hide).
 */
export function widenOnce(
  p: SuppressionProblem,
  traits: readonly CellTraits[],
  threshold: number,
  safe: Set<string>,
): number[] {
  const failures = narrowIntervals(p, traits, threshold, safe).sort(
    (a, b) => width(a.kind, a.low, a.high) - width(b.kind, b.low, b.high) || a.cells[0]! - b.cells[0]!,
  );
  const busy = new Set<number>();
  const chosen: { failure: NarrowFailure; options: number[]; direct: number }[] = [];
  for (const failure of failures) {
    const relations = failure.cells.flatMap((c) => p.relationsOf[c]!);
    if (relations.some((r) => busy.has(r))) continue;
    const { options, direct } = candidates(p, failure, threshold);
    if (options.length === 0) continue;
    for (const r of relations) busy.add(r);
    chosen.push({ failure, options, direct });
  }
  const outcomesOf = chosen.map(() => [] as { candidate: number; low: number; high: number }[]);
  let pending = chosen.map((_, n) => n);
  const tried = chosen.map(() => 0);
  for (const batch of trialBatches) {
    const trials = pending.flatMap((n) => {
      const { options, direct, failure } = chosen[n]!;
      const end = batch === "direct" ? direct : batch;
      const slice = options.slice(tried[n]!, end).map((candidate) => ({ n, target: failure, candidate }));
      tried[n] = Math.max(tried[n]!, end);
      return slice;
    });
    if (trials.length === 0) continue;
    trialWidths(p, traits, threshold, trials).forEach((result, k) =>
      outcomesOf[trials[k]!.n]!.push({ candidate: trials[k]!.candidate, ...result }),
    );
    // Only the failures that nothing tried so far widens go on to the next batch.
    pending = pending.filter((n) => {
      const { failure } = chosen[n]!;
      const before = width(failure.kind, failure.low, failure.high);
      return outcomesOf[n]!.every(
        (o) => discloses(failure.kind, o.low, o.high, threshold) && width(failure.kind, o.low, o.high) <= before,
      );
    });
  }
  const hidden: number[] = [];
  chosen.forEach(({ failure, options }, n) => {
    const outcomes = outcomesOf[n]!;
    const fixed = outcomes.find((o) => !discloses(failure.kind, o.low, o.high, threshold));
    const before = width(failure.kind, failure.low, failure.high);
    const widest = outcomes.reduce((best, o) =>
      width(failure.kind, o.low, o.high) > width(failure.kind, best.low, best.high) ? o : best,
    );
    const widens = width(failure.kind, widest.low, widest.high) > before;
    if (!fixed && !widens) {
      const promoted = pinningComplements(p, traits, failure);
      if (promoted.length > 0) {
        for (const i of promoted) p.secret[i] = true;
        hidden.push(...promoted);
        return;
      }
    }
    const pick = fixed?.candidate ?? (widens ? widest.candidate : options[0]!);
    if (p.hidden[pick]) return;
    hide(p, pick, hidden);
  });
  return hidden;
}

/**
 * When no single published cell widens a narrow interval, what pins it is a complement that
 * several chains of relations give back (the commune's APA under 75 is its total minus its 75 and
 * over, and its total is also the sum of its sexes; the département's likewise: the few
 * people of the other communes are then held to their difference). Hiding one more cell frees none
 * of these chains, so the complements of the failure's own relations are protected instead,
 * like primary cells: the relation-by-relation and exact-recovery suppression then hides
 * around them what a single trial cannot find. Only where the LP is stuck, so the cascade
 * that protecting every complement caused stays local.
 */
function pinningComplements(p: SuppressionProblem, traits: readonly CellTraits[], failure: NarrowFailure): number[] {
  const near = new Set(
    failure.cells.flatMap((c) => p.relationsOf[c]!).flatMap((r) => [p.relations[r]!.total, ...p.relations[r]!.parts]),
  );
  return [...near]
    .filter((i) => p.hidden[i] && !p.secret[i] && p.values[i] !== null && !traits[i]!.derived)
    .sort((a, b) => a - b);
}
