import { cellKey, type Cell, type Level } from "../contracts.ts";
import type { CellStore } from "./cell-store.ts";
import { derivedCell, sumOfValues } from "./derived-cell.ts";
import type { ReferenceCells } from "./reference-cells.ts";
import { roundTo } from "./rounding.ts";
import type { CellSelector, IndicatorDefinition } from "./types.ts";

interface Operand {
  value: number | null;
  keys: string[];
}

export interface RatioContext {
  store: CellStore;
  references: ReferenceCells;
  definitionOf: (id: string) => IndicatorDefinition;
}

function resolve(
  selector: CellSelector,
  year: number,
  level: Level,
  code: string,
  consumer: string,
  context: RatioContext,
): Operand | null {
  const definition = context.definitionOf(selector.indicator);
  if (definition.computation.kind === "reference") {
    const cell = context.references.cell(definition, year, level, code, consumer);
    return cell === null ? null : { value: context.references.exactValue(cell), keys: [cellKey(cell)] };
  }
  const found = context.store.parts(
    selector.indicator,
    year,
    level,
    code,
    selector.breakdown ?? "",
    selector.categories ?? [""],
  );
  return found === undefined ? null : { value: sumOfValues(found), keys: found.map(cellKey) };
}

/**
 * Rates and shares wherever their numerator is published. An unknown or zero denominator
 * gives a null value (never an infinite or invented rate); `inputs` lists every cell used,
 * so that disclosure suppresses the rate with any of them.
 */
export function ratioCells(definition: IndicatorDefinition, context: RatioContext): Cell[] {
  const computation = definition.computation;
  if (computation.kind !== "ratio") throw new Error(`${definition.id} n'est pas un rapport`);
  const anchors = context.store
    .of(computation.numerator.indicator)
    .filter((c) => c.breakdown === "" && definition.levels.includes(c.level));
  const cells: Cell[] = [];
  for (const anchor of anchors) {
    const { year, level, code } = anchor;
    const numerator = resolve(computation.numerator, year, level, code, definition.id, context);
    if (numerator === null) continue;
    const denominator = resolve(computation.denominator, year, level, code, definition.id, context);
    const computable =
      numerator.value !== null && denominator !== null && denominator.value !== null && denominator.value !== 0;
    const value = computable
      ? roundTo(((numerator.value as number) / (denominator.value as number)) * computation.per, definition.decimals)
      : null;
    cells.push(derivedCell(definition, anchor, value, { inputs: [...numerator.keys, ...(denominator?.keys ?? [])] }));
  }
  return cells;
}
