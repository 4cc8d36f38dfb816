/** Public face of the reference stage: what other stages and the build may import. */
export { resolveReferenceDir, projectRoot } from "./resolve.ts";
export {
  readIrisContours,
  communeOfArrondissement,
  type IrisCollection,
  type IrisProperties,
} from "./iris-contours.ts";
export { createIrisLocator, type IrisLocator, type IrisLocation } from "./iris-locator.ts";
export { readIrisPopulation, type IrisPopulation, type IrisPopulationTable } from "./population.ts";
export {
  loadDenominators,
  DENOMINATOR_MEASURES,
  type DenominatorMeasure,
  type ReferenceDenominators,
} from "./denominators.ts";
export {
  communesOfDepartement,
  communeCodeFromLabel,
  communeCodeFromPostcode,
  normalizeCommuneLabel,
  legalPopulationVintage,
  type CommuneInfo,
} from "./communes.ts";
export { readCommuneOutlines, readDepartementOutline, type OutlineCollection } from "./outlines.ts";
export { buildTopology, type Topology, type TopologyOptions } from "./topology.ts";
export { readFilosofiIris, filosofiYears } from "./filosofi.ts";
export { readCafIris, cafYears } from "./caf.ts";
export { readIrisHousing, readIrisHouseholdPersons } from "./housing.ts";
export { readIrisList, type IrisEntry } from "./iris-list.ts";
export type { IrisValues } from "./iris-table.ts";
export { referenceSources, OPEN_LICENCE, type ReferenceSource } from "./sources.ts";
export { referenceFetchCommand, fetchEntry, readManifest, type Manifest, type ManifestEntry } from "./fetch.ts";
