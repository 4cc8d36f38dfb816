import { missingReference, readIrisValues, yearsOf, type IrisValues } from "./iris-table.ts";

const FILOSOFI_FILE = /(?:^|\/)(?:filosofi-disp-iris-|BASE_TD_FILO_DISP_IRIS_)(\d{4})[^/]*\.(?:csv|xlsx)$/i;

export const filosofiYears = (refDir: string): number[] => yearsOf(refDir, FILOSOFI_FILE).map((f) => f.year);

/**
 * INSEE Filosofi disposable income by IRIS for one year. Columns lose their year suffix
 * (DISP_TP6016 -> DISP_TP60, DISP_MED16 -> DISP_MED). IRIS under 1,000 inhabitants are
 * absent and secret cells are null: unknown, never zero.
 */
export async function readFilosofiIris(refDir: string, year: number): Promise<IrisValues> {
  const found = yearsOf(refDir, FILOSOFI_FILE).find((f) => f.year === year);
  if (!found) throw missingReference(refDir, `Filosofi par IRIS ${year} (filosofi-disp-iris-${year}-DD.csv)`);
  const yy = String(year % 100).padStart(2, "0");
  return readIrisValues({
    file: found.file,
    source: `INSEE, Filosofi ${year}`,
    vintage: year,
    codeColumns: ["IRIS"],
    required: ["DISP_TP60", "DISP_MED"],
    keep: (c) => c.startsWith("DISP_") && c !== "DISP_NOTE",
    normalize: (c) => (c.startsWith("DISP_") && c.endsWith(yy) ? c.slice(0, -2) : c),
  });
}
