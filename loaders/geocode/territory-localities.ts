/**
 * The names, villages and postcodes of the observed commune, from data/observatory.json and
 * @etalab/decoupage-administratif. A CCAS's addresses name a village or a former commune as
 * often as the commune itself; each has its postcode.
 */
import { createRequire } from "node:module";
import { readObservatoryConfig, type TerritoryConfig, type Village } from "../config.ts";
import { normalizeText } from "./normalize.ts";

export type { Village } from "../config.ts";

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  commune?: string;
  codesPostaux?: string[];
}

export interface TerritoryLocalities {
  /** INSEE code of the commune (Marseille: 13055). */
  commune: string;
  /** The commune's name as written in addresses, normalised, with its configured aliases. */
  names: string[];
  villages: readonly Village[];
  /** Postcode of the commune -> the village it designates ("" = the commune itself). */
  villageOfPostcode: Record<string, string>;
  /** INSEE codes of the municipal arrondissements (Marseille: 13201-13216), else empty. */
  arrondissements: string[];
  /** Postcode of an IRIS of the commune, for the fictitious reference (the BAN carries its own). */
  postcodeOfIris(iris: string): string;
}

function etalabCommunes(): EtalabCommune[] {
  return createRequire(import.meta.url)("@etalab/decoupage-administratif/data/communes.json") as EtalabCommune[];
}

export function buildTerritoryLocalities(territory: TerritoryConfig): TerritoryLocalities {
  const all = etalabCommunes();
  const own = all.find((c) => c.code === territory.commune && c.type === "commune-actuelle");
  const arrondissements = all.filter((c) => c.type === "arrondissement-municipal" && c.commune === territory.commune);
  const postcodes = own?.codesPostaux ?? [];
  const served = territory.postcodes ?? {};
  const villages = territory.villages ?? [];
  // The postcode no IRIS list claims serves the rest of the commune.
  const rest = postcodes.find((p) => !(p in served)) ?? postcodes[0] ?? "";
  const villageOfPostcode: Record<string, string> = {};
  for (const postcode of postcodes) {
    const irisOf = served[postcode];
    // A postcode designates a village when every IRIS it serves lies in that village.
    const village = villages.find(
      (v) =>
        v.postcode === postcode &&
        (irisOf ? irisOf.every((code) => v.iris.includes(code)) : postcode !== rest || postcodes.length === 1),
    );
    villageOfPostcode[postcode] = village?.name ?? "";
  }
  const postcodeOfIris = (iris: string): string => {
    let best = "";
    let bestLength = 0;
    for (const [postcode, codes] of Object.entries(served))
      for (const code of codes)
        if (iris.startsWith(code) && code.length > bestLength) [best, bestLength] = [postcode, code.length];
    if (best) return best;
    const arrondissement = arrondissements.find((a) => iris.startsWith(a.code));
    return arrondissement?.codesPostaux?.[0] ?? rest;
  };
  const names = [...new Set([normalizeText(territory.communeName), ...(territory.aliases ?? []).map(normalizeText)])];
  return {
    commune: territory.commune,
    names,
    villages,
    villageOfPostcode,
    arrondissements: arrondissements.map((a) => a.code),
    postcodeOfIris,
  };
}

let current: TerritoryLocalities | null = null;

/** The configured commune's localities (data/observatory.json, read once per process). */
export function territoryLocalities(): TerritoryLocalities {
  current ??= buildTerritoryLocalities(readObservatoryConfig().territory);
  return current;
}
