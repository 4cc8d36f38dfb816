import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { rewind, topojsonClient, topojsonServer, topojsonSimplify } from "./untyped.ts";

/** A TopoJSON topology (https://github.com/topojson/topojson-specification). */
export interface Topology {
  type: "Topology";
  bbox?: number[];
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<string, { type: "GeometryCollection"; geometries: unknown[] }>;
}

export interface TopologyOptions {
  objectName: string;
  /**
   * Smallest triangle kept by Visvalingam simplification, in square metres (default 2,000 m²,
   * about the area of the ~14 m snapping steps of the source contours). 0 keeps every point.
   */
  simplify?: number;
  /** Quantisation (positions per axis, default 1e5). */
  quantization?: number;
}

const EARTH_RADIUS = 6_371_008.8;

/**
 * Build-time TopoJSON: every feature rewound clockwise (d3's winding), arcs shared between
 * neighbours (so a simplified border stays one border), simplified, then quantised.
 */
export function buildTopology(
  fc: FeatureCollection<Polygon | MultiPolygon, object>,
  { objectName, simplify = 2_000, quantization = 1e5 }: TopologyOptions,
): Topology {
  // Copy then rewind feature by feature: the caller's collection is left untouched.
  const features = fc.features.map((f) => rewind(structuredClone(f) as Feature<Polygon | MultiPolygon, object>, true));
  let topology = topojsonServer.topology({ [objectName]: { type: "FeatureCollection", features } });
  if (simplify > 0) {
    topology = topojsonSimplify.presimplify(topology, topojsonSimplify.sphericalTriangleArea);
    topology = topojsonSimplify.simplify(topology, simplify / (EARTH_RADIUS * EARTH_RADIUS));
  }
  return topojsonClient.quantize(topology, quantization) as Topology;
}
