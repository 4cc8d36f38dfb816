/**
 * Choosing among the streets an address could mean, as an independent tester's addresses of
 * public places showed it must: the postcode or the village settles a wrong street type, an
 * address naming no village means the city, a commune's name after a street type is the
 * street's, a one-letter typo in a short word is forgiven, candidates that share their IRIS
 * place the address, a street written with its type wins over a lieu-dit in a complement, and a
 * range of numbers says so. Whatever was guessed is never certain. Real FANTOIR names of Aix,
 * laid by the test on the real IRIS contours.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildAddressIndex, type AddressIndex } from "../../loaders/geocode/address-index.ts";
import { PLACE_NUMBER, type BanRow } from "../../loaders/geocode/ban-format.ts";
import { geocodeAddress } from "../../loaders/geocode/geocode.ts";
import { MATCH_TYPE_LABELS } from "../../loaders/geocode/match-quality.ts";
import { readIrisContours } from "../../loaders/reference/iris-contours.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { banRow, interiorPoint, offset, pointLocator, range, street, type Point } from "./laid-streets.ts";

const MAZARIN = "130010101"; // 13100
const LA_TORSE = "130010401"; // 13100
const BEISSON = "130010501"; // 13100
const FENOUILLERES = "130010301"; // 13090
const PONT_DE_L_ARC = "130010901"; // 13090
const LUYNES = "130010903"; // 13080
const LES_MILLES = "130010905"; // 13290
const PUYRICARD = "130010803"; // 13540

let index: AddressIndex;
const geocode = (address: string) => geocodeAddress(index, address, { commune: "13001" });

/** A place of the BAN (lieu-dit): one point, no number. */
function place(name: string, at: Point, postcode: string): BanRow {
  return { ...banRow(name, "", 0, at, postcode), numero: PLACE_NUMBER, nom_ld: name };
}

beforeAll(async () => {
  const iris = await readIrisContours(resolveReferenceDir(), { commune: "13001" });
  const locate = pointLocator(iris);
  const codes = [MAZARIN, LA_TORSE, BEISSON, FENOUILLERES, PONT_DE_L_ARC, LUYNES, LES_MILLES, PUYRICARD];
  const c = Object.fromEntries(codes.map((code) => [code, interiorPoint(iris, code, locate)])) as Record<string, Point>;
  const rows: BanRow[] = [
    // 1. One name, several types, each in its own postcode.
    ...street("Avenue des Floralies", "13001_6001", c[MAZARIN]!, "13100", range(1, 30)),
    ...street("Chemin des Floralies", "13001_6002", c[LES_MILLES]!, "13290", range(1, 30)),
    ...street("Avenue de Beauregard", "13001_6003", c[LA_TORSE]!, "13100", range(1, 30)),
    ...street("Avenue de Beauregard", "13001_6004", c[PUYRICARD]!, "13540", range(1, 30)),
    ...street("Chemin de Beauregard", "13001_6005", c[FENOUILLERES]!, "13090", range(1, 30)),
    ...street("Rue des Thermes", "13001_6029", offset(c[MAZARIN]!, 0, -90), "13100", range(1, 30)),
    ...street("Avenue des Thermes", "13001_6030", offset(c[FENOUILLERES]!, 0, 30), "13090", range(1, 30)),
    // 2. A city street and its namesake in a village; two namesakes both in the city.
    ...street("Allée des Mésanges", "13001_6006", offset(c[FENOUILLERES]!, 0, 60), "13090", range(1, 30)),
    ...street("Allée des Mésanges", "13001_6007", offset(c[PUYRICARD]!, 0, 60), "13540", range(1, 30)),
    ...street("Rue du Bras d'Or", "13001_6008", offset(c[MAZARIN]!, 0, 60), "13100", range(1, 30)),
    ...street("Rue du Bras d'Or", "13001_6009", offset(c[LUYNES]!, 0, 60), "13080", range(1, 30)),
    ...street("Avenue Henri Malacrida", "13001_6010", offset(c[BEISSON]!, 0, 60), "13100", range(1, 30)),
    ...street("Avenue Henri Malacrida", "13001_6011", offset(c[PONT_DE_L_ARC]!, 0, 60), "13090", range(1, 30)),
    // 3. Streets named after communes of the département.
    ...street("Rue de Jouques", "13001_6012", offset(c[MAZARIN]!, 0, -60), "13100", range(1, 30)),
    ...street("Route du Tholonet", "13001_6013", offset(c[LA_TORSE]!, 0, 60), "13100", range(1, 30)),
    ...street("Route de Gardanne", "13001_6014", offset(c[PONT_DE_L_ARC]!, 0, -60), "13090", range(1, 30)),
    ...street("Rue Vauvenargues", "13001_6015", offset(c[MAZARIN]!, 0, 120), "13100", range(1, 30)),
    // 4. Names with a short word.
    ...street("Rue Ginette Cau", "13001_6016", offset(c[BEISSON]!, 0, -60), "13100", range(1, 30)),
    ...street("Avenue Pierre Gay", "13001_6017", offset(c[BEISSON]!, 0, 120), "13100", range(1, 30)),
    ...street("Rue Félix Gras", "13001_6018", offset(c[LA_TORSE]!, 0, -60), "13100", range(1, 30)),
    ...street("Rue Félix Gras Luynes", "13001_6019", offset(c[LUYNES]!, 0, -60), "13080", range(1, 30)),
    // 5. Two first names, one surname: side by side in one IRIS, or in two.
    ...street("Rue Jules Rolland", "13001_6020", offset(c[LUYNES]!, 0, 120), "13080", range(1, 30)),
    ...street("Rue Romain Rolland", "13001_6021", offset(c[LUYNES]!, 0, -120), "13080", range(1, 30)),
    ...street("Rue Paul Rolland", "13001_6028", offset(c[MAZARIN]!, 0, -30), "13100", range(1, 30)),
    ...street("Rue Jean Alexis", "13001_6022", offset(c[MAZARIN]!, 0, -120), "13100", range(1, 30)),
    ...street("Rue Paul Alexis", "13001_6023", offset(c[FENOUILLERES]!, 0, -60), "13090", range(1, 30)),
    // 6. A lieu-dit, and the street beside it in another IRIS.
    place("Parc de la Torse", c[LA_TORSE]!, "13100"),
    place("Parc Rambot", offset(c[MAZARIN]!, 30, 30), "13100"),
    ...street("Rue Pierre Duhem", "13001_6025", offset(c[BEISSON]!, 0, -120), "13100", range(1, 30)),
    ...street("Rue Pierre Duhem", "13001_6026", offset(c[MAZARIN]!, 0, 30), "13100", range(1, 30)),
    ...street("Avenue de Venelles", "13001_6027", offset(c[FENOUILLERES]!, 0, 120), "13090", range(1, 30)),
    ...street("Avenue des Infirmeries", "13001_6024", offset(c[BEISSON]!, 0, 180), "13100", range(1, 30)),
  ];
  index = buildAddressIndex(rows, iris, { fictitious: false, source: "essai", communes: ["13001"] });
}, 60_000);

const guessed = { certain: false };

/** Placed on a street that was guessed: approximate, never certain, the reason said, a low score. */
function expectApproximate(address: string, iris: string, name: string, reason: string): void {
  const result = geocode(address);
  expect(result, address).toMatchObject({ iris, street: name, matchType: "approximate", ...guessed });
  expect(result.reason, address).toContain(reason);
  expect(result.score, address).toBeLessThan(0.9);
}

describe("1. a wrong street type: the postcode or the village chooses, never certain", () => {
  it.each([
    ["14 BOULEVARD DES FLORALIES 13100", MAZARIN, "Avenue des Floralies"],
    ["Médiathèque, 14 bd des Floralies, 13290 Aix-en-Provence", LES_MILLES, "Chemin des Floralies"],
    ["14 RUE DES FLORALIES LES MILLES", LES_MILLES, "Chemin des Floralies"],
    ["RUE DE BEAUREGARD 12 13100", LA_TORSE, "Avenue de Beauregard"],
    ["12 bd de Beauregard 13540 Puyricard", PUYRICARD, "Avenue de Beauregard"],
    ["Crèche 12 rue de Beauregard 13090 Aix", FENOUILLERES, "Chemin de Beauregard"],
  ])("%s", (address, iris, name) => expectApproximate(address, iris, name, "type de voie différent"));

  it("keeps a postcode that none of the types has ambiguous", () => {
    expect(geocode("12 rue de Beauregard 13080")).toMatchObject({ iris: null, matchType: "ambiguous" });
  });

  it("never calls certain a type written whose street lies outside the village postcode written", () => {
    expect(geocode("14 avenue des Floralies 13290").certain).toBe(false);
    expect(geocode("3 rue des Thermes 13100")).toMatchObject({ iris: MAZARIN, matchType: "exact", certain: true });
  });

  it("still places the right type at its postcode with certainty", () => {
    expect(geocode("14 avenue des Floralies 13100")).toMatchObject({
      iris: MAZARIN,
      matchType: "exact",
      certain: true,
    });
    expect(geocode("12 chemin de Beauregard 13090")).toMatchObject({ iris: FENOUILLERES, certain: true });
  });
});

describe("2. no postcode nor village: the city's street is presumed, never certain", () => {
  it.each([
    ["Pharmacie 9 allée des Mésanges Aix en Provence", FENOUILLERES, "Allée des Mésanges"],
    ["9 ALLEE DES MESANGES", FENOUILLERES, "Allée des Mésanges"],
    ["7ter r. du Bras d'Or", MAZARIN, "Rue du Bras d'Or"],
    ["Cabinet infirmier - 7 rue du Bras d'Or - Aix-en-Provence", MAZARIN, "Rue du Bras d'Or"],
  ])("%s", (address, iris, name) => {
    const result = geocode(address);
    expect(result).toMatchObject({ iris, street: name, matchType: "presumed", ...guessed });
    expect(MATCH_TYPE_LABELS[result.matchType]).toContain("non certain");
  });

  it("follows the village or the postcode when written, with certainty", () => {
    expect(geocode("9 allée des Mésanges Puyricard")).toMatchObject({ iris: PUYRICARD, certain: true });
    expect(geocode("7 rue du Bras d'Or 13080")).toMatchObject({ iris: LUYNES, certain: true });
    expect(geocode("7 rue du Bras d'Or 13100")).toMatchObject({ iris: MAZARIN, certain: true });
  });

  it("keeps two namesakes of the city ambiguous", () => {
    expect(geocode("5 av Henri Malacrida")).toMatchObject({ iris: null, matchType: "ambiguous" });
    expect(geocode("5 avenue Henri Malacrida Aix-en-Provence")).toMatchObject({ iris: null, matchType: "ambiguous" });
  });
});

describe("3. a commune's name after a street type is the street's name", () => {
  it.each([
    ["Opticien 18 rue de Jouques", MAZARIN, "Rue de Jouques"],
    ["Opticien 18-20 RUE VAUVENARGUES", MAZARIN, "Rue Vauvenargues"],
    ["OPTICIEN 18 RUE VAUVENARGUES 13100", MAZARIN, "Rue Vauvenargues"],
    ["18 rue Vauvenargues, 2e étage, 13100 Aix-en-Provence", MAZARIN, "Rue Vauvenargues"],
    ["Boulangerie 4 route du Tholonet 13100", LA_TORSE, "Route du Tholonet"],
    ["Résidence Le Cézanne, 4 route du Tholonet", LA_TORSE, "Route du Tholonet"],
    ["ROUTE DE GARDANNE 12 13090", PONT_DE_L_ARC, "Route de Gardanne"],
    ["Garage, 12 route de Gardanne bât B 13090 Aix", PONT_DE_L_ARC, "Route de Gardanne"],
    ["18 rue de Jouques 13100 Jouques", MAZARIN, "Rue de Jouques"],
    ["4 avenue de Venelles résidence les Pins 13090", FENOUILLERES, "Avenue de Venelles"],
    ["Cabinet dentaire AV DE VENELLES 4 13090 AIX", FENOUILLERES, "Avenue de Venelles"],
    ["École, 4 av. de Venelles, Aix-en-Provence", FENOUILLERES, "Avenue de Venelles"],
  ])("%s", (address, iris, name) => {
    expect(geocode(address)).toMatchObject({ iris, street: name });
  });

  it("still counts an address of another commune at that commune", () => {
    expect(geocode("18 rue Mirabeau 13490 Jouques")).toMatchObject({ matchType: "commune", commune: "13048" });
    expect(geocode("3 place de la Mairie Vauvenargues")).toMatchObject({ matchType: "commune", commune: "13111" });
  });
});

describe("4. a one-letter typo in a short word, the rest of the name exact: placed, never certain", () => {
  // Each short word mistyped twice: a letter added, dropped or swapped.
  it.each([
    ["Rue Ginette Cau", BEISSON, ["12 rue Ginette Cahu 13100", "12 rue Ginette Cua 13100"]],
    ["Avenue Pierre Gay", BEISSON, ["3 avenue Pierre Gray 13100", "3 AV PIERRE GYA"]],
    ["Rue Félix Gras", LA_TORSE, ["8 rue Félix Gas 13100", "8 rue Felix Rgas"]],
  ] as const)("%s", (name, iris, addresses) => {
    for (const address of addresses) expectApproximate(address, iris, name, "nom de voie approché");
  });

  it("forgives no letter replaced, and no typo when another word differs too", () => {
    expect(geocode("12 rue Ginette Cap 13100").iris).toBeNull();
    expect(geocode("12 rue Georgette Cahu 13100").iris).toBeNull();
    expect(geocode("3 avenue Pierre Gray 13100").certain).toBe(false);
  });
});

describe("5. candidates that all lie in one IRIS: the IRIS is placed, the street is not chosen", () => {
  it.each(["23 R ROLLAND LUYNES", "23 rue Rolland 13080", "rue Rolland, Luynes"])("%s", (address) => {
    const result = geocode(address);
    expect(result).toMatchObject({ iris: LUYNES, matchType: "shared-iris", ...guessed });
    expect(result.street).toBeUndefined();
    expect(result.reason).toMatch(
      /^2 voies possibles dans le même IRIS : Rue (Jules|Romain) Rolland, Rue (Jules|Romain) Rolland$/,
    );
  });

  it("keeps candidates of different IRIS ambiguous", () => {
    expect(geocode("23 rue Alexis")).toMatchObject({ iris: null, matchType: "ambiguous" });
    // Without the village, the city's Rue Paul Rolland is as likely.
    expect(geocode("23 rue Rolland")).toMatchObject({ iris: null, matchType: "ambiguous" });
  });
});

describe("6. a street written with its type wins over a lieu-dit named in a complement", () => {
  it.each([
    "Parc de la Torse, avenue des Infirmeries, 13100",
    "Parc de la Torse - 12 avenue des Infirmeries 13100 Aix",
    "12 avenue des Infirmeries, Parc de la Torse, 13100",
  ])("%s", (address) => {
    expect(geocode(address)).toMatchObject({ iris: BEISSON, street: "Avenue des Infirmeries" });
  });

  it("keeps two namesake streets ambiguous rather than take a lieu-dit away from both", () => {
    expect(geocode("Parc de la Torse, rue Pierre Duhem, 13100")).toMatchObject({ iris: null, matchType: "ambiguous" });
    expect(geocode("Parc de la Torse 5 rue Pierre Duhem 13100")).toMatchObject({ iris: null, matchType: "ambiguous" });
  });

  it("takes the lieu-dit that lies along one of the streets written", () => {
    expect(geocode("Parc Rambot, rue Pierre Duhem, 13100")).toMatchObject({ iris: MAZARIN, matchType: "lieu-dit" });
  });

  it("still places a lieu-dit named alone", () => {
    expect(geocode("Parc de la Torse 13100")).toMatchObject({ iris: LA_TORSE, matchType: "lieu-dit" });
  });
});

describe("7. a range or a list of numbers has its own label", () => {
  it.each(["6-8 r Jean Alexis 13100", "6 8 rue Jean Alexis 13100", "27 29 31 RUE JEAN ALEXIS 13100"])(
    "%s",
    (address) => {
      const result = geocode(address);
      expect(result).toMatchObject({ iris: MAZARIN, matchType: "range", ...guessed });
      expect(MATCH_TYPE_LABELS[result.matchType]).toBe("plage de numéros (non certain)");
      expect(result.score).toBeLessThan(0.9);
    },
  );

  it("labels a range on a street whose type differs as approximate", () => {
    expect(geocode("6-8 bd Jean Alexis 13100")).toMatchObject({ iris: MAZARIN, matchType: "approximate", ...guessed });
  });
});
