import { basename } from "node:path";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { InputError } from "../contracts.ts";
import { findFiles } from "./files.ts";
import { readGeoJsonFeatures } from "./geojson-file.ts";
import { missingReference } from "./iris-table.ts";
import { rewind } from "./untyped.ts";

export interface OutlineProperties {
  code: string;
  name: string;
}
export type OutlineCollection = FeatureCollection<Polygon | MultiPolygon, OutlineProperties>;

async function readOutlines(refDir: string, pattern: RegExp, what: string): Promise<OutlineCollection> {
  const files = findFiles(refDir, pattern);
  const file = files[files.length - 1];
  if (!file) throw missingReference(refDir, what);
  const features = (await readGeoJsonFeatures(file)).map((f, i): Feature<Polygon | MultiPolygon, OutlineProperties> => {
    const p = f.properties ?? {};
    const code = String(p.code ?? p.INSEE_COM ?? p.insee_com ?? p.INSEE_DEP ?? p.code_insee ?? "").trim();
    const name = String(p.nom ?? p.NOM ?? p.NOM_COM ?? p.name ?? "").trim();
    if (!code)
      throw new InputError(
        `Fichier ${basename(file)}, objet n° ${i + 1} : champ code absent (règle : contours).`,
        file,
        "missing-column",
      );
    const g = f.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) {
      throw new InputError(
        `Fichier ${basename(file)}, objet n° ${i + 1} : géométrie non surfacique (règle : polygone).`,
        file,
        "geometry",
      );
    }
    return rewind({ type: "Feature", properties: { code, name }, geometry: g }, true);
  });
  return { type: "FeatureCollection", features };
}

/** Commune outlines (Marseille as one, 13055), rewound clockwise. */
export const readCommuneOutlines = (refDir: string): Promise<OutlineCollection> =>
  readOutlines(
    refDir,
    /(^|\/)communes-\d[0-9AB]-\d{4}\.geojson$/i,
    "contours des communes (geo/communes-DD-AAAA.geojson)",
  );
