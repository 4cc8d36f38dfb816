import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PublishedCell } from "../contracts.ts";
import { boundTargets, type Bounds, type Component } from "./attacker-bounds.ts";
import { buildAttackerSystem, pinnedDerivedWidth, type AttackerSystem, type LinearForm } from "./attacker-system.ts";
import type { AuditCatalogue } from "./catalogue.ts";

// The audit plays the attacker from what is published only. It imports nothing from the
// suppression (protect, primary, secondary, gauss): a shared mistake would hide a leak.
export { buildAuditCatalogue, derivedRelations } from "./catalogue.ts";
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
}

/** Splits the system into independent pieces: variables linked by a row share a piece. */
function components(system: AttackerSystem): Component[] {
  const parent = system.variables.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const row of system.rows) for (const v of row.vars.slice(1)) parent[find(v)] = find(row.vars[0]!);
  // A ratio reads its numerator and denominator together, even when no row links them.
  for (const target of system.targets) for (const v of target.vars.slice(1)) parent[find(v)] = find(target.vars[0]!);
  const pieces = new Map<number, { vars: number[]; rows: number[]; targets: number[] }>();
  const piece = (root: number) => {
    let p = pieces.get(root);
    if (!p) pieces.set(root, (p = { vars: [], rows: [], targets: [] }));
    return p;
  };
  system.variables.forEach((_, i) => piece(find(i)).vars.push(i));
  system.rows.forEach((row, i) => piece(find(row.vars[0]!)).rows.push(i));
  system.targets.forEach((t, i) => piece(find(t.vars[0]!)).targets.push(i));
  const out: Component[] = [];
  for (const p of pieces.values()) {
    if (p.targets.length === 0) continue;
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
    out.push({
      variables: vars.map((v) => system.variables[v]!),
      rows,
      targets: p.targets.map((t) => {
        const target = system.targets[t]!;
        const form = (f: LinearForm): LinearForm => ({ ...f, vars: f.vars.map((v) => local.get(v)!) });
        return {
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
        };
      }),
    });
  }
  return out;
}

const hashOf = (component: Component, threshold: number) =>
  createHash("sha256")
    .update(JSON.stringify({ v: 3, threshold, component }))
    .digest("hex");

async function cachedBounds(
  component: Component,
  threshold: number,
  cacheDir: string | undefined,
): Promise<{ bounds: Bounds[]; cached: boolean }> {
  if (!cacheDir) return { bounds: await boundTargets(component, { enough: threshold }), cached: false };
  const file = join(cacheDir, `${hashOf(component, threshold)}.json`);
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as {
      bounds: { low: number | null; high: number | null; inconsistent?: boolean }[];
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
  const bounds = await boundTargets(component, { enough: threshold });
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
 * value pinned, a group summing to 1..threshold-1, or a small count or zone left visible.
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
  const pieces = components(system);
  let cached = 0;
  for (const component of pieces) {
    const result = await cachedBounds(component, threshold, opts.cacheDir);
    if (result.cached) cached++;
    component.targets.forEach((target, i) => {
      const bounds = result.bounds[i]!;
      const cell = target.cells.join(" + ");
      intervals.push({
        cell,
        kind: target.kind,
        low: bounds.low,
        high: bounds.high,
        ...(bounds.witnessed ? { atLeast: true } : {}),
      });
      const reason = disclosure(target.kind, bounds, threshold);
      if (reason) failures.push({ cell, low: bounds.low, high: bounds.high, reason });
    });
  }
  const width = (i: AuditInterval) => (Number.isNaN(i.high - i.low) ? -1 : i.high - i.low);
  const narrowest = intervals
    .sort((a, b) => width(a) - width(b) || (a.cell < b.cell ? -1 : 1))
    .slice(0, opts.keep ?? 20);
  failures.sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
  return { ok: failures.length === 0, failures, narrowest, components: pieces.length, cached };
}
