import { cellKey, type Cell, type SumRelation } from "../contracts.ts";
import type { CellStore } from "./cell-store.ts";
import { derivedCell, sumOfValues } from "./derived-cell.ts";
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
    const found = store.parts(indicator, anchor.year, anchor.level, anchor.code, breakdown, categories);
    if (found === undefined) continue;
    const value = sumOfValues(found);
    const cell = derivedCell(definition, anchor, value, {
      contributors: found.every((p) => p.contributors !== null)
        ? found.reduce((sum, p) => sum + (p.contributors as number), 0)
        : null,
    });
    cells.push(cell);
    if (value !== null) relations.push({ total: cellKey(cell), parts: found.map(cellKey), complete: true });
  }
  return { cells, relations };
}
