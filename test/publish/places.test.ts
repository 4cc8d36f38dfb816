// lieux.json: the search box's names come from public references only, each with its IRIS.
import { describe, expect, test } from "vitest";
import { placeLabel, placesMember } from "../../loaders/publish/places.ts";

const iris = [
  { code: "130010701", name: "Jas 6" },
  { code: "130010702", name: "Jas 1" },
  { code: "130010601", name: "Encagnane 4" },
];

describe("lieux.json", () => {
  test("IRIS, quartiers, villages, streets and lieux-dits, each with the IRIS of the territory it covers", () => {
    const places = placesMember(
      {
        streets: [
          { name: "Avenue du Jas de Bouffan", iris: ["130010701", "130010702", "999999999"] },
          { name: "Rue hors du territoire", iris: ["999999999"] },
        ] as never,
        places: [{ name: "Encagnane", iris: "130010601" }] as never,
      },
      iris,
      {
        quartiers: [
          { name: "Encagnane", iris: ["130010601"] },
          { name: "Jas de Bouffan", iris: ["130010701", "130010702"] },
        ],
        villages: [{ name: "LES MILLES", postcode: "13290", iris: ["130010905"] }],
      },
    );
    const find = (kind: string, name: string) => places.find((p) => p.kind === kind && p.name === name);
    expect(find("iris", "Jas 1")?.iris).toEqual(["130010702"]);
    expect(find("quartier", "Jas de Bouffan")?.iris).toEqual(["130010701", "130010702"]);
    expect(find("quartier", "Encagnane")?.iris).toEqual(["130010601"]);
    expect(find("voie", "Avenue du Jas de Bouffan")?.iris).toEqual(["130010701", "130010702"]);
    expect(find("lieu-dit", "Encagnane")?.iris).toEqual(["130010601"]);
    // A name with no IRIS of the territory is not offered.
    expect(places.some((p) => p.name === "Rue hors du territoire")).toBe(false);
    // Nothing but names, kinds and IRIS codes: no position, no number.
    for (const p of places) expect(Object.keys(p).sort()).toEqual(["iris", "kind", "name"]);
  });

  test("FANTOIR's abbreviations are written out, and two spellings of one lieu-dit are one entry", () => {
    expect(placeLabel("Qur Encagnane")).toBe("Quartier Encagnane");
    expect(placeLabel("Qrt Pey Blanc")).toBe("Quartier Pey Blanc");
    expect(placeLabel("Lieu-dit la Touloubre")).toBe("La Touloubre");
    expect(placeLabel("Residence Mirach Zac")).toBe("Résidence Mirach ZAC");
    expect(placeLabel("Zup le Calendal")).toBe("ZUP le Calendal");
    expect(placeLabel("Cite Valcros")).toBe("Cité Valcros");
    // A street keeps its name: « Rue » and the rest are not abbreviations.
    expect(placeLabel("Rue Commandant Caroline Aigle")).toBe("Rue Commandant Caroline Aigle");
    const places = placesMember(
      {
        streets: [],
        places: [
          { name: "Qur Encagnane", iris: "130010601" },
          { name: "Qrt Encagnane", iris: "130010701" },
        ] as never,
      },
      iris,
      { quartiers: [], villages: [] },
    );
    expect(places.filter((p) => p.kind === "lieu-dit")).toEqual([
      { name: "Quartier Encagnane", kind: "lieu-dit", iris: ["130010601", "130010701"] },
    ]);
  });
});
