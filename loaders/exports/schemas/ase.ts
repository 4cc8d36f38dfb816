import type { DatasetSchema } from "../schema.ts";
import { countRange } from "./count-range.ts";

/** Aide sociale à l'enfance: one line for the commune, one for the département. */
export const ase: DatasetSchema = {
  id: "ase",
  label: "Aide sociale à l'enfance",
  kind: "aggregate",
  fields: [
    {
      name: "reports",
      label: "signalements dans l'année",
      type: "integer",
      keywords: [["signalement", "information preoccupante"]],
      range: countRange,
    },
    {
      name: "followedAtHome",
      label: "enfants suivis à domicile (AED, AEMO)",
      type: "integer",
      keywords: [["aed", "aemo", "domicile"]],
      range: countRange,
    },
    {
      name: "inCare",
      label: "enfants confiés à l'ASE",
      type: "integer",
      keywords: [["confie"]],
      exclude: ["juge"],
      range: countRange,
    },
    {
      name: "placedByJudge",
      label: "enfants placés directement par le juge",
      type: "integer",
      keywords: [["juge", "tiers digne"]],
      range: countRange,
    },
    {
      name: "monthlyAllowances",
      label: "bénéficiaires d'allocations mensuelles ou secours d'urgence",
      type: "integer",
      keywords: [["allocation", "secour", "mensuelle"]],
      range: countRange,
    },
  ],
};
