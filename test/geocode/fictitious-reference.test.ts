import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { findFantoirFile, loadAddressIndex } from "../../loaders/geocode/address-index.ts";
import { territoryLocalities } from "../../loaders/geocode/territory-localities.ts";
import { formatBanCsv, PLACE_NUMBER, type BanRow } from "../../loaders/geocode/ban-format.ts";
import { readFantoir } from "../../loaders/geocode/fantoir.ts";
import { generateFictitiousBan } from "../../loaders/geocode/fictitious-reference.ts";
import { readIrisContours } from "../../loaders/reference/iris-contours.ts";
import { createIrisLocator } from "../../loaders/reference/iris-locator.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";

let rows: BanRow[];
let refDir: string;

beforeAll(async () => {
  refDir = resolveReferenceDir();
  const iris = await readIrisContours(refDir, { commune: "13001" });
  rows = generateFictitiousBan(await readFantoir(findFantoirFile(refDir, "13001")!), iris);
});

describe("fictitious BAN of Aix", () => {
  it("is the same on every run and differs with the seed", async () => {
    const iris = await readIrisContours(refDir, { commune: "13001" });
    const fantoir = await readFantoir(findFantoirFile(refDir, "13001")!);
    const hash = (r: BanRow[]) => createHash("sha256").update(formatBanCsv(r)).digest("hex");
    expect(hash(generateFictitiousBan(fantoir, iris))).toBe(hash(rows));
    expect(hash(generateFictitiousBan(fantoir, iris, 7))).not.toBe(hash(rows));
  });

  it("draws at least a tenth of the streets across an IRIS border", async () => {
    const iris = await readIrisContours(refDir, { commune: "13001" });
    const locator = createIrisLocator(
      {
        type: "FeatureCollection",
        features: iris.features.map((f) => ({ ...f, properties: { code: f.properties.code } })),
      },
      { toleranceMeters: 1 },
    );
    const irisByStreet = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.numero === PLACE_NUMBER) continue;
      const code = locator.locate(Number(r.lon), Number(r.lat))?.code;
      expect(code).toBeDefined();
      irisByStreet.set(r.id_fantoir, (irisByStreet.get(r.id_fantoir) ?? new Set()).add(code!));
    }
    const crossing = [...irisByStreet.values()].filter((s) => s.size > 1).length;
    console.log(
      `${irisByStreet.size} voies numérotées, ${crossing} à cheval sur plusieurs IRIS (${((100 * crossing) / irisByStreet.size).toFixed(1)} %), ${rows.length} adresses`,
    );
    expect(crossing / irisByStreet.size).toBeGreaterThanOrEqual(0.1);
  });

  it("gives every address the postcode of its village", async () => {
    const index = await loadAddressIndex(refDir);
    const villages: Record<string, string> = { LUYNES: "13080", MILLES: "13290", PUYRICARD: "13540" };
    let checked = 0;
    for (const street of index.streets) {
      street.irisOf.forEach((code) => expect(street.postcodes).toContain(territoryLocalities().postcodeOfIris(code)));
      for (const [word, postcode] of Object.entries(villages)) {
        if (street.tokens.includes(word)) {
          expect(street.postcodes, street.name).toEqual([postcode]);
          checked++;
        }
      }
    }
    for (const r of rows) expect(["13080", "13090", "13100", "13290", "13540"]).toContain(r.code_postal);
    expect(checked).toBeGreaterThan(20);
  });

  it("keeps lieux-dits as points and says it is fictitious", async () => {
    const index = await loadAddressIndex(refDir);
    expect(index.fictitious).toBe(true);
    expect(index.source).toMatch(/FICTIVE/);
    expect(index.places.some((p) => p.type === "LIEU-DIT" && p.iris !== null)).toBe(true);
    expect(rows.every((r) => r.source_position === "fictif-observatoire-abs")).toBe(true);
  });
});
