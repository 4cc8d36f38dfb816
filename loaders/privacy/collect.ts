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

function formsOf(kind: PersonalKind, text: string): string[] {
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
      if (address?.street) values.push({ kind: "address", origin, forms: addressForms(`${address.number ?? ""} ${address.street}`) });
      const birthDate = row.fields.birthDate;
      if (typeof birthDate === "string") values.push({ kind: "birth-date", origin, forms: birthDateForms(birthDate) });
    }
    for (const rejected of parsed.quarantine) {
      for (const [header, text] of Object.entries(rejected.cells)) {
        const kind = kindOfField(parsed.headerMap[header]?.replace(/ \(colonne répétée\)$/, "") ?? "");
        if (kind) values.push({ kind, origin: { file, row: rejected.row }, forms: formsOf(kind, text) });
      }
    }
  }
  return values;
}
