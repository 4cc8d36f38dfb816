/**
 * The address reference of the territory, in memory: streets with their numbered points,
 * named places (lieux-dits, residences), and the lookup structures the geocoder needs.
 * Built from the official BAN file when the reference directory has one, else from the
 * deterministic fictitious reference of the observed commune (and then marked fictitious).
 */
import { basename } from "node:path";
import type { IrisCollection } from "../reference/iris-contours.ts";
import { readIrisContours } from "../reference/iris-contours.ts";
import { createIrisLocator } from "../reference/iris-locator.ts";
import { findFiles } from "../reference/files.ts";
import { InputError, type FictitiousGeography } from "../contracts.ts";
import { readObservatoryConfig } from "../config.ts";
import { inventedStreets } from "./invented-streets.ts";
import { territoryLocalities } from "./territory-localities.ts";
import { PLACE_NUMBER, readBanCsv, type BanRow } from "./ban-format.ts";
import { FANTOIR_NAME_LENGTH, readFantoir } from "./fantoir.ts";
import { DEFAULT_SEED, generateFictitiousBan } from "./fictitious-reference.ts";
import { expandNameTokens, significantTokens, tokenize } from "./normalize.ts";
import { MULTI_WORD_TYPES, canonicalStreetType } from "./street-types.ts";
import { TokenVocabulary } from "./token-vocabulary.ts";
import { joinTouchingGroups, streetGroupKey } from "./street-grouping.ts";

export interface IndexedStreet {
  id: number;
  /** Commune and id_fantoir of the BAN (or name, postcode, former commune and lieu-dit when absent). */
  key: string;
  /** Name as the BAN writes it ("Rue Albert Couton les Milles"). */
  name: string;
  type: string | null;
  /** Identifying tokens (articles dropped, abbreviations expanded), type excluded. */
  tokens: string[];
  /** All words, abbreviations expanded, articles kept, type excluded. */
  words: string[];
  /** Tokens that only say where the street is ("LES MILLES", "ZAC"): not required in a query. */
  optional: Set<string>;
  /** The last token may be cut (FANTOIR names stop at 26 characters). */
  truncated: boolean;
  commune: string;
  postcodes: string[];
  /** Distinct IRIS of the street's numbers, sorted. */
  iris: string[];
  /** Numbered points, sorted by number then suffix. */
  numbers: Int32Array;
  reps: string[];
  lon: Float64Array;
  lat: Float64Array;
  irisOf: string[];
}

export interface IndexedPlace {
  id: number;
  name: string;
  type: string | null;
  tokens: string[];
  commune: string;
  postcode: string;
  iris: string | null;
  lon: number;
  lat: number;
}

export interface AddressIndex {
  /** True for the demo reference drawn by the project: real exports are then refused. */
  fictitious: boolean;
  /** The fictitious reference's street names are invented (no FANTOIR list of the commune). */
  inventedStreetNames: boolean;
  /** Where it comes from: the BAN file name, or a description of the fictitious reference. */
  source: string;
  communes: ReadonlySet<string>;
  streets: IndexedStreet[];
  places: IndexedPlace[];
  irisNames: ReadonlyMap<string, string>;
  /** IRIS of a point (interpolated positions), or null outside the territory. */
  locate(lon: number, lat: number): string | null;
  streetsByKey: Map<string, number[]>;
  streetsByToken: Map<string, number[]>;
  placesByKey: Map<string, number[]>;
  placesByToken: Map<string, number[]>;
  vocabulary: TokenVocabulary;
  /** Inverse document frequency of each token over street and place names. */
  weight(token: string): number;
}

export interface LoadAddressIndexOptions {
  /** INSEE codes of the territory (default: the commune of data/observatory.json). */
  communes?: string[];
  seed?: number;
}

const LOCATION_WORDS = new Set([
  ...territoryLocalities().villages.flatMap((v) => significantTokens(tokenize(v.name))),
  ...territoryLocalities().names.flatMap((n) => significantTokens(tokenize(n))),
  "ZAC",
  "ZI",
  "ZA",
  "ZUP",
  "QUARTIER",
  "QRT",
]);

/** Street type and identifying tokens of a street name. */
export function splitStreetName(name: string): { type: string | null; words: string[] } {
  const words = tokenize(name);
  for (const [a, b, type] of MULTI_WORD_TYPES) {
    if (words[0] === a && words[1] === b && words.length > 2) return { type, words: words.slice(2) };
  }
  const type = words.length > 1 ? canonicalStreetType(words[0]!) : null;
  return type ? { type, words: words.slice(1) } : { type: null, words };
}

function repRank(rep: string): number {
  const order = ["", "BIS", "TER", "QUATER", "QUINQUIES"];
  const at = order.indexOf(rep);
  return at >= 0 ? at : 10 + rep.charCodeAt(0);
}

interface StreetDraft {
  key: string;
  name: string;
  afnor: string;
  commune: string;
  /** Grouped by id_fantoir; else by name and place, and joined to the same-name groups it touches. */
  fantoir: boolean;
  fantoirSource: boolean;
  points: Array<{ number: number; rep: string; lon: number; lat: number; iris: string | null; postcode: string }>;
}

export function buildAddressIndex(
  rows: Iterable<BanRow>,
  iris: IrisCollection,
  options: { fictitious: boolean; source: string; communes: readonly string[]; inventedStreetNames?: boolean },
): AddressIndex {
  const locator = createIrisLocator(
    {
      type: "FeatureCollection",
      features: iris.features.map((f) => ({ ...f, properties: { code: f.properties.code } })),
    },
    { toleranceMeters: 50 },
  );
  const locate = (lon: number, lat: number) => locator.locate(lon, lat)?.code ?? null;
  const drafts = new Map<string, StreetDraft>();
  const places: IndexedPlace[] = [];
  for (const row of rows) {
    const lon = Number.parseFloat(row.lon),
      lat = Number.parseFloat(row.lat);
    const pointIris = locate(lon, lat);
    if (row.numero === PLACE_NUMBER || row.numero === "") {
      const name = row.nom_ld || row.nom_voie;
      const { type, words } = splitStreetName(row.nom_afnor || name);
      places.push({
        id: places.length,
        name,
        type,
        tokens: significantTokens(words),
        commune: row.code_insee,
        postcode: row.code_postal,
        iris: pointIris,
        lon,
        lat,
      });
      continue;
    }
    const number = Number.parseInt(row.numero, 10);
    if (!Number.isFinite(number)) continue;
    const key = streetGroupKey(row);
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        key,
        name: row.nom_voie,
        afnor: row.nom_afnor || row.nom_voie,
        commune: row.code_insee,
        fantoir: row.id_fantoir !== "",
        fantoirSource: row.source_nom_voie === "fantoir",
        points: [],
      };
      drafts.set(key, draft);
    }
    draft.points.push({ number, rep: row.rep.toUpperCase(), lon, lat, iris: pointIris, postcode: row.code_postal });
  }

  const streets: IndexedStreet[] = [];
  for (const group of joinTouchingGroups([...drafts.values()])) {
    const draft = group[0]!;
    const points = group
      .flatMap((g) => g.points)
      .filter((p) => p.iris !== null)
      .sort((a, b) => a.number - b.number || repRank(a.rep) - repRank(b.rep));
    if (points.length === 0) continue;
    const { type, words } = splitStreetName(draft.afnor);
    const tokens = significantTokens(words);
    const fantoirName = draft.afnor.slice(type ? draft.afnor.indexOf(" ") + 1 : 0);
    streets.push({
      id: streets.length,
      key: draft.key,
      name: draft.name,
      type,
      tokens,
      words: expandNameTokens(words),
      optional: new Set(tokens.filter((t) => LOCATION_WORDS.has(t) && tokens.some((u) => !LOCATION_WORDS.has(u)))),
      truncated: draft.fantoirSource && fantoirName.length >= FANTOIR_NAME_LENGTH,
      commune: draft.commune,
      postcodes: [...new Set(points.map((p) => p.postcode))].sort(),
      iris: [...new Set(points.map((p) => p.iris!))].sort(),
      numbers: Int32Array.from(points.map((p) => p.number)),
      reps: points.map((p) => p.rep),
      lon: Float64Array.from(points.map((p) => p.lon)),
      lat: Float64Array.from(points.map((p) => p.lat)),
      irisOf: points.map((p) => p.iris!),
    });
  }

  const streetsByKey = new Map<string, number[]>();
  const streetsByToken = new Map<string, number[]>();
  const placesByKey = new Map<string, number[]>();
  const placesByToken = new Map<string, number[]>();
  const vocabulary = new TokenVocabulary();
  const documentFrequency = new Map<string, number>();
  const push = (map: Map<string, number[]>, key: string, id: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  };
  const register = (
    tokens: string[],
    id: number,
    byKey: Map<string, number[]>,
    byToken: Map<string, number[]>,
    optional?: Set<string>,
  ) => {
    push(byKey, tokens.join(" "), id);
    const required = optional && optional.size > 0 ? tokens.filter((t) => !optional.has(t)) : null;
    if (required) push(byKey, required.join(" "), id);
    for (const token of new Set(tokens)) {
      push(byToken, token, id);
      vocabulary.add(token);
      documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
    }
  };
  for (const s of streets) register(s.tokens, s.id, streetsByKey, streetsByToken, s.optional);
  for (const p of places) register(p.tokens, p.id, placesByKey, placesByToken);
  const documents = streets.length + places.length;
  const unknownWeight = Math.log(1 + documents);
  return {
    fictitious: options.fictitious,
    inventedStreetNames: options.inventedStreetNames === true,
    source: options.source,
    communes: new Set(options.communes),
    streets,
    places,
    irisNames: new Map(iris.features.map((f) => [f.properties.code, f.properties.name])),
    locate,
    streetsByKey,
    streetsByToken,
    placesByKey,
    placesByToken,
    vocabulary,
    weight: (token) => {
      const df = documentFrequency.get(token);
      return df ? Math.log(1 + documents / df) : unknownWeight;
    },
  };
}

/** The official BAN file of refDir (adresses-13.csv or .csv.gz), if any. */
export function findBanFile(refDir: string): string | null {
  const found = findFiles(refDir, /(^|\/)adresses-\d[0-9AB]\.csv(\.gz)?$/i);
  return found.length > 0 ? found[found.length - 1]! : null;
}

export function findFantoirFile(refDir: string, commune: string): string | null {
  const found = findFiles(refDir, new RegExp(`(^|/)fantoir[^/]*${commune}[^/]*\\.txt$`, "i"));
  return found.length > 0 ? found[found.length - 1]! : null;
}

export async function loadAddressIndex(refDir: string, options: LoadAddressIndexOptions = {}): Promise<AddressIndex> {
  const territory = readObservatoryConfig().territory;
  const communes = options.communes ?? [territory.commune];
  const contours = await Promise.all(communes.map((commune) => readIrisContours(refDir, { commune })));
  const iris: IrisCollection = { type: "FeatureCollection", features: contours.flatMap((c) => c.features) };
  const banFile = findBanFile(refDir);
  if (banFile) {
    const rows: BanRow[] = [];
    // The BAN gives Marseille's addresses by arrondissement (13201-13216).
    const wanted = new Set([...communes, ...territoryLocalities().arrondissements]);
    const counts = await readBanCsv(banFile, wanted, (row) => rows.push(row));
    if (counts.kept === 0) {
      throw new InputError(
        `Fichier ${basename(banFile)} : aucune adresse pour la ou les commune(s) ${communes.join(", ")} (règle : BAN du département du territoire).`,
        banFile,
        "ban-territory",
      );
    }
    return buildAddressIndex(rows, iris, { fictitious: false, source: basename(banFile), communes: [...wanted] });
  }
  if (communes.length !== 1 || communes[0] !== territory.commune) {
    throw new InputError(
      `Aucun fichier BAN (adresses-${territory.departement}.csv.gz) dans ${refDir} : la référence fictive ne couvre que ${territory.communeName} (${territory.commune}) (règle : référence d'adresses du territoire).`,
      refDir,
      "ban-missing",
    );
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const fantoirFile = findFantoirFile(refDir, territory.commune);
  // Without the commune's FANTOIR list, invented street names (said so on the site).
  const streets = fantoirFile ? await readFantoir(fantoirFile) : inventedStreets(iris, seed);
  const rows = generateFictitiousBan(streets, iris, seed);
  const names = fantoirFile ? "noms de voies FANTOIR réels" : "noms de voies inventés";
  return buildAddressIndex(rows, iris, {
    fictitious: true,
    inventedStreetNames: !fantoirFile,
    source: `référence d'adresses FICTIVE de ${territory.communeName} (${names}, positions inventées, graine ${seed})`,
    communes,
  });
}

/** What the site says of the geography an index gives (banners.js). */
export const fictitiousGeographyOf = (
  index: Pick<AddressIndex, "fictitious" | "inventedStreetNames">,
): FictitiousGeography =>
  !index.fictitious ? false : index.inventedStreetNames ? "invented-street-names" : "real-street-names";

export { assertAddressIndexAllowed } from "./guard.ts";
