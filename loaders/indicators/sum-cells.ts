import { cellKey, type Cell, type SumRelation } from "../contracts.ts";
import type { CellStore } from "./cell-store.ts";
import type { IndicatorDefinition } from "./types.ts";

/** Cells that add up published categories, with the relation that makes the sum visible. */
export function sumCells(
  definition: IndicatorDefinition,
  store: CellStore,
): { cells: Cell[]; relations: SumRelation[] } {
  const computation = definition.computation;
  if (computation.kind !== "sum") throw new Error(`${definition.id} n'est pas une somme`);
  const { indicator, breakdown = "", categories = [""] } = computation.of;
  const cells: Cell[] = [];
  const relations: SumRelation[] = [];
  for (const anchor of store.of(indicator)) {
    if (anchor.breakdown !== "" || !definition.levels.includes(anchor.level)) continue;
    const parts = categories.map((category) =>
      store.get(indicator, anchor.year, anchor.level, anchor.code, breakdown, category),
    );
    if (parts.some((p) => p === undefined)) continue;
    const found = parts as Cell[];
    const known = found.every((p) => p.value !== null);
    const cell: Cell = {
      indicator: definition.id,
      year: anchor.year,
      level: anchor.level,
      code: anchor.code,
      breakdown: "",
      category: "",
      value: known ? found.reduce((sum, p) => sum + (p.value as number), 0) : null,
      unit: definition.unit,
      contributors: found.every((p) => p.contributors !== null)
        ? found.reduce((sum, p) => sum + (p.contributors as number), 0)
        : null,
    };
    cells.push(cell);
    if (known) relations.push({ total: cellKey(cell), parts: found.map(cellKey), complete: true });
  }
  return { cells, relations };
}
