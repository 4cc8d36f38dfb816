import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InputError } from "../../loaders/contracts.ts";
import { assertAddressIndexAllowed, loadAddressIndex } from "../../loaders/geocode/address-index.ts";
import { BAN_COLUMNS } from "../../loaders/geocode/ban-format.ts";
import { geocodeAddress } from "../../loaders/geocode/geocode.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

/** Two square IRIS side by side (west A, east B) around 5.44 E, 43.52 N. */
function contours(): string {
  const square = (code: string, x0: number) => ({
    type: "Feature",
    properties: {
      code_iris: code,
      nom_iris: code.endsWith("1") ? "Ouest" : "Est",
      typ_iris: "H",
      insee_com: "13001",
      nom_com: "Aix-en-Provence",
    },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [x0, 43.51],
          [x0 + 0.01, 43.51],
          [x0 + 0.01, 43.53],
          [x0, 43.53],
          [x0, 43.51],
        ],
      ],
    },
  });
  return JSON.stringify({
    type: "FeatureCollection",
    features: [square("130019991", 5.43), square("130019992", 5.44)],
  });
}

function banLine(values: Partial<Record<(typeof BAN_COLUMNS)[number], string>>): string {
  return BAN_COLUMNS.map((c) => values[c] ?? "").join(";");
}

/** An avenue running west to east across both IRIS, odd numbers north, even south. */
function banText(): string {
  const lines = [BAN_COLUMNS.join(";")];
  for (let n = 1; n <= 40; n++) {
    const lon = 5.432 + (Math.ceil(n / 2) - 1) * 0.0005;
    lines.push(
      banLine({
        id: `13001_0100_${String(n).padStart(5, "0")}`,
        id_fantoir: "13001_0100",
        numero: String(n),
        nom_voie: "Avenue des Écoles Militaires",
        code_postal: "13100",
        code_insee: "13001",
        nom_commune: "Aix-en-Provence",
        lon: lon.toFixed(6),
        lat: (n % 2 ? 43.5201 : 43.5199).toFixed(6),
        type_position: "entrée",
        nom_afnor: "AVENUE DES ECOLES MILITAIRES",
        source_position: "commune",
        source_nom_voie: "commune",
      }),
    );
  }
  lines.push(
    banLine({
      id: "13001_0200_00003",
      id_fantoir: "13001_0200",
      numero: "3",
      rep: "bis",
      nom_voie: "Impasse du Moulin",
      code_postal: "13100",
      code_insee: "13001",
      lon: "5.4450",
      lat: "43.5150",
    }),
  );
  lines.push(
    banLine({
      id: "13001_0300_99999",
      id_fantoir: "13001_0300",
      numero: "99999",
      nom_voie: "La Blaque",
      nom_ld: "La Blaque",
      code_postal: "13100",
      code_insee: "13001",
      lon: "5.4350",
      lat: "43.5250",
    }),
  );
  // Another commune: left out of the index of Aix.
  lines.push(
    banLine({
      id: "13103_0100_00001",
      id_fantoir: "13103_0100",
      numero: "1",
      nom_voie: "Impasse du Moulin",
      code_postal: "13300",
      code_insee: "13103",
      lon: "5.09",
      lat: "43.64",
    }),
  );
  return lines.join("\n") + "\n";
}

const dir = useTempDir("abs-ban-");
function refWith(name: string, content: string | Buffer): string {
  const ref = join(dir, name.replace(/\W/g, "_"));
  mkdirSync(join(ref, "geo"), { recursive: true });
  writeFileSync(join(ref, "geo", "iris-13001-2020.geojson"), contours());
  writeFileSync(join(ref, name), content);
  return ref;
}

describe("BAN importer (official adresses-DD.csv format)", () => {
  it.each([
    ["adresses-13.csv", () => banText()],
    ["adresses-13.csv.gz", () => gzipSync(banText())],
  ])("reads %s into a real (not fictitious) index of the territory", async (name, content) => {
    const index = await loadAddressIndex(refWith(name, content()));
    expect(index.fictitious).toBe(false);
    expect(index.streets.map((s) => s.name).sort()).toEqual(["Avenue des Écoles Militaires", "Impasse du Moulin"]);
    expect(index.streets.find((s) => s.name.startsWith("Avenue"))!.iris).toEqual(["130019991", "130019992"]);
    expect(index.places.map((p) => p.name)).toEqual(["La Blaque"]);
    expect(() => assertAddressIndexAllowed(index, { synthetic: false }, {})).not.toThrow();

    const west = geocodeAddress(index, "3 av des Ecoles Militaires 13100 Aix", { commune: "13001" });
    expect(west).toMatchObject({ iris: "130019991", matchType: "exact", certain: true });
    const east = geocodeAddress(index, "38, AVENUE DES ÉCOLES MILITAIRES", { commune: "13001" });
    expect(east).toMatchObject({ iris: "130019992", matchType: "exact" });
    expect(geocodeAddress(index, "3 bis imp. du Moulin", { commune: "13001" })).toMatchObject({
      iris: "130019992",
      matchType: "exact",
    });
    expect(geocodeAddress(index, "lieu-dit la Blaque", { commune: "13001" })).toMatchObject({
      iris: "130019991",
      matchType: "lieu-dit",
      certain: false,
    });
    // No number on a street across two IRIS: not placed.
    expect(geocodeAddress(index, "avenue des Écoles Militaires", { commune: "13001" })).toMatchObject({
      iris: null,
      matchType: "ambiguous",
    });
    // A street in one IRIS without number: placed at street level, never certain.
    expect(geocodeAddress(index, "impasse du Moulin", { commune: "13001" })).toMatchObject({
      iris: "130019992",
      matchType: "street",
      certain: false,
    });
  });

  it("interpolates a missing number between its neighbours on the same side", async () => {
    const text = banText()
      .split("\n")
      .filter((l) => !/_00037;/.test(l))
      .join("\n");
    const index = await loadAddressIndex(refWith("adresses-13.csv", text));
    const result = geocodeAddress(index, "37 avenue des Ecoles Militaires", { commune: "13001" });
    expect(result).toMatchObject({ matchType: "interpolated", certain: true });
    expect(result.iris).toBe("130019992");
  });

  it("names the missing column in French", async () => {
    const ref = refWith("adresses-13.csv", "id;numero;nom_voie\n1;2;Rue\n");
    await expect(loadAddressIndex(ref)).rejects.toThrow(
      /colonne\(s\) « code_postal », « code_insee », « lon », « lat » absente\(s\)/,
    );
    await expect(loadAddressIndex(ref)).rejects.toBeInstanceOf(InputError);
  });
});
