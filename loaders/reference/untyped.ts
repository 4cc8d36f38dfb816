import { createRequire } from "node:module";
import type { Feature, FeatureCollection, Geometry } from "geojson";

/**
 * Typed doors to the CommonJS packages that ship no declarations. Kept local (no ambient
 * `declare module`) so that another folder declaring the same packages cannot clash.
 */
const require = createRequire(import.meta.url);

export type Rewind = <T>(geojson: T, clockwise?: boolean) => T;
export const rewind: Rewind = require("@mapbox/geojson-rewind");

export interface ShapefileApi {
  read(
    shp: string | Uint8Array,
    dbf?: string | Uint8Array | null,
    options?: { encoding?: string },
  ): Promise<FeatureCollection<Geometry | null, Record<string, unknown>>>;
}
export const shapefile: ShapefileApi = require("shapefile");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
export const topojsonServer: {
  topology(objects: Record<string, unknown>, quantization?: number): Any;
} = require("topojson-server");
export const topojsonSimplify: {
  presimplify(topology: Any, weight?: Any): Any;
  simplify(topology: Any, minWeight?: number): Any;
  quantile(topology: Any, p: number): number;
  sphericalTriangleArea(triangle: number[][]): number;
  planarTriangleArea(triangle: number[][]): number;
} = require("topojson-simplify");
export const topojsonClient: {
  feature(topology: Any, object: Any): Any;
  mesh(topology: Any, object?: Any, filter?: (a: Any, b: Any) => boolean): Any;
  quantize(topology: Any, transform: number): Any;
} = require("topojson-client");

export type { Feature };
