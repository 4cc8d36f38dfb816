import { cellKey, type Cell, type Level, type PublishedCell, type SumRelation } from "../../loaders/contracts.ts";

/** Hand-made cells for the disclosure tests: short to write, keys readable in failures. */
export { cell } from "../helpers/cells.ts";

export const key = cellKey;

export const sum = (total: Cell, parts: Cell[], complete = true): SumRelation => ({
  total: cellKey(total),
  parts: parts.map(cellKey),
  complete,
});

export const zone = (code: string, population: number | null, level: Level = "iris") => ({ level, code, population });

export const byKey = (cells: readonly PublishedCell[]) => new Map(cells.map((c) => [cellKey(c), c]));

export const secretKeys = (cells: readonly PublishedCell[]) =>
  cells
    .filter((c) => c.secret)
    .map(cellKey)
    .sort();

/** The published cells with one of them shown again with its true value (a mutation). */
export const reveal = (cells: readonly PublishedCell[], target: Cell): PublishedCell[] =>
  cells.map((c) => (cellKey(c) === cellKey(target) ? { ...c, secret: false, value: target.value } : c));
