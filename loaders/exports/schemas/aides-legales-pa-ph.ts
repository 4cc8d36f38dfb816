import type { DatasetSchema } from "../schema.ts";
import { countRange } from "./count-range.ts";

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
    {
      name: "ashElderly",
      label: "bénéficiaires ASH",
      type: "integer",
      keywords: [ASH],
      exclude: [...MEN, ...WOMEN, ...ACTP_PCH],
      range: countRange,
    },
    {
      name: "ashElderlyMen",
      label: "bénéficiaires ASH, hommes",
      type: "integer",
      keywords: [ASH, MEN],
      exclude: [...WOMEN, ...ACTP_PCH],
      range: countRange,
    },
    {
      name: "ashElderlyWomen",
      label: "bénéficiaires ASH, femmes",
      type: "integer",
      keywords: [ASH, WOMEN],
      exclude: [...MEN, ...ACTP_PCH],
      range: countRange,
    },
    {
      name: "actpPch",
      label: "bénéficiaires ACTP ou PCH",
      type: "integer",
      keywords: [ACTP_PCH],
      exclude: [...MEN, ...WOMEN, "moins", "plus", ...ASH],
      range: countRange,
    },
    {
      name: "actpPchMen",
      label: "bénéficiaires ACTP ou PCH, hommes",
      type: "integer",
      keywords: [ACTP_PCH, MEN],
      exclude: [...WOMEN, "moins", "plus", ...ASH],
      range: countRange,
    },
    {
      name: "actpPchWomen",
      label: "bénéficiaires ACTP ou PCH, femmes",
      type: "integer",
      keywords: [ACTP_PCH, WOMEN],
      exclude: [...MEN, "moins", "plus", ...ASH],
      range: countRange,
    },
    {
      name: "actpPchUnder40",
      label: "bénéficiaires ACTP ou PCH de moins de 40 ans",
      type: "integer",
      keywords: [ACTP_PCH, ["moins"]],
      exclude: ["plus", ...ASH],
      range: countRange,
    },
    {
      name: "actpPch40Plus",
      label: "bénéficiaires ACTP ou PCH de 40 ans ou plus",
      type: "integer",
      keywords: [ACTP_PCH, ["plus"]],
      exclude: ["moins", ...ASH],
      range: countRange,
    },
  ],
};
