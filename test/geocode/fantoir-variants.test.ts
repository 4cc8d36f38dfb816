import { beforeAll, describe, expect, it } from "vitest";
import { loadAddressIndex, type AddressIndex } from "../../loaders/geocode/address-index.ts";
import { geocodeAddress } from "../../loaders/geocode/geocode.ts";
import { abbreviationsOf } from "../../loaders/geocode/street-types.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";

let index: AddressIndex;
beforeAll(async () => {
  index = await loadAddressIndex(resolveReferenceDir());
});

/** The name of the street the geocoder recognises (number 1 may be unknown: street level is enough here). */
const recognised = (text: string) => geocodeAddress(index, text, { commune: "13001" }).street;

describe("real FANTOIR street names, every abbreviation of their type", () => {
  it("resolves each abbreviation variant of a sample of streets to the same street", () => {
    const sample = index.streets.filter((s, i) => i % 15 === 0 && s.type && abbreviationsOf(s.type).length > 0);
    expect(sample.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const street of sample) {
      const name = street.name.split(" ").slice(street.type!.split(" ").length).join(" ");
      const n = street.numbers[0];
      for (const abbreviation of abbreviationsOf(street.type!)) {
        for (const text of [
          `${n} ${abbreviation} ${name}`,
          `${n} ${abbreviation}. ${name.toLowerCase()}`,
          `${n} ${abbreviation} ${name.replace(/\bSaint\b/gi, "ST").replace(/\bSainte\b/gi, "STE")}`,
        ]) {
          if (recognised(text) !== street.name)
            failures.push(`${text} -> ${recognised(text) ?? "rien"} (attendu ${street.name})`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("accents, apostrophes and hyphens on real names", () => {
  it.each([
    ["4 avenue des Écoles Militaires", "Avenue des Ecoles Militaires"],
    ["4 AV. DES ECOLES MILITAIRES", "Avenue des Ecoles Militaires"],
    ["2 rue de l'Ancienne Madeleine", "Rue de l'Ancienne Madeleine"],
    ["2 RUE DE L ANCIENNE MADELEINE", "Rue de l'Ancienne Madeleine"],
    ["6 boulevard du Coq-d'Argent", "Boulevard du Coq d'Argent Zac"],
    ["3 place des Prêcheurs", "Place des Precheurs"],
    ["3 PL. DES PRECHEURS", "Place des Precheurs"],
    ["1 rue Frédéric Mistral", "Rue Frederic Mistral"],
    ["1 r. frederic-mistral", "Rue Frederic Mistral"],
    ["5 avenue Saint-Jérôme", "Avenue Saint Jerome"],
    ["5 AV ST JEROME", "Avenue Saint Jerome"],
  ])("%s", (text, expected) => {
    expect(recognised(text)).toBe(expected);
  });
});
