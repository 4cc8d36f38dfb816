import type { DatasetSchema } from "../schema.ts";

/** Certificats de santé du 8e jour: one child per row. */
export const certificats8eJour: DatasetSchema = {
  id: "certificats-8e-jour",
  label: "Certificats de santé du 8e jour",
  kind: "individual",
  fields: [
    {
      name: "motherAge",
      label: "âge de la mère",
      type: "integer",
      variants: ["age mere", "age la mere", "age maternel", "age mere naissance"],
      keywords: [["age"], ["mere", "maternel"]],
      requiredColumn: true,
      // Outside 12..55 a mother's age is a typing error, not an observation.
      range: {
        min: 12,
        max: 55,
        rule: "age-mere-invraisemblable",
        message: "âge de la mère invraisemblable (attendu entre 12 et 55 ans)",
      },
    },
    {
      name: "birthRank",
      label: "rang de naissance",
      type: "integer",
      variants: ["rang", "rang naissance", "rang enfant", "rang naissance enfant"],
      keywords: [["rang"]],
      requiredColumn: true,
      range: {
        min: 1,
        max: 20,
        rule: "rang-naissance-invraisemblable",
        message: "rang de naissance invraisemblable (attendu entre 1 et 20)",
      },
    },
  ],
};
