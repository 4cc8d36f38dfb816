import type { DatasetSchema } from "../schema.ts";
import { countField } from "./count-range.ts";

const ASH = ["ash", "hebergement"];
const ACTP_PCH = ["actp", "pch", "compensatrice", "compensation"];
const MEN = ["homme", "h", "masculin"];
const WOMEN = ["femme", "f", "feminin"];

/**
 * Aides légales PA/PH: one line for the commune, one for the département. Annex 1 lists the
 * three ASH columns twice: a repeated column is read once and checked against the first.
 */
export const aidesLegalesPaPh: DatasetSchema = {
  id: "aides-legales-pa-ph",
  label: "Aides légales personnes âgées / personnes handicapées",
  kind: "aggregate",
  fields: [
    countField("ashElderly", "bénéficiaires ASH", { keywords: [ASH], exclude: [...MEN, ...WOMEN, ...ACTP_PCH] }),
    countField("ashElderlyMen", "bénéficiaires ASH, hommes", {
      keywords: [ASH, MEN],
      exclude: [...WOMEN, ...ACTP_PCH],
    }),
    countField("ashElderlyWomen", "bénéficiaires ASH, femmes", {
      keywords: [ASH, WOMEN],
      exclude: [...MEN, ...ACTP_PCH],
    }),
    countField("actpPch", "bénéficiaires ACTP ou PCH", {
      keywords: [ACTP_PCH],
      exclude: [...MEN, ...WOMEN, "moins", "plus", ...ASH],
    }),
    countField("actpPchMen", "bénéficiaires ACTP ou PCH, hommes", {
      keywords: [ACTP_PCH, MEN],
      exclude: [...WOMEN, "moins", "plus", ...ASH],
    }),
    countField("actpPchWomen", "bénéficiaires ACTP ou PCH, femmes", {
      keywords: [ACTP_PCH, WOMEN],
      exclude: [...MEN, "moins", "plus", ...ASH],
    }),
    countField("actpPchUnder40", "bénéficiaires ACTP ou PCH de moins de 40 ans", {
      keywords: [ACTP_PCH, ["moins"]],
      exclude: ["plus", ...ASH],
    }),
    countField("actpPch40Plus", "bénéficiaires ACTP ou PCH de 40 ans ou plus", {
      keywords: [ACTP_PCH, ["plus"]],
      exclude: ["moins", ...ASH],
    }),
  ],
};
