import { findFiles } from "./files.ts";
import { missingReference, readIrisValues, type IrisValues } from "./iris-table.ts";

const vintageOf = (file: string): number => Number(/(?:rp|logement-)(\d{4})/i.exec(file)?.[1] ?? 0);
const stripYear = (c: string): string => c.replace(/^([PC])\d\d_/, "$1_");

/**
 * Main residences by IRIS (houses, flats, HLM tenants): INSEE RP extract or base-ic-logement.
 * Columns are renamed without their year (P16_RPMAISON -> P_RPMAISON) so that any vintage reads alike.
 */
export async function readIrisHousing(refDir: string): Promise<IrisValues> {
  const files = [
    ...findFiles(refDir, /(^|\/)base-ic-logement-\d{4}[^/]*\.(csv|xlsx)$/i),
    ...findFiles(refDir, /(^|\/)rp\d{4}-iris-housing-[^/]*\.csv$/i),
  ].sort((a, b) => vintageOf(a) - vintageOf(b));
  const file = files[files.length - 1];
  if (!file) throw missingReference(refDir, "logements par IRIS (insee/rpAAAA-iris-housing-DD.csv ou base-ic-logement-AAAA)");
  const vintage = vintageOf(file);
  return readIrisValues({
    file,
    source: `INSEE, recensement de la population ${vintage}`,
    vintage,
    codeColumns: ["IRIS"],
    required: ["P_RPMAISON", "P_RPAPPART"],
    keep: (c) => /^P_RP/.test(c) || c === "P_LOG",
    normalize: stripYear,
  });
}

/**
 * Persons living in households by household type and by CS of the reference person (INSEE RP).
 * These are persons, not households: the number of households is the number of main residences.
 */
export async function readIrisHouseholdPersons(refDir: string): Promise<IrisValues> {
  const files = findFiles(refDir, /(^|\/)rp\d{4}-iris-household-[^/]*\.csv$/i).sort((a, b) => vintageOf(a) - vintageOf(b));
  const file = files[files.length - 1];
  if (!file) throw missingReference(refDir, "personnes des ménages par IRIS (insee/rpAAAA-iris-household-DD.csv)");
  const vintage = vintageOf(file);
  return readIrisValues({
    file,
    source: `INSEE, recensement de la population ${vintage}`,
    vintage,
    codeColumns: ["IRIS"],
    required: ["C_PMEN_MENFAMMONO"],
    keep: (c) => /^C_PMEN_/.test(c),
    normalize: stripYear,
  });
}
