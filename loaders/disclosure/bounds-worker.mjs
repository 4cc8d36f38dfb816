// Worker thread behind lp-bounds.ts: HiGHS only loads asynchronously, while protect() is
// synchronous, so the main thread blocks on a shared flag until this worker has answered.
// Plain JavaScript on purpose: a worker is not transformed by tsx or vitest.
import { workerData } from "node:worker_threads";
import highsModule from "highs";

const { port, flag } = workerData;
const loadHighs = highsModule.default ?? highsModule;
let runtime;
const tolerance = 1e-6;

function build(h, component, integer) {
  const model = h.createModel();
  model.options.set({ output_flag: false });
  const finite = (x, fallback) => (x === null || !Number.isFinite(x) ? fallback : x);
  model.addVars(
    component.variables.map((v) => finite(v.lower, -h.infinity)),
    component.variables.map((v) => finite(v.upper, h.infinity)),
  );
  for (const row of component.rows) {
    model.addRow(finite(row.lower, -h.infinity), finite(row.upper, h.infinity), {
      indices: row.vars,
      values: row.coefs,
    });
  }
  if (integer) {
    component.variables.forEach((v, i) => {
      if (v.integer) model.changeColIntegrality(i, h.constants.variableType.integer);
    });
    model.options.set({ time_limit: 10 });
  }
  return model;
}

/** Smallest and largest value of each target, skipping what known solutions already prove wide. */
function bound(h, component, enough) {
  const { variables, targets, start } = component;
  const status = h.constants.modelStatus;
  const sense = h.constants.objectiveSense;
  const lp = build(h, component, false);
  let mip;
  // Without a known solution nothing is proven before solving.
  const seenLow = start ? start.slice() : variables.map(() => Infinity);
  const seenHigh = start ? start.slice() : variables.map(() => -Infinity);
  // A group is safe once a consistent table gives it a sum of 0 or of at least `enough`:
  // its interval then holds that sum, so it cannot lie within 1..enough-1.
  const groups = targets.filter((t) => t.kind === "group");
  const groupSeen = new Map(groups.map((t) => [t, { low: Infinity, high: -Infinity }]));
  const witness = (x) => {
    if (variables.some((v, i) => v.integer && Math.abs(x[i] - Math.round(x[i])) > tolerance)) return false;
    x.forEach((value, i) => {
      seenLow[i] = Math.min(seenLow[i], Math.round(value));
      seenHigh[i] = Math.max(seenHigh[i], Math.round(value));
    });
    for (const [group, seen] of groupSeen) {
      const sum = group.vars.reduce((s, v) => s + Math.round(x[v]), 0);
      seen.low = Math.min(seen.low, sum);
      seen.high = Math.max(seen.high, sum);
    }
    return true;
  };
  const groupProven = (target) => {
    const seen = groupSeen.get(target);
    return seen !== undefined && (seen.high >= enough || seen.low <= 0);
  };
  const optimise = (model, maximise) => {
    model.changeObjectiveSense(maximise ? sense.maximize : sense.minimize);
    model.run();
    const s = model.getModelStatus();
    if (s === status.infeasible) return NaN;
    if (s === status.unbounded || s === status.unboundedOrInfeasible) return maximise ? Infinity : -Infinity;
    if (s === status.optimal) return model.getObjectiveValue();
    const dual = Number(model.info.get("mip_dual_bound"));
    return Number.isFinite(dual) ? dual : maximise ? Infinity : -Infinity;
  };
  const results = [];
  let previous;
  let previousMip;
  try {
    if (start) witness(Float64Array.from(start));
    sweep(h, lp, component, enough, seenLow, seenHigh, witness, optimise);
    sweepGroups(lp, groups, enough, groupProven, witness, optimise);
    for (const target of targets) {
      if (target.kind === "cell" && seenHigh[target.vars[0]] - seenLow[target.vars[0]] >= enough) {
        results.push({ low: seenLow[target.vars[0]], high: seenHigh[target.vars[0]] });
        continue;
      }
      if (target.kind === "group" && groupProven(target)) {
        const seen = groupSeen.get(target);
        results.push({ low: seen.low, high: seen.high });
        continue;
      }
      if (previous) for (const v of previous.vars) lp.changeColCost(v, 0);
      for (const v of target.vars) lp.changeColCost(v, 1);
      previous = target;
      const ends = [];
      for (const maximise of [true, false]) {
        let value = optimise(lp, maximise);
        if (Number.isFinite(value) && !witness(lp.getSolution().colValue)) {
          mip ??= build(h, component, true);
          if (previousMip) for (const v of previousMip.vars) mip.changeColCost(v, 0);
          for (const v of target.vars) mip.changeColCost(v, 1);
          previousMip = target;
          value = optimise(mip, maximise);
        }
        if (Number.isFinite(value))
          value = (maximise ? Math.floor(value + tolerance) : Math.ceil(value - tolerance)) + 0;
        ends.push(value);
        // Wide enough from the true value upwards: the lower end cannot make it narrow.
        // Wide enough upwards already: the lower end cannot make it disclose (a group only
        // discloses when its whole interval lies within 1..enough-1).
        const lowest = target.kind === "group" ? 0 : seenLow[target.vars[0]];
        if (maximise && value - lowest >= enough) {
          ends.push(lowest);
          break;
        }
      }
      results.push({ low: ends[1], high: ends[0] });
    }
  } finally {
    lp.dispose();
    mip?.dispose();
  }
  return results;
}

/**
 * Cheap solves before the targets: the cell targets not yet proven wide are pushed up
 * together, then down together, within `enough` of their true values, and again for those
 * still unproven while a pass proves enough of them. Each whole-number answer is a
 * consistent table, so it proves at once part of every interval: at département size most
 * cells are then wide enough without a solve of their own (16 s instead of 32 for the first
 * check). The model is left as it was found.
 */
function sweep(h, lp, component, enough, seenLow, seenHigh, witness, optimise) {
  const { variables, targets, start } = component;
  if (!start || !Number.isFinite(enough)) return;
  const all = [...new Set(targets.filter((t) => t.kind === "cell").map((t) => t.vars[0]))];
  let before = Infinity;
  for (let pass = 0; pass < sweepPasses; pass++) {
    const cells = all.filter((v) => seenHigh[v] - seenLow[v] < enough);
    // Below a few cells, or once a pass proves little, solving them one by one costs no more.
    if (cells.length < 4 || cells.length > 0.9 * before) return;
    before = cells.length;
    for (const v of cells) {
      lp.changeColBounds(
        v,
        Math.max(variables[v].lower, start[v] - enough),
        Math.min(variables[v].upper, start[v] + enough),
      );
      lp.changeColCost(v, 1);
    }
    try {
      for (const maximise of [true, false]) {
        if (Number.isFinite(optimise(lp, maximise))) witness(lp.getSolution().colValue);
      }
      // Cells of one relation pull against each other: a push of all of them the same way
      // stalls on a published total, while half up and half down moves each within its slack.
      cells.forEach((v, k) => lp.changeColCost(v, mixedSign(k, pass)));
      for (const maximise of [true, false]) {
        if (Number.isFinite(optimise(lp, maximise))) witness(lp.getSolution().colValue);
      }
    } finally {
      for (const v of cells) {
        lp.changeColBounds(v, finite(variables[v].lower, -h.infinity), finite(variables[v].upper, h.infinity));
        lp.changeColCost(v, 0);
      }
    }
  }
}

const sweepPasses = 20;

/** A fixed, well-mixed choice of direction per cell and pass (no randomness: same runs, same results). */
const mixedSign = (k, pass) => ((((k + 1) * 2654435761 + pass * 40503) >>> 0) % 7 < 3 ? 1 : -1);

/**
 * Groups of secret parts summing to 1..enough-1 are safe once one consistent table gives
 * them a sum of at least `enough`: the sum of every unproven group is pushed up at once, and
 * again for those still unproven while a pass proves enough of them (a zero beside a secret
 * total adds a group per relation: one solve each would cost seconds). The costs are reset.
 */
function sweepGroups(lp, groups, enough, groupProven, witness, optimise) {
  let before = Infinity;
  for (let pass = 0; pass < sweepPasses; pass++) {
    const open = groups.filter((g) => !groupProven(g));
    if (open.length < 4 || open.length > 0.9 * before) return;
    before = open.length;
    const vars = [...new Set(open.flatMap((g) => g.vars))];
    for (const v of vars) lp.changeColCost(v, 1);
    try {
      if (Number.isFinite(optimise(lp, true))) witness(lp.getSolution().colValue);
    } finally {
      for (const v of vars) lp.changeColCost(v, 0);
    }
  }
}
const finite = (x, fallback) => (x === null || !Number.isFinite(x) ? fallback : x);

port.on("message", async (request) => {
  let reply;
  try {
    const h = await (runtime ??= loadHighs());
    reply = { bounds: request.components.map((component) => bound(h, component, request.enough)) };
  } catch (error) {
    reply = { error: String(error?.stack ?? error) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
