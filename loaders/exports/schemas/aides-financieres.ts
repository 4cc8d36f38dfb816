import type { DatasetSchema } from "../schema.ts";
import { countField } from "./count-range.ts";

/** Aides financières (FAJ, FSL): one line for the commune, one for the département. */
export const aidesFinancieres: DatasetSchema = {
  id: "aides-financieres",
  label: "Aides financières (FAJ, FSL)",
  kind: "aggregate",
  fields: [
    countField("faj", "bénéficiaires FAJ", { variants: ["faj"], keywords: [["faj"]] }),
    countField("fslTotal", "bénéficiaires FSL", {
      variants: ["fsl"],
      keywords: [["fsl"]],
      exclude: ["depot", "garantie", "acce", "dg", "impaye", "maintien"],
    }),
    countField("fslAccess", "bénéficiaires FSL dépôt de garantie (accès)", {
      keywords: [["fsl"], ["depot", "garantie", "acce", "dg"]],
    }),
    countField("fslUpkeep", "bénéficiaires FSL impayé (maintien)", { keywords: [["fsl"], ["impaye", "maintien"]] }),
  ],
};
