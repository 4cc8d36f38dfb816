import { parquetReadObjects } from "hyparquet";

/**
 * Reads a published Parquet table into plain objects. Pages pass
 * `FileAttachment(...).arrayBuffer()`: calling the method on the attachment itself keeps
 * Framework from adding its CDN Parquet reader (apache-arrow, parquet-wasm).
 */
export async function loadCells(buffer) {
  const rows = await parquetReadObjects({ file: buffer });
  // DuckDB writes INTEGER as int32; keep numbers as numbers, never BigInt.
  return rows.map((r) => ({ ...r, year: Number(r.year), value: r.value === null ? null : Number(r.value) }));
}

/** The cells of one indicator, year, level and category, keyed by zone code. */
export function cellsByCode(cells, { indicator, year, level, breakdown = "", category = "" }) {
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
