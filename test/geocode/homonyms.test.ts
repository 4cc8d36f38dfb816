/**
 * Same-name streets of one commune, in the city and in a village, and BAN files whose
 * id_fantoir is empty: the postcode and the village choose among namesakes, a street is never
 * merged with a namesake kilometres away, and what was estimated is labelled so. The streets are
 * real FANTOIR pairs of Aix laid on the real IRIS contours at positions drawn by the test.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildAddressIndex, type AddressIndex } from "../../loaders/geocode/address-index.ts";
import type { BanRow } from "../../loaders/geocode/ban-format.ts";
import { geocodeAddress } from "../../loaders/geocode/geocode.ts";
import { MATCH_TYPE_LABELS, summarizeMatchQuality } from "../../loaders/geocode/match-quality.ts";
import { readIrisContours, type IrisCollection } from "../../loaders/reference/iris-contours.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { banRow, interiorPoint, offset, pointLocator, range, street } from "./laid-streets.ts";

const MAZARIN = "130010101";
const LES_MILLES = "130010905";
const LUYNES = "130010903";
const PUYRICARD = "130010803";
const PLATEAU_NORD = "130010802";

let index: AddressIndex;
/** The same reference with number 15 of Rue de la Liberté left out: it must be interpolated. */
let withoutFifteen: AddressIndex;
let iris: IrisCollection;
const at = { commune: "13001" };
const geocode = (address: string) => geocodeAddress(index, address, at);

beforeAll(async () => {
  iris = await readIrisContours(resolveReferenceDir(), { commune: "13001" });
  const locate = pointLocator(iris);
  const centre = Object.fromEntries(
    [MAZARIN, LES_MILLES, LUYNES, PUYRICARD, PLATEAU_NORD].map((code) => [code, interiorPoint(iris, code, locate)]),
  ) as Record<string, [number, number]>;
  const rows: BanRow[] = [
    // FANTOIR pairs: the village's street carries the village's name.
    ...street("Rue de la Liberté", "13001_5001", centre[MAZARIN]!, "13100", range(1, 20)),
    ...street("Rue de la Liberté les Milles", "13001_5002", centre[LES_MILLES]!, "13290", range(1, 20)),
    ...street("Avenue Léopold Cartoux", "13001_5003", offset(centre[MAZARIN]!, 0, 60), "13100", range(1, 20)),
    ...street("Avenue Léopold Cartoux Luynes", "13001_5004", centre[LUYNES]!, "13080", range(1, 20)),
    // Same name, same type, no id_fantoir: the city's has 1-10, the village's 14-24 and 31.
    ...street("Allée des Genêts", "", offset(centre[MAZARIN]!, 0, -60), "13100", range(1, 10)),
    ...street("Allée des Genêts", "", centre[PUYRICARD]!, "13540", [...range(14, 24), 31]),
    // No id_fantoir, one street across a postcode boundary: its two halves touch.
    ...street("Traverse des Sorbiers", "", centre[PLATEAU_NORD]!, "13540", range(1, 10)),
    ...street("Traverse des Sorbiers", "", offset(centre[PLATEAU_NORD]!, 45, 0), "13090", range(11, 20)),
    // A number written in figures inside the name.
    ...street("Rue du Quatre Septembre", "13001_5005", offset(centre[MAZARIN]!, 0, 120), "13100", range(1, 20)),
    // Numbers far apart on one street: 2 and 4 near the centre, 40 and 42 250 m away.
    ...[2, 4].map((n) =>
      banRow("Boulevard des Cèdres", "13001_5006", n, offset(centre[PUYRICARD]!, n * 5, 0), "13540"),
    ),
    ...[40, 42].map((n) =>
      banRow("Boulevard des Cèdres", "13001_5006", n, offset(centre[PUYRICARD]!, 250 + n, 0), "13540"),
    ),
  ];
  for (const row of rows) {
    const code = locate([Number(row.lon), Number(row.lat)]);
    if (code === null) throw new Error(`${row.nom_voie} ${row.numero} hors des IRIS`);
  }
  const options = { fictitious: false, source: "essai", communes: ["13001"] };
  index = buildAddressIndex(rows, iris, options);
  withoutFifteen = buildAddressIndex(
    rows.filter((r) => !(r.nom_voie === "Rue de la Liberté" && r.numero === "15")),
    iris,
    options,
  );
}, 60_000);

describe("same-name streets: the postcode and the village choose", () => {
  it.each([
    ["8 rue de la Liberté 13290 Aix-en-Provence", LES_MILLES],
    ["8 RUE DE LA LIBERTE 13290 AIX EN PROVENCE", LES_MILLES],
    ["8 rue de la Liberté Les Milles", LES_MILLES],
    ["8 rue de la Liberté 13290", LES_MILLES],
    ["8 rue de la Liberté 13100 Aix-en-Provence", MAZARIN],
    ["5 av Léopold Cartoux 13080 Aix-en-Provence", LUYNES],
    ["5 AV LEOPOLD CARTOUX LUYNES", LUYNES],
    ["5 avenue Léopold Cartoux 13100 Aix", MAZARIN],
    ["16 allée des Genêts 13540 Aix-en-Provence", PUYRICARD],
    ["16 ALL DES GENETS PUYRICARD", PUYRICARD],
    ["6 allée des Genêts 13100 Aix-en-Provence", MAZARIN],
  ])("%s", (address, expected) => {
    const result = geocode(address);
    expect(result.iris).toBe(expected);
    expect(result.certain).toBe(true);
  });

  it("reports an address that names neither village nor postcode as ambiguous, never guessed", () => {
    expect(geocode("16 allée des Genêts")).toMatchObject({ iris: null, matchType: "ambiguous" });
  });
});

describe("a BAN without id_fantoir", () => {
  it("keeps same-name streets of different postcodes apart", () => {
    expect(index.streets.filter((s) => s.name === "Allée des Genêts").map((s) => s.postcodes)).toEqual([
      ["13100"],
      ["13540"],
    ]);
    // Number 31 exists only in the village: the city's street must not find it there.
    expect(geocode("31 allée des Genêts 13100 Aix-en-Provence").iris).not.toBe(PUYRICARD);
    // 12 lies between the city's 10 and the village's 14: never interpolated across 10 km.
    const between = geocode("12 allée des Genêts 13100 Aix-en-Provence");
    expect(between.iris).not.toBe(PUYRICARD);
    expect(between.certain).toBe(false);
  });

  it("joins again the halves of one street on both sides of a postcode boundary", () => {
    expect(index.streets.filter((s) => s.name === "Traverse des Sorbiers")).toHaveLength(1);
    expect(geocode("14 traverse des Sorbiers 13090 Aix-en-Provence")).toMatchObject({
      iris: PLATEAU_NORD,
      matchType: "exact",
      certain: true,
    });
  });
});

describe("numbers as agents write them", () => {
  it.each([
    ["10 ou 12 rue de la Liberté 13100 Aix", MAZARIN],
    ["12 ou 14 rue de la Liberté 13100", MAZARIN],
    ["rue de la Liberté 12 ou 14 13100", MAZARIN],
    ["3 bis ou 5 rue de la Liberté 13100", MAZARIN],
  ])("takes the first of two numbers, never certain: %s", (address, expected) => {
    expect(geocode(address)).toMatchObject({ iris: expected, matchType: "alternative", certain: false });
  });

  it("does not read a building's number alternative as a house number", () => {
    const result = geocode("12 rue de la Liberté bat 3 ou 4 13100");
    expect(result.matchType).not.toBe("alternative");
    expect(result).toMatchObject({ iris: MAZARIN, matchType: "exact" });
  });

  it.each([
    ["RUE DU 4 SEPTEMBRE 13100 AIX", "street"],
    ["Bureau X RUE DU 4 SEPTEMBRE 13100", "street"],
    ["12 RUE DU 4 SEPTEMBRE 13100", "exact"],
    ["12 rue du Quatre Septembre", "exact"],
  ])("reads a number word written in figures as part of the name: %s", (address, matchType) => {
    expect(geocode(address)).toMatchObject({ iris: MAZARIN, matchType, street: "Rue du Quatre Septembre" });
  });

  it.each([
    "RUE DE LA LIBERTE N 6 13100 AIX",
    "rue de la Liberté num 6 13100",
    "Agence X, 6, rue de la Liberté, 13100 Aix-en-Provence",
    "Musée X - 6, rue de la Liberté - Centre - 13100 Aix-en-Provence",
  ])("finds the number after « N » or alone before a comma: %s", (address) => {
    expect(geocode(address)).toMatchObject({ iris: MAZARIN, matchType: "exact", certain: true });
  });
});

describe("an estimated number says so", () => {
  it("labels a position far from the known numbers « numéro estimé », not certain, and the summary agrees", () => {
    const exact = geocode("4 boulevard des Cèdres 13540");
    const far = geocode("20 boulevard des Cèdres 13540 Aix-en-Provence");
    // 46 is beyond the last number: the nearest same-side number is used, estimated too.
    const beyond = geocode("46 boulevard des Cèdres 13540");
    const interpolated = geocode("15 rue de la Liberté 13100");
    expect(exact).toMatchObject({ matchType: "exact", certain: true });
    expect(far).toMatchObject({ matchType: "estimated", certain: false });
    expect(beyond).toMatchObject({ matchType: "estimated", certain: false });
    expect(MATCH_TYPE_LABELS[far.matchType]).toBe("numéro estimé (non certain)");
    expect(far.score).toBeLessThan(0.95);
    const between = geocodeAddress(withoutFifteen, "15 rue de la Liberté 13100", at);
    expect(between).toMatchObject({ matchType: "interpolated", certain: true, iris: MAZARIN });
    expect(between.score).toBeGreaterThan(far.score);
    const quality = summarizeMatchQuality([exact, far, beyond, between, interpolated]);
    expect(quality.certainShare).toBe(Math.round((quality.shares.exact + quality.shares.interpolated) * 1000) / 1000);
    expect(quality.shares.estimated).toBe(0.4);
  });
});
