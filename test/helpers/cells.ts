/**
 * The tests' one cell factory. A test names what it is about (the indicator, the zone, the
 * category, the value) and overrides the rest; the defaults (year 2015, an IRIS, a count, no
 * breakdown on a total row) are written once here, so a field added to the contract is added
 * to every test's cells at once.
 */
import type { Cell, PublishedCell } from "../../loaders/contracts.ts";

/** A computed cell, as the indicators stage writes it (before secrecy). */
export function cell(
  indicator: string,
  code: string,
  category: string,
  value: number | null,
  more: Partial<Cell> = {},
): Cell {
  return {
    indicator,
    year: 2015,
    level: "iris",
    code,
    // A category belongs to a breakdown: a test that does not care names neither.
    breakdown: category === "" ? "" : "classe",
    category,
    value,
    unit: "count",
    contributors: null,
    ...more,
  };
}

/** The same cell as the site receives it: a secret flag, no contributors or inputs. */
export function publishedCell(
  indicator: string,
  code: string,
  category: string,
  value: number | null,
  more: Partial<PublishedCell> = {},
): PublishedCell {
  const { contributors: _contributors, inputs: _inputs, ...shown } = cell(indicator, code, category, value);
  return { ...shown, secret: false, ...more };
}
