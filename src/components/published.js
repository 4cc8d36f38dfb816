// @ts-check
// Published files that components read themselves, so that a page adds a search box or
// orientation outlines without one more line of its own. Paths are static (Framework copies
// only the files it sees referenced) and relative to this module.
import { FileAttachment } from "observablehq:stdlib";
import * as topojson from "topojson-client";

/** @typedef {import("./types.js").PublishedPlace} PublishedPlace */
/** @typedef {import("./types.js").ZoneFeature} ZoneFeature */

/** @type {Promise<PublishedPlace[]> | null} */
let places = null;
/** @type {Promise<ZoneFeature[]> | null} */
let communes = null;

/** lieux.json: IRIS, quartiers, villages and streets with their IRIS (public references only). */
export function loadPlaces() {
  return (places ??= FileAttachment("../data/observatoire/lieux.json").json());
}

/** The communes of the département, for orientation around the commune's IRIS. */
export function loadCommunes() {
  return (communes ??= FileAttachment("../data/observatoire/communes-13.json")
    .json()
    .then((topology) => topojson.feature(topology, topology.objects.communes).features)
    .catch(() => []));
}

/** @type {Promise<ZoneFeature[]> | null} */
let arrondissements = null;

/**
 * The municipal arrondissements (Marseille), merged from the IRIS of iris.json that carry
 * their code, named by the catalogue; empty for a commune without them.
 * @param {{code: string, name: string}[] | undefined} named catalogue.territory.arrondissements
 */
export function loadArrondissements(named) {
  if (!named?.length) return Promise.resolve([]);
  return (arrondissements ??= FileAttachment("../data/observatoire/iris.json")
    .json()
    .then((topology) => arrondissementFeatures(topology, named))
    .catch(() => []));
}

/**
 * One feature per arrondissement: its IRIS merged (their shared borders dissolve).
 * @param {any} topology the IRIS topology (objects.iris, each geometry with properties.arrondissement)
 * @param {{code: string, name: string}[]} named
 * @returns {ZoneFeature[]}
 */
export function arrondissementFeatures(topology, named) {
  const geometries = topology?.objects?.iris?.geometries ?? [];
  return named.flatMap(({ code, name }) => {
    const parts = geometries.filter((/** @type {any} */ g) => g.properties?.arrondissement === code);
    return parts.length
      ? [
          {
            type: /** @type {const} */ ("Feature"),
            properties: { code, name },
            geometry: topojson.merge(topology, parts),
          },
        ]
      : [];
  });
}
