/**
 * lieux.json: what a reader can type in the site's search box, each name with the IRIS it
 * designates. Drawn from public references only: the IRIS names, the quartiers (named in
 * data/observatory.json), the villages of the commune and the streets and lieux-dits of the address
 * reference (BAN, or the fictitious one beside fictitious data). Never from any export row.
 */
import type { AddressIndex } from "../geocode/address-index.ts";
import { readObservatoryConfig, type TerritoryConfig } from "../config.ts";
import type { PublishedPlace } from "./published-files.ts";

const SMALL_WORDS = new Set(["de", "du", "des", "la", "le", "les", "et", "en", "sur", "aux", "au"]);

/** "LES MILLES" -> "Les Milles": names of the localities table are upper case. */
function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(" ")
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

/** FANTOIR's abbreviated first words, as a reader writes them (« QUR ENCAGNANE » is « Quartier Encagnane »). */
const LEADING_WORDS: Record<string, string> = {
  qur: "Quartier",
  qrt: "Quartier",
  qua: "Quartier",
  residence: "Résidence",
  res: "Résidence",
  cite: "Cité",
  lot: "Lotissement",
  imm: "Immeuble",
  ham: "Hameau",
  che: "Chemin",
  chateau: "Château",
  ecole: "École",
};
/** Acronyms FANTOIR writes as words once title-cased (« Zup », « Zac »). */
const ACRONYMS = new Set(["zup", "zac", "zi", "za", "hlm", "ces"]);

/**
 * The name a reader sees for a street or a lieu-dit: the abbreviated first word written out,
 * acronyms in capitals, and no « Lieu-dit » before a lieu-dit's name (the list says its kind).
 */
export function placeLabel(name: string): string {
  const words = name.replace(/^lieu-dit\s+/i, "").split(" ");
  const first = words[0]?.toLowerCase() ?? "";
  if (LEADING_WORDS[first] && words.length > 1) words[0] = LEADING_WORDS[first];
  const label = words.map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w)).join(" ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function placesMember(
  index: Pick<AddressIndex, "streets" | "places">,
  iris: readonly { code: string; name: string }[],
  // Quartier and village names come from data/observatory.json, like everything territorial.
  territory: Pick<TerritoryConfig, "quartiers" | "villages"> = readObservatoryConfig().territory,
): PublishedPlace[] {
  const codes = new Set(iris.map((i) => i.code));
  const places: PublishedPlace[] = iris.map((i) => ({ name: i.name, kind: "iris", iris: [i.code] }));
  for (const quartier of territory.quartiers ?? []) {
    const members = quartier.iris.filter((c) => codes.has(c));
    if (members.length) places.push({ name: quartier.name, kind: "quartier", iris: [...members].sort() });
  }
  for (const village of territory.villages ?? []) {
    const members = village.iris.filter((c) => codes.has(c));
    if (members.length) places.push({ name: titleCase(village.name), kind: "village", iris: [...members].sort() });
  }
  // Streets and lieux-dits: one entry per name, the IRIS of all its numbers.
  const streets = new Map<string, Set<string>>();
  const add = (kind: string, name: string, of: readonly (string | null)[]) => {
    const key = `${kind}|${name}`;
    const set = streets.get(key) ?? new Set<string>();
    for (const c of of) if (c && codes.has(c)) set.add(c);
    streets.set(key, set);
  };
  // Written as a reader writes them; two spellings of one name (« Qur Encagnane », « Qrt
  // Encagnane ») become one entry with the IRIS of both.
  for (const s of index.streets) add("voie", placeLabel(s.name), s.iris);
  for (const p of index.places) add("lieu-dit", placeLabel(p.name), [p.iris]);
  for (const [key, set] of streets) {
    if (set.size === 0) continue;
    const [kind, name] = key.split("|") as [string, string];
    places.push({ name, kind, iris: [...set].sort() });
  }
  return places;
}
