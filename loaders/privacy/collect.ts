import { basename } from "node:path";
import { readExport } from "../exports/read-export.ts";
import type { InputFile } from "../records/inputs.ts";
import { addressForms, birthDateForms, type PersonalKind, type PersonalValue } from "./personal-values.ts";

/** Canonical fields whose values identify a person or a home. */
function kindOfField(field: string): PersonalKind | null {
  if (field === "identifier") return "identifier";
  if (field === "address" || field === "address.street") return "address";
  if (field === "birthDate") return "birth-date";
  return null;
}

/**
 * A rejected cell may hold no personal value at all ("inconnue", "NC"): such words are common
 * French and would be found on every page. A form is looked for when it holds a digit (dates,
 * house numbers, identifiers) or at least three words.
 */
const identifying = (form: string) => /\d/.test(form) || form.trim().split(/\s+/).length >= 3;

function formsOf(kind: PersonalKind, text: string): string[] {
  return rawFormsOf(kind, text).filter(identifying);
}

function rawFormsOf(kind: PersonalKind, text: string): string[] {
  if (kind === "birth-date") return birthDateForms(text);
  if (kind === "address") return addressForms(text);
  return [text];
}

/**
 * Every identifier, address and birth date of the input exports, valid rows and rejected rows
 * alike, for the leak scan of everything built. Files that cannot be read have nothing to
 * leak: the build has already refused them.
 */
export async function personalValuesOfInputs(files: InputFile[]): Promise<PersonalValue[]> {
  const values: PersonalValue[] = [];
  for (const input of files) {
    let parsed;
    try {
      parsed = await readExport(input.path);
    } catch {
      continue;
    }
    const file = basename(input.path);
    for (const row of parsed.rows) {
      const origin = { file, row: row.row };
      if (row.identifier) values.push({ kind: "identifier", origin, forms: [row.identifier] });
      const address = row.address;
      if (address?.full) values.push({ kind: "address", origin, forms: addressForms(address.full) });
      if (address?.street)
        values.push({ kind: "address", origin, forms: addressForms(`${address.number ?? ""} ${address.street}`) });
      const birthDate = row.fields.birthDate;
      if (typeof birthDate === "string") values.push({ kind: "birth-date", origin, forms: birthDateForms(birthDate) });
    }
    for (const rejected of parsed.quarantine) {
      for (const [header, text] of Object.entries(rejected.cells)) {
        const kind = kindOfField(parsed.headerMap[header]?.replace(/ \(colonne répétée\)$/, "") ?? "");
        const forms = kind ? formsOf(kind, text) : [];
        if (kind && forms.length > 0) values.push({ kind, origin: { file, row: rejected.row }, forms });
      }
    }
  }
  return values;
}
