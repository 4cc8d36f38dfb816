/**
 * Shared vocabulary of the pipeline. Every stage speaks these types, so that stages written
 * apart fit together: exports -> geocode -> records -> indicators -> disclosure -> publish.
 * Individual rows (ExportRow, PrivateRecord) never leave loaders/.
 */

/** The six files of Annex 1 of the convention, in the annex's order. */
export const ANNEX1_DATASETS = [
  "apa-domicile",
  "assistantes-maternelles",
  "certificats-8e-jour",
  "aides-financieres",
  "aides-legales-pa-ph",
  "ase",
] as const;

export type Annex1DatasetId = (typeof ANNEX1_DATASETS)[number];

/**
 * A dataset added by an ad-hoc request (Article 2), made by adHocDatasetId(). Branded rather
 * than `string`: with `string` in the union, a typo ("apa-domicle") would type-check and a
 * switch over the Annex 1 ids could never be proven exhaustive; the brand keeps the six ids a
 * closed union while ad-hoc ids stay possible, each one named on purpose.
 */
export type AdHocDatasetId = string & { readonly adHocDataset: true };

export type DatasetId = Annex1DatasetId | AdHocDatasetId;

const ANNEX1_DATASET_IDS: ReadonlySet<string> = new Set(ANNEX1_DATASETS);

const isAnnex1Dataset = (id: string): id is Annex1DatasetId => ANNEX1_DATASET_IDS.has(id);

/** The id of an ad-hoc dataset: lower-case words joined by hyphens, none of the Annex 1 ids. */
export function adHocDatasetId(id: string): AdHocDatasetId {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || isAnnex1Dataset(id))
    throw new Error(
      `Jeu de données ad hoc « ${id} » : identifiant en minuscules et tirets, autre que ceux de l'annexe 1.`,
    );
  return id as AdHocDatasetId;
}

/** "arrondissement": the municipal arrondissements of Marseille (Lyon, Paris), between IRIS and commune. */
export type Level = "iris" | "arrondissement" | "commune" | "departement";

/**
 * Whether the addresses were placed on the fictitious reference (the sample's only), and
 * with which street names: the commune's real FANTOIR names, or invented ones when the
 * reference directory has none. The site says which.
 */
export type FictitiousGeography = false | "real-street-names" | "invented-street-names";
export type FieldValue = string | number | boolean | null;

/** Where a row was read, to name it in every message (file, sheet, 1-based row, column). */
export interface RowLocation {
  file: string;
  sheet?: string;
  row: number;
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
  /** Between two numbers far apart or in different IRIS, or beyond the last known one: never certain. */
  | "estimated"
  /** Placed on a number, but something was guessed (street type, first name, range, words dropped): never certain. */
  | "approximate"
  /** A range or list of numbers ("6-8", "27 29 31") on a recognised street: the first one placed, never certain. */
  | "range"
  /** The cell gave several addresses ("34 rue A ou 13 rue B"): the first one was placed, never certain. */
  | "alternative"
  /** No postcode nor village: the city's street presumed over a namesake in a village, never certain. */
  | "presumed"
  /** Several streets possible, all in one IRIS at that number: the IRIS is placed, not the street. */
  | "shared-iris"
  | "street"
  | "lieu-dit"
  | "forced"
  | "ambiguous"
  | "not-found"
  /** Outside the observed commune: counted by commune (name or postcode), not geocoded. */
  | "commune";

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

/** What a cell's value counts: people, an amount (places, allowances), or a derived figure. */
export type CellUnit = "count" | "amount" | "rate" | "share" | "evolution";

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
  unit: CellUnit;
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

/** The zone ("level|code") of a cell key: a breakdown of one zone shares it with its total. */
export const zoneOfCellKey = (key: string): string => key.split("|").slice(2, 4).join("|");

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
  /** Set when docs/INDICATORS.md allows an approximation: said on the page. */
  approximation?: string;
}

/** Denominators by level and code: null value = unknown (never zero). */
export interface Denominators {
  get(measure: string, level: Level, code: string, year: number): ReferenceValue | null;
}
