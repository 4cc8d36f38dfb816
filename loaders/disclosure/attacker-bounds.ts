import * as highsModule from "highs";
import type { Highs } from "highs";
import type { LinearRow, Target, Variable } from "./attacker-system.ts";

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
