import { cellKey, type Cell, type Denominators, type Level, type ReferenceValue } from "../contracts.ts";
import type { CellStore } from "./cell-store.ts";
import { derivedCell } from "./derived-cell.ts";
import type { IndicatorDefinition } from "./types.ts";
import { roundTo } from "./rounding.ts";

/**
 * Denominator cells, created on first use by a rate and published as indicators of their own
 * (contributors null: reference data is not under the secrecy threshold). Remembers which
 * reference values every indicator and year used, for the catalogue.
 */
export class ReferenceCells {
  private readonly used = new Map<string, ReferenceValue[]>();

  constructor(
    private readonly store: CellStore,
    private readonly denominators: Denominators,
  ) {}

  cell(definition: IndicatorDefinition, year: number, level: Level, code: string, consumer: string): Cell | null {
    if (definition.computation.kind !== "reference")
      throw new Error(`${definition.id} n'est pas une donnée de référence`);
    const existing = this.store.get(definition.id, year, level, code);
    const reference = this.denominators.get(definition.computation.measure, level, code, year);
    if (reference === null || reference.value === null) return null;
    this.remember(consumer, year, reference);
    if (existing !== undefined) return existing;
    this.remember(definition.id, year, reference);
    const cell = derivedCell(definition, { year, level, code }, roundTo(reference.value, definition.decimals));
    // The rate is computed from the exact value; the published one is rounded.
    this.exact.set(cellKey(cell), reference.value);
    return this.store.add(cell);
  }

  private readonly exact = new Map<string, number>();

  exactValue(cell: Cell): number | null {
    return this.exact.get(cellKey(cell)) ?? cell.value;
  }

  usedBy(indicator: string, year: number): ReferenceValue[] {
    return this.used.get(`${indicator}|${year}`) ?? [];
  }

  private remember(indicator: string, year: number, reference: ReferenceValue): void {
    const key = `${indicator}|${year}`;
    const list = this.used.get(key) ?? [];
    if (
      !list.some(
        (r) =>
          r.source === reference.source &&
          r.vintage === reference.vintage &&
          r.approximation === reference.approximation,
      )
    ) {
      list.push(reference);
    }
    this.used.set(key, list);
  }
}
