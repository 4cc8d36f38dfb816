import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PublishedCell } from "../contracts.ts";
import { boundTargets, type Bounds, type Component } from "./attacker-bounds.ts";
import {
  buildAttackerSystem,
  pinnedDerivedWidth,
  type AttackerSystem,
  type LinearForm,
  type Target,
} from "./attacker-system.ts";
import type { AuditCatalogue } from "./catalogue.ts";
import { attributeDisclosures } from "./attacker-attribute.ts";

// The audit plays the attacker from what is published only. It imports nothing from the
// suppression (protect, primary, secondary, gauss): a shared mistake would hide a leak.
export { buildAuditCatalogue, derivedRelations } from "./catalogue.ts";
export { auditPrimaryCells } from "./audit-rules.ts";
export type {
  AuditCatalogue,
  AuditSum,
  AuditRatio,
  AuditEvolution,
  PublicPopulation,
  AuditZone,
  DerivedRule,
} from "./catalogue.ts";

export interface AuditFailure {
  /** Key of the cell (cellKey), or keys joined by " + " for a group of one relation. */
  cell: string;
  low: number;
  high: number;
  /** French explanation for the analyst. */
  reason: string;
}

export interface AuditInterval {
  cell: string;
  kind: "cell" | "group" | "ratio";
  low: number;
  high: number;
  /** The interval is at least this wide; solutions found on the way proved it, no solve ran. */
  atLeast?: boolean;
}

export interface AuditReport {
  ok: boolean;
  failures: AuditFailure[];
  /** The narrowest intervals found, narrowest first (what an attacker gets closest to). */
  narrowest: AuditInterval[];
  components: number;
  /** Components whose result came from the cache. */
  cached: number;
}

export interface AuditOptions {
  threshold?: number;
  /** Folder where the bounds of each component are kept, keyed by a hash of its content. */
  cacheDir?: string;
  /** How many intervals to keep in `narrowest` (20). */
  keep?: number;
  /**
   * Keys of the cells Article 7 protects, recomputed from the true values by
   * auditPrimaryCells (the build knows them; a reader of the published files does not).
   * Without it the audit judges from what is public only: every secret cell may be primary
   * but a count proven large, and a zero beside a secret total is refused when it fixes the
   * whole breakdown. With it, also a zero beside a secret total that is truly primary, and
   * any primary cell proven large (a count resting on few contributors).
   */
  primary?: ReadonlySet<string>;
}

/** Variables, rows and targets of one independent piece, by their indices in the system. */
interface Piece {
  vars: number[];
  rows: number[];
  targets: Target[];
}

/**
 * Splits the system into independent pieces: variables linked by a row share a piece. A
 * ratio whose numerator and denominator sit in one piece is bounded there; one over two
 * pieces is returned apart (`across`): its pieces are independent, so every pair of values
 * its inputs take is possible, and the ratio is bounded from their values (see acrossBounds).
 * Its inputs get a probe target where they are not targets already.
 */
function splitPieces(system: AttackerSystem): { pieces: Piece[]; across: Target[] } {
  const parent = system.variables.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const row of system.rows) for (const v of row.vars.slice(1)) parent[find(v)] = find(row.vars[0]!);
  const pieces = new Map<number, Piece>();
  const piece = (root: number) => {
    let p = pieces.get(root);
    if (!p) pieces.set(root, (p = { vars: [], rows: [], targets: [] }));
    return p;
  };
  system.variables.forEach((_, i) => piece(find(i)).vars.push(i));
  system.rows.forEach((row, i) => piece(find(row.vars[0]!)).rows.push(i));
  const across: Target[] = [];
  const cellTargets = new Set<number>();
  for (const t of system.targets) {
    if (t.kind === "ratio" && new Set(t.vars.map(find)).size > 1) across.push(t);
    else {
      piece(find(t.vars[0]!)).targets.push(t);
      if (t.kind === "cell") cellTargets.add(t.vars[0]!);
    }
  }
  const probe = (v: number, floor?: number): Target => ({
    kind: "cell",
    cells: [system.variables[v]!.name],
    vars: [v],
    probe: true,
    ...(floor === undefined ? {} : { floor }),
  });
  for (const t of across) {
    for (const v of t.vars) {
      if (cellTargets.has(v)) continue;
      cellTargets.add(v);
      piece(find(v)).targets.push(probe(v));
    }
  }
  // Every ratio's denominator at its smallest value of at least 1: one more consistent table.
  const floored = new Set<number>();
  for (const t of system.targets) {
    if (t.kind !== "ratio") continue;
    for (const v of t.ratio!.denominator.vars) {
      if (t.ratio!.denominator.vars.length > 1 || floored.has(v)) continue;
      floored.add(v);
      piece(find(v)).targets.push(probe(v, 1));
    }
  }
  return { pieces: [...pieces.values()].filter((p) => p.targets.length > 0), across };
}

/** One piece with indices local to it, in an order that depends on its content only. */
function assemble(system: AttackerSystem, p: Piece): Component {
  // Local order by name, so that the same content always hashes the same.
  const vars = [...p.vars].sort((a, b) => (system.variables[a]!.name < system.variables[b]!.name ? -1 : 1));
  const local = new Map(vars.map((v, i) => [v, i]));
  const rows = p.rows
    .map((r) => system.rows[r]!)
    .map((row) => {
      const order = row.vars.map((_, i) => i).sort((a, b) => local.get(row.vars[a]!)! - local.get(row.vars[b]!)!);
      return {
        vars: order.map((i) => local.get(row.vars[i]!)!),
        coefs: order.map((i) => row.coefs[i]!),
        lower: row.lower,
        upper: row.upper,
      };
    })
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const form = (f: LinearForm): LinearForm => ({ ...f, vars: f.vars.map((v) => local.get(v)!) });
  return {
    variables: vars.map((v) => system.variables[v]!),
    rows,
    targets: p.targets.map((target) => ({
      ...target,
      vars: target.vars.map((v) => local.get(v)!),
      ...(target.ratio
        ? {
            ratio: {
              ...target.ratio,
              numerator: form(target.ratio.numerator),
              denominator: form(target.ratio.denominator),
            },
          }
        : {}),
    })),
  };
}

/**
 * Values a ratio over two independent pieces is seen to take: its numerator and denominator
 * (one hidden cell each, or a published constant) vary independently, so each pair of values
 * met in consistent tables (smallest and largest; for the denominator, values of at least 1)
 * is a value the attacker cannot exclude. Null when a value is missing (then it is solved).
 */
function acrossBounds(target: Target, seenOf: (v: number) => [number, number, number] | undefined): Bounds | null {
  const { numerator, denominator, per, offset } = target.ratio!;
  const valuesOf = (f: LinearForm, positive: boolean): number[] | null => {
    if (f.vars.length === 0) return [f.constant];
    if (f.vars.length > 1) return null;
    const seen = seenOf(f.vars[0]!);
    if (!seen) return null;
    const coef = f.coefs[0]!;
    const values = [seen[0], seen[1], seen[2]]
      .filter((x) => Number.isFinite(x))
      .map((x) => coef * x + f.constant)
      .filter((x) => !positive || x >= 1);
    return values.length > 0 ? values : null;
  };
  const ns = valuesOf(numerator, false);
  const ds = valuesOf(denominator, true);
  if (!ns || !ds) return null;
  const ratios = ns.flatMap((n) => ds.map((d) => (per * n) / d + offset));
  return { low: Math.min(...ratios), high: Math.max(...ratios), witnessed: true };
}

/** A form of one variable with a positive coefficient (a cell, possibly scaled), or null. */
const singleVar = (f: LinearForm) => (f.vars.length === 1 && f.coefs[0]! > 0 ? f.vars[0]! : null);

interface ExactEnds {
  /** Smallest and largest value of a variable. */
  plain: Map<number, Bounds>;
  /** Smallest value of a denominator's variable that makes it at least 1, and its largest. */
  floored: Map<number, Bounds>;
  solved: number;
  cached: number;
}

/** What a ratio over two pieces needs, solved exactly piece by piece: its numerator's ends, its denominator's. */
async function exactEnds(
  system: AttackerSystem,
  ratios: readonly Target[],
  pieceOfVar: ReadonlyMap<number, Piece>,
  threshold: number,
  cacheDir: string | undefined,
): Promise<ExactEnds> {
  const out: ExactEnds = { plain: new Map(), floored: new Map(), solved: 0, cached: 0 };
  const probes = new Map<Piece, Map<string, Target>>();
  const ask = (v: number, floor?: number) => {
    const piece = pieceOfVar.get(v)!;
    if (!probes.has(piece)) probes.set(piece, new Map());
    const name = system.variables[v]!.name;
    probes.get(piece)!.set(`${v}|${floor ?? ""}`, {
      kind: "cell",
      cells: [name],
      vars: [v],
      probe: true,
      ...(floor === undefined ? {} : { floor }),
    });
  };
  for (const target of ratios) {
    const { numerator, denominator } = target.ratio!;
    const d = singleVar(denominator);
    if (d === null || (numerator.vars.length > 0 && singleVar(numerator) === null)) continue;
    if (numerator.vars.length > 0) ask(numerator.vars[0]!);
    ask(d, (1 - denominator.constant) / denominator.coefs[0]!);
  }
  for (const [piece, asked] of probes) {
    const targets = [...asked.values()];
    const result = await cachedBounds(assemble(system, { ...piece, targets }), threshold, cacheDir, true);
    out.solved++;
    if (result.cached) out.cached++;
    targets.forEach((t, i) => (t.floor === undefined ? out.plain : out.floored).set(t.vars[0]!, result.bounds[i]!));
  }
  return out;
}

/**
 * A ratio over two independent pieces, from the exact ends of its inputs: every pair of values
 * is possible, and per x n / d + offset is monotone in n and in d (d at least 1), so its
 * extremes are at the corners; an unbounded denominator brings it as close to the offset as
 * one likes. Null when its inputs are not one cell each (then solved over both pieces).
 */
function cornerBounds(target: Target, ends: ExactEnds): Bounds | null {
  const { numerator, denominator, per, offset } = target.ratio!;
  const d = singleVar(denominator);
  const n = numerator.vars.length === 0 ? null : singleVar(numerator);
  if (d === null || (numerator.vars.length > 0 && n === null)) return null;
  const dEnds = ends.floored.get(d);
  const nEnds = n === null ? { low: 0, high: 0 } : ends.plain.get(n);
  if (!dEnds || !nEnds) return null;
  if (dEnds.inconsistent || nEnds.inconsistent) return { low: NaN, high: NaN, inconsistent: true };
  const affine = (f: LinearForm, x: number) => (f.vars.length === 0 ? f.constant : f.coefs[0]! * x + f.constant);
  const ns = [affine(numerator, nEnds.low), affine(numerator, nEnds.high)];
  const ds = [affine(denominator, dEnds.low), affine(denominator, dEnds.high)];
  if (ns.some((x) => !Number.isFinite(x)) || !Number.isFinite(ds[0]!) || ds[0]! < 1 - 1e-9) return null;
  const values = ns.flatMap((x) => ds.map((y) => (Number.isFinite(y) ? x / y : 0)));
  return { low: per * Math.min(...values) + offset, high: per * Math.max(...values) + offset };
}

const hashOf = (component: Component, threshold: number) =>
  createHash("sha256")
    .update(JSON.stringify({ v: 4, threshold, component }))
    .digest("hex");

async function cachedBounds(
  component: Component,
  threshold: number,
  cacheDir: string | undefined,
  exact = false,
): Promise<{ bounds: Bounds[]; cached: boolean }> {
  // Exact: every bound solved, none only witnessed (a lower bound that must be proven).
  const options = exact ? {} : { enough: threshold, ratioEnough: pinnedDerivedWidth };
  if (!cacheDir) return { bounds: await boundTargets(component, options), cached: false };
  const file = join(cacheDir, `${hashOf(component, exact ? Infinity : threshold)}.json`);
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as {
      bounds: (Omit<Bounds, "low" | "high"> & { low: number | null; high: number | null })[];
    };
    if (stored.bounds.length === component.targets.length) {
      // JSON has no Infinity: null stands for an unbounded end.
      return {
        bounds: stored.bounds.map((b) => ({ ...b, low: b.low ?? -Infinity, high: b.high ?? Infinity })),
        cached: true,
      };
    }
  } catch {
    // No usable entry: compute it.
  }
  const bounds = await boundTargets(component, options);
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ bounds }));
  await rename(temporary, file);
  return { bounds, cached: false };
}

const formatBound = (x: number) => (Number.isFinite(x) ? String(x) : x > 0 ? "+∞" : "-∞");

/** Why an interval discloses, or null when it protects. */
function disclosure(kind: "cell" | "group" | "ratio", bounds: Bounds, threshold: number): string | null {
  const { low, high } = bounds;
  if (bounds.inconsistent) return "les données publiées sont incohérentes entre elles : l'audit ne peut rien garantir";
  if (kind === "ratio") {
    if (low === high) return `taux, part ou évolution secrets recalculables exactement (${formatBound(low)})`;
    return high - low < pinnedDerivedWidth
      ? `taux, part ou évolution secrets enfermés dans [${formatBound(low)} ; ${formatBound(high)}], moins de ${pinnedDerivedWidth} point`
      : null;
  }
  if (kind === "group") {
    return low >= 1 && high <= threshold - 1
      ? `la somme de ces cases secrètes d'une même relation est recalculable entre ${low} et ${high} (effectif de 1 à ${threshold - 1})`
      : null;
  }
  if (low === high) return `valeur recalculable exactement (${low})`;
  if (high - low < threshold)
    return `intervalle [${formatBound(low)} ; ${formatBound(high)}] plus étroit que le seuil de ${threshold}`;
  return null;
}

/**
 * Plays the attacker on the published tables: for every secret cell (and every group of
 * secret cells of one sum relation), the smallest and largest value consistent with what is
 * public, by mixed-integer programming. Fails on an interval narrower than the threshold, a
 * value pinned, a group summing to 1..threshold-1, or a small count or zone left visible,
 * for every secret cell that may be primary: all but the counts proven large (see provenLarge).
 */
export async function audit(
  cells: readonly PublishedCell[],
  catalogue: AuditCatalogue,
  opts: AuditOptions = {},
): Promise<AuditReport> {
  const threshold = opts.threshold ?? 5;
  const system = buildAttackerSystem(cells, catalogue, threshold);
  const failures: AuditFailure[] = system.direct.map((d) => ({ cell: d.cell, low: NaN, high: NaN, reason: d.reason }));
  const intervals: AuditInterval[] = [];
  const { pieces, across } = splitPieces(system);
  // Judged once every piece is bounded: whether a secret cell may be primary needs its bounds.
  const results: { target: Target; bounds: Bounds }[] = [];
  const record = (target: Target, bounds: Bounds) => {
    if (target.probe) return;
    intervals.push({
      cell: target.cells.join(" + "),
      kind: target.kind,
      low: bounds.low,
      high: bounds.high,
      ...(bounds.witnessed ? { atLeast: true } : {}),
    });
    results.push({ target, bounds });
  };
  let cached = 0;
  let solved = 0;
  const seenOfVar = new Map<number, [number, number, number]>();
  const lowOfCell = new Map<string, number>();
  const pieceOfVar = new Map<number, Piece>();
  for (const piece of pieces) {
    for (const v of piece.vars) pieceOfVar.set(v, piece);
    const result = await cachedBounds(assemble(system, piece), threshold, opts.cacheDir);
    solved++;
    if (result.cached) cached++;
    piece.targets.forEach((target, i) => {
      const bounds = result.bounds[i]!;
      if (target.kind === "cell" && bounds.seen) seenOfVar.set(target.vars[0]!, bounds.seen);
      // A witnessed low is a value met, not the smallest one: it proves nothing is forced.
      if (target.kind === "cell" && !bounds.witnessed && target.floor === undefined)
        lowOfCell.set(target.cells[0]!, bounds.low);
      record(target, bounds);
    });
  }
  const close: Target[] = [];
  for (const target of across) {
    const seen = acrossBounds(target, (v) => seenOfVar.get(v));
    if (seen && seen.high - seen.low >= pinnedDerivedWidth) record(target, seen);
    else close.push(target);
  }
  // Too close to call from the values met: the exact ends of its inputs, each solved in its
  // own piece (one solve per piece for all the ratios that need it).
  const ends = await exactEnds(system, close, pieceOfVar, threshold, opts.cacheDir);
  solved += ends.solved;
  cached += ends.cached;
  for (const target of close) {
    const exact = cornerBounds(target, ends);
    if (exact) {
      record(target, exact);
      continue;
    }
    // Inputs that are not one cell each: the exact bounds over both pieces together.
    const joined = [...new Set(target.vars.map((v) => pieceOfVar.get(v)!))];
    const piece: Piece = {
      vars: joined.flatMap((p) => p.vars),
      rows: joined.flatMap((p) => p.rows),
      targets: [target],
    };
    const result = await cachedBounds(assemble(system, piece), threshold, opts.cacheDir);
    solved++;
    if (result.cached) cached++;
    record(target, result.bounds[0]!);
  }
  // Which secret cells must be protected is recomputed here from what is public, the rules
  // and (opts.primary) the true values, never read from the protection: a secret count in a
  // zone large enough that the attacker proves to hold at least the threshold rests on no
  // small group (a complement), so its narrow interval discloses nothing Article 7 protects.
  // Every other secret cell may be primary, and is judged as one.
  // A narrow ratio is judged on its inputs: those whose interval was wide enough to be only
  // witnessed get their smallest value solved now, since only a proven low can clear them.
  const unproven = new Set<number>();
  for (const { target, bounds } of results) {
    if (target.kind !== "ratio" || !disclosure(target.kind, bounds, threshold)) continue;
    for (const v of target.vars) {
      const name = system.variables[v]!.name;
      if (system.countsInLargeZones.has(name) && !lowOfCell.has(name)) unproven.add(v);
    }
  }
  for (const v of [...unproven].sort((a, b) => a - b)) {
    const piece = pieceOfVar.get(v)!;
    const probe: Target = { kind: "cell", cells: [system.variables[v]!.name], vars: [v], probe: true };
    const result = await cachedBounds(assemble(system, { ...piece, targets: [probe] }), threshold, opts.cacheDir, true);
    solved++;
    if (result.cached) cached++;
    lowOfCell.set(system.variables[v]!.name, result.bounds[0]!.low);
  }
  const provenLarge = (key: string) =>
    system.countsInLargeZones.has(key) && (lowOfCell.get(key) ?? -Infinity) >= threshold;
  const isPrimary = (key: string) => opts.primary?.has(key) === true;
  const mayBePrimary = (target: Target) =>
    target.kind === "group" ||
    target.cells.some(isPrimary) ||
    (target.kind === "cell"
      ? !provenLarge(target.cells[0]!)
      : target.vars.some((v) => !provenLarge(system.variables[v]!.name)));
  for (const { target, bounds } of results) {
    const reason = disclosure(target.kind, bounds, threshold);
    if (reason && (bounds.inconsistent || mayBePrimary(target)))
      failures.push({ cell: target.cells.join(" + "), low: bounds.low, high: bounds.high, reason });
  }
  // A zero beside a secret total says something of its people: of every one when it fixes the
  // breakdown (all in the last category), of a few when the total is truly small. A total
  // hidden as a complement holds at least the threshold: its other zeros are like those of a
  // published total.
  for (const { part, total, oneCategory } of system.zerosBeside) {
    if (!oneCategory && !isPrimary(total)) continue;
    failures.push({
      cell: part,
      low: NaN,
      high: NaN,
      reason: `zéro publié à côté du total secret ${total} : il dit une caractéristique des personnes cachées (divulgation d'attribut)`,
    });
  }
  for (const d of attributeDisclosures(cells, catalogue.sums, (k) => lowOfCell.get(k)))
    failures.push({ cell: d.cell, low: NaN, high: NaN, reason: d.reason });
  const width = (i: AuditInterval) => (Number.isNaN(i.high - i.low) ? -1 : i.high - i.low);
  const narrowest = intervals
    .sort((a, b) => width(a) - width(b) || (a.cell < b.cell ? -1 : 1))
    .slice(0, opts.keep ?? 20);
  failures.sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
  return { ok: failures.length === 0, failures, narrowest, components: solved, cached };
}
