import { cellKey, type Cell, type Level } from "../contracts.ts";

/** All cells of one computation, by key: a cell is computed once and found again by key. */
export class CellStore {
  private readonly cells = new Map<string, Cell>();

  add(cell: Cell): Cell {
    const key = cellKey(cell);
    // Two cells with one key would publish two values for one table cell.
    if (this.cells.has(key)) throw new Error(`Cellule calculée deux fois : ${key}`);
    this.cells.set(key, cell);
    return cell;
  }

  get(indicator: string, year: number, level: Level, code: string, breakdown = "", category = ""): Cell | undefined {
    return this.cells.get(cellKey({ indicator, year, level, code, breakdown, category }));
  }

  /** The cells of some categories of one breakdown at one place; undefined when one is missing. */
  parts(
    indicator: string,
    year: number,
    level: Level,
    code: string,
    breakdown: string,
    categories: readonly string[],
  ): Cell[] | undefined {
    const found = categories.map((category) => this.get(indicator, year, level, code, breakdown, category));
    return found.some((c) => c === undefined) ? undefined : (found as Cell[]);
  }

  of(indicator: string): Cell[] {
    return [...this.cells.values()].filter((c) => c.indicator === indicator);
  }

  all(): Cell[] {
    return [...this.cells.values()];
  }
}
