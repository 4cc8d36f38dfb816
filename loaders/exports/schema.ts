/**
 * Declarative schema of one Annex 1 file: canonical fields (names of loaders/contracts.ts),
 * the headers partners use for them, their type and domain rules. Adding an ad-hoc dataset
 * (Article 2) is one more schema passed to registerSchema.
 */
import type { DatasetId, FieldValue } from "../contracts.ts";

export type FieldType = "integer" | "date" | "sex" | "gir" | "livingAlone" | "text";

export interface RangeRule {
  min?: number;
  max?: number;
  /** Rule id counted in the account (French, kebab-case). */
  rule: string;
  /** French message, never quoting the value. */
  message: string;
}

export interface FieldSpec {
  /** Canonical name of the field in the private store (camelCase English, e.g. livingAlone). */
  name: string;
  /** French label used in messages and reports. */
  label: string;
  type: FieldType;
  /** Headers recognised exactly (after normalisation). */
  variants?: string[];
  /** Every group must contribute one token of the header; more groups = more specific. */
  keywords?: string[][];
  /** Tokens that forbid the keyword match (e.g. "place" for children counts). */
  exclude?: string[];
  /** The column must be present, or the file is unusable. */
  requiredColumn?: boolean;
  /** A blank cell rejects the row (rule "valeur-manquante"); otherwise it becomes null. */
  mandatory?: boolean;
  range?: RangeRule;
  /** For birth dates: age in whole years at the observation date. */
  ageAtObservation?: RangeRule;
}

export interface RowRule {
  rule: string;
  severity: "error" | "warning";
  /** Column named in the message (canonical field). */
  column: string;
  message: string;
  /** True when the row breaks the rule; only called with the row's typed fields. */
  violated(fields: Record<string, FieldValue>): boolean;
}

export interface DatasetSchema {
  id: DatasetId;
  /** French name shown to analysts. */
  label: string;
  /** Individual rows (geocoded) or one line per territory (commune, département). */
  kind: "individual" | "aggregate";
  fields: FieldSpec[];
  rowRules?: RowRule[];
}
