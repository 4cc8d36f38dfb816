import type { IndicatorDefinition } from "../types.ts";
import { censusVintage, measure, ratio, sameFile } from "./builders.ts";
import { individualLevels, rareClassLevels } from "./levels.ts";
import { partnerSource } from "./sources.ts";

const childminders = "assistantes-maternelles";
const certificates = "certificats-8e-jour";
const amountNote =
  "Montant : le secret statistique s'applique au nombre d'assistantes maternelles qui y contribuent, pas au nombre de places ou d'enfants.";

export const earlyChildhoodIndicators: IndicatorDefinition[] = [
  measure({
    id: "childminders",
    label: "Assistantes maternelles agréées",
    definition: "Assistantes maternelles agréées par la PMI à la date d'observation, par lieu d'exercice.",
    theme: "petite-enfance",
    unit: "count",
    computation: { kind: "records", dataset: childminders },
    numerator: `Lignes du fichier des assistantes maternelles (${partnerSource(childminders)})`,
    levels: individualLevels,
  }),
  measure({
    id: "childminder-places",
    label: "Places d'accueil agréées chez les assistantes maternelles",
    definition: `Places accordées par l'agrément, dont places pour des enfants de moins de 3 ans et pour des enfants de 3 ans ou plus (périscolaire). ${amountNote}`,
    theme: "petite-enfance",
    unit: "amount",
    computation: { kind: "records", dataset: childminders, sum: ["placesTotal"] },
    numerator: "Nombre de places accordées par l'agrément (fichier des assistantes maternelles)",
    levels: individualLevels,
    breakdowns: [
      {
        id: "age",
        label: "Âge des enfants accueillis",
        // The partner sends the total and both parts: they add up only where it checks out.
        additive: "checked",
        categories: [
          { id: "<3", label: "Moins de 3 ans", field: "placesUnder3" },
          { id: ">=3", label: "3 ans ou plus (périscolaire)", field: "places3Plus" },
        ],
      },
    ],
  }),
  measure({
    id: "childminder-children",
    label: "Enfants gardés par les assistantes maternelles",
    definition: `Enfants gardés à la date d'observation, de moins de 3 ans et de 3 ans ou plus ; le total est leur somme. ${amountNote}`,
    theme: "petite-enfance",
    unit: "amount",
    computation: { kind: "records", dataset: childminders, sum: ["childrenUnder3", "children3Plus"] },
    numerator: "Nombre d'enfants de moins de 3 ans et de 3 ans ou plus gardés (fichier des assistantes maternelles)",
    levels: individualLevels,
    breakdowns: [
      {
        id: "age",
        label: "Âge des enfants gardés",
        additive: true,
        categories: [
          { id: "<3", label: "Moins de 3 ans", field: "childrenUnder3" },
          { id: ">=3", label: "3 ans ou plus", field: "children3Plus" },
        ],
      },
    ],
  }),
  ratio({
    id: "childminder-coverage-under-3",
    label: "Places chez les assistantes maternelles pour 100 enfants de moins de 3 ans",
    definition:
      "Capacité théorique d'accueil : places agréées pour des enfants de moins de 3 ans, rapportées au nombre d'enfants de moins de 3 ans.",
    theme: "petite-enfance",
    unit: "rate",
    numerator: { indicator: "childminder-places", breakdown: "age", categories: ["<3"] },
    numeratorLabel: "Places agréées pour des enfants de moins de 3 ans",
    denominator: { indicator: "children-under-3" },
    denominatorLabel: {
      label: "Enfants de moins de 3 ans des allocataires (ENF_2)",
      source: "CNAF, données CAF par IRIS",
      vintage: "millésime indiqué pour chaque valeur",
    },
    per: 100,
    levels: individualLevels,
  }),
  ratio({
    id: "childminder-occupancy-under-3",
    label: "Taux d'occupation des places pour les moins de 3 ans",
    definition:
      "Enfants de moins de 3 ans gardés par les assistantes maternelles pour 100 places agréées pour des enfants de moins de 3 ans.",
    theme: "petite-enfance",
    unit: "rate",
    numerator: { indicator: "childminder-children", breakdown: "age", categories: ["<3"] },
    numeratorLabel: "Enfants de moins de 3 ans gardés",
    denominator: { indicator: "childminder-places", breakdown: "age", categories: ["<3"] },
    denominatorLabel: sameFile("Places agréées pour des enfants de moins de 3 ans", partnerSource(childminders)),
    per: 100,
    levels: individualLevels,
  }),
  measure({
    id: "births",
    label: "Naissances (certificats de santé du 8e jour)",
    definition:
      "Enfants ayant eu un certificat de santé du 8e jour dans l'année, par lieu de résidence ; âge de la mère et rang de naissance tels que déclarés.",
    theme: "petite-enfance",
    unit: "count",
    computation: { kind: "records", dataset: certificates },
    numerator: `Lignes du fichier des certificats de santé du 8e jour (${partnerSource(certificates)})`,
    levels: individualLevels,
    breakdowns: [
      {
        id: "mother-age",
        label: "Âge de la mère",
        additive: true,
        categories: [
          { id: "<20", label: "Moins de 20 ans", where: { field: "motherAge", max: 19 } },
          { id: "20-24", label: "20 à 24 ans", where: { field: "motherAge", min: 20, max: 24 } },
          { id: "25-29", label: "25 à 29 ans", where: { field: "motherAge", min: 25, max: 29 } },
          { id: "30-34", label: "30 à 34 ans", where: { field: "motherAge", min: 30, max: 34 } },
          { id: "35-39", label: "35 à 39 ans", where: { field: "motherAge", min: 35, max: 39 } },
          { id: ">=40", label: "40 ans ou plus", where: { field: "motherAge", min: 40 } },
        ],
      },
      {
        id: "birth-rank",
        label: "Rang de naissance",
        additive: true,
        categories: [
          { id: "1", label: "Premier enfant", where: { field: "birthRank", equals: 1 } },
          { id: "2", label: "Deuxième enfant", where: { field: "birthRank", equals: 2 } },
          { id: ">=3", label: "Troisième enfant ou plus", where: { field: "birthRank", min: 3 } },
        ],
      },
    ],
  }),
  ratio({
    id: "births-per-1000",
    label: "Naissances pour 1 000 habitants",
    definition: "Certificats de santé du 8e jour de l'année rapportés à la population.",
    theme: "petite-enfance",
    unit: "rate",
    numerator: { indicator: "births" },
    numeratorLabel: "Certificats de santé du 8e jour",
    denominator: { indicator: "population" },
    denominatorLabel: {
      label: "Population municipale",
      source: "INSEE, populations légales et recensement de la population",
      vintage: censusVintage,
    },
    per: 1000,
    levels: individualLevels,
  }),
  ratio({
    id: "births-mother-under-20-share",
    label: "Part des naissances de mères de moins de 20 ans",
    definition: "Naissances dont la mère a moins de 20 ans, parmi toutes les naissances (âges non renseignés compris).",
    theme: "petite-enfance",
    unit: "share",
    numerator: { indicator: "births", breakdown: "mother-age", categories: ["<20"] },
    numeratorLabel: "Naissances de mères de moins de 20 ans",
    denominator: { indicator: "births" },
    denominatorLabel: sameFile("Naissances", partnerSource(certificates)),
    per: 100,
    levels: rareClassLevels,
  }),
  ratio({
    id: "births-mother-40-plus-share",
    label: "Part des naissances de mères de 40 ans ou plus",
    definition: "Naissances dont la mère a 40 ans ou plus, parmi toutes les naissances (âges non renseignés compris).",
    theme: "petite-enfance",
    unit: "share",
    numerator: { indicator: "births", breakdown: "mother-age", categories: [">=40"] },
    numeratorLabel: "Naissances de mères de 40 ans ou plus",
    denominator: { indicator: "births" },
    denominatorLabel: sameFile("Naissances", partnerSource(certificates)),
    per: 100,
    levels: rareClassLevels,
  }),
  ratio({
    id: "births-rank-3-plus-share",
    label: "Part des naissances de rang 3 ou plus",
    definition: "Naissances d'un troisième enfant ou plus, parmi toutes les naissances (rangs non renseignés compris).",
    theme: "petite-enfance",
    unit: "share",
    numerator: { indicator: "births", breakdown: "birth-rank", categories: [">=3"] },
    numeratorLabel: "Naissances de rang 3 ou plus",
    denominator: { indicator: "births" },
    denominatorLabel: sameFile("Naissances", partnerSource(certificates)),
    per: 100,
    levels: individualLevels,
  }),
];
