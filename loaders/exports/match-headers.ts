/**
 * Maps a partner's header row onto canonical fields. Order of trust: the analyst's mapping
 * file, then exact variants, then keywords (most specific match wins, ties stay unmapped).
 * Columns that look personal (name, NIR, phone...) are never mapped, whatever they match.
 */
import { InputError } from "../contracts.ts";
import { headerTokens, normalizeHeader } from "./normalize-header.ts";
import type { DatasetSchema, FieldSpec } from "./schema.ts";
import { aggregateStructure, individualStructure } from "./schemas/structural.ts";

/** Mapping value that drops a column on purpose. */
export const IGNORE = "ignorer";

export interface ColumnMatch {
  /** 0-based column index in the sheet. */
  index: number;
  header: string;
  field: string;
  /** Set on a second column mapped to the same field (ASH is listed twice in Annex 1). */
  repeatOf?: number;
}

/** A header that reads like a location field but names something else (birth commune, e-mail). */
export interface SuspiciousHeader {
  header: string;
  field: string;
  label: string;
  /** The analyst's mapping file put it on the field anyway. */
  mapped: boolean;
}

export interface HeaderMatch {
  columns: ColumnMatch[];
  suspicious: SuspiciousHeader[];
  /** Headers kept out of the data, by name only. */
  dropped: string[];
  /** Number of dataset fields (not location columns) recognised: used to recognise the dataset. */
  fieldHits: number;
}

const PERSONAL_TOKENS = new Set(
  [
    "prenom",
    "nir",
    "insee",
    "secu",
    "securite",
    "telephone",
    "tel",
    "portable",
    "mail",
    "courriel",
    "email",
    "nom",
    "patronyme",
    "iban",
    "rib",
  ].map((t) => headerTokens(t)[0]),
);
// "nom de la rue", "nom de la commune" are locations, not names of people.
const NAME_CONTEXT = new Set(
  ["rue", "voie", "commune", "departement", "territoire", "ville"].map((t) => headerTokens(t)[0]),
);

/**
 * Words that make a location header mean another place or thing: « Commune de naissance »,
 * « Adresse électronique », « Adresse 2 », « Ville de l'employeur ». Only location fields
 * care: « Date de naissance » is a field of its own.
 */
const QUALIFIER_TOKENS = new Set(
  [
    "naissance",
    "natal",
    "origine",
    "electronique",
    "mail",
    "courriel",
    "email",
    "web",
    "employeur",
    "travail",
    "professionnelle",
    "precedente",
    "ancienne",
    "secondaire",
    "second",
    "deuxieme",
    "2",
    "bis",
    "facturation",
    "parent",
    "tuteur",
    "deces",
  ].map((t) => headerTokens(t)[0]),
);
const LOCATION_FIELDS = new Set([
  "address",
  "address.number",
  "address.streetType",
  "address.street",
  "address.postcode",
  "communeLabel",
  "iris",
]);

function qualified(header: string): boolean {
  return headerTokens(header).some((t) => QUALIFIER_TOKENS.has(t));
}

export function looksPersonal(header: string): boolean {
  const tokens = headerTokens(header);
  if (tokens.some((t) => NAME_CONTEXT.has(t))) return false;
  return tokens.some((t) => PERSONAL_TOKENS.has(t));
}

export function structureOf(schema: DatasetSchema): FieldSpec[] {
  return schema.kind === "individual" ? individualStructure : aggregateStructure;
}

const normalizedVariants = new WeakMap<FieldSpec, Set<string>>();
function variantsOf(spec: FieldSpec): Set<string> {
  let set = normalizedVariants.get(spec);
  if (!set) {
    set = new Set([spec.name, ...(spec.variants ?? [])].map(normalizeHeader));
    normalizedVariants.set(spec, set);
  }
  return set;
}

function keywordScore(spec: FieldSpec, tokens: Set<string>): number {
  if (!spec.keywords?.length) return 0;
  const has = (keyword: string) => headerTokens(keyword).every((t) => tokens.has(t));
  if (spec.exclude?.some(has)) return 0;
  for (const group of spec.keywords) if (!group.some(has)) return 0;
  return spec.keywords.length;
}

function matchOne(
  header: string,
  specs: FieldSpec[],
  mapping: Map<string, string>,
  suspicious: SuspiciousHeader[],
): string | null {
  const key = normalizeHeader(header);
  if (!key) return null;
  const label = (name: string) => specs.find((s) => s.name === name)?.label ?? name;
  const mapped = mapping.get(key);
  if (mapped !== undefined) {
    if (mapped !== IGNORE && LOCATION_FIELDS.has(mapped) && qualified(header))
      suspicious.push({ header, field: mapped, label: label(mapped), mapped: true });
    return mapped === IGNORE ? null : mapped;
  }
  const exact = specs.find((s) => variantsOf(s).has(key));
  if (exact && !looksPersonal(header)) return exact.name;
  const guess = keywordMatch(header, specs);
  if (guess && LOCATION_FIELDS.has(guess) && (qualified(header) || looksPersonal(header))) {
    suspicious.push({ header, field: guess, label: label(guess), mapped: false });
    return null;
  }
  if (looksPersonal(header)) return null;
  return guess;
}

function keywordMatch(header: string, specs: FieldSpec[]): string | null {
  const tokens = new Set(headerTokens(header));
  let best: string | null = null;
  let bestScore = 0;
  let tie = false;
  for (const spec of specs) {
    const score = keywordScore(spec, tokens);
    if (score > bestScore) [best, bestScore, tie] = [spec.name, score, false];
    else if (score > 0 && score === bestScore) tie = true;
  }
  return tie ? null : best;
}

export function matchHeaders(
  headerRow: unknown[],
  schema: DatasetSchema,
  mapping: Record<string, string> = {},
): HeaderMatch {
  const specs = [...structureOf(schema), ...schema.fields];
  const known = new Set(specs.map((s) => s.name));
  const map = new Map(Object.entries(mapping).map(([k, v]) => [normalizeHeader(k), v]));
  const columns: ColumnMatch[] = [];
  const dropped: string[] = [];
  const suspicious: SuspiciousHeader[] = [];
  const first = new Map<string, number>();
  headerRow.forEach((cell, index) => {
    const header = cell === null || cell === undefined ? "" : String(cell).trim();
    if (!header) return;
    const field = matchOne(header, specs, map, suspicious);
    if (!field || !known.has(field)) {
      dropped.push(header);
      return;
    }
    const repeatOf = first.get(field);
    if (repeatOf === undefined) first.set(field, index);
    columns.push({ index, header, field, ...(repeatOf !== undefined ? { repeatOf } : {}) });
  });
  const fieldNames = new Set(schema.fields.map((f) => f.name));
  const fieldHits = new Set(columns.filter((c) => fieldNames.has(c.field)).map((c) => c.field)).size;
  return { columns, dropped, fieldHits, suspicious };
}

/**
 * French notes naming both headers: the one not read (or read only because the mapping file
 * says so) and the one kept. A mapping that puts such a header on a field another column
 * names exactly contradicts the order of confidence: the file is refused.
 */
export function suspiciousMappings(match: HeaderMatch, file: string, schema: DatasetSchema): string[] {
  return match.suspicious.map((s) => {
    const kept = match.columns.find((c) => c.field === s.field && c.header !== s.header);
    if (s.mapped && kept && exactlyNames(kept.header, s.field, schema))
      throw new InputError(
        `${file} : le fichier de correspondance lit « ${s.header} » comme ${s.label}, alors que la colonne « ${kept.header} » porte exactement ce nom et que « ${s.header} » désigne autre chose (règle correspondance-contradictoire). Corrigez le fichier de correspondance.`,
        file,
        "correspondance-contradictoire",
      );
    if (s.mapped)
      return `« ${s.header} » est lue comme ${s.label} parce que le fichier de correspondance le demande, bien que son titre désigne autre chose${kept ? ` (« ${kept.header} » est aussi présente)` : ""}.`;
    return `« ${s.header} » n'est pas lue comme ${s.label} : son titre désigne autre chose ; ${kept ? `« ${kept.header} » est retenue` : "aucune autre colonne ne la donne"}.`;
  });
}

function exactlyNames(header: string, field: string, schema: DatasetSchema): boolean {
  const spec = [...structureOf(schema), ...schema.fields].find((s) => s.name === field);
  return spec !== undefined && variantsOf(spec).has(normalizeHeader(header));
}
