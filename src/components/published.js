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
