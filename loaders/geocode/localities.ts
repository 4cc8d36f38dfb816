/**
 * Communes and villages an address may name, with their INSEE codes and postcodes: the
 * communes of the département come from @etalab/decoupage-administratif, the observed
 * commune's aliases and villages from data/observatory.json (territory-localities.ts).
 */
import { createRequire } from "node:module";
import { normalizeText } from "./normalize.ts";
import { readObservatoryConfig } from "../config.ts";
import { territoryLocalities } from "./territory-localities.ts";

interface CommuneRecord {
  code: string;
  nom: string;
  departement?: string;
  type: string;
  codesPostaux?: string[];
}

export interface Locality {
  commune: string;
  /** Village of the commune ("LUYNES"), or null for the commune itself. */
  village: string | null;
}

export interface LocalityTable {
  /** Normalised name ("SALON DE PROVENCE", "LES MILLES") -> locality. */
  byName: Map<string, Locality>;
  /** Postcode -> INSEE codes of the communes it serves. */
  byPostcode: Map<string, string[]>;
}

let table: LocalityTable | null = null;

export function localityTable(): LocalityTable {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const communes = require("@etalab/decoupage-administratif/data/communes.json") as CommuneRecord[];
  const byName = new Map<string, Locality>();
  const byPostcode = new Map<string, string[]>();
  const departement = readObservatoryConfig().territory.departement;
  const territory = territoryLocalities();
  for (const c of communes) {
    if (c.departement !== departement || c.type !== "commune-actuelle") continue;
    const name = normalizeText(c.nom);
    byName.set(name, { commune: c.code, village: null });
    // "SAINT CHAMAS" is also written "ST CHAMAS".
    if (name.startsWith("SAINT ")) byName.set(`ST ${name.slice(6)}`, { commune: c.code, village: null });
    if (name.startsWith("SAINTES ")) byName.set(`STES ${name.slice(8)}`, { commune: c.code, village: null });
    for (const postcode of c.codesPostaux ?? [])
      byPostcode.set(postcode, [...(byPostcode.get(postcode) ?? []), c.code]);
  }
  for (const alias of territory.names) byName.set(alias, { commune: territory.commune, village: null });
  for (const village of territory.villages) {
    byName.set(village.name, { commune: territory.commune, village: village.name });
    byName.set(village.name.replace(/^(LES|LA|LE) /, ""), { commune: territory.commune, village: village.name });
  }
  table = { byName, byPostcode };
  return table;
}

/** Locality named by a label: exact, else a known name the label ends with ("LES MILLES" + the commune). */
export function findLocality(label: string): Locality | null {
  // An export writes its commune a handful of ways, on every row: each label is read once.
  const known = foundLocalities.get(label);
  if (known !== undefined) return known;
  const found = readLocality(label);
  if (foundLocalities.size >= 10_000) foundLocalities.clear();
  foundLocalities.set(label, found);
  return found;
}

const foundLocalities = new Map<string, Locality | null>();

function readLocality(label: string): Locality | null {
  const { byName } = localityTable();
  const normalized = normalizeText(label);
  const exact = byName.get(normalized);
  if (exact) return exact;
  const words = normalized.split(" ");
  // A village named before the city ("LUYNES" then the commune) says more than the city.
  for (let start = 0; start < words.length; start++) {
    for (let end = words.length; end > start; end--) {
      const found = byName.get(words.slice(start, end).join(" "));
      if (found && found.village) return found;
    }
  }
  for (let start = 0; start < words.length; start++) {
    const found = byName.get(words.slice(start).join(" "));
    if (found) return found;
  }
  return null;
}
