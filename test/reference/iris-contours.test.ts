import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import proj4 from "proj4";
import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { InputError } from "../../loaders/contracts.ts";
import { readIrisContours } from "../../loaders/reference/iris-contours.ts";
import { sharedReferenceDir } from "../helpers/shared-reference.ts";
import { useTempDirs } from "../helpers/temp-dirs.ts";
import { writePolygonShapefile } from "../helpers/write-shapefile.ts";

/** Shoelace area in the lon/lat plane: negative for a clockwise ring. */
const signedArea = (ring: Position[]): number => {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return s / 2;
};

const LAMBERT_93 =
  "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";

describe("readIrisContours on the real files", () => {
  it("reads the 54 IRIS of Aix and the 840 of the département", async () => {
    const aix = await readIrisContours(sharedReferenceDir, { commune: "13001" });
    expect(aix.features).toHaveLength(54);
    expect(aix.features.every((f) => f.properties.commune === "13001" && /^13001\d{4}$/.test(f.properties.code))).toBe(
      true,
    );
    expect(aix.features.find((f) => f.properties.code === "130010906")?.properties.type).toBe("A");
    const all = await readIrisContours(sharedReferenceDir);
    expect(all.features).toHaveLength(840);
    expect(new Set(all.features.map((f) => f.properties.commune)).size).toBe(119);
  });

  it("gives Marseille's arrondissements as 13055 and keeps the arrondissement", async () => {
    const marseille = await readIrisContours(sharedReferenceDir, { commune: "13055" });
    expect(marseille.features.length).toBeGreaterThan(300);
    expect(new Set(marseille.features.map((f) => f.properties.arrondissement)).size).toBe(16);
    const third = await readIrisContours(sharedReferenceDir, { commune: "13203" });
    expect(
      third.features.every((f) => f.properties.arrondissement === "13203" && f.properties.commune === "13055"),
    ).toBe(true);
  });

  it("rewinds every feature clockwise, holes counter-clockwise (mixed in the source)", async () => {
    const all = await readIrisContours(sharedReferenceDir);
    let rings = 0;
    for (const f of all.features) {
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const polygon of polygons) {
        expect(signedArea(polygon[0]!)).toBeLessThan(0);
        for (const hole of polygon.slice(1)) expect(signedArea(hole)).toBeGreaterThan(0);
        rings += polygon.length;
      }
    }
    expect(rings).toBeGreaterThan(840);
  });

  it("says in French which commune has no IRIS", async () => {
    await expect(readIrisContours(sharedReferenceDir, { commune: "75056" })).rejects.toThrow(
      /aucun IRIS pour la commune 75056/,
    );
  });
});

describe("readIrisContours on official formats", () => {
  const tempDir = useTempDirs();

  it("reads an IGN CONTOURS-IRIS shapefile in Lambert-93 and reprojects it to WGS84", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "ign"));
    const toL93 = proj4("WGS84", LAMBERT_93);
    // Clockwise outer ring around the Rotonde of Aix (lon 5.4474, lat 43.5263).
    const lonLat: [number, number][] = [
      [5.44, 43.52],
      [5.44, 43.53],
      [5.45, 43.53],
      [5.45, 43.52],
      [5.44, 43.52],
    ];
    const ring = lonLat.map((p) => toL93.forward(p) as [number, number]);
    writePolygonShapefile(
      join(dir, "ign", "CONTOURS-IRIS"),
      [
        {
          rings: [ring],
          attributes: {
            CODE_IRIS: "130010101",
            NOM_IRIS: "Mazarin",
            TYP_IRIS: "H",
            INSEE_COM: "13001",
            NOM_COM: "Aix-en-Provence",
          },
        },
        {
          rings: [ring.map(([x, y]) => [x + 5000, y] as [number, number])],
          attributes: {
            CODE_IRIS: "132030101",
            NOM_IRIS: "Belle de Mai",
            TYP_IRIS: "H",
            INSEE_COM: "13203",
            NOM_COM: "Marseille 3e Arrondissement",
          },
        },
      ],
      [
        { name: "CODE_IRIS", length: 9 },
        { name: "NOM_IRIS", length: 40 },
        { name: "TYP_IRIS", length: 1 },
        { name: "INSEE_COM", length: 5 },
        { name: "NOM_COM", length: 40 },
      ],
      { prj: 'PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF93"]]', cpg: "UTF-8" },
    );
    const fc = await readIrisContours(dir);
    expect(fc.features.map((f) => f.properties)).toEqual([
      { code: "130010101", name: "Mazarin", type: "H", commune: "13001" },
      { code: "132030101", name: "Belle de Mai", type: "H", commune: "13055", arrondissement: "13203" },
    ]);
    const g = fc.features[0]!.geometry;
    expect(g.type).toBe("Polygon");
    const coords = (g.type === "Polygon" ? g.coordinates[0] : [])!;
    const xs = coords.map((p) => p[0]!),
      ys = coords.map((p) => p[1]!);
    expect(Math.min(...xs)).toBeCloseTo(5.44, 6);
    expect(Math.max(...xs)).toBeCloseTo(5.45, 6);
    expect(Math.min(...ys)).toBeCloseTo(43.52, 6);
    expect(Math.max(...ys)).toBeCloseTo(43.53, 6);
    expect(signedArea(coords)).toBeLessThan(0);
    expect((await readIrisContours(dir, { commune: "13001" })).features).toHaveLength(1);
  });

  it("finds the Lambert-93 layer five folders deep in an unpacked national IGN archive", async () => {
    const dir = tempDir();
    const root = join(
      dir,
      "ign",
      "CONTOURS-IRIS_2-1__SHP__FRA_2020-01-01",
      "CONTOURS-IRIS",
      "1_DONNEES_LIVRAISON_2020-12-00282",
    );
    const fields = [
      { name: "CODE_IRIS", length: 9 },
      { name: "NOM_IRIS", length: 40 },
      { name: "TYP_IRIS", length: 1 },
      { name: "INSEE_COM", length: 5 },
    ];
    const toL93 = proj4("WGS84", LAMBERT_93);
    const ring = (
      [
        [5.44, 43.52],
        [5.44, 43.53],
        [5.45, 43.53],
        [5.45, 43.52],
        [5.44, 43.52],
      ] as [number, number][]
    ).map((p) => toL93.forward(p) as [number, number]);
    // An overseas layer whose folder sorts first: it must not be taken for the metropolitan one.
    mkdirSync(join(root, "CONTOURS-IRIS_2-1_SHP_GUY_UTM22-2020"), { recursive: true });
    writePolygonShapefile(
      join(root, "CONTOURS-IRIS_2-1_SHP_GUY_UTM22-2020", "CONTOURS-IRIS"),
      [
        {
          rings: [
            [
              [300000, 500000],
              [300000, 501000],
              [301000, 501000],
              [300000, 500000],
            ],
          ],
          attributes: { CODE_IRIS: "973020101", NOM_IRIS: "Cayenne", TYP_IRIS: "H", INSEE_COM: "97302" },
        },
      ],
      fields,
    );
    mkdirSync(join(root, "CONTOURS-IRIS_2-1_SHP_LAMB93_FXX-2020"), { recursive: true });
    writePolygonShapefile(
      join(root, "CONTOURS-IRIS_2-1_SHP_LAMB93_FXX-2020", "CONTOURS-IRIS"),
      [
        {
          rings: [ring],
          attributes: { CODE_IRIS: "130010101", NOM_IRIS: "Mazarin", TYP_IRIS: "H", INSEE_COM: "13001" },
        },
      ],
      fields,
    );
    const fc = await readIrisContours(dir, { departement: "13" });
    expect(fc.features.map((f) => f.properties.code)).toEqual(["130010101"]);
  });

  it("names the file, the object and the missing field", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "geo"));
    const feature = (props: object) => ({
      type: "Feature",
      properties: props,
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [5, 43],
            [5, 44],
            [6, 44],
            [5, 43],
          ],
        ],
      },
    });
    writeFileSync(
      join(dir, "geo", "iris-13-2020.geojson"),
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          feature({ code_iris: "130010101", nom_iris: "A", typ_iris: "H", insee_com: "13001" }),
          feature({ code_iris: "130010102", typ_iris: "H", insee_com: "13001" }),
        ],
      }),
    );
    let error: unknown;
    try {
      await readIrisContours(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "Fichier iris-13-2020.geojson, objet n° 2 : champ NOM_IRIS absent ou vide (règle : contours IRIS).",
    );
  });

  it("stops with a French message naming « abs reference fetch » when no contour file exists", async () => {
    await expect(readIrisContours(tempDir())).rejects.toThrow(/Contours IRIS introuvables.*abs reference fetch/);
  });
});
