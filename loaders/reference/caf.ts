import { missingReference, readIrisValues, yearsOf, type IrisValues } from "./iris-table.ts";

const CAF_FILE = /(?:^|\/)caf-iris-(\d{4})-[^/]*\.csv$/i;
/** Geography and metadata columns; every other column is a count. */
const NOT_COUNTS = new Set(["LIBGEO", "DEPCOM", "LIBCOM", "EPCI", "UU", "REG", "DEP", "NOTE"]);

/** Years of CAF data by IRIS found in refDir. */
export const cafYears = (refDir: string): number[] => yearsOf(refDir, CAF_FILE).map((f) => f.year);

/**
 * CNAF recipients by IRIS for one year: A recipients, PERCOU persons covered, ENF_2 children
 * under 3, AAAH, ARSAS (RSA)... Secret cells (fewer than 5) are null, never zero.
 */
export async function readCafIris(refDir: string, year: number): Promise<IrisValues> {
  const found = yearsOf(refDir, CAF_FILE).find((f) => f.year === year);
  if (!found) throw missingReference(refDir, `données CAF par IRIS ${year} (caf-iris-${year}-DD.csv)`);
  return readIrisValues({
    file: found.file,
    source: `CNAF, allocataires CAF par IRIS ${year}`,
    vintage: year,
    codeColumns: ["CODGEO", "IRIS"],
    required: ["A", "ENF_2"],
    keep: (c) => !NOT_COUNTS.has(c),
  });
}
