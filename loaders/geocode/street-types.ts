/**
 * Street types: every spelling found in partner exports and in FANTOIR (which mixes full
 * words, "RUE", and codes, "CRS", "TRA") mapped to one canonical word, so that "AV", "AVE"
 * and "AVENUE" compare equal on both sides.
 */

const SPELLINGS: Record<string, readonly string[]> = {
  RUE: ["R", "RUE", "RUES"],
  AVENUE: ["AV", "AVE", "AVN", "AVEN", "AVENUE"],
  BOULEVARD: ["BD", "BLD", "BVD", "BOUL", "BOULEVARD"],
  CHEMIN: ["CH", "CHE", "CHEM", "CHM", "CHEMIN"],
  "CHEMIN VICINAL": ["CHV", "VC"],
  COURS: ["CRS", "COURS"],
  IMPASSE: ["IMP", "IMPASSE"],
  ROUTE: ["RTE", "ROUTE"],
  "PETITE ROUTE": ["PTR"],
  PLACE: ["PL", "PLA", "PLACE"],
  ALLEE: ["ALL", "AL", "ALLEE", "ALLEES"],
  TRAVERSE: ["TRA", "TRAV", "TRAVERSE"],
  MONTEE: ["MTE", "MONTEE"],
  QUARTIER: ["QUA", "QRT", "QUART", "QUARTIER"],
  SQUARE: ["SQ", "SQUARE"],
  TERRASSE: ["TSSE", "TERR", "TERRASSE"],
  PASSAGE: ["PAS", "PASS", "PASSAGE"],
  ESPLANADE: ["ESP", "ESPL", "ESPLANADE"],
  REMPART: ["REM", "REMP", "REMPART"],
  QUAI: ["QU", "QUAI"],
  SENTIER: ["SEN", "SENT", "SENTIER"],
  CARREFOUR: ["CAR", "CARR", "CARREFOUR"],
  "ROND POINT": ["RPT", "RDPT", "ROND-POINT"],
  ROTONDE: ["RTD", "ROTONDE"],
  VOIE: ["VOIE"],
  VILLA: ["VLA", "VILLA"],
  AUTOROUTE: ["AUT", "AUTOROUTE"],
  PASSERELLE: ["PASSERELLE"],
  GALERIE: ["GALERIE", "GALLERIE"],
  PONT: ["PONT"],
  RUISSEAU: ["RUISSEAU"],
  CANAL: ["CAN", "CANAL"],
  // Groups of dwellings: a name to match when no street is given, a complement otherwise.
  RESIDENCE: ["RES", "RESID", "RESIDENCE", "RESIDENCES"],
  LOTISSEMENT: ["LOT", "LOTISSEMENT"],
  CITE: ["CITE"],
  CLOS: ["CLOS"],
  DOMAINE: ["DOM", "DOMAINE"],
  HAMEAU: ["HAM", "HAMEAU"],
  PARC: ["PRC", "PARC"],
  ZUP: ["ZUP"],
  HLM: ["HLM"],
  "LIEU-DIT": ["LD", "LIEU-DIT", "LIEUDIT"],
};

/** Kinds of "type" that name a group of buildings or a place, not a line with numbers. */
export const PLACE_TYPES = new Set([
  "RESIDENCE",
  "LOTISSEMENT",
  "CITE",
  "CLOS",
  "DOMAINE",
  "HAMEAU",
  "PARC",
  "ZUP",
  "HLM",
  "LIEU-DIT",
  "QUARTIER",
]);

const CANONICAL = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(SPELLINGS)) {
  for (const spelling of spellings) CANONICAL.set(spelling.replace(/[^A-Z]/g, ""), canonical);
}

/** Canonical street type of one normalised token, or null. */
export function canonicalStreetType(token: string): string | null {
  return CANONICAL.get(token) ?? null;
}

/** Canonical type of a FANTOIR type field ("CRS", "LIEU-DIT", "AVENUE"), or null when empty. */
export function canonicalFantoirType(field: string): string | null {
  const key = field
    .trim()
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
  if (key === "") return null;
  return CANONICAL.get(key) ?? field.trim().toUpperCase();
}

/** Two-word types written in full ("ROND POINT", "CHEMIN VICINAL", "PETITE ROUTE"). */
export const MULTI_WORD_TYPES: ReadonlyArray<readonly [string, string, string]> = [
  ["ROND", "POINT", "ROND POINT"],
  ["CHEMIN", "VICINAL", "CHEMIN VICINAL"],
  ["LIEU", "DIT", "LIEU-DIT"],
];

/** Types that are the same thing written differently: not a mismatch. */
export function compatibleTypes(a: string, b: string): boolean {
  return a === b || typeFamily(a) === typeFamily(b);
}

function typeFamily(t: string): string {
  return t === "CHEMIN VICINAL"
    ? "CHEMIN"
    : t === "PETITE ROUTE"
      ? "ROUTE"
      : t === "LOTISSEMENT" ||
          t === "RESIDENCE" ||
          t === "CITE" ||
          t === "CLOS" ||
          t === "DOMAINE" ||
          t === "ZUP" ||
          t === "HLM"
        ? "GROUP"
        : t;
}

/** Short spellings of a canonical type ("AVENUE" -> AV, AVE, AVN...), for the demo data. */
export function abbreviationsOf(type: string): string[] {
  return (SPELLINGS[type] ?? []).filter((s) => s !== type);
}
