import type { Level } from "../../contracts.ts";

/** Individual files are geocoded to the IRIS of Aix and counted by commune elsewhere. */
export const individualLevels: Level[] = ["iris", "commune", "departement"];
/** Aggregated files come as one line for the commune and one for the département. */
export const aggregatedLevels: Level[] = ["commune", "departement"];

export const firstYear = { from: 2015 };
