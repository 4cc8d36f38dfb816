// Types of the published files, shared with the pipeline (loaders/publish/published-files.ts),
// for the components' JSDoc: `@typedef {import("./types.js").PageCatalogue} PageCatalogue`.
export type {
  CatalogueEdition,
  CatalogueIndicator,
  IndicatorUnit,
  PageCatalogue,
  PublishedCell,
  PublishedCommentary,
  PublishedCommentaryEntry,
  PublishedPlace,
  PublishedRatios,
  VisualDefinition,
} from "../../loaders/publish/published-files.ts";

/** A zone of a map: a GeoJSON feature (rewound at build) with its code and name. */
export interface ZoneFeature {
  type: "Feature";
  properties: { code: string; name: string };
  geometry: import("geojson").Geometry;
}

/** A row of the Atelier (atelier.json, dev and review editions only). */
export type { WorkshopRow } from "../../loaders/publish/workshop.ts";
