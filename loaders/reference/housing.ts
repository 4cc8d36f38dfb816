import { findFiles } from "./files.ts";
import { missingReference, readIrisValues, type IrisValues } from "./iris-table.ts";

const vintageOf = (file: string): number => Number(/(?:rp|logement-)(\d{4})/i.exec(file)?.[1] ?? 0);
const stripYear = (c: string): string => c.replace(/^([PC])\d\d_/, "$1_");

/**
 * The latest vintage among census files matching `patterns`, read by IRIS with its columns
 * renamed without their year (P16_RPMAISON -> P_RPMAISON), so that any vintage reads alike.
 */
async function readLatestCensus(
  refDir: string,
  patterns: RegExp[],
  described: string,
  columns: { required: string[]; keep: (column: string) => boolean },
): Promise<IrisValues> {
  const files = patterns.flatMap((pattern) => findFiles(refDir, pattern)).sort((a, b) => vintageOf(a) - vintageOf(b));
  const file = files[files.length - 1];
  if (!file) throw missingReference(refDir, described);
  const vintage = vintageOf(file);
  return readIrisValues({
    file,
    source: `INSEE, recensement de la population ${vintage}`,
    vintage,
    codeColumns: ["IRIS"],
    required: columns.required,
    keep: columns.keep,
    normalize: stripYear,
  });
}

/** Main residences by IRIS (houses, flats, HLM tenants): INSEE RP extract or base-ic-logement. */
export function readIrisHousing(refDir: string): Promise<IrisValues> {
  return readLatestCensus(
    refDir,
    [/(^|\/)base-ic-logement-\d{4}[^/]*\.(csv|xlsx)$/i, /(^|\/)rp\d{4}-iris-housing-[^/]*\.csv$/i],
    "logements par IRIS (insee/rpAAAA-iris-housing-DD.csv ou base-ic-logement-AAAA)",
    { required: ["P_RPMAISON", "P_RPAPPART"], keep: (c) => /^P_RP/.test(c) || c === "P_LOG" },
  );
}

/**
 * Persons living in households by household type and by CS of the reference person (INSEE RP).
 * These are persons, not households: the number of households is the number of main residences.
 */
export function readIrisHouseholdPersons(refDir: string): Promise<IrisValues> {
  return readLatestCensus(
    refDir,
    [/(^|\/)rp\d{4}-iris-household-[^/]*\.csv$/i],
    "personnes des ménages par IRIS (insee/rpAAAA-iris-household-DD.csv)",
    { required: ["C_PMEN_MENFAMMONO"], keep: (c) => /^C_PMEN_/.test(c) },
  );
}
