// @ts-check
// Reading published cells: one value per zone, and for a rate the cells it is computed from.

/** @typedef {import("./types.js").PublishedCell} PublishedCell */
/** @typedef {{indicator: string, year: number, level: string, code: string, breakdown?: string, category?: string}} CellWhere */
/** @typedef {{indicator: string, breakdown?: string, categories?: string[]}} Selector */

/**
 * The published cell of one indicator, year, level, zone and category, or undefined.
 * @param {PublishedCell[]} cells
 * @param {CellWhere} where
 */
export function findCell(cells, { indicator, year, level, code, breakdown = "", category = "" }) {
  return cells.find(
    (c) =>
      c.indicator === indicator &&
      c.year === year &&
      c.level === level &&
      c.code === code &&
      c.breakdown === breakdown &&
      c.category === category,
  );
}

/**
 * Years in which an indicator has published cells, ascending.
 * @param {PublishedCell[]} cells
 * @param {string} indicator
 * @returns {number[]}
 */
export function yearsOf(cells, indicator) {
  return [...new Set(cells.filter((c) => c.indicator === indicator).map((c) => c.year))].sort((a, b) => a - b);
}

/**
 * Breakdowns and their categories present for an indicator: [{breakdown, categories[]}].
 * @param {PublishedCell[]} cells
 * @param {string} indicator
 */
export function breakdownsOf(cells, indicator) {
  /** @type {Map<string, Set<string>>} */
  const found = new Map();
  for (const c of cells) {
    if (c.indicator !== indicator || c.breakdown === "") continue;
    const set = found.get(c.breakdown) ?? new Set();
    set.add(c.category);
    found.set(c.breakdown, set);
  }
  return [...found].map(([breakdown, categories]) => ({ breakdown, categories: [...categories].sort() }));
}

/**
 * The numerator or denominator value of a rate for one zone: the selector of ratios.json
 * ({indicator, breakdown?, categories?}), categories summed. null when any part is secret or
 * unknown: a part of a secret cell must not be shown.
 * @param {PublishedCell[]} cells
 * @param {Selector} selector
 * @param {{year: number, level: string, code: string}} where
 * @returns {number | null}
 */
export function selectorValue(cells, selector, { year, level, code }) {
  const categories = selector.categories ?? [""];
  let total = 0;
  for (const category of categories) {
    const cell = findCell(cells, {
      indicator: selector.indicator,
      year,
      level,
      code,
      breakdown: selector.breakdown ?? "",
      category,
    });
    if (!cell || cell.secret || cell.value === null) return null;
    total += cell.value;
  }
  return total;
}

/** Below this denominator a rate moves a lot with one person more or less: say so. */
export const SMALL_BASE = 50;

/**
 * Numerator and denominator of a rate cell, and whether its base is small.
 * @param {PublishedCell[]} cells
 * @param {{numerator: Selector, denominator: Selector, per?: number} | null | undefined} ratio
 * @param {{year: number, level: string, code: string}} where
 */
export function rateInputs(cells, ratio, where) {
  if (!ratio) return null;
  const numerator = selectorValue(cells, ratio.numerator, where);
  const denominator = selectorValue(cells, ratio.denominator, where);
  return { numerator, denominator, smallBase: denominator !== null && denominator < SMALL_BASE };
}
