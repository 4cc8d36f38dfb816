/**
 * The fictitious BAN of the observed commune: no BAN file exists offline, so the demo reference
 * draws the FANTOIR street names (or invented ones) as lines over the real IRIS contours, with house numbers along them
 * (odd on the left, even on the right), postcodes from the location and lieux-dits as points.
 * Deterministic for a given seed; every row says it is fictitious (source_position).
 */
import type { IrisCollection } from "../reference/iris-contours.ts";
import { createIrisLocator } from "../reference/iris-locator.ts";
import { normalizeText, significantTokens, tokenize } from "./normalize.ts";
import { readObservatoryConfig } from "../config.ts";
import { territoryLocalities } from "./territory-localities.ts";
import { PLACE_NUMBER, type BanRow } from "./ban-format.ts";
import type { FantoirStreet } from "./fantoir.ts";
import { between, pick, seededRandom } from "../common/seeded-random.ts";
import { PLACE_TYPES, canonicalFantoirType } from "./street-types.ts";

export const FICTITIOUS_SOURCE = "fictif-observatoire-abs";
export const DEFAULT_SEED = 13001;

const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
/** Lines without house numbers: nobody lives on a motorway or a canal. */
const NO_ADDRESS_TYPES = new Set(["AUTOROUTE", "RUISSEAU", "CANAL", "PONT", "PASSERELLE"]);
/** Words of IRIS names too common to say where a street lies. */
const GENERIC_IRIS_WORDS = new Set([
  "COURONNE",
  "NORD",
  "SUD",
  "EST",
  "OUEST",
  "PARTIE",
  "VILLAGE",
  "EXTENSION",
  "CAMPAGNE",
  "PLATEAU",
  "Z",
  "I",
  "HYPERCENTRE",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
]);

/** Length range in metres of each kind of street (before scaling to the size of its IRIS). */
const LENGTH_RANGES: [types: string[], metres: [number, number]][] = [
  [
    ["AVENUE", "BOULEVARD", "COURS"],
    [400, 1600],
  ],
  [
    ["CHEMIN", "ROUTE", "CHEMIN VICINAL", "PETITE ROUTE"],
    [600, 2800],
  ],
  [["IMPASSE"], [50, 160]],
  [
    ["PLACE", "SQUARE", "ESPLANADE", "CARREFOUR", "ROTONDE", "ROND POINT"],
    [40, 110],
  ],
  [["RUE"], [120, 650]],
];
const OTHER_LENGTH_RANGE: [number, number] = [100, 400];

function lengthRange(type: string | null): [number, number] {
  return LENGTH_RANGES.find(([types]) => type !== null && types.includes(type))?.[1] ?? OTHER_LENGTH_RANGE;
}

interface IrisArea {
  code: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface Plane {
  kx: number;
  toLonLat(x: number, y: number): [number, number];
}

function titleCase(type: string | null, name: string): string {
  const words = [...(type ? type.split(" ") : []), ...name.split(" ")];
  const lower = new Set(["DE", "DU", "DES", "LA", "LE", "LES", "ET", "EN", "AUX", "AU", "SUR", "SOUS", "A"]);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const cap = w.charAt(0) + w.slice(1).toLowerCase();
    if ((w === "D" || w === "L") && i + 1 < words.length) {
      const next = words[++i]!;
      out.push(`${w.toLowerCase()}'${next.charAt(0)}${next.slice(1).toLowerCase()}`);
    } else out.push(i > 0 && lower.has(w) ? w.toLowerCase() : cap);
  }
  return out.join(" ");
}

/** Street words that place a street in given IRIS ("... LES MILLES", "... ST JEROME"). */
function buildHints(iris: IrisCollection): Array<{ phrase: string; codes: string[] }> {
  const byPhrase = new Map<string, string[]>();
  for (const f of iris.features) {
    const words = significantTokens(tokenize(f.properties.name)).filter((w) => !GENERIC_IRIS_WORDS.has(w));
    if (words.length === 0) continue;
    const phrase = words.join(" ");
    byPhrase.set(phrase, [...(byPhrase.get(phrase) ?? []), f.properties.code]);
  }
  for (const village of territoryLocalities().villages) {
    const phrase = significantTokens(tokenize(village.name)).join(" ");
    if (!byPhrase.has(phrase)) byPhrase.set(phrase, [...village.iris]);
  }
  return [...byPhrase].map(([phrase, codes]) => ({ phrase, codes: codes.sort() }));
}

function areas(iris: IrisCollection, plane: Plane): IrisArea[] {
  return iris.features.map((f) => {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons)
      for (const [lon, lat] of polygon[0] ?? []) {
        const x = lon! * plane.kx,
          y = lat! * METERS_PER_DEGREE;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    return { code: f.properties.code, minX, minY, maxX, maxY };
  });
}

/** Number spacing on one side, in metres: tight in the old town, loose on country roads. */
function spacing(rng: () => number, iris: string, type: string | null): number {
  if (iris.slice(5, 7) === "01") return between(rng, 6, 12);
  const rural = iris.slice(5, 7) === "08" || iris.slice(5, 7) === "09";
  if (type === "CHEMIN" || type === "ROUTE" || type === "CHEMIN VICINAL" || type === "PETITE ROUTE")
    return rural ? between(rng, 35, 70) : between(rng, 18, 40);
  return rural ? between(rng, 18, 40) : between(rng, 9, 22);
}

export function generateFictitiousBan(
  streets: readonly FantoirStreet[],
  iris: IrisCollection,
  seed = DEFAULT_SEED,
): BanRow[] {
  const rng = seededRandom(seed);
  const territory = readObservatoryConfig().territory;
  const localities = territoryLocalities();
  const acheminement = normalizeText(territory.communeName);
  const locator = createIrisLocator(
    {
      type: "FeatureCollection",
      features: iris.features.map((f) => ({ ...f, properties: { code: f.properties.code } })),
    },
    { toleranceMeters: 0 },
  );
  // The plane is tangent at the commune's latitude (its first IRIS vertex is close enough).
  const first = iris.features[0]?.geometry;
  const lat0 = first ? (first.type === "Polygon" ? first.coordinates : first.coordinates[0]!)[0]![0]![1]! : 45;
  const kx = METERS_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180);
  const plane: Plane = { kx, toLonLat: (x, y) => [x / kx, y / METERS_PER_DEGREE] };
  const irisAreas = areas(iris, plane);
  const byCode = new Map(irisAreas.map((a) => [a.code, a]));
  const habitat = irisAreas.filter(
    (a) => iris.features.find((f) => f.properties.code === a.code)?.properties.type !== "A",
  );
  const hints = buildHints(iris);
  const locate = (x: number, y: number): string | null => {
    const [lon, lat] = plane.toLonLat(x, y);
    return locator.locate(lon, lat)?.code ?? null;
  };

  const rows: BanRow[] = [];
  const row = (
    fantoirId: string,
    numero: string,
    rep: string,
    nomVoie: string,
    afnor: string,
    x: number,
    y: number,
    irisCode: string,
    nomLd: string,
  ): BanRow => {
    const [lon, lat] = plane.toLonLat(x, y);
    const postcode = localities.postcodeOfIris(irisCode);
    return {
      id: `${fantoirId}_${numero.padStart(5, "0")}${rep ? `_${rep}` : ""}`,
      id_fantoir: fantoirId,
      numero,
      rep,
      nom_voie: nomVoie,
      code_postal: postcode,
      code_insee: territory.commune,
      nom_commune: territory.communeName,
      code_insee_ancienne_commune: "",
      nom_ancienne_commune: "",
      x: "",
      y: "",
      lon: lon.toFixed(6),
      lat: lat.toFixed(6),
      type_position: numero === PLACE_NUMBER ? "segment" : "entrée",
      alias: "",
      nom_ld: nomLd,
      libelle_acheminement: acheminement,
      nom_afnor: afnor,
      source_position: FICTITIOUS_SOURCE,
      source_nom_voie: "fantoir",
      certification_commune: "0",
      cad_parcelles: "",
    };
  };

  const pointIn = (area: IrisArea): [number, number] | null => {
    for (let attempt = 0; attempt < 60; attempt++) {
      const x = between(rng, area.minX, area.maxX),
        y = between(rng, area.minY, area.maxY);
      if (locate(x, y) === area.code) return [x, y];
    }
    return null;
  };

  // FANTOIR lists some streets twice (one per RIVOLI code): one line each here.
  const seen = new Set<string>();
  streets.forEach((entry, index) => {
    // Old lieu-dit records have no type and a name opening with "LDT".
    const street =
      entry.type === "" && entry.name.startsWith("LDT ") ? { type: "LIEU-DIT", name: entry.name.slice(4) } : entry;
    const type = canonicalFantoirType(street.type);
    const identity = `${type}|${tokenize(street.name).join(" ")}`;
    if (seen.has(identity)) return;
    seen.add(identity);
    if (type && NO_ADDRESS_TYPES.has(type)) return;
    const fantoirId = `${territory.commune}_${index.toString(36).toUpperCase().padStart(4, "0")}`;
    const words = significantTokens(tokenize(street.name)).join(" ");
    const hinted = hints.filter((h) => ` ${words} `.includes(` ${h.phrase} `));
    const chosenHint = hinted.length > 0 ? pick(rng, hinted) : null;
    const villageCodes = chosenHint ? chosenHint.codes : [];
    const code = chosenHint ? pick(rng, chosenHint.codes) : pick(rng, habitat).code;
    const area = byCode.get(code)!;
    const start = pointIn(area);
    if (!start) return;
    const nomVoie = titleCase(type, street.name);
    const afnor = [type, street.name].filter(Boolean).join(" ");

    if (type === null || PLACE_TYPES.has(type)) {
      rows.push(row(fantoirId, PLACE_NUMBER, "", nomVoie, afnor, start[0], start[1], code, nomVoie));
      return;
    }
    const size = Math.sqrt((area.maxX - area.minX) * (area.maxY - area.minY));
    const [low, high] = lengthRange(type);
    const length = between(rng, low, high) * Math.min(1, Math.max(0.35, size / 1500));
    // A polyline of three legs with gentle bends, running through the start point.
    const heading = rng() * 2 * Math.PI;
    const bends = [between(rng, -0.5, 0.5), 0, between(rng, -0.5, 0.5)];
    const back = rng() * length;
    const legs = [length / 3, length / 3, length / 3];
    const points: Array<[number, number]> = [];
    let x = start[0] - Math.cos(heading + bends[0]!) * back,
      y = start[1] - Math.sin(heading + bends[0]!) * back;
    points.push([x, y]);
    legs.forEach((leg, i) => {
      x += Math.cos(heading + bends[i]!) * leg;
      y += Math.sin(heading + bends[i]!) * leg;
      points.push([x, y]);
    });
    const at = (distance: number, side: number): [number, number] => {
      let rest = distance;
      for (let i = 1; i < points.length; i++) {
        const [ax, ay] = points[i - 1]!,
          [bx, by] = points[i]!;
        const segment = Math.hypot(bx - ax, by - ay);
        if (rest <= segment || i === points.length - 1) {
          const t = Math.min(1, rest / segment);
          const nx = -(by - ay) / segment,
            ny = (bx - ax) / segment;
          return [ax + (bx - ax) * t + nx * side, ay + (by - ay) * t + ny * side];
        }
        rest -= segment;
      }
      return points[0]!;
    };
    const step = spacing(rng, code, type);
    for (const parity of [1, 0]) {
      // Odd numbers on the left of the direction of numbering, even on the right.
      const side = parity === 1 ? 7 : -7;
      for (let k = 0; ; k++) {
        const along = step * (k + 0.5) + between(rng, -0.2, 0.2) * step;
        if (along > length || k > 200) break;
        const numero = parity === 1 ? 2 * k + 1 : 2 * k + 2;
        if (rng() < 0.1) continue;
        const [px, py] = at(along, side);
        const here = locate(px, py);
        // A street named after its village ("... LUYNES") stays in it.
        if (!here || (hinted.length > 0 && !villageCodes.includes(here))) continue;
        rows.push(row(fantoirId, String(numero), "", nomVoie, afnor, px, py, here, ""));
        if (rng() < 0.04) {
          const [bx, by] = at(along + step * 0.3, side);
          const there = locate(bx, by);
          if (there && (hinted.length === 0 || villageCodes.includes(there)))
            rows.push(row(fantoirId, String(numero), rng() < 0.8 ? "bis" : "ter", nomVoie, afnor, bx, by, there, ""));
        }
      }
    }
  });
  return rows;
}
