import { createRequire } from "node:module";
import { plainUpper } from "../common/plain-text.ts";

export interface CommuneInfo {
  code: string;
  name: string;
  postcodes: string[];
  /** Population légale (municipale) carried by @etalab/decoupage-administratif; null when absent. */
  population: number | null;
}

interface RawCommune {
  code: string;
  nom: string;
  departement: string;
  type: string;
  commune?: string;
  codesPostaux?: string[];
  population?: number;
}

const require = createRequire(import.meta.url);
const allCommunes: RawCommune[] = require("@etalab/decoupage-administratif/data/communes.json");

/** Producer and vintage of the populations légales shipped by the installed package. */
export const communePopulationSource = {
  producer: "INSEE, populations légales (via @etalab/decoupage-administratif)",
  packageVersion: (require("@etalab/decoupage-administratif/package.json") as { version: string }).version,
};

/** COG year of each major version of the package; populations légales lag three years behind it. */
const COG_YEAR_BY_MAJOR: Record<number, number> = { 1: 2021, 2: 2022, 3: 2023, 4: 2024, 5: 2025, 6: 2026 };
export const legalPopulationVintage = (): number => {
  const major = Number(communePopulationSource.packageVersion.split(".")[0]);
  return (COG_YEAR_BY_MAJOR[major] ?? 2026) - 3;
};

const byDepartement = new Map<string, CommuneInfo[]>();

export function communesOfDepartement(dep = "13"): CommuneInfo[] {
  let list = byDepartement.get(dep);
  if (!list) {
    list = allCommunes
      .filter((c) => c.departement === dep && c.type === "commune-actuelle")
      .map((c) => ({
        code: c.code,
        name: c.nom,
        postcodes: [...(c.codesPostaux ?? [])].sort(),
        population: c.population ?? null,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
    byDepartement.set(dep, list);
  }
  return list.map((c) => ({ ...c, postcodes: [...c.postcodes] }));
}

export interface MunicipalArrondissement {
  /** INSEE code of the arrondissement (13201-13216); its IRIS codes start with it. */
  code: string;
  /** « Marseille 1er arrondissement » (the package writes « Arrondissement »). */
  name: string;
  population: number | null;
}

/**
 * The municipal arrondissements of a commune split into them (Marseille, Lyon, Paris), in code
 * order; empty for every other commune. From @etalab/decoupage-administratif, like the communes.
 */
export function municipalArrondissements(commune: string): MunicipalArrondissement[] {
  return allCommunes
    .filter((c) => c.type === "arrondissement-municipal" && c.commune === commune)
    .map((c) => ({
      code: c.code,
      name: c.nom.replace(/ Arrondissement$/, " arrondissement"),
      population: c.population ?? null,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export interface ArrondissementIris {
  code: string;
  iris: string[];
}

/**
 * IRIS grouped by their arrondissement (INSEE writes an IRIS code as its arrondissement's code
 * and 4 digits); arrondissements without any of these IRIS are left out.
 */
export function irisByArrondissement(
  iris: readonly string[],
  arrondissements: readonly { code: string }[],
): ArrondissementIris[] {
  return arrondissements
    .map((a) => ({ code: a.code, iris: iris.filter((i) => i.startsWith(a.code)) }))
    .filter((a) => a.iris.length > 0);
}

/** Upper case, no accents, no punctuation, SAINT/SAINTE written out, single spaces. */
function normalizeCommuneLabel(label: string): string {
  return plainUpper(label)
    .replace(/\b(?:CEDEX|CEDEX \d+)$/, "")
    .replace(/\bSTES\b/g, "SAINTES")
    .replace(/\bSTE\b/g, "SAINTE")
    .replace(/\bSTS\b/g, "SAINTS")
    .replace(/\bST\b/g, "SAINT")
    .replace(/\s+/g, " ")
    .trim();
}

const ARTICLES = ["LES", "LE", "LA", "L"];

/** "PENNES MIRABEAU LES" (from "Pennes-Mirabeau (Les)") -> "LES PENNES MIRABEAU". */
function articleFirst(name: string): string {
  for (const a of ARTICLES) if (name.endsWith(` ${a}`)) return `${a} ${name.slice(0, -a.length - 1)}`;
  return name;
}
function withoutArticle(name: string): string {
  for (const a of ARTICLES) if (name.startsWith(`${a} `)) return name.slice(a.length + 1);
  return name;
}

interface LabelIndex {
  names: Map<string, string | null>;
  inseeCodes: Map<string, string>;
  postcodes: Map<string, string | null>;
}
const indexes = new Map<string, LabelIndex>();

/** A name or postcode claimed by two communes maps to null: ambiguous, never guessed. */
function add(map: Map<string, string | null>, key: string, code: string): void {
  if (!key) return;
  const prev = map.get(key);
  if (prev === undefined) map.set(key, code);
  else if (prev !== code) map.set(key, null);
}

function indexOf(dep: string): LabelIndex {
  let index = indexes.get(dep);
  if (index) return index;
  index = { names: new Map(), inseeCodes: new Map(), postcodes: new Map() };
  const exact = new Map<string, string>();
  for (const c of allCommunes) {
    if (c.departement !== dep) continue;
    const target = c.type === "arrondissement-municipal" && c.commune ? c.commune : c.code;
    if (c.type !== "commune-actuelle" && c.type !== "arrondissement-municipal") continue;
    index.inseeCodes.set(c.code, target);
    const name = normalizeCommuneLabel(c.nom);
    exact.set(name, target);
    if (c.type === "commune-actuelle") for (const pc of c.codesPostaux ?? []) add(index.postcodes, pc, target);
  }
  for (const [name, code] of exact) {
    add(index.names, name, code);
  }
  // Article-less aliases only where they do not shadow a real name.
  for (const [name, code] of exact) {
    const bare = withoutArticle(name);
    if (bare !== name && !exact.has(bare)) add(index.names, bare, code);
  }
  indexes.set(dep, index);
  return index;
}

/** Marseille 13e, MARSEILLE 13EME ARRONDISSEMENT, Lyon 3e...: the city itself. */
function stripArrondissement(name: string): string {
  return name.replace(/ \d{1,2}(?: ?(?:E|EME|ER|ERE))?(?: (?:ARRONDISSEMENT|ARRDT|ARDT|ARR))?$/, "");
}

export interface CommuneLabelOptions {
  /**
   * How to read a bare 5-digit code. Without it, a code that is an INSEE code of one commune
   * and a postcode of another (13001: a commune's INSEE code and Marseille 1er's postcode) gives null.
   */
  codeKind?: "insee" | "postcode";
}

/**
 * INSEE code of a commune from a label found in a partner's file: a name (any case, accents,
 * hyphens, ST/STE, article in brackets), a postcode, an INSEE code, a "13200 ARLES"
 * pair. Marseille, its arrondissements and their codes give 13055. null when unknown or ambiguous.
 */
export function communeCodeFromLabel(label: string, dep = "13", opts: CommuneLabelOptions = {}): string | null {
  if (typeof label !== "string") return null;
  const index = indexOf(dep);
  const norm = normalizeCommuneLabel(label);
  if (!norm) return null;
  if (/^\d[0-9AB]\d{3}$/.test(norm)) {
    const asInsee = opts.codeKind === "postcode" ? null : (index.inseeCodes.get(norm) ?? null);
    const asPostcode = opts.codeKind === "insee" ? null : (index.postcodes.get(norm) ?? null);
    // In département 13, 13001-13016 and 13080-13119 are both INSEE codes and postcodes of
    // other communes: a bare code read both ways is ambiguous unless the caller says which.
    if (asInsee && asPostcode && asInsee !== asPostcode) return null;
    return asInsee ?? asPostcode;
  }
  let name = norm;
  let postcode: string | null = null;
  const leading = /^(\d{5}) (.+)$/.exec(norm);
  const trailing = /^(.+) (\d{5})$/.exec(norm);
  if (leading) [postcode, name] = [leading[1]!, leading[2]!];
  else if (trailing) [name, postcode] = [trailing[1]!, trailing[2]!];
  const byName = lookupName(index, name);
  if (byName) return byName;
  // A name we cannot read but a postcode that names one commune only.
  return postcode ? (index.postcodes.get(postcode) ?? null) : null;
}

function lookupName(index: LabelIndex, name: string): string | null {
  for (const candidate of [name, articleFirst(name), stripArrondissement(name)]) {
    const code = index.names.get(candidate);
    if (code) return code;
    if (code === null) return null;
  }
  return null;
}

/** INSEE code for a postcode when a single commune of the département has it, else null. */
export function communeCodeFromPostcode(postcode: string, dep = "13"): string | null {
  return indexOf(dep).postcodes.get(postcode.trim()) ?? null;
}
