// The site's components in Node with a minimal DOM (htl needs `document`): the same code the
// pages run, checked on hand-made cells.
import { describe, expect, test } from "vitest";
import { rateInputs, selectorValue, SMALL_BASE } from "../../src/components/cells.js";
import { formatChange, formatValue } from "../../src/components/format.js";
import { attributed, combinedSourceText, sourceText } from "../../src/components/source-line.js";

import { chosenRanks, comparable, comparisonRows, irisRanking, zoneOf } from "../../src/components/comparison.js";
import { evolutionRows } from "../../src/components/evolution.js";
import { orderedZones } from "../../src/components/zone-table.js";
import { publishedCell } from "../helpers/cells.ts";

const PARTNER_MENTION = "Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Arles";

describe("source line", () => {
  test("Article 7's mention stays word for word; public producers get the Licence Ouverte", () => {
    const text = sourceText({
      sources: [`${PARTNER_MENTION} — fichier « APA »`, "INSEE, recensement de la population 2016"],
      observationDate: "2016-12-31",
      lastUpdate: "2017-02-23",
    });
    expect(text).toBe(
      `${PARTNER_MENTION} — fichier « APA » ; INSEE, recensement de la population 2016 — Licence Ouverte / Open Licence 2.0 (Etalab). Données au 31 décembre 2016, mise à jour du 23 février 2017.`,
    );
    expect(attributed("CNAF, allocataires — Licence Ouverte / Open Licence 2.0 (Etalab)")).toBe(
      "CNAF, allocataires — Licence Ouverte / Open Licence 2.0 (Etalab)",
    );
  });
});

describe("one source line per visual", () => {
  test("a visual over two years and two producers says each mention once, then every date", () => {
    const apa = (year: number) => ({
      sources: [`${PARTNER_MENTION} — fichier « APA »`],
      observationDate: `${year}-12-31`,
      lastUpdate: `${year + 1}-02-23`,
    });
    const insee = { sources: ["INSEE, recensement"], observationDate: "2016-12-31", lastUpdate: null };
    const text = combinedSourceText([apa(2016), apa(2015), insee, undefined, apa(2016)]);
    expect(text).toBe(
      `${PARTNER_MENTION} — fichier « APA » ; INSEE, recensement — Licence Ouverte / Open Licence 2.0 (Etalab). Données au 31 décembre 2015 et au 31 décembre 2016, mise à jour du 23 février 2016 et du 23 février 2017.`,
    );
    expect(text.split(PARTNER_MENTION)).toHaveLength(2);
    expect(combinedSourceText([undefined])).toBe("");
  });
});

describe("French formats", () => {
  test("narrow no-break space for thousands, decimal comma, words for secret and n.a.", () => {
    expect(formatValue(12345)).toBe("12\u202f345");
    expect(formatValue(17.25, { unit: "rate" })).toBe("17,3");
    expect(formatValue(3, { secret: true })).toBe("secret");
    expect(formatValue(null)).toBe("n.d.");
  });
});

describe("rate inputs", () => {
  const cells = [
    publishedCell("births", "A", "", 40, { year: 2016 }),
    publishedCell("births", "A", ">=40", 12, { year: 2016, breakdown: "mother-age" }),
    publishedCell("births", "A", "35-39", 8, { year: 2016, breakdown: "mother-age" }),
    publishedCell("births", "B", ">=40", null, { year: 2016, breakdown: "mother-age", secret: true }),
    publishedCell("population", "A", "", 30, { year: 2016 }),
  ];
  test("summed categories; a secret part hides the numerator", () => {
    expect(
      selectorValue(
        cells,
        { indicator: "births", breakdown: "mother-age", categories: [">=40", "35-39"] },
        { year: 2016, level: "iris", code: "A" },
      ),
    ).toBe(20);
    expect(
      selectorValue(
        cells,
        { indicator: "births", breakdown: "mother-age", categories: [">=40"] },
        { year: 2016, level: "iris", code: "B" },
      ),
    ).toBeNull();
  });
  test("a denominator under the small-base threshold is flagged", () => {
    const inputs = rateInputs(
      cells,
      { numerator: { indicator: "births" }, denominator: { indicator: "population" }, per: 1000 },
      { year: 2016, level: "iris", code: "A" },
    );
    expect(inputs).toEqual({ numerator: 40, denominator: 30, smallBase: 30 < SMALL_BASE });
    expect(inputs!.smallBase).toBe(true);
  });
});

describe("comparison and evolution", () => {
  const territory = { commune: "13001", communeName: "Aix", departement: "13", departementName: "Bouches-du-Rhône" };
  const iris = [
    { code: "130010701", name: "Jas 6" },
    { code: "130010702", name: "Jas 1" },
    { code: "130010703", name: "Jas 2" },
    { code: "130010704", name: "Jas 3" },
  ];
  test("zones are named from their code, with their published yearly change", () => {
    expect(zoneOf("13", territory, iris)?.level).toBe("departement");
    expect(zoneOf("130010704", territory, iris)).toEqual({ code: "130010704", level: "iris", zone: "IRIS Jas 3" });
    expect(zoneOf("999999999", territory, iris)).toBeUndefined();
    const zones = ["130010704", "13001"].map((code) => zoneOf(code, territory, iris)!);
    const rows = comparisonRows(
      [
        publishedCell("r", "130010704", "", 12.5, { year: 2016, level: "iris" }),
        publishedCell("r", "13001", "", 10, { year: 2016, level: "commune" }),
        publishedCell("r-evolution", "13001", "", -4, { year: 2016, level: "commune" }),
      ],
      { indicator: "r", year: 2016, zones },
    );
    expect(rows.map((r) => [r.zone, r.cell?.value, formatChange(r.change)])).toEqual([
      ["IRIS Jas 3", 12.5, "—"],
      ["Aix", 10, "−4,0 %"],
    ]);
    expect(formatChange(publishedCell("r-evolution", "13001", "", 2.25, { year: 2016, level: "commune" }))).toBe(
      "+2,3 %",
    );
    expect(
      formatChange(publishedCell("r-evolution", "13001", "", null, { year: 2016, level: "commune", secret: true })),
    ).toBe("secret");
  });
  test("the ranking orders published IRIS, highest first; secret and missing ones stay out of it", () => {
    const cells = [
      publishedCell("r", "130010701", "", 8, { year: 2016, level: "iris" }),
      publishedCell("r", "130010702", "", 20, { year: 2016, level: "iris" }),
      publishedCell("r", "130010703", "", null, { year: 2016, level: "iris", secret: true }),
      publishedCell("r", "130010704", "", 20, { year: 2016, level: "iris" }),
    ];
    const { ranked, unranked } = irisRanking(cells, { indicator: "r", year: 2016, iris, selected: ["130010704"] });
    expect(ranked.map((r) => [r.zone, r.value, r.selected])).toEqual([
      ["Jas 1", 20, false],
      ["Jas 3", 20, true],
      ["Jas 6", 8, false],
    ]);
    expect(unranked).toEqual([{ zone: "Jas 2", code: "130010703", secret: true }]);
    // A long ranking names the chosen IRIS with their place (ties keep the ranking's order).
    expect(chosenRanks(ranked)).toEqual([{ zone: "Jas 3", code: "130010704", value: 20, rank: 2 }]);
  });
  test("only rates, shares and evolutions are drawn side by side across zones", () => {
    expect(["count", "amount", "rate", "share", "evolution"].map(comparable)).toEqual([false, false, true, true, true]);
  });
  test("evolution rows pair each year's commune and département values with their yearly change", () => {
    const cells = [
      publishedCell("fsl", "13001", "", 100, { level: "commune" }),
      publishedCell("fsl", "13001", "", 110, { level: "commune", year: 2016 }),
      publishedCell("fsl-evolution", "13001", "", 10, { level: "commune", year: 2016 }),
      publishedCell("fsl", "13", "", 900, { level: "departement" }),
      publishedCell("fsl", "13", "", null, { level: "departement", year: 2016, secret: true }),
    ];
    const rows = evolutionRows(cells, "fsl", { commune: "13001", departement: "13" });
    expect(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- component output is untyped JS
      rows.map((r: any) => [
        r.year,
        r.commune?.value,
        r.communeChange?.value,
        r.departement?.value,
        r.departement?.secret,
      ]),
    ).toEqual([
      [2015, 100, undefined, 900, false],
      [2016, 110, 10, null, true],
    ]);
  });
});

describe("readers' words and search", async () => {
  const { formatDate, formatSigned, unitText } = await import("../../src/components/format.js");
  const { matchPlaces, normalizeName } = await import("../../src/components/place-search.js");

  test("dates read « 1er » on the first of a month; changes carry their sign with a decimal comma", () => {
    expect(formatDate("2016-12-01")).toBe("1er décembre 2016");
    expect(formatDate("2015-12-31")).toBe("31 décembre 2015");
    expect(formatSigned(2.54)).toBe("+2,5");
    expect(formatSigned(-0.05)).toBe("−0,1");
    expect(formatSigned(0)).toBe("0,0");
    expect(unitText("rate", 1000)).toBe("pour 1\u202f000");
  });

  test("a search finds the quartier before its streets, accents and « st » aside", () => {
    const places = [
      { name: "Avenue du Jas de Bouffan", kind: "voie", iris: ["130010702"] },
      { name: "Jas de Bouffan", kind: "quartier", iris: ["130010701", "130010702"] },
      { name: "Saint-Jérôme", kind: "iris", iris: ["130010303"] },
    ];
    expect(matchPlaces(places, "jas de bouf").map((p) => p.kind)).toEqual(["quartier", "voie"]);
    expect(matchPlaces(places, "st jerome").map((p) => p.name)).toEqual(["Saint-Jérôme"]);
    expect(normalizeName("Saint-Jérôme")).toBe("saint jerome");
    expect(matchPlaces(places, "   ")).toEqual([]);
  });
});

describe("the folded IRIS table of an analysis", async () => {
  const { citedZones, foldedCodes } = await import("../../src/components/zone-table.js");
  const zone = (code: string, name: string) =>
    ({ type: "Feature", properties: { code, name }, geometry: { type: "Point", coordinates: [0, 0] } }) as never;
  const iris = [
    zone("130010601", "Encagnane 4"),
    zone("130010602", "Encagnane 2"),
    zone("130010701", "Jas 6"),
    zone("130010702", "Jas 1"),
    zone("130010101", "Mazarin"),
    zone("130010303", "Saint-Jérôme"),
  ];

  test("the IRIS the prose names: a whole name, or the name numbered IRIS share; whole words only", () => {
    expect(citedZones("À Encagnane, la natalité est forte.", iris)).toEqual(["130010601", "130010602"]);
    expect(citedZones("Au Jas de Bouffan et à St Jérôme", iris)).toEqual(["130010701", "130010702", "130010303"]);
    expect(citedZones("Encagnane 2 seulement ; le quartier Mazarin", iris)).toEqual(["130010602", "130010101"]);
    expect(citedZones("Le jasmin des Mazarines ne nomme aucun IRIS.", iris)).toEqual([]);
  });

  test("folded, it shows the cited IRIS in the order chosen, else the first rows", () => {
    const ordered = ["a", "b", "c", "d", "e"].map((code) => ({ code }));
    expect([...foldedCodes(ordered, { count: 2 })]).toEqual(["a", "b"]);
    expect([...foldedCodes(ordered, { count: 2, cited: ["e", "c"] })]).toEqual(["c", "e"]);
    expect([...foldedCodes(ordered, { count: 2, cited: ["z"] })]).toEqual(["a", "b"]);
  });
});

describe("zone table order", () => {
  test("by name, numbers read as numbers (Marseille's arrondissements, numbered IRIS); by value, unknown last", () => {
    const zone = (code: string, name: string) => ({ type: "Feature", properties: { code, name }, geometry: null });
    const features = [
      zone("13210", "Marseille 10e arrondissement"),
      zone("13201", "Marseille 1er arrondissement"),
      zone("13202", "Marseille 2e arrondissement"),
    ];
    const byCode = new Map([
      ["13210", publishedCell("apa", "13210", "", 4, { level: "arrondissement" })],
      ["13201", publishedCell("apa", "13201", "", 9, { level: "arrondissement" })],
      ["13202", publishedCell("apa", "13202", "", null, { level: "arrondissement", secret: true })],
    ]);
    const names = (key: "name" | "value", ascending: boolean) =>
      orderedZones(features as never, byCode, key, ascending).map((r: { code: string }) => r.code);
    expect(names("name", true)).toEqual(["13201", "13202", "13210"]);
    expect(names("value", false)).toEqual(["13201", "13210", "13202"]);
  });
});
