import type { DatasetSchema } from "../schema.ts";
import { countField } from "./count-range.ts";

/** Aide sociale à l'enfance: one line for the commune, one for the département. */
export const ase: DatasetSchema = {
  id: "ase",
  label: "Aide sociale à l'enfance",
  kind: "aggregate",
  fields: [
    countField("reports", "signalements dans l'année", { keywords: [["signalement", "information preoccupante"]] }),
    countField("followedAtHome", "enfants suivis à domicile (AED, AEMO)", { keywords: [["aed", "aemo", "domicile"]] }),
    countField("inCare", "enfants confiés à l'ASE", { keywords: [["confie"]], exclude: ["juge"] }),
    countField("placedByJudge", "enfants placés directement par le juge", { keywords: [["juge", "tiers digne"]] }),
    countField("monthlyAllowances", "bénéficiaires d'allocations mensuelles ou secours d'urgence", {
      keywords: [["allocation", "secour", "mensuelle"]],
    }),
  ],
};
