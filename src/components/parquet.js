// @ts-check
import { parquetReadObjects } from "hyparquet";

/**
 * Reads a published Parquet table into plain objects. Pages pass
 * `FileAttachment(...).arrayBuffer()`: calling the method on the attachment itself keeps
 * Framework from adding its CDN Parquet reader (apache-arrow, parquet-wasm).
 * @param {ArrayBuffer} buffer
 * @returns {Promise<import("./types.js").PublishedCell[]>}
 */
export async function loadCells(buffer) {
  const rows = await parquetReadObjects({ file: buffer });
  // DuckDB writes INTEGER as int32; keep numbers as numbers, never BigInt.
  return rows.map((/** @type {any} */ r) => ({
    ...r,
    year: Number(r.year),
    value: r.value === null ? null : Number(r.value),
  }));
}

/**
 * The cells of one indicator, year, level and category, keyed by zone code.
 * @param {import("./types.js").PublishedCell[]} cells
 * @param {{indicator: string, year: number, level: string, breakdown?: string, category?: string}} where
 */
export function cellsByCode(cells, { indicator, year, level, breakdown = "", category = "" }) {
  /** @type {Map<string, import("./types.js").PublishedCell>} */
  const byCode = new Map();
  for (const c of cells) {
    if (
      c.indicator === indicator &&
      c.year === year &&
      c.level === level &&
      c.breakdown === breakdown &&
      c.category === category
    ) {
      byCode.set(c.code, c);
    }
  }
  return byCode;
}
