import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { InputError } from "../contracts.ts";

/** A feature as found in a reference file: any geometry (or none), any properties. */
export type LooseFeature = Feature<Geometry | null, Record<string, unknown> | null>;

/**
 * The features of a GeoJSON reference file: a FeatureCollection, or one lone Feature (an
 * outline file may hold a single commune). Anything else is a French error naming the file.
 */
export async function readGeoJsonFeatures(file: string): Promise<LooseFeature[]> {
  let raw: FeatureCollection<Geometry | null, Record<string, unknown> | null> | LooseFeature;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new InputError(
      `Fichier ${basename(file)} : GeoJSON illisible (${(error as Error).message}) (règle : format GeoJSON).`,
      file,
      "format",
    );
  }
  if (raw?.type === "FeatureCollection" && Array.isArray(raw.features)) return raw.features;
  if (raw?.type === "Feature") return [raw];
  throw new InputError(
    `Fichier ${basename(file)} : une FeatureCollection est attendue (règle : format GeoJSON).`,
    file,
    "format",
  );
}
