import fc from "fast-check";
import type { FeatureCollection, Polygon } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { readIrisContours, type IrisCollection } from "../../loaders/reference/iris-contours.ts";
import { createIrisLocator } from "../../loaders/reference/iris-locator.ts";
import { sharedReferenceDir } from "../helpers/shared-reference.ts";

/** Square [lon0, lon0 + size] x [lat0, lat0 + size], clockwise. */
const square = (code: string, lon0: number, lat0: number, size: number) => ({
  type: "Feature" as const,
  properties: { code },
  geometry: {
    type: "Polygon" as const,
    coordinates: [
      [
        [lon0, lat0],
        [lon0, lat0 + size],
        [lon0 + size, lat0 + size],
        [lon0 + size, lat0],
        [lon0, lat0],
      ],
    ],
  },
});
const collection = (...features: ReturnType<typeof square>[]): FeatureCollection<Polygon, { code: string }> => ({
  type: "FeatureCollection",
  features,
});

/** Degrees of longitude per metre at latitude 43.5. */
const LON_PER_METRE = 1 / (111_195 * Math.cos((43.5 * Math.PI) / 180));

describe("createIrisLocator on synthetic shapes", () => {
  it("picks the smallest code on an overlap, whatever the order of the features", () => {
    const a = square("130010202", 5.4, 43.5, 0.01);
    const b = square("130010105", 5.405, 43.5, 0.01);
    for (const shapes of [collection(a, b), collection(b, a)]) {
      const locator = createIrisLocator(shapes);
      expect(locator.locate(5.407, 43.505)).toEqual({ code: "130010105", distanceMeters: 0 });
      expect(locator.locate(5.402, 43.505)).toEqual({ code: "130010202", distanceMeters: 0 });
    }
  });

  it("puts a point on a shared border in the smallest code", () => {
    const locator = createIrisLocator(collection(square("B", 5.41, 43.5, 0.01), square("A", 5.4, 43.5, 0.01)));
    expect(locator.locate(5.41, 43.505)).toEqual({ code: "A", distanceMeters: 0 });
  });

  it("sends a point in a gap to the nearest IRIS within the tolerance, else to none", () => {
    const gap = 40 * LON_PER_METRE;
    const locator = createIrisLocator(collection(square("A", 5.4, 43.5, 0.01), square("B", 5.41 + gap, 43.5, 0.01)), {
      toleranceMeters: 50,
    });
    const nearB = locator.locate(5.41 + 30 * LON_PER_METRE, 43.505);
    expect(nearB?.code).toBe("B");
    expect(nearB?.distanceMeters).toBeGreaterThan(9);
    expect(nearB?.distanceMeters).toBeLessThan(11);
    const nearA = locator.locate(5.41 + 10 * LON_PER_METRE, 43.505);
    expect(nearA?.code).toBe("A");
    // Beyond the tolerance: none.
    expect(locator.locate(5.41 + gap + 0.01 + 60 * LON_PER_METRE, 43.505)).toBeNull();
    expect(
      createIrisLocator(collection(square("A", 5.4, 43.5, 0.01)), { toleranceMeters: 5 }).locate(
        5.41 + 10 * LON_PER_METRE,
        43.505,
      ),
    ).toBeNull();
  });

  it("respects holes", () => {
    const withHole = {
      type: "Feature" as const,
      properties: { code: "OUTER" },
      geometry: {
        type: "Polygon" as const,
        coordinates: [
          [
            [5.4, 43.5],
            [5.4, 43.53],
            [5.43, 43.53],
            [5.43, 43.5],
            [5.4, 43.5],
          ],
          [
            [5.41, 43.51],
            [5.42, 43.51],
            [5.42, 43.52],
            [5.41, 43.52],
            [5.41, 43.51],
          ],
        ],
      },
    };
    const locator = createIrisLocator({
      type: "FeatureCollection",
      features: [withHole, square("INNER", 5.41, 43.51, 0.01)],
    });
    expect(locator.locate(5.415, 43.515)?.code).toBe("INNER");
    expect(locator.locate(5.405, 43.505)?.code).toBe("OUTER");
  });
});

describe("createIrisLocator on the IRIS of Aix", () => {
  let aix: IrisCollection;
  beforeAll(async () => {
    aix = await readIrisContours(sharedReferenceDir, { commune: "13001" });
  });

  it("puts the Camp des Milles (lon 5.3845, lat 43.5053) in 130010905", () => {
    expect(createIrisLocator(aix).locate(5.3845, 43.5053)).toEqual({ code: "130010905", distanceMeters: 0 });
  });

  it("puts the Rotonde in the town centre and Marseille outside Aix", () => {
    const locator = createIrisLocator(aix);
    expect(locator.locate(5.4474, 43.5263)?.code.startsWith("1300101")).toBe(true);
    expect(locator.locate(5.3698, 43.2965)).toBeNull();
  });

  it("locates every vertex of every IRIS, at distance 0, to one of the IRIS holding it", () => {
    const locator = createIrisLocator(aix);
    for (const f of aix.features) {
      const rings = f.geometry.type === "Polygon" ? f.geometry.coordinates : f.geometry.coordinates.flat();
      for (const [lon, lat] of rings.flat()) {
        const hit = locator.locate(lon!, lat!);
        expect(hit?.distanceMeters).toBe(0);
        expect(hit!.code <= f.properties.code).toBe(true);
      }
    }
  });

  it("is deterministic and never answers beyond the tolerance (random points)", () => {
    const locator = createIrisLocator(aix, { toleranceMeters: 50 });
    const again = createIrisLocator({ ...aix, features: [...aix.features].reverse() }, { toleranceMeters: 50 });
    fc.assert(
      fc.property(
        fc.double({ min: 5.25, max: 5.6, noNaN: true }),
        fc.double({ min: 43.43, max: 43.62, noNaN: true }),
        (lon, lat) => {
          const hit = locator.locate(lon, lat);
          expect(again.locate(lon, lat)).toEqual(hit);
          if (hit) expect(hit.distanceMeters).toBeLessThanOrEqual(50);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
