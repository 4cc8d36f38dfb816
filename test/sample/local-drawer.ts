/** A small Aix address drawer for tests, standing in for loaders/geocode/draw-address.ts. */
import type { DrawnAddress } from "../../loaders/sample/generate.ts";

const STREETS: [string, string, string, string][] = [
  ["RUE ESPARIAT", "rue Espariat", "130010101", "13100"],
  ["AVENUE VICTOR HUGO", "av. Victor Hugo", "130010102", "13100"],
  ["BOULEVARD DU ROI RENE", "bd du Roi René", "130010103", "13100"],
  ["CHEMIN DE LA FONTAINE", "ch. de la Fontaine", "130010201", "13090"],
  ["AVENUE DE L'EUROPE", "avenue de l'Europe", "130010301", "13090"],
];

export function localDrawAddress(rng: () => number): DrawnAddress {
  const [street, written, iris, postcode] = STREETS[Math.floor(rng() * STREETS.length)]!;
  // Missing numbers are part of the mess partners send.
  const text = rng() < 0.1 ? written : `${1 + Math.floor(rng() * 80)} ${written}`;
  return { text, expected: { street, iris, postcode } };
}
