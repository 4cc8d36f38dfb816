import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { basename } from "node:path";
import proj4 from "proj4";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import { InputError } from "../contracts.ts";
import { findFiles } from "./files.ts";
import { readGeoJsonFeatures } from "./geojson-file.ts";
import { rewind, shapefile } from "./untyped.ts";

export interface IrisProperties {
  code: string;
  name: string;
  /** H habitat, A activité, D divers, Z commune non découpée en IRIS. */
  type: string;
  /** INSEE commune code; Marseille's arrondissements are given as 13055. */
  commune: string;
  /** Marseille, Lyon, Paris: the municipal arrondissement (13201-13216), else absent. */
  arrondissement?: string;
}
export type IrisCollection = FeatureCollection<Polygon | MultiPolygon, IrisProperties>;

export interface ReadIrisOptions {
  /** INSEE commune code: "13004" keeps Arles; "13055" keeps Marseille's 16 arrondissements. */
  commune?: string;
  /** Two-character département code, to cut a national shapefile. */
  departement?: string;
}

const LAMBERT_93 =
  "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";

/** Arrondissement codes of the three cities split into them, mapped to the city's code. */
export function communeOfArrondissement(code: string): string {
  if (/^132(0[1-9]|1[0-6])$/.test(code)) return "13055";
  if (/^6938[1-9]$/.test(code)) return "69123";
  if (/^751(0[1-9]|1[0-9]|20)$/.test(code)) return "75056";
  return code;
}

const FIELDS = {
  code: ["code_iris", "CODE_IRIS", "iris", "IRIS"],
  name: ["nom_iris", "NOM_IRIS", "LIB_IRIS", "lib_iris"],
  type: ["typ_iris", "TYP_IRIS"],
  commune: ["insee_com", "INSEE_COM", "depcom", "DEPCOM", "COM"],
} as const;

function pick(props: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const v = props[name];
    if (v !== undefined && v !== null && String(v).trim() !== "") return String(v).trim();
  }
  return undefined;
}

function normalizeFeature(
  feature: Feature<Geometry | null, Record<string, unknown> | null>,
  file: string,
  index: number,
): Feature<Polygon | MultiPolygon, IrisProperties> {
  const props = feature.properties ?? {};
  const where = `Fichier ${basename(file)}, objet n° ${index + 1}`;
  const values = {} as Record<keyof typeof FIELDS, string>;
  for (const key of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    const v = pick(props, FIELDS[key]);
    if (v === undefined) {
      throw new InputError(
        `${where} : champ ${FIELDS[key][1]} absent ou vide (règle : contours IRIS).`,
        file,
        "missing-column",
      );
    }
    values[key] = v;
  }
  const geometry = feature.geometry;
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) {
    throw new InputError(
      `${where} (IRIS ${values.code}) : géométrie absente ou non surfacique (règle : polygone).`,
      file,
      "geometry",
    );
  }
  const commune = communeOfArrondissement(values.commune);
  const properties: IrisProperties = { code: values.code, name: values.name, type: values.type, commune };
  if (commune !== values.commune) properties.arrondissement = values.commune;
  return { type: "Feature", properties, geometry };
}

const looksProjected = (fc: FeatureCollection<Geometry | null>): boolean => {
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) continue;
    const first = (g.type === "Polygon" ? g.coordinates[0]![0] : g.coordinates[0]![0]![0])!;
    return Math.abs(first[0]!) > 180 || Math.abs(first[1]!) > 90;
  }
  return false;
};

function reprojectInPlace(fc: FeatureCollection<Geometry | null>, fromDef: string): void {
  const transform = proj4(fromDef, "WGS84");
  const ring = (r: Position[]) => r.map((p) => transform.forward([p[0]!, p[1]!]) as Position);
  for (const f of fc.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(ring);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((p) => p.map(ring));
  }
}

/** Reads an IGN CONTOURS-IRIS shapefile (Lambert-93, or WGS84 when the .prj says so). */
async function readIrisShapefile(
  shpPath: string,
): Promise<FeatureCollection<Geometry | null, Record<string, unknown>>> {
  const base = shpPath.replace(/\.shp$/i, "");
  for (const ext of [".dbf"]) {
    if (!existsSync(base + ext) && !existsSync(base + ext.toUpperCase())) {
      throw new InputError(
        `Fichier ${basename(base + ext)} manquant à côté de ${basename(shpPath)} (règle : shapefile complet).`,
        shpPath,
        "reference-file",
      );
    }
  }
  const cpg = [base + ".cpg", base + ".CPG"].find(existsSync);
  const encoding = cpg
    ? (await readFile(cpg, "latin1"))
        .trim()
        .toLowerCase()
        .replace(/^utf8$/, "utf-8")
    : "utf-8";
  let fc: FeatureCollection<Geometry | null, Record<string, unknown>>;
  try {
    fc = await shapefile.read(shpPath, base + (existsSync(base + ".dbf") ? ".dbf" : ".DBF"), {
      encoding: encoding || "utf-8",
    });
  } catch (error) {
    throw new InputError(
      `Fichier ${basename(shpPath)} illisible comme shapefile : ${(error as Error).message} (règle : format shapefile).`,
      shpPath,
      "format",
    );
  }
  const prj = [base + ".prj", base + ".PRJ"].find(existsSync);
  const prjText = prj ? await readFile(prj, "latin1") : "";
  if (looksProjected(fc)) {
    // IGN publishes metropolitan CONTOURS-IRIS in Lambert-93; other projections must be declared.
    const def = prjText && !/Lambert|2154|RGF93/i.test(prjText) ? prjText : LAMBERT_93;
    reprojectInPlace(fc, def);
  }
  return fc;
}

/** The contour files of refDir, most complete first: official shapefile, département GeoJSON, commune GeoJSON. */
function findIrisContourFiles(refDir: string): string[] {
  return [
    // The national archive also holds overseas layers in UTM: metropolitan Lambert-93 first.
    ...findFiles(refDir, /(^|\/)CONTOURS-IRIS[^/]*\.shp$/i).sort(
      (a, b) => Number(/LAMB93/i.test(b)) - Number(/LAMB93/i.test(a)),
    ),
    ...findFiles(refDir, /(^|\/)iris-\d[0-9AB]-\d{4}\.geojson$/i).reverse(),
    ...findFiles(refDir, /(^|\/)iris-\d{5}-\d{4}\.geojson$/i).reverse(),
  ];
}

/**
 * IRIS contours in WGS84, every feature rewound clockwise (d3's winding), with normalised
 * properties. Default: every IRIS of the file found; `commune` keeps one commune.
 */
export async function readIrisContours(refDir: string, opts: ReadIrisOptions = {}): Promise<IrisCollection> {
  const candidates = findIrisContourFiles(refDir);
  const file =
    candidates.find(
      (f) => !opts.commune || !/iris-\d{5}-/.test(basename(f)) || basename(f).includes(`iris-${opts.commune}-`),
    ) ?? undefined;
  if (!file) {
    throw new InputError(
      `Contours IRIS introuvables dans ${refDir} (attendu : CONTOURS-IRIS*.shp de l'IGN ou geo/iris-DD-AAAA.geojson). ` +
        `Lancez « abs reference fetch ».`,
      refDir,
      "reference-file",
    );
  }
  const raw = /\.shp$/i.test(file) ? (await readIrisShapefile(file)).features : await readGeoJsonFeatures(file);
  const features = raw
    .map((f, i) => normalizeFeature(f, file, i))
    .filter(
      (f) => !opts.commune || f.properties.commune === opts.commune || f.properties.arrondissement === opts.commune,
    )
    .filter((f) => !opts.departement || f.properties.code.startsWith(opts.departement));
  if (opts.commune && features.length === 0) {
    throw new InputError(
      `Fichier ${basename(file)} : aucun IRIS pour la commune ${opts.commune} (règle : commune présente).`,
      file,
      "commune",
    );
  }
  const fc: IrisCollection = { type: "FeatureCollection", features };
  // geojson-rewind walks a FeatureCollection itself, but we rewind feature by feature so
  // that a collection assembled elsewhere is never half-rewound.
  for (const f of fc.features) rewind(f, true);
  return fc;
}
