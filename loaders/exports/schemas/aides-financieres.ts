import type { DatasetSchema } from "../schema.ts";
import { countRange } from "./count-range.ts";

/** Aides financières (FAJ, FSL): one line for the commune, one for the département. */
export const aidesFinancieres: DatasetSchema = {
  id: "aides-financieres",
  label: "Aides financières (FAJ, FSL)",
  kind: "aggregate",
  fields: [
    {
      name: "faj",
      label: "bénéficiaires FAJ",
      type: "integer",
      variants: ["faj"],
      keywords: [["faj"]],
      range: countRange,
    },
    {
      name: "fslTotal",
      label: "bénéficiaires FSL",
      type: "integer",
      variants: ["fsl"],
      keywords: [["fsl"]],
      exclude: ["depot", "garantie", "acce", "dg", "impaye", "maintien"],
      range: countRange,
    },
    {
      name: "fslAccess",
      label: "bénéficiaires FSL dépôt de garantie (accès)",
      type: "integer",
      keywords: [["fsl"], ["depot", "garantie", "acce", "dg"]],
      range: countRange,
    },
    {
      name: "fslUpkeep",
      label: "bénéficiaires FSL impayé (maintien)",
      type: "integer",
      keywords: [["fsl"], ["impaye", "maintien"]],
      range: countRange,
    },
  ],
};
