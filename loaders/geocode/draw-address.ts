/**
 * Draws a realistic address from the reference, with the noise partners' files carry
 * (abbreviations, lost accents, case, typos, building complements, missing postcode), for
 * the synthetic exports and the benchmarks. The expected answer comes with it.
 */
import type { AddressIndex } from "./address-index.ts";
import { readObservatoryConfig } from "../config.ts";
import { territoryLocalities } from "./territory-localities.ts";
import { abbreviationsOf, canonicalStreetType } from "./street-types.ts";
import { stripAccents } from "../common/plain-text.ts";
import { pick } from "../common/seeded-random.ts";

export interface DrawnAddress {
  text: string;
  expected: { street: string; iris: string; postcode: string };
}

const COMPLEMENTS = [
  "BAT C APPT 12",
  "Bât. A",
  "APPT 3",
  "esc. B 2e étage",
  "Résidence Les Pins",
  "BAT 4 ETG 2",
  "Appartement 21",
  "RDC",
];

function typo(word: string, rng: () => number): string {
  if (word.length < 6) return word;
  const at = 1 + Math.floor(rng() * (word.length - 2));
  const kind = rng();
  if (kind < 0.33) return word.slice(0, at) + word.slice(at + 1);
  if (kind < 0.66) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  const letters = "AEIOURSTNL";
  const letter = letters[Math.floor(rng() * letters.length)]!;
  return word.slice(0, at) + (word[at]!.toUpperCase() === letter ? "E" : letter.toLowerCase()) + word.slice(at + 1);
}

function cityLabel(postcode: string, rng: () => number): string {
  const territory = territoryLocalities();
  const village = territory.villageOfPostcode[postcode];
  if (village && rng() < 0.6) return village;
  // The commune as partners write it: official name, capitals, lost hyphens, short forms.
  const name = readObservatoryConfig().territory.communeName;
  return pick(rng, [...new Set([territory.names[0]!, name, ...territory.names.slice(1, 2), name.replace(/-/g, " ")])]);
}

export function drawAddress(index: AddressIndex, rng: () => number, opts: { noise?: number } = {}): DrawnAddress {
  const noise = opts.noise ?? 0;
  const chance = (p: number) => rng() < p * noise;
  const street = index.streets[Math.floor(rng() * index.streets.length)]!;
  const at = Math.floor(rng() * street.numbers.length);
  const iris = street.irisOf[at]!;
  const postcode = street.postcodes.length === 1 ? street.postcodes[0]! : territoryLocalities().postcodeOfIris(iris);
  const rep = street.reps[at] ? ` ${street.reps[at]!.toLowerCase()}` : "";

  let words = street.name.split(" ");
  const type = words.length > 1 ? canonicalStreetType(words[0]!.toUpperCase()) : null;
  if (type && chance(0.6)) {
    const short = abbreviationsOf(type).filter((a) => a.length > 1);
    if (short.length > 0) words[0] = pick(rng, short);
  }
  words = words.map((w) =>
    /^saint$/i.test(w) && chance(0.7) ? "St" : /^sainte$/i.test(w) ? (chance(0.7) ? "Ste" : w) : w,
  );
  if (chance(0.15)) words = words.filter((w, i) => i === 0 || !/^(de|du|des|la|le|les)$/i.test(w));
  if (chance(0.3)) {
    const long = words.map((w, i) => (w.length >= 6 ? i : -1)).filter((i) => i > 0);
    if (long.length > 0) {
      const i = pick(rng, long);
      words[i] = typo(words[i]!, rng);
    }
  }
  let text = `${street.numbers[at]}${rep} ${words.join(" ")}`;
  if (chance(0.3)) text = rng() < 0.5 ? `${pick(rng, COMPLEMENTS)}, ${text}` : `${text} ${pick(rng, COMPLEMENTS)}`;
  if (!chance(0.3))
    text += rng() < 0.5 ? ` ${postcode} ${cityLabel(postcode, rng)}` : `, ${postcode} ${cityLabel(postcode, rng)}`;
  if (chance(0.5)) text = stripAccents(text);
  if (chance(0.5)) text = rng() < 0.7 ? text.toUpperCase() : text.toLowerCase();
  return { text, expected: { street: street.name, iris, postcode } };
}
