/** One cell of a schema field to a typed value, or the rule it breaks (never the value). */
import type { FieldValue } from "../contracts.ts";
import type { FieldSpec } from "./schema.ts";
import {
  cellText,
  isBareYear,
  isBlank,
  parseFrenchDate,
  parseGir,
  parseInteger,
  parseLivingAlone,
  parseSex,
  type Parsed,
  type RawCell,
} from "./parse-value.ts";

export interface FieldIssue {
  rule: string;
  message: string;
  severity: "error" | "warning";
}

const error = (rule: string, message: string): { issue: FieldIssue } => ({
  issue: { rule, message, severity: "error" },
});

const INVALID: Record<FieldSpec["type"], [string, string]> = {
  integer: ["nombre-invalide", "nombre entier attendu"],
  date: [
    "date-invalide",
    "date illisible (formats admis : jj/mm/aaaa, jj-mmm-aaaa, aaaa-mm-jj, numéro de série Excel)",
  ],
  sex: ["sexe-inconnu", "code sexe non reconnu (admis : F, M, H, Femme, Homme, 1, 2)"],
  gir: ["gir-invalide", "niveau GIR illisible (1 à 4 attendu)"],
  livingAlone: ["situation-familiale-inconnue", "situation familiale non reconnue (admis : couple, personne isolée)"],
  text: ["texte-invalide", "texte attendu"],
};

export function parseField(
  spec: FieldSpec,
  cell: RawCell,
  observationDate?: string,
  workbook: { date1904?: boolean } = {},
): { value: FieldValue } | { issue: FieldIssue } {
  if (isBlank(cell)) return spec.mandatory ? error("valeur-manquante", `${spec.label} manquant(e)`) : { value: null };
  if (spec.type === "date" && isBareYear(cell))
    return error("annee-seule", `${spec.label} réduite à une année : date complète attendue (jj/mm/aaaa)`);
  const parsed = parseTyped(spec, cell, observationDate, workbook.date1904 ?? false);
  if (!parsed.ok || parsed.value === null) return error(...INVALID[spec.type]);
  const value = parsed.value;
  if (typeof value === "number" && spec.range) {
    const { min, max, rule, message } = spec.range;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) return error(rule, message);
  }
  if (typeof value === "string" && spec.type === "date") {
    const ref = observationDate ?? new Date().toISOString().slice(0, 10);
    if (value > ref) return error("date-future", `${spec.label} postérieure à la date d'observation`);
    if (spec.ageAtObservation) {
      const age = ageAt(value, ref);
      const { min, max, rule, message } = spec.ageAtObservation;
      if ((min !== undefined && age < min) || (max !== undefined && age > max)) return error(rule, message);
    }
  }
  return { value };
}

function parseTyped(
  spec: FieldSpec,
  cell: RawCell,
  observationDate: string | undefined,
  date1904: boolean,
): Parsed<FieldValue> {
  switch (spec.type) {
    case "integer":
      return parseInteger(cell);
    case "date":
      return parseFrenchDate(cell, observationDate ? Number(observationDate.slice(0, 4)) : undefined, date1904);
    case "sex":
      return parseSex(cell);
    case "gir":
      return parseGir(cell);
    case "livingAlone":
      return parseLivingAlone(cell);
    case "text":
      return { ok: true, value: cellText(cell) };
  }
}

/** Whole years between an ISO birth date and an ISO reference date. */
export function ageAt(birth: string, ref: string): number {
  const [by, bm, bd] = isoParts(birth);
  const [ry, rm, rd] = isoParts(ref);
  return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
}

/** "2015-12-31" -> [2015, 12, 31], by slices: called for every birth date of an export. */
function isoParts(iso: string): [number, number, number] {
  const a = iso.indexOf("-");
  const b = iso.indexOf("-", a + 1);
  return [Number(iso.slice(0, a)), Number(iso.slice(a + 1, b)), Number(iso.slice(b + 1))];
}
