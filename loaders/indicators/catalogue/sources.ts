import { readObservatoryConfig } from "../../config.ts";

/**
 * Wording of the sources, shown under every table and chart (Article 6 and 7): the mention of
 * the local convention, word for word, from data/observatory.json.
 */
export const partnerMention = readObservatoryConfig().sources.departement;

/** French name of each file of Annex 1, as the partner's services know them. */
export const datasetLabels: Record<string, string> = {
  "apa-domicile": "APA à domicile (un individu par ligne)",
  "assistantes-maternelles": "assistantes maternelles agréées PMI (une assistante maternelle par ligne)",
  "certificats-8e-jour": "certificats de santé du 8e jour (un enfant par ligne)",
  "aides-financieres": "aides financières FSL / FAJ (une ligne pour la commune, une pour le département)",
  "aides-legales-pa-ph": "aides légales PA / PH (une ligne pour la commune, une pour le département)",
  ase: "aide sociale à l'enfance (une ligne pour la commune, une pour le département)",
};

export const partnerSource = (dataset: string): string =>
  `${partnerMention} — fichier « ${datasetLabels[dataset] ?? dataset} »`;
