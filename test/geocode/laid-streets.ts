/**
 * Streets laid by a test on the real IRIS contours of Aix: BAN-format rows at positions drawn
 * around a point well inside an IRIS, so that what a test expects of a street's IRIS holds
 * whatever the number. Real FANTOIR names, fictitious positions.
 */
import { BAN_COLUMNS, type BanRow } from "../../loaders/geocode/ban-format.ts";
import { normalizeText } from "../../loaders/geocode/normalize.ts";
import type { IrisCollection } from "../../loaders/reference/iris-contours.ts";
import { createIrisLocator } from "../../loaders/reference/iris-locator.ts";

export type Point = [number, number];

const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const KX = Math.cos((43.53 * Math.PI) / 180);

/** The point `east` and `north` metres away. */
export const offset = ([lon, lat]: Point, east: number, north: number): Point => [
  lon + east / (METERS_PER_DEGREE * KX),
  lat + north / METERS_PER_DEGREE,
];

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The IRIS code of a point, from the contours. */
export function pointLocator(iris: IrisCollection): (p: Point) => string | null {
  const locator = createIrisLocator({
    type: "FeatureCollection",
    features: iris.features.map((f) => ({ ...f, properties: { code: f.properties.code } })),
  });
  return (p) => locator.locate(p[0], p[1])?.code ?? null;
}

/** A point of the IRIS with room around it (every point within `margin` metres is in it too). */
export function interiorPoint(iris: IrisCollection, code: string, locate: (p: Point) => string | null): Point {
  const feature = iris.features.find((f) => f.properties.code === code)!;
  const rings = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const all = rings.flat(2) as number[][];
  const [minX, maxX] = [Math.min(...all.map((p) => p[0]!)), Math.max(...all.map((p) => p[0]!))];
  const [minY, maxY] = [Math.min(...all.map((p) => p[1]!)), Math.max(...all.map((p) => p[1]!))];
  for (const margin of [250, 150, 80]) {
    for (let i = 1; i < 20; i++)
      for (let j = 1; j < 20; j++) {
        const p: Point = [minX + ((maxX - minX) * i) / 20, minY + ((maxY - minY) * j) / 20];
        const around = [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => offset(p, dx * margin, dy * margin)));
        if (around.every((q) => locate(q) === code)) return p;
      }
  }
  throw new Error(`IRIS ${code} : aucun point intérieur`);
}

export function banRow(name: string, fantoir: string, number: number, at: Point, postcode: string): BanRow {
  const empty = Object.fromEntries(BAN_COLUMNS.map((c) => [c, ""])) as BanRow;
  return {
    ...empty,
    id: `13001_${fantoir || normalizeText(name).replace(/ /g, "")}_${number}`,
    id_fantoir: fantoir,
    numero: String(number),
    nom_voie: name,
    code_postal: postcode,
    code_insee: "13001",
    nom_commune: "Aix-en-Provence",
    lon: at[0].toFixed(6),
    lat: at[1].toFixed(6),
    nom_afnor: normalizeText(name),
    source_nom_voie: "commune",
  };
}

/** Numbers around a centre, odd on one side, even on the other, 9 m apart. */
export function street(name: string, fantoir: string, centre: Point, postcode: string, numbers: number[]): BanRow[] {
  return numbers.map((n) =>
    banRow(name, fantoir, n, offset(centre, (Math.ceil(n / 2) - 5.5) * 9, n % 2 ? 8 : -8), postcode),
  );
}
