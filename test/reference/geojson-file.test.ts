// The one GeoJSON reader of the reference files (IRIS contours, commune outlines): a
// collection or a lone feature, and a French error naming the file for anything else.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readGeoJsonFeatures } from "../../loaders/reference/geojson-file.ts";
import { useTempDir } from "../helpers/temp-dirs.ts";

const dir = useTempDir("abs-geojson-");
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const feature = { type: "Feature", properties: { code: "13001" }, geometry: null };

describe("readGeoJsonFeatures", () => {
  test("a collection gives its features, a lone feature gives itself", async () => {
    const collection = file("c.geojson", JSON.stringify({ type: "FeatureCollection", features: [feature, feature] }));
    expect(await readGeoJsonFeatures(collection)).toHaveLength(2);
    expect(await readGeoJsonFeatures(file("f.geojson", JSON.stringify(feature)))).toEqual([feature]);
  });

  test("broken JSON and a geometry alone are refused, naming the file and the rule", async () => {
    await expect(readGeoJsonFeatures(file("casse.geojson", "{"))).rejects.toThrow(
      /^Fichier casse\.geojson : GeoJSON illisible .*\(règle : format GeoJSON\)\.$/,
    );
    await expect(readGeoJsonFeatures(file("point.geojson", '{"type":"Point","coordinates":[5,43]}'))).rejects.toThrow(
      "Fichier point.geojson : une FeatureCollection est attendue (règle : format GeoJSON).",
    );
  });
});
