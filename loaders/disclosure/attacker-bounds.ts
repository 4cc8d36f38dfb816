import * as highsModule from "highs";
import type { Highs } from "highs";
import type { LinearForm, LinearRow, RatioForm, Target, Variable } from "./attacker-system.ts";

/** One connected piece of the attacker's system, with indices local to it. */
export interface Component {
  variables: Variable[];
  rows: LinearRow[];
  targets: Target[];
}

/** Smallest and largest value of a target consistent with everything public. */
export interface Bounds {
  low: number;
  high: number;
  /** True when the published relations contradict each other (no consistent value). */
  inconsistent?: boolean;
  /** True when [low, high] is only what consistent solutions already found span: the true
   * interval contains it, and it is already at least `enough` wide, so no solve was needed. */
  witnessed?: boolean;
  /** Values of the target met in whole-number consistent tables: [smallest, largest, smallest
   * of at least 1]. A ratio over cells of two independent pieces is bounded from them. */
  seen?: [number, number, number];
}

// The package is CommonJS typed: under NodeNext its default export is the module itself.
type Loader = () => Promise<Highs>;
const loadHighs: Loader =
  ((highsModule as unknown as { default: Loader | { default: Loader } }).default as { default?: Loader }).default ??
  (highsModule as unknown as { default: Loader }).default;
let runtime: Promise<Highs> | undefined;
const highs = () => (runtime ??= loadHighs());

const integralityTolerance = 1e-6;

/**
 * Bounds every target of a component. The linear relaxation is solved first (fast, warm
 * started from one target to the next); when its optimum is not integral on the integer
 * variables, the same objective is solved again as a mixed-integer program, because only
 * whole numbers of individuals are possible and the integer interval can be narrower.
 */
export async function boundTargets(
  component: Component,
  options: { mipTimeLimit?: number; enough?: number; ratioEnough?: number } = {},
): Promise<Bounds[]> {
  const h = await highs();
  const { variables, rows, targets } = component;
  const build = (integer: boolean) => {
    const model = h.createModel();
    model.options.set({ output_flag: false });
    model.addVars(
      variables.map((v) => (Number.isFinite(v.lower) ? v.lower : -h.infinity)),
      variables.map((v) => (Number.isFinite(v.upper) ? v.upper : h.infinity)),
    );
    for (const row of rows) {
      model.addRow(
        Number.isFinite(row.lower) ? row.lower : -h.infinity,
        Number.isFinite(row.upper) ? row.upper : h.infinity,
        {
          indices: row.vars,
          values: row.coefs,
        },
      );
    }
    if (integer) {
      variables.forEach((v, i) => {
        if (v.integer) model.changeColIntegrality(i, h.constants.variableType.integer);
      });
      model.options.set({ time_limit: options.mipTimeLimit ?? 10 });
    }
    return model;
  };

  const lp = build(false);
  let mip: ReturnType<typeof build> | undefined;
  let ratioRows = 0;
  const status = h.constants.modelStatus;
  try {
    const setObjective = (model: ReturnType<typeof build>, previous: Target | undefined, target: Target) => {
      if (previous) for (const v of previous.vars) model.changeColCost(v, 0);
      for (const v of target.vars) model.changeColCost(v, 1);
    };

    // Every whole-number solution met on the way is a value the attacker cannot exclude: once
    // those seen for a cell span `enough`, its interval is proven wide enough without solving.
    const seenLow = variables.map(() => Infinity);
    const seenHigh = variables.map(() => -Infinity);
    const seenPositive = variables.map(() => Infinity);
    // Sums of groups and values of ratios met, target by target (same witnesses as the cells).
    const seenTarget = targets.map(() => ({ low: Infinity, high: -Infinity }));
    const sumOf = (t: Target, x: Float64Array) => t.vars.reduce((s, v) => s + Math.round(x[v]!), 0);
    const witness = (x: Float64Array) => {
      if (variables.some((v, i) => v.integer && Math.abs(x[i]! - Math.round(x[i]!)) > integralityTolerance)) return;
      variables.forEach((_, i) => {
        const value = Math.round(x[i]!);
        seenLow[i] = Math.min(seenLow[i]!, value);
        seenHigh[i] = Math.max(seenHigh[i]!, value);
        if (value >= 1) seenPositive[i] = Math.min(seenPositive[i]!, value);
      });
      targets.forEach((t, n) => {
        const value = t.kind === "group" ? sumOf(t, x) : t.kind === "ratio" ? ratioValue(t, x) : NaN;
        if (Number.isNaN(value)) return;
        seenTarget[n]!.low = Math.min(seenTarget[n]!.low, value);
        seenTarget[n]!.high = Math.max(seenTarget[n]!.high, value);
      });
    };
    const enough = options.enough ?? Infinity;
    const ratioEnough = options.ratioEnough ?? Infinity;
    const results: Bounds[] = new Array(targets.length);
    let previous: Target | undefined;
    let previousMip: Target | undefined;
    /**
     * The smallest value of at least `floor` a denominator takes (a secret rate is not a
     * division by zero): one more consistent table, so that a ratio has a value met at its
     * smallest denominator, skipped when one is already known. Exact (no `enough`): that
     * smallest value and the largest, both solved, for a ratio bounded from its inputs' ends.
     */
    const floorProbe = (target: Target): Bounds => {
      const v = target.vars[0]!;
      const exact = !Number.isFinite(enough);
      const known = (): Bounds => ({ low: seenPositive[v]!, high: seenHigh[v]!, witnessed: true });
      if (!exact && Number.isFinite(seenPositive[v]!)) return known();
      const column = variables[v]!;
      const upper = Number.isFinite(column.upper) ? column.upper : h.infinity;
      const lower = Number.isFinite(column.lower) ? column.lower : -h.infinity;
      const models = [lp, ...(column.integer ? [(mip ??= build(true))] : [])];
      for (const model of models) model.changeColBounds(v, target.floor!, upper);
      const ends: number[] = [];
      try {
        for (const maximise of exact ? [false, true] : [false]) {
          setObjective(lp, previous, target);
          previous = target;
          let value = optimum(h, lp, maximise);
          if (value === "infeasible") return { low: NaN, high: NaN, inconsistent: true };
          if (!Number.isFinite(value)) {
            ends.push(value);
            continue;
          }
          const x = lp.getSolution().colValue;
          witness(x);
          const fractional = exact
            ? variables.some((c, i) => c.integer && Math.abs(x[i]! - Math.round(x[i]!)) > integralityTolerance)
            : Math.abs(x[v]! - Math.round(x[v]!)) > integralityTolerance;
          if (column.integer && fractional) {
            setObjective(mip!, previousMip, target);
            previousMip = target;
            const solved = optimum(h, mip!, maximise);
            if (solved === "infeasible") return { low: NaN, high: NaN, inconsistent: true };
            if (mip!.getModelStatus() === status.optimal) witness(mip!.getSolution().colValue);
            value = solved;
          }
          if (column.integer)
            value = (maximise ? Math.floor(value + integralityTolerance) : Math.ceil(value - integralityTolerance)) + 0;
          ends.push(value);
        }
      } finally {
        for (const model of models) model.changeColBounds(v, lower, upper);
      }
      return exact ? { low: ends[0]!, high: ends[1]! } : known();
    };

    // Groups first pushed up together: one consistent table where a group sums to `enough` or
    // more proves it safe, without a solve of its own (a zero protected beside a secret total
    // adds a group in each of its relations).
    sweepGroups(h, lp, targets, seenTarget, enough, witness);
    for (const [n, target] of targets.entries()) {
      if (target.kind === "ratio") continue;
      if (target.floor !== undefined) {
        results[n] = floorProbe(target);
        continue;
      }
      if (target.kind === "cell" && seenHigh[target.vars[0]!]! - seenLow[target.vars[0]!]! >= enough) {
        const v = target.vars[0]!;
        results[n] = { low: seenLow[v]!, high: seenHigh[v]!, witnessed: true };
        continue;
      }
      const seenSum = seenTarget[n]!;
      if (target.kind === "group" && (seenSum.high >= enough || seenSum.low <= 0)) {
        results[n] = { low: seenSum.low, high: seenSum.high, witnessed: true };
        continue;
      }
      setObjective(lp, previous, target);
      previous = target;
      const integer = target.vars.every((v) => variables[v]!.integer);
      const ends: number[] = [];
      let inconsistent = false;
      for (const maximise of [false, true]) {
        let value = optimum(h, lp, maximise);
        if (value === "infeasible") {
          inconsistent = true;
          break;
        }
        if (integer && Number.isFinite(value)) {
          const x = lp.getSolution().colValue;
          witness(x);
          const fractional = variables.some(
            (v, i) => v.integer && Math.abs(x[i]! - Math.round(x[i]!)) > integralityTolerance,
          );
          if (fractional) {
            mip ??= build(true);
            setObjective(mip, previousMip, target);
            previousMip = target;
            const exact = optimum(h, mip, maximise);
            if (exact === "infeasible") {
              inconsistent = true;
              break;
            }
            if (mip.getModelStatus() === status.optimal) witness(mip.getSolution().colValue);
            value = exact;
          }
          value = (maximise ? Math.floor(value + integralityTolerance) : Math.ceil(value - integralityTolerance)) + 0;
        }
        ends.push(value);
      }
      results[n] = inconsistent ? { low: NaN, high: NaN, inconsistent: true } : { low: ends[0]!, high: ends[1]! };
    }
    for (const [n, target] of targets.entries()) {
      if (target.kind === "cell") {
        const v = target.vars[0]!;
        if (seenLow[v]! <= seenHigh[v]!) results[n]!.seen = [seenLow[v]!, seenHigh[v]!, seenPositive[v]!];
        continue;
      }
      if (target.kind !== "ratio") continue;
      // Values met in consistent tables span at least `ratioEnough`: not pinned, no solve.
      const seen = seenTarget[n]!;
      if (seen.high - seen.low >= ratioEnough) {
        results[n] = { low: seen.low, high: seen.high, witnessed: true };
        continue;
      }
      // One integer model for every ratio of the component: each adds its denominator row,
      // left free afterwards (rows.length + ratioRows is its index), instead of a model rebuilt
      // per ratio, whose integrality settings cost as much as the solves.
      mip ??= build(true);
      results[n] = ratioBounds(h, mip, variables.length, target, rows.length + ratioRows++);
    }
    return results;
  } finally {
    lp.dispose();
    mip?.dispose();
  }
}

type HighsModel = ReturnType<Highs["createModel"]>;

/**
 * The optimum of the model's objective; ±Infinity when unbounded. A MIP stopped by its time
 * limit still proves a bound: its best dual bound.
 */
function optimum(h: Highs, model: HighsModel, maximise: boolean): number | "infeasible" {
  const status = h.constants.modelStatus;
  model.changeObjectiveSense(maximise ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize);
  model.run();
  const s = model.getModelStatus();
  if (s === status.infeasible) return "infeasible";
  if (s === status.unbounded || s === status.unboundedOrInfeasible) return maximise ? Infinity : -Infinity;
  if (s === status.optimal) return model.getObjectiveValue();
  const bound = Number(model.info.get("mip_dual_bound"));
  return Number.isFinite(bound) ? bound : maximise ? Infinity : -Infinity;
}

const valueOfForm = (form: LinearForm, x: Float64Array) =>
  form.vars.reduce((sum, v, k) => sum + form.coefs[k]! * x[v]!, form.constant);

/** A ratio target's value in one consistent table; NaN where its denominator is under 1. */
function ratioValue(target: Target, x: Float64Array): number {
  const { numerator, denominator, per, offset } = target.ratio!;
  const d = valueOfForm(denominator, x);
  return d >= 1 - integralityTolerance ? (per * valueOfForm(numerator, x)) / d + offset : NaN;
}

/** Passes of the group sweep, while each proves at least a tenth of the groups left. */
const groupSweepPasses = 20;

/**
 * The sum of every group not yet proven safe is pushed up in one solve, then again for
 * those left, while a pass proves enough of them. The costs are reset afterwards.
 */
function sweepGroups(
  h: Highs,
  lp: HighsModel,
  targets: readonly Target[],
  seen: readonly { low: number; high: number }[],
  enough: number,
  witness: (x: Float64Array) => void,
) {
  if (!Number.isFinite(enough)) return;
  let before = Infinity;
  for (let pass = 0; pass < groupSweepPasses; pass++) {
    const open = targets.filter((t, n) => t.kind === "group" && seen[n]!.high < enough && seen[n]!.low > 0);
    if (open.length < 4 || open.length > 0.9 * before) return;
    before = open.length;
    const vars = [...new Set(open.flatMap((t) => t.vars))];
    for (const v of vars) lp.changeColCost(v, 1);
    try {
      lp.changeObjectiveSense(h.constants.objectiveSense.maximize);
      lp.run();
      if (lp.getModelStatus() === h.constants.modelStatus.optimal) witness(lp.getSolution().colValue);
    } finally {
      for (const v of vars) lp.changeColCost(v, 0);
    }
  }
}

/** Rounds of Dinkelbach's method before settling for the last ratio found (never reached on the tables). */
const maxRatioRounds = 40;

/**
 * Smallest and largest value of a secret derived cell, per x N(x) / D(x) + offset, over what
 * is public, by Dinkelbach's method: with r the ratio of the last solution, minimise
 * N - r D; a negative optimum gives a smaller ratio, zero proves r is the minimum. Each step
 * is a mixed-integer program where the inputs are whole numbers. The denominator is at least
 * 1: a secret cell is not "n.a.", so the attacker knows it is not a division by zero.
 */
function ratioBounds(h: Highs, model: HighsModel, columns: number, target: Target, row: number): Bounds {
  const ratio = target.ratio!;
  const { numerator, denominator } = ratio;
  model.addRow(1 - denominator.constant, h.infinity, { indices: denominator.vars, values: denominator.coefs });
  const status = h.constants.modelStatus;
  try {
    if (numerator.vars.length === 0) return constantOverForm(h, model, columns, ratio);
    const extreme = (maximise: boolean): number | "infeasible" => {
      // max N/D = -min (-N)/D.
      const sign = maximise ? -1 : 1;
      let r = 0;
      let first = true;
      for (let round = 0; round < maxRatioRounds; round++) {
        const costs = new Map<number, number>();
        numerator.vars.forEach((v, k) => costs.set(v, (costs.get(v) ?? 0) + sign * numerator.coefs[k]!));
        denominator.vars.forEach((v, k) => costs.set(v, (costs.get(v) ?? 0) - r * denominator.coefs[k]!));
        for (let v = 0; v < columns; v++) model.changeColCost(v, costs.get(v) ?? 0);
        model.changeObjectiveSense(h.constants.objectiveSense.minimize);
        model.run();
        const s = model.getModelStatus();
        if (s === status.infeasible) return "infeasible";
        // N - rD without bound below: the ratio runs off along a ray.
        if (s === status.unbounded || s === status.unboundedOrInfeasible) return maximise ? Infinity : -Infinity;
        if (s !== status.optimal) return maximise ? Infinity : -Infinity;
        const x = model.getSolution().colValue;
        const n = sign * valueOfForm(numerator, x);
        const d = valueOfForm(denominator, x);
        const optimum = model.getObjectiveValue() + sign * numerator.constant - r * denominator.constant;
        if (!first && optimum >= -1e-9 * Math.max(1, Math.abs(d))) return sign * r;
        first = false;
        r = n / d;
      }
      return sign * r;
    };
    const low = extreme(false);
    const high = extreme(true);
    if (low === "infeasible" || high === "infeasible") return { low: NaN, high: NaN, inconsistent: true };
    const scale = (x: number) => (Number.isFinite(x) ? ratio.per * x + ratio.offset : x);
    return { low: scale(low), high: scale(high) };
  } finally {
    // The denominator's row no longer binds: the next ratio of the component reuses the model.
    model.changeRowBounds(row, -h.infinity, h.infinity);
  }
}

/**
 * A published numerator over a hidden denominator (an evolution from a secret year to a
 * published one): c / D is monotone in D, so its extremes are at the smallest and largest
 * denominator, two integer solves where Dinkelbach's method takes at least four. Unbounded
 * above, the ratio comes as close to 0 as one likes: its infimum is that limit.
 */
function constantOverForm(h: Highs, model: HighsModel, columns: number, ratio: RatioForm): Bounds {
  const { numerator, denominator } = ratio;
  const costs = new Map<number, number>();
  denominator.vars.forEach((v, k) => costs.set(v, (costs.get(v) ?? 0) + denominator.coefs[k]!));
  for (let v = 0; v < columns; v++) model.changeColCost(v, costs.get(v) ?? 0);
  const extreme = (maximise: boolean) => {
    const value = optimum(h, model, maximise);
    return value === "infeasible" ? value : value + denominator.constant;
  };
  const smallest = extreme(false);
  const largest = extreme(true);
  if (smallest === "infeasible" || largest === "infeasible") return { low: NaN, high: NaN, inconsistent: true };
  // The row added by ratioBounds keeps the denominator at 1 or more.
  const values = [
    numerator.constant / Math.max(1, smallest),
    Number.isFinite(largest) ? numerator.constant / largest : 0,
  ];
  const scale = (x: number) => ratio.per * x + ratio.offset;
  return { low: scale(Math.min(...values)), high: scale(Math.max(...values)) };
}
