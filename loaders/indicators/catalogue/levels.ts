import type { Level } from "../../contracts.ts";

/**
 * Individual files are geocoded to the IRIS of the observed commune (summed by municipal
 * arrondissement where the commune has them) and counted by commune elsewhere.
 */
export const individualLevels: Level[] = ["iris", "arrondissement", "commune", "departement"];
/** Aggregated files come as one line for the commune and one for the département. */
export const aggregatedLevels: Level[] = ["commune", "departement"];

export const firstYear = { from: 2015 };

/**
 * Shares of rare classes (mothers under 20 or aged 40 and over: a few per cent of births) rest
 * on 1 to 4 births in most IRIS: an IRIS map of them would be hatched almost everywhere, and
 * each published IRIS share would narrow its secret neighbours. Published for the commune and
 * the département only.
 */
export const rareClassLevels: Level[] = ["commune", "departement"];
