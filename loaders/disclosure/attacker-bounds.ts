import * as highsModule from "highs";
import type { Highs } from "highs";
import type { LinearForm, LinearRow, Target, Variable } from "./attacker-system.ts";

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
  options: { mipTimeLimit?: number; enough?: number } = {},
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
  const status = h.constants.modelStatus;
  const sense = h.constants.objectiveSense;
  try {
    const optimise = (model: ReturnType<typeof build>, target: Target, maximise: boolean): number | "infeasible" => {
      model.changeObjectiveSense(maximise ? sense.maximize : sense.minimize);
      model.run();
      const s = model.getModelStatus();
      if (s === status.infeasible) return "infeasible";
      if (s === status.unbounded || s === status.unboundedOrInfeasible) return maximise ? Infinity : -Infinity;
      if (s === status.optimal) return model.getObjectiveValue();
      // A MIP stopped by its time limit still proves a bound: the best dual bound.
      const bound = Number(model.info.get("mip_dual_bound"));
      return Number.isFinite(bound) ? bound : maximise ? Infinity : -Infinity;
    };
    const setObjective = (model: ReturnType<typeof build>, previous: Target | undefined, target: Target) => {
      if (previous) for (const v of previous.vars) model.changeColCost(v, 0);
      for (const v of target.vars) model.changeColCost(v, 1);
    };

    // Every whole-number solution met on the way is a value the attacker cannot exclude: once
    // those seen for a cell span `enough`, its interval is proven wide enough without solving.
    const seenLow = variables.map(() => Infinity);
    const seenHigh = variables.map(() => -Infinity);
    const witness = (x: Float64Array) => {
      if (variables.some((v, i) => v.integer && Math.abs(x[i]! - Math.round(x[i]!)) > integralityTolerance)) return;
      variables.forEach((_, i) => {
        seenLow[i] = Math.min(seenLow[i]!, Math.round(x[i]!));
        seenHigh[i] = Math.max(seenHigh[i]!, Math.round(x[i]!));
      });
    };
    const enough = options.enough ?? Infinity;
    const results: Bounds[] = [];
    let previous: Target | undefined;
    let previousMip: Target | undefined;
    for (const target of targets) {
      if (target.kind === "ratio") {
        results.push(ratioBounds(h, build(true), variables.length, target));
        continue;
      }
      if (target.kind === "cell" && seenHigh[target.vars[0]!]! - seenLow[target.vars[0]!]! >= enough) {
        const v = target.vars[0]!;
        results.push({ low: seenLow[v]!, high: seenHigh[v]!, witnessed: true });
        continue;
      }
      setObjective(lp, previous, target);
      previous = target;
      const integer = target.vars.every((v) => variables[v]!.integer);
      const ends: number[] = [];
      let inconsistent = false;
      for (const maximise of [false, true]) {
        let value = optimise(lp, target, maximise);
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
            const exact = optimise(mip, target, maximise);
            if (exact === "infeasible") {
              inconsistent = true;
              break;
            }
            value = exact;
          }
          value = (maximise ? Math.floor(value + integralityTolerance) : Math.ceil(value - integralityTolerance)) + 0;
        }
        ends.push(value);
      }
      results.push(inconsistent ? { low: NaN, high: NaN, inconsistent: true } : { low: ends[0]!, high: ends[1]! });
    }
    return results;
  } finally {
    lp.dispose();
    mip?.dispose();
  }
}

type HighsModel = ReturnType<Highs["createModel"]>;

const valueOfForm = (form: LinearForm, x: Float64Array) =>
  form.vars.reduce((sum, v, k) => sum + form.coefs[k]! * x[v]!, form.constant);

/** Rounds of Dinkelbach's method before settling for the last ratio found (never reached on the tables). */
const maxRatioRounds = 40;

/**
 * Smallest and largest value of a secret derived cell, per x N(x) / D(x) + offset, over what
 * is public, by Dinkelbach's method: with r the ratio of the last solution, minimise
 * N - r D; a negative optimum gives a smaller ratio, zero proves r is the minimum. Each step
 * is a mixed-integer program where the inputs are whole numbers. The denominator is at least
 * 1: a secret cell is not "n.a.", so the attacker knows it is not a division by zero.
 */
function ratioBounds(h: Highs, model: HighsModel, columns: number, target: Target): Bounds {
  const ratio = target.ratio!;
  const { numerator, denominator } = ratio;
  model.addRow(1 - denominator.constant, h.infinity, { indices: denominator.vars, values: denominator.coefs });
  const status = h.constants.modelStatus;
  try {
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
    model.dispose();
  }
}
