import { requireColumns } from "./csv.ts";
import { findFiles } from "./files.ts";
import { communeOfArrondissement, readIrisContours } from "./iris-contours.ts";
import { readTable } from "./tabular.ts";

export interface IrisEntry {
  code: string;
  type: string;
  commune: string;
}

/**
 * Every IRIS of the geography (code, type, commune): the INSEE IRIS table when present,
 * else the contours. Used to tell whether a commune is fully covered by a by-IRIS file.
 */
export async function readIrisList(refDir: string): Promise<IrisEntry[]> {
  const tables = findFiles(refDir, /(^|\/)(iris-table-\d{4}[^/]*|reference_IRIS_geo\d{4}[^/]*)\.(csv|xlsx)$/i);
  const file = tables[tables.length - 1];
  if (file) {
    const table = await readTable(file, "CODE_IRIS");
    const col = requireColumns(table, ["CODE_IRIS", "TYP_IRIS"] as const);
    return table.rows.map((row) => ({
      code: row[col.CODE_IRIS]!,
      type: row[col.TYP_IRIS]!,
      commune: communeOfArrondissement(row[col.CODE_IRIS]!.slice(0, 5)),
    }));
  }
  const fc = await readIrisContours(refDir);
  return fc.features.map((f) => ({ code: f.properties.code, type: f.properties.type, commune: f.properties.commune }));
}
