import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "./paths.ts";

/** A village or former commune that addresses name instead of the commune ("LES MILLES"). */
export interface Village {
  name: string;
  postcode: string;
  /** IRIS codes that lie in the village. */
  iris: string[];
}

export interface TerritoryConfig {
  commune: string;
  communeName: string;
  departement: string;
  departementName: string;
  /** Other spellings of the commune in addresses ("ST REMY", "ST REMY DE PCE"); the name itself is always known. */
  aliases?: string[];
  /** Villages and former communes an address may name instead of the commune. */
  villages?: Village[];
  /**
   * Postcode -> IRIS codes (or code prefixes) it serves, when the commune has several; the
   * postcode left out serves the other IRIS. Only the fictitious address reference needs it:
   * the BAN carries each address's postcode.
   */
  postcodes?: Record<string, string[]>;
  /**
   * The quartiers as residents name them, with the IRIS they cover: neither the INSEE tables nor
   * the IRIS names give them (Jas de Bouffan is IRIS « Jas 1 » to « Jas 6 »). Offered by the
   * site's search box.
   */
  quartiers?: { name: string; iris: string[] }[];
}

/** data/observatory.json: the only place that names the territory observed. */
export interface ObservatoryConfig {
  territory: TerritoryConfig;
  /** The CCAS publishing the site: its name and postal address (legal notice, accessibility, contact). */
  ccas: { name: string; address: string };
  secrecy: { threshold: number; minPopulation: number };
  /** `departement`: the mention the local convention requires under the Département's data. */
  sources: { departement: string };
  sample: { seed: number; years: number[] };
}

export const configPath = (): string => join(dataDir, "observatory.json");

/** Read once per process: every stage of a build sees the same territory. */
let cached: ObservatoryConfig | null = null;

export function readObservatoryConfig(): ObservatoryConfig {
  cached ??= JSON.parse(readFileSync(configPath(), "utf8")) as ObservatoryConfig;
  return cached;
}
