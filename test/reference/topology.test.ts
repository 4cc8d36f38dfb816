import { createRequire } from "node:module";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { readIrisContours, type IrisCollection } from "../../loaders/reference/iris-contours.ts";
import { readCommuneOutlines, type OutlineCollection } from "../../loaders/reference/outlines.ts";
import { buildTopology, type Topology } from "../../loaders/reference/topology.ts";
import { sharedReferenceDir } from "../helpers/shared-reference.ts";

const require = createRequire(import.meta.url);
const topojson = require("topojson-client");

interface GeometryRef {
  arcs: unknown;
  properties: { code: string };
}

/** Arc index -> geometries using it (an arc used by two is a shared border). */
function arcOwners(topology: Topology, objectName: string): Map<number, GeometryRef[]> {
  const owners = new Map<number, GeometryRef[]>();
  const walk = (arcs: unknown, g: GeometryRef) => {
    if (!Array.isArray(arcs)) return;
    if (typeof arcs[0] === "number") {
      for (const a of arcs as number[]) {
        const i = a < 0 ? ~a : a;
        const list = owners.get(i) ?? [];
        if (!list.includes(g)) list.push(g);
        owners.set(i, list);
      }
    } else for (const sub of arcs) walk(sub, g);
  };
  for (const g of topology.objects[objectName]!.geometries as GeometryRef[]) walk(g.arcs, g);
  return owners;
}

/** Absolute positions of one quantised arc. */
function decodeArc(topology: Topology, index: number): [number, number][] {
  const { scale, translate } = topology.transform!;
  let x = 0,
    y = 0;
  return topology.arcs[index]!.map(([dx, dy]) => {
    x += dx!;
    y += dy!;
    return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
  });
}

const vertexKeys = (f: Feature<Polygon | MultiPolygon>): Set<string> => {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  return new Set(polys.flat(2).map((p) => `${p[0]},${p[1]}`));
};

describe("buildTopology", () => {
  let aix: IrisCollection;
  let communes: OutlineCollection;
  // d3 is ESM-only and ships no types: loaded by name so that TypeScript treats it as any.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let d3: any;
  beforeAll(async () => {
    aix = await readIrisContours(sharedReferenceDir, { commune: "13001" });
    communes = await readCommuneOutlines(sharedReferenceDir);
    const name = "d3";
    d3 = await import(name);
  });

  it("keeps shared borders shared after simplification: both neighbours hold every point of the arc", () => {
    const topology = buildTopology(aix, { objectName: "iris", simplify: 5_000 });
    expect(topology.type).toBe("Topology");
    expect(topology.transform).toBeDefined();
    const decoded = new Map<string, Set<string>>(
      topojson
        .feature(topology, topology.objects.iris)
        .features.map((f: Feature<Polygon | MultiPolygon, { code: string }>) => [f.properties.code, vertexKeys(f)]),
    );
    const shared = [...arcOwners(topology, "iris")].filter(([, owners]) => owners.length === 2);
    expect(shared.length).toBeGreaterThan(50);
    for (const [index, owners] of shared) {
      const points = decodeArc(topology, index).map((p) => `${p[0]},${p[1]}`);
      for (const owner of owners) {
        const keys = decoded.get(owner.properties.code)!;
        expect(points.every((p) => keys.has(p))).toBe(true);
      }
    }
  });

  it("simplifies (fewer points than unsimplified) and leaves the input untouched", () => {
    const before = JSON.stringify(aix);
    const count = (t: Topology) => t.arcs.reduce((s, a) => s + a.length, 0);
    const full = buildTopology(aix, { objectName: "iris", simplify: 0 });
    const simple = buildTopology(aix, { objectName: "iris", simplify: 5_000 });
    expect(count(simple)).toBeLessThan(count(full));
    expect(JSON.stringify(aix)).toBe(before);
    expect(simple.objects.iris!.geometries).toHaveLength(54);
  });

  it("draws every IRIS inside a 640x640 Mercator frame fitted to Aix, each smaller than the whole commune", () => {
    const topology = buildTopology(aix, { objectName: "iris" });
    const features = topojson.feature(topology, topology.objects.iris).features;
    const outline = topojson.merge(topology, topology.objects.iris.geometries);
    const projection = d3.geoMercator().fitSize([640, 640], outline);
    const path = d3.geoPath(projection);
    const whole = path.area(outline);
    expect(whole).toBeGreaterThan(100_000);
    for (const f of features) {
      const [[x0, y0], [x1, y1]] = path.bounds(f);
      expect(x0).toBeGreaterThanOrEqual(-0.5);
      expect(y0).toBeGreaterThanOrEqual(-0.5);
      expect(x1).toBeLessThanOrEqual(640.5);
      expect(y1).toBeLessThanOrEqual(640.5);
      expect(path.area(f)).toBeLessThan(whole);
      expect(d3.geoArea(f)).toBeLessThan(0.001);
    }
  });

  it("builds the 119 communes with their shared borders, each drawn inside a frame fitted to the département", () => {
    const topology = buildTopology(communes, { objectName: "communes" });
    const features = topojson.feature(topology, topology.objects.communes).features;
    expect(features).toHaveLength(119);
    expect([...arcOwners(topology, "communes").values()].filter((o) => o.length === 2).length).toBeGreaterThan(200);
    const projection = d3
      .geoMercator()
      .fitSize([640, 640], topojson.merge(topology, topology.objects.communes.geometries));
    const path = d3.geoPath(projection);
    for (const f of features) {
      const [[x0, y0], [x1, y1]] = path.bounds(f);
      expect(Math.min(x0, y0)).toBeGreaterThanOrEqual(-0.5);
      expect(Math.max(x1, y1)).toBeLessThanOrEqual(640.5);
    }
  });

  it("rewinds a counter-clockwise input so that d3 does not draw it as the whole sphere", () => {
    const ccw: Feature<Polygon, { code: string }> = {
      type: "Feature",
      properties: { code: "X" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [5.4, 43.5],
            [5.41, 43.5],
            [5.41, 43.51],
            [5.4, 43.51],
            [5.4, 43.5],
          ],
        ],
      },
    };
    expect(d3.geoArea(ccw)).toBeGreaterThan(6);
    const topology = buildTopology({ type: "FeatureCollection", features: [ccw] }, { objectName: "x", simplify: 0 });
    expect(d3.geoArea(topojson.feature(topology, topology.objects.x).features[0])).toBeLessThan(0.001);
  });
});
