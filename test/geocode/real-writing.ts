/**
 * The real-writing test set (test/fixtures/geocode-real-writing.csv): addresses of public places
 * of Aix as agents and publishers write them, each with the street and number a national
 * reference would give and an approximate true position. This module builds the BAN-format
 * reference the set is scored against: the FANTOIR streets of Aix at fictitious positions
 * (the vocabulary a real match has to choose from), except the streets of the set, which lie
 * at their true positions with other numbers along them (odd and even sides, numbers left out
 * so that interpolation is needed) and near-homonyms in other IRIS (same name with another
 * type, or another first name) so that a loose match is caught as wrong.
 */
import { readFileSync } from "node:fs";
import {
  buildAddressIndex,
  findFantoirFile,
  splitStreetName,
  type AddressIndex,
} from "../../loaders/geocode/address-index.ts";
import { BAN_COLUMNS, type BanRow } from "../../loaders/geocode/ban-format.ts";
import { readFantoir } from "../../loaders/geocode/fantoir.ts";
import { generateFictitiousBan } from "../../loaders/geocode/fictitious-reference.ts";
import { geocodeAddress, type GeocodeOutcome } from "../../loaders/geocode/geocode.ts";
import { normalizeText, significantTokens } from "../../loaders/geocode/normalize.ts";
import { parseAddress } from "../../loaders/geocode/parse-address.ts";
import { seededRandom } from "../../loaders/common/seeded-random.ts";
import { compatibleTypes } from "../../loaders/geocode/street-types.ts";
import { readIrisContours } from "../../loaders/reference/iris-contours.ts";
import { createIrisLocator } from "../../loaders/reference/iris-locator.ts";
import { territoryLocalities } from "../../loaders/geocode/territory-localities.ts";

export const REAL_WRITING_FIXTURE = new URL("../fixtures/geocode-real-writing.csv", import.meta.url);

export interface RealWritingCase {
  line: number;
  place: string;
  written: string;
  /** Street name as the BAN writes it. */
  street: string;
  /** Canonical house number, null when the place is known by its street only. */
  number: number | null;
  rep: string;
  lon: number;
  lat: number;
  style: string;
}

export function readRealWriting(): RealWritingCase[] {
  return readFileSync(REAL_WRITING_FIXTURE, "utf8")
    .split(/\r?\n/)
    .map((text, i) => ({ line: i + 1, cells: text.split(";") }))
    .slice(1)
    .filter(({ cells }) => cells.length === 7)
    .map(({ line, cells }) => {
      const [place, written, street, numero, lon, lat, style] = cells as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const number = /^(\d+)\s*(\S*)$/.exec(numero.trim());
      return {
        line,
        place,
        written,
        street,
        number: number ? Number(number[1]) : null,
        rep: number ? number[2]!.toUpperCase() : "",
        lon: Number(lon),
        lat: Number(lat),
        style,
      };
    });
}

/** Type and identifying words: "Place des Martyrs de la Résistance" = PLACE MARTYRS DE LA RESISTANCE. */
export function streetIdentity(name: string): string {
  const { type, words } = splitStreetName(name);
  return `${type ?? ""}|${significantTokens(words).join(" ")}`;
}

const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const KX = Math.cos((43.53 * Math.PI) / 180);
/** Metres between two house numbers of the same side. */
const STEP_METERS = 9;
/** Metres from one side of the street to the other. */
const SIDE_METERS = 16;

function offset(lon: number, lat: number, east: number, north: number): [number, number] {
  return [lon + east / (METERS_PER_DEGREE * KX), lat + north / METERS_PER_DEGREE];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function banRow(
  street: string,
  fantoirId: string,
  number: number,
  rep: string,
  lon: number,
  lat: number,
  postcode: string,
): BanRow {
  const empty = Object.fromEntries(BAN_COLUMNS.map((c) => [c, ""])) as BanRow;
  return {
    ...empty,
    id: `13001_${fantoirId}_${number}${rep}`,
    id_fantoir: fantoirId,
    numero: String(number),
    rep: rep.toLowerCase(),
    nom_voie: street,
    code_postal: postcode,
    code_insee: "13001",
    nom_commune: "Aix-en-Provence",
    lon: lon.toFixed(6),
    lat: lat.toFixed(6),
    nom_afnor: normalizeText(street),
    source_position: "jeu-ecriture-reelle",
    source_nom_voie: "commune",
  };
}

/** Cases whose canonical number is left out of the reference: they must be interpolated. */
export function withheld(c: RealWritingCase): boolean {
  return c.number !== null && hash(`${c.street}|${c.number}`) % 4 === 0;
}

const FIRST_NAMES = ["PIERRE", "LOUIS", "MARIE", "ANDRE", "HENRI", "PAUL"];
const OTHER_TYPES = ["Impasse", "Traverse", "Allée", "Chemin"];

export interface RealWritingReference {
  index: AddressIndex;
  /** Streets of the set at true positions, near-homonyms added. */
  homonyms: string[];
}

export async function buildRealWritingReference(
  refDir: string,
  cases: RealWritingCase[],
): Promise<RealWritingReference> {
  const iris = await readIrisContours(refDir, { commune: "13001" });
  const fantoirFile = findFantoirFile(refDir, "13001");
  if (!fantoirFile) throw new Error(`FANTOIR d'Aix absent de ${refDir}`);
  const fictitious = generateFictitiousBan(await readFantoir(fantoirFile), iris, 2026);
  const locator = createIrisLocator(
    {
      type: "FeatureCollection",
      features: iris.features.map((f) => ({ ...f, properties: { code: f.properties.code } })),
    },
    { toleranceMeters: 50 },
  );
  // The postcode the BAN gives a point: that of its village, else of its part of the city.
  const postcodeAt = (lon: number, lat: number) => {
    const code = locator.locate(lon, lat)?.code;
    return code ? territoryLocalities().postcodeOfIris(code) : "13100";
  };
  const byStreet = new Map<string, RealWritingCase[]>();
  for (const c of cases) byStreet.set(c.street, [...(byStreet.get(c.street) ?? []), c]);
  const setIdentities = new Set([...byStreet.keys()].map(streetIdentity));
  const rows = fictitious.filter(
    (r) => r.numero === "99999" || !setIdentities.has(streetIdentity(r.nom_afnor || r.nom_voie)),
  );
  const existing = new Set(rows.map((r) => streetIdentity(r.nom_afnor || r.nom_voie)));

  const homonyms: string[] = [];
  let streetNumber = 0;
  for (const [street, list] of byStreet) {
    const fantoirId = `RW${String(++streetNumber).padStart(3, "0")}`;
    const rng = seededRandom(hash(street));
    const angle = rng() * Math.PI;
    const axis: [number, number] = [Math.cos(angle), Math.sin(angle)];
    const side = rng() < 0.5 ? 1 : -1;
    const points = new Map<string, [number, number]>();
    const put = (number: number, rep: string, at: [number, number]) => {
      const key = `${number}|${rep}`;
      if (number > 0 && !points.has(key)) points.set(key, at);
    };
    const numbered = list.filter((c) => c.number !== null);
    const parities = new Set(numbered.map((c) => c.number! % 2));
    // The set's own numbers are only ever placed where the set says (or left out).
    const canonical = new Set(numbered.map((c) => c.number!));
    const around = (number: number, rep: string, at: [number, number]) => {
      if (!canonical.has(number)) put(number, rep, at);
    };
    for (const c of numbered) if (!withheld(c)) put(c.number!, c.rep, [c.lon, c.lat]);
    // Left-out numbers first: their neighbours must frame them.
    for (const c of [...numbered.filter(withheld), ...numbered.filter((c) => !withheld(c))]) {
      for (const k of [1, 2, 3]) {
        for (const sign of [-1, 1]) {
          const along = sign * k * STEP_METERS;
          around(c.number! + sign * 2 * k, "", offset(c.lon, c.lat, axis[0] * along, axis[1] * along));
        }
      }
      // The other side, unless the set places something there itself.
      if (parities.size === 1) {
        for (const k of [1, 3, 5]) {
          for (const sign of [-1, 1]) {
            const along = (sign * k * STEP_METERS) / 2;
            around(
              c.number! + sign * k,
              "",
              offset(
                c.lon,
                c.lat,
                axis[0] * along - side * axis[1] * SIDE_METERS,
                axis[1] * along + side * axis[0] * SIDE_METERS,
              ),
            );
          }
        }
      }
    }
    // A place known by its street only still has numbered doors of its own around it.
    let free = Math.max(0, ...canonical) + 20;
    for (const c of list.filter((c) => c.number === null)) {
      if ([...points.values()].some(([lon, lat]) => lon === c.lon && lat === c.lat)) continue;
      const first = free;
      for (let n = first; n < first + 8; n++) {
        const along = (n - first - 3.5) * STEP_METERS * 0.6;
        const across = n % 2 === 0 ? side * SIDE_METERS * 0.5 : 0;
        put(n, "", offset(c.lon, c.lat, axis[0] * along - axis[1] * across, axis[1] * along + axis[0] * across));
      }
      put(first + 8, "", [c.lon, c.lat]);
      free = first + 10;
    }
    for (const [key, [lon, lat]] of points) {
      const [number, rep] = key.split("|") as [string, string];
      rows.push(banRow(street, fantoirId, Number(number), rep, lon, lat, postcodeAt(lon, lat)));
    }

    // Near-homonyms far away, only where every writing leaves them no excuse.
    const { type, words } = splitStreetName(street);
    const tokens = significantTokens(words);
    const written = list.map((c) => parseAddress(c.written));
    const anchor = list[0]!;
    const far = offset(anchor.lon, anchor.lat, rng() < 0.5 ? 1800 : -1800, rng() < 0.5 ? 1500 : -1500);
    const addHomonym = (name: string) => {
      if (existing.has(streetIdentity(name)) || setIdentities.has(streetIdentity(name))) return;
      existing.add(streetIdentity(name));
      homonyms.push(name);
      const id = `RWH${String(homonyms.length).padStart(3, "0")}`;
      for (let n = 1; n <= 12; n++) {
        const [lon, lat] = offset(far[0], far[1], axis[1] * n * STEP_METERS, axis[0] * n * STEP_METERS);
        rows.push(banRow(name, id, n, "", lon, lat, postcodeAt(lon, lat)));
      }
    };
    if (type && written.every((p) => p.streetType !== null && compatibleTypes(p.streetType, type))) {
      const other = OTHER_TYPES.find((t) => !compatibleTypes(normalizeText(t), type))!;
      addHomonym(`${other} ${words.join(" ")}`);
    }
    const writtenTokens = written.map((p) => new Set(p.streetTokens));
    if (tokens.length >= 2 && writtenTokens.every((set) => tokens.every((t) => set.has(t)))) {
      const first = FIRST_NAMES[hash(street) % FIRST_NAMES.length]!;
      const nameWords = words.slice();
      const at = nameWords.findIndex((w) => significantTokens([w]).length > 0);
      if (at >= 0 && nameWords[at] !== first) {
        nameWords[at] = first;
        addHomonym(`${type ?? ""} ${nameWords.join(" ")}`.trim());
      }
    }
  }
  const index = buildAddressIndex(rows, iris, {
    fictitious: false,
    source: "référence au format BAN du jeu d'écriture réelle",
    communes: ["13001"],
  });
  return { index, homonyms };
}

/**
 * "undecidable": no number, and the reference itself lays the street over several IRIS; no
 * geocoder can choose, the right answer is not to place it. Counted apart, like the addresses
 * of the hand-written set that the reference does not hold.
 */
export type RealVerdict = "right" | "wrong" | "not-placed" | "undecidable";

export interface RealEvaluated extends RealWritingCase {
  expectedIris: string | null;
  result: GeocodeOutcome;
  verdict: RealVerdict;
}

export function evaluateRealWriting(index: AddressIndex, cases: RealWritingCase[]): RealEvaluated[] {
  const irisCount = new Map(index.streets.map((s) => [streetIdentity(s.name), s.iris.length]));
  return cases.map((c) => {
    const expectedIris = index.locate(c.lon, c.lat);
    const result = geocodeAddress(index, c.written, { commune: "13001" });
    const undecidable = c.number === null && (irisCount.get(streetIdentity(c.street)) ?? 0) > 1;
    const verdict: RealVerdict =
      result.iris === expectedIris
        ? "right"
        : result.iris !== null
          ? "wrong"
          : undecidable
            ? "undecidable"
            : "not-placed";
    return { ...c, expectedIris, result, verdict };
  });
}

export interface RealWritingScore {
  total: number;
  /** Addresses the reference can decide (total less the undecidable ones): the base of the shares. */
  decidable: number;
  undecidable: number;
  right: number;
  wrong: number;
  wrongCertain: number;
  notPlaced: number;
}

export function scoreRealWriting(evaluated: RealEvaluated[]): RealWritingScore {
  return {
    total: evaluated.length,
    decidable: evaluated.filter((e) => e.verdict !== "undecidable").length,
    undecidable: evaluated.filter((e) => e.verdict === "undecidable").length,
    right: evaluated.filter((e) => e.verdict === "right").length,
    wrong: evaluated.filter((e) => e.verdict === "wrong").length,
    wrongCertain: evaluated.filter((e) => e.verdict === "wrong" && e.result.certain).length,
    notPlaced: evaluated.filter((e) => e.verdict === "not-placed").length,
  };
}
