/**
 * Reader for the FANTOIR street list of the reference directory (DGFiP, fixed width: type on
 * 11 characters, then the name; first line is a header naming the commune).
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { InputError } from "../contracts.ts";

export interface FantoirStreet {
  /** Type as written in FANTOIR ("RUE", "CRS", "LIEU-DIT"), "" when absent. */
  type: string;
  /** Name, upper case without accents, at most 26 characters (longer names are cut). */
  name: string;
}

/** FANTOIR cuts names to this length: a name this long may be truncated. */
export const FANTOIR_NAME_LENGTH = 26;

export function parseFantoir(text: string, file: string): FantoirStreet[] {
  const lines = text.split(/\r?\n/);
  if (!/commune\s*:/i.test(lines[0] ?? "")) {
    throw new InputError(
      `Fichier ${basename(file)}, ligne 1 : en-tête FANTOIR « commune : » attendu (règle : format FANTOIR à largeur fixe).`,
      file,
      "format",
    );
  }
  const streets: FantoirStreet[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const name = line.slice(11).trim().replace(/\s+/g, " ");
    if (name === "") {
      throw new InputError(
        `Fichier ${basename(file)}, ligne ${i + 1}, colonne « libellé » : nom de voie vide (règle : libellé obligatoire).`,
        file,
        "required",
      );
    }
    streets.push({ type: line.slice(0, 11).trim(), name });
  }
  return streets;
}

export async function readFantoir(file: string): Promise<FantoirStreet[]> {
  return parseFantoir(await readFile(file, "latin1"), file);
}
