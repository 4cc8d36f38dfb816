import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";

export interface IrisLocation {
  code: string;
  /** 0 inside an IRIS (or on its border); else the distance to the nearest IRIS within tolerance. */
  distanceMeters: number;
}
export interface IrisLocator {
  locate(lon: number, lat: number): IrisLocation | null;
}
export interface IrisLocatorOptions {
  /** A point in a gap between IRIS goes to the nearest one within this distance (default 50 m). */
  toleranceMeters?: number;
}

const EARTH_RADIUS = 6_371_008.8;
const METERS_PER_DEGREE = (EARTH_RADIUS * Math.PI) / 180;
/** A point closer than this to an edge counts as on the border (inside both neighbours). */
const BORDER_EPSILON_METERS = 1e-6;

interface Ring {
  xy: Float64Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
interface Entry {
  code: string;
  /** Polygons, each a list of rings (outer first): even-odd parity within one polygon. */
  polygons: Ring[][];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function toRing(coords: number[][], kx: number, ky: number): Ring {
  const xy = new Float64Array(coords.length * 2);
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  coords.forEach((p, i) => {
    const x = p[0]! * kx,
      y = p[1]! * ky;
    xy[2 * i] = x;
    xy[2 * i + 1] = y;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  });
  return { xy, minX, minY, maxX, maxY };
}

/** Squared distance from (px,py) to the ring's edges, and whether the ray crosses it an odd number of times. */
function ringTest(ring: Ring, px: number, py: number): { inside: boolean; dist2: number } {
  const xy = ring.xy;
  const n = xy.length / 2;
  let inside = false;
  let best = Infinity;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = xy[2 * i]!,
      yi = xy[2 * i + 1]!,
      xj = xy[2 * j]!,
      yj = xy[2 * j + 1]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
    const dx = xj - xi,
      dy = yj - yi;
    const len2 = dx * dx + dy * dy;
    let t = len2 > 0 ? ((px - xi) * dx + (py - yi) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = xi + t * dx - px,
      ey = yi + t * dy - py;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) best = d2;
  }
  return { inside, dist2: best };
}

/** Distance in metres from the point to the entry (0 when inside or on the border). */
function distanceTo(entry: Entry, px: number, py: number, maxDist: number): number {
  let best = Infinity;
  for (const polygon of entry.polygons) {
    const outer = polygon[0]!;
    if (
      px < outer.minX - maxDist ||
      px > outer.maxX + maxDist ||
      py < outer.minY - maxDist ||
      py > outer.maxY + maxDist
    )
      continue;
    let inside = false;
    for (const ring of polygon) {
      const r = ringTest(ring, px, py);
      if (r.inside) inside = !inside;
      if (r.dist2 < best) best = r.dist2;
    }
    if (inside) return 0;
  }
  const d = Math.sqrt(best);
  return d <= BORDER_EPSILON_METERS ? 0 : d;
}

/**
 * Point-to-IRIS lookup over a uniform grid of bounding boxes, in a local equirectangular
 * plane (metres). Deterministic: on a shared border or an overlap the smallest code wins;
 * in a gap the nearest IRIS within tolerance wins (ties: smallest code); else null.
 */
export function createIrisLocator(
  fc: FeatureCollection<Polygon | MultiPolygon, { code: string }>,
  opts: IrisLocatorOptions = {},
): IrisLocator {
  const tolerance = opts.toleranceMeters ?? 50;
  let latSum = 0,
    latCount = 0;
  for (const f of fc.features) {
    const first = f.geometry.type === "Polygon" ? f.geometry.coordinates[0]?.[0] : f.geometry.coordinates[0]?.[0]?.[0];
    if (first) {
      latSum += first[1]!;
      latCount++;
    }
  }
  const lat0 = latCount ? latSum / latCount : 0;
  const ky = METERS_PER_DEGREE;
  const kx = METERS_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);

  const entries: Entry[] = fc.features
    .map((f: Feature<Polygon | MultiPolygon, { code: string }>) => {
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      const polygons = polys
        .filter((p) => p.length > 0 && p[0]!.length > 2)
        .map((p) => p.map((r) => toRing(r, kx, ky)));
      const outers = polygons.map((p) => p[0]!);
      return {
        code: f.properties.code,
        polygons,
        minX: Math.min(...outers.map((r) => r.minX)),
        minY: Math.min(...outers.map((r) => r.minY)),
        maxX: Math.max(...outers.map((r) => r.maxX)),
        maxY: Math.max(...outers.map((r) => r.maxY)),
      };
    })
    .filter((e) => e.polygons.length > 0)
    // Sorting once makes "first match wins" mean "smallest code wins" everywhere below.
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  if (entries.length === 0) return { locate: () => null };
  const minX = Math.min(...entries.map((e) => e.minX)) - tolerance;
  const minY = Math.min(...entries.map((e) => e.minY)) - tolerance;
  const maxX = Math.max(...entries.map((e) => e.maxX)) + tolerance;
  const maxY = Math.max(...entries.map((e) => e.maxY)) + tolerance;
  const side = Math.max(1, Math.ceil(Math.sqrt(entries.length) * 4));
  const cellW = (maxX - minX) / side || 1;
  const cellH = (maxY - minY) / side || 1;
  const grid: number[][] = Array.from({ length: side * side }, () => []);
  entries.forEach((e, index) => {
    const x0 = Math.max(0, Math.floor((e.minX - tolerance - minX) / cellW));
    const x1 = Math.min(side - 1, Math.floor((e.maxX + tolerance - minX) / cellW));
    const y0 = Math.max(0, Math.floor((e.minY - tolerance - minY) / cellH));
    const y1 = Math.min(side - 1, Math.floor((e.maxY + tolerance - minY) / cellH));
    for (let gy = y0; gy <= y1; gy++) for (let gx = x0; gx <= x1; gx++) grid[gy * side + gx]!.push(index);
  });

  return {
    locate(lon: number, lat: number): IrisLocation | null {
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
      const px = lon * kx,
        py = lat * ky;
      if (px < minX || px > maxX || py < minY || py > maxY) return null;
      const gx = Math.min(side - 1, Math.floor((px - minX) / cellW));
      const gy = Math.min(side - 1, Math.floor((py - minY) / cellH));
      let nearest: Entry | null = null;
      let nearestDist = Infinity;
      for (const index of grid[gy * side + gx]!) {
        const e = entries[index]!;
        if (px < e.minX - tolerance || px > e.maxX + tolerance || py < e.minY - tolerance || py > e.maxY + tolerance)
          continue;
        const d = distanceTo(e, px, py, tolerance);
        if (d === 0) return { code: e.code, distanceMeters: 0 };
        if (d < nearestDist) {
          nearestDist = d;
          nearest = e;
        }
      }
      return nearest && nearestDist <= tolerance ? { code: nearest.code, distanceMeters: nearestDist } : null;
    },
  };
}
