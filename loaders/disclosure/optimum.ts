import * as highsModule from "highs";
import type { Highs } from "highs";
import { cellKey, type Cell, type SumRelation } from "../contracts.ts";

/**
 * The exact minimum of secondary suppressions for one small component, by mixed-integer
 * programming (HiGHS, LP file format). It encodes the conditions the suppression imposes
 * relation by relation (secondary.ts): no hidden cell alone unknown in a complete relation
 * (two unknown parts under a published total, one under a hidden total), and enough weight
 * behind the hidden parts of a relation holding a primary cell (complements need no width of
 * their own). The optimum here is a lower bound for the suppression's heuristics, reached
 * whenever its own pattern passes the audit. Used by tests and the benchmark, not the build.
 */
export interface OptimalPattern {
  /** Keys of the cells the optimum suppresses on top of the given secret ones. */
  secondary: string[];
  status: string;
}

type Loader = () => Promise<Highs>;
const loadHighs: Loader =
  (highsModule as unknown as { default: { default?: Loader } }).default.default ??
  (highsModule as unknown as { default: Loader }).default;
let runtime: Promise<Highs> | undefined;

export async function optimalSecondary(
  cells: readonly Cell[],
  relations: readonly SumRelation[],
  secret: ReadonlySet<string>,
  options: { threshold?: number; timeLimit?: number } = {},
): Promise<OptimalPattern> {
  const threshold = options.threshold ?? 5;
  const highs = await (runtime ??= loadHighs());
  const index = new Map(cells.map((c, i) => [cellKey(c), i]));
  const value = (i: number) => cells[i]!.value ?? 0;
  const fixed = (i: number) => secret.has(cellKey(cells[i]!)) || cells[i]!.value === null;
  const y = (i: number) => `y${i}`;
  const terms = (list: [number, number][]) =>
    list
      .filter(([c]) => c !== 0)
      .map(([c, i], n) => `${c < 0 ? "-" : n === 0 ? "" : "+"} ${Math.abs(c)} ${y(i)}`)
      .join(" ");

  const rows: string[] = [];
  for (const r of relations) {
    const total = index.get(r.total)!;
    const parts = r.parts.map((k) => index.get(k)!);
    const rest = r.complete ? 0 : Math.max(0, value(total) - parts.reduce((s, i) => s + value(i), 0));
    if (r.complete) {
      for (const j of parts)
        rows.push(
          `${terms([[1, j], [-1, total], ...parts.filter((k) => k !== j).map((k): [number, number] => [-1, k])])} <= 0`,
        );
      rows.push(`${terms([[1, total], ...parts.map((k): [number, number] => [-1, k])])} <= 0`);
    }
    for (const j of parts) {
      // Only a primary cell needs a width: a complement is hidden, not protected (issue 16).
      if (!secret.has(cellKey(cells[j]!))) continue;
      // Weight of the secret parts plus the remainder >= threshold, unless j is visible or the total hidden.
      const weights = new Map<number, number>(parts.map((k) => [k, value(k)]));
      weights.set(j, (weights.get(j) ?? 0) - threshold);
      weights.set(total, (weights.get(total) ?? 0) + threshold);
      const list = [...weights].map(([i, c]): [number, number] => [c, i]);
      if (list.some(([c]) => c !== 0)) rows.push(`${terms(list)} >= ${-rest}`);
    }
  }
  const free = cells.map((_, i) => i).filter((i) => !fixed(i));
  const lp = [
    "Minimize",
    ` obj: ${free.length ? free.map((i) => y(i)).join(" + ") : "0 y0"}`,
    "Subject To",
    ...rows.map((row, n) => ` r${n}: ${row}`),
    "Bounds",
    ...cells.map((_, i) => (fixed(i) ? ` ${y(i)} = 1` : ` 0 <= ${y(i)} <= 1`)),
    "General",
    ` ${cells.map((_, i) => y(i)).join(" ")}`,
    "End",
  ].join("\n");
  const result = highs.solve(lp, { output_flag: false, time_limit: options.timeLimit ?? 30 });
  if (result.Status !== "Optimal") return { secondary: [], status: result.Status };
  const secondary = free.filter((i) => Math.round(result.Columns[y(i)]!.Primal) === 1).map((i) => cellKey(cells[i]!));
  return { secondary: secondary.sort(), status: result.Status };
}
