/**
 * The files the pipeline publishes for the pages, declared once: the pipeline builds them with
 * these types and the browser components (src/components/, JSDoc) read them with the same
 * ones, so a renamed field breaks `npm run typecheck` instead of a page.
 */
import type { FictitiousGeography, PublishedCell } from "../contracts.ts";
import type { ObservatoryConfig } from "../config.ts";
import type { CellSelector, IndicatorUnit } from "../indicators/types.ts";
import type { PublishedCommentaryEntry } from "./commentary-publication.ts";
import type { VisualDefinition } from "./visuals.ts";

export type { PublishedCell, IndicatorUnit, VisualDefinition, PublishedCommentaryEntry };

/** One year of an indicator in catalogue.json: what its source line says. */
export interface CatalogueEdition {
  sources: string[];
  observationDate: string | null;
  lastUpdate: string | null;
  denominatorVintages: string[];
  approximations: string[];
  rounding: string | null;
}

export interface CatalogueIndicator {
  label: string;
  definition: string;
  unit: IndicatorUnit;
  /** A rate's base (per 100, per 1,000 inhabitants): what its unit says on the pages. */
  per?: number;
  theme: string;
  years: number[];
  editions: Record<number, CatalogueEdition>;
}

/** catalogue.json. */
export interface PageCatalogue {
  synthetic: boolean;
  fictitiousGeography: FictitiousGeography;
  /** The configured territory, with the French phrases the pages need ("d'Arles", "au Tholonet"). */
  territory: ObservatoryConfig["territory"] & {
    ofCommune: string;
    inCommune: string;
    irisCount: number;
    /** The commune's municipal arrondissements (Marseille), a level of the maps and comparisons; absent elsewhere. */
    arrondissements?: { code: string; name: string }[];
  };
  ccas: ObservatoryConfig["ccas"];
  sources: ObservatoryConfig["sources"];
  secrecy: ObservatoryConfig["secrecy"];
  geocoding: { rows: number; byMatchType: Record<string, number | undefined> };
  indicators: Record<string, CatalogueIndicator>;
}

/** ratios.json: how each rate is computed. */
export type PublishedRatios = Record<
  string,
  { kind: "ratio"; numerator: CellSelector; denominator: CellSelector; per: number }
>;

/** commentary.json: visual -> year -> rendered commentary. */
export type PublishedCommentary = Record<string, Record<number, PublishedCommentaryEntry>>;

/** lieux.json: the names a reader can search, each with the IRIS it designates. */
export interface PublishedPlace {
  name: string;
  /** iris, quartier, village, voie, lieu-dit */
  kind: string;
  iris: string[];
}
