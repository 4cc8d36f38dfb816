/**
 * Shared vocabulary of the pipeline. Every stage speaks these types, so that stages written
 * apart fit together: exports -> geocode -> records -> indicators -> disclosure -> publish.
 * Individual rows (ExportRow, PrivateRecord) never leave loaders/.
 */

/** The six files of Annex 1 of the convention (ad-hoc datasets may be added: Article 2). */
export type DatasetId =
  | "apa-domicile"
  | "assistantes-maternelles"
  | "certificats-8e-jour"
  | "aides-financieres"
  | "aides-legales-pa-ph"
  | "ase"
  | (string & {});

export type Level = "iris" | "commune" | "departement";
export type FieldValue = string | number | boolean | null;

/** Where a row was read, to name it in every message (file, sheet, 1-based row, column). */
export interface RowLocation {
  file: string;
  sheet?: string;
  row: number;
}

/** One rejected row or cell: French message, never the personal value itself. */
export interface Rejection extends RowLocation {
  column: string;
  rule: string;
  message: string;
  severity: "error" | "warning";
}

/** The fate of every input row: read = kept + sum(rejected) + duplicates + ignored + notGeocoded. */
export interface RowAccount {
  read: number;
  kept: number;
  rejected: Record<string, number>;
  duplicates: number;
  ignored: number;
  notGeocoded: number;
}

/** An address as found in an export: one cell, or split over several columns. */
export interface RawAddress {
  full?: string;
  number?: string;
  street?: string;
  postcode?: string;
  commune?: string;
}

/** One individual row as read and validated, before geocoding. Lives only in memory. */
export interface ExportRow extends RowLocation {
  identifier: string | null;
  address: RawAddress | null;
  /** Protocol 1 return: the IRIS given by the partner instead of an address. */
  iris?: string | null;
  /** Commune label or code as given (département-wide rows), before mapping to INSEE. */
  communeLabel?: string | null;
  /** Canonical schema fields, typed (dates as ISO yyyy-mm-dd strings). */
  fields: Record<string, FieldValue>;
}

export type MatchType =
  | "exact"
  | "interpolated"
  /** Placed on a number, but something was guessed (street type, first name, range, words dropped): never certain. */
  | "approximate"
  /** The cell gave several addresses ("34 rue A ou 13 rue B"): the first one was placed, never certain. */
  | "alternative"
  | "street"
  | "lieu-dit"
  | "forced"
  | "ambiguous"
  | "not-found"
  /** Outside the observed commune: counted by commune (name or postcode), not geocoded. */
  | "commune";

export interface GeocodeResult {
  iris: string | null;
  /** INSEE code of the commune, null when unknown. */
  commune: string | null;
  matchType: MatchType;
  /** 0..1, 1 = exact. */
  score: number;
  /** Exact number, or interpolated within the stated distance. */
  certain: boolean;
}

/**
 * One de-identified record of the private store: no address, no identifier, no birth date
 * (ages at the observation date replace it). Never published.
 */
export interface PrivateRecord {
  dataset: DatasetId;
  year: number;
  /** ISO date of observation (e.g. 2015-12-31). */
  observationDate: string;
  iris: string | null;
  /** INSEE commune code; Marseille as 13055. null when not placed at all. */
  commune: string | null;
  matchType: MatchType;
  fields: Record<string, FieldValue>;
}

/**
 * One aggregated cell before disclosure control. `contributors` is the number of
 * individuals (or of contributors, e.g. childminders behind an amount of places):
 * the secrecy threshold applies to it.
 */
export interface Cell {
  indicator: string;
  year: number;
  level: Level;
  code: string;
  /** "" on the total row. */
  breakdown: string;
  category: string;
  value: number | null;
  unit: "count" | "amount" | "rate" | "share" | "evolution" | (string & {});
  contributors: number | null;
  /** For rates and shares: the cells they are computed from (keys, see cellKey). */
  inputs?: string[];
}

/** A cell after disclosure control: a single flag, never primary vs secondary. */
export interface PublishedCell extends Omit<Cell, "contributors" | "inputs"> {
  secret: boolean;
}

export const cellKey = (c: Pick<Cell, "indicator" | "year" | "level" | "code" | "breakdown" | "category">): string =>
  [c.indicator, c.year, c.level, c.code, c.breakdown, c.category].join("|");

/**
 * A linear relation the published tables make visible: total = sum(parts) (+ hidden rest
 * when `complete` is false, e.g. rows not placed in an IRIS and not published).
 */
export interface SumRelation {
  total: string;
  parts: string[];
  complete: boolean;
}

/** Thrown for bad input: a French message that names file, row, column and rule. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly rule: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = "InputError";
  }
}

/**
 * Canonical field names of the private store, per dataset (the schemas of loaders/exports map
 * the partners' French headers onto them). Individual datasets keep one record per person;
 * the birth date becomes `age` (whole years at the observation date) and is then dropped.
 */
export interface ApaFields {
  sex: "F" | "M";
  age: number;
  /** Situation familiale: true = personne isolée. */
  livingAlone: boolean;
  gir: 1 | 2 | 3 | 4;
}
export interface ChildminderFields {
  placesTotal: number | null;
  placesUnder3: number | null;
  places3Plus: number | null;
  childrenUnder3: number | null;
  children3Plus: number | null;
}
export interface BirthCertificateFields {
  motherAge: number | null;
  birthRank: number | null;
}
/** Aggregated files of Annex 1: one line for the commune, one for the département. */
export interface FinancialAidFields {
  faj: number | null;
  fslTotal: number | null;
  fslAccess: number | null;
  fslUpkeep: number | null;
}
export interface LegalAidFields {
  ashElderly: number | null;
  ashElderlyMen: number | null;
  ashElderlyWomen: number | null;
  actpPch: number | null;
  actpPchMen: number | null;
  actpPchWomen: number | null;
  actpPchUnder40: number | null;
  actpPch40Plus: number | null;
}
export interface ChildWelfareFields {
  reports: number | null;
  followedAtHome: number | null;
  inCare: number | null;
  placedByJudge: number | null;
  monthlyAllowances: number | null;
}

/** One line of an aggregated file (aides financières, aides légales PA/PH, ASE). */
export interface AggregateRecord {
  dataset: DatasetId;
  year: number;
  observationDate: string;
  level: "commune" | "departement";
  /** INSEE commune code, or "13" for the département. */
  code: string;
  fields: Record<string, number | null>;
}

/** Dates and vintages of one dataset and year, carried to every source line. */
export interface DatasetEdition {
  dataset: DatasetId;
  year: number;
  observationDate: string;
  /** Partner's date of last update (Article 6), ISO. */
  lastUpdate: string | null;
  /** True for the project's synthetic samples: every page then says the data is fictitious. */
  synthetic: boolean;
}

/** A reference denominator or context value, with its provenance. */
export interface ReferenceValue {
  value: number | null;
  /** e.g. "INSEE RP 2016"; the producer and vintage shown on the page. */
  source: string;
  vintage: number;
  /** Set when INDICATORS.md allows an approximation: said on the page. */
  approximation?: string;
}

/** Denominators by level and code: null value = unknown (never zero). */
export interface Denominators {
  get(measure: string, level: Level, code: string, year: number): ReferenceValue | null;
}
