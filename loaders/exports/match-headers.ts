/**
 * Maps a partner's header row onto canonical fields. Order of trust: the analyst's mapping
 * file, then exact variants, then keywords (most specific match wins, ties stay unmapped).
 * Columns that look personal (name, NIR, phone...) are never mapped, whatever they match.
 */
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

export interface HeaderMatch {
  columns: ColumnMatch[];
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

function matchOne(header: string, specs: FieldSpec[], mapping: Map<string, string>): string | null {
  const key = normalizeHeader(header);
  if (!key) return null;
  const mapped = mapping.get(key);
  if (mapped !== undefined) return mapped === IGNORE ? null : mapped;
  if (looksPersonal(header)) return null;
  const exact = specs.find((s) => variantsOf(s).has(key));
  if (exact) return exact.name;
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
  const first = new Map<string, number>();
  headerRow.forEach((cell, index) => {
    const header = cell === null || cell === undefined ? "" : String(cell).trim();
    if (!header) return;
    const field = matchOne(header, specs, map);
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
  return { columns, dropped, fieldHits };
}
