import type { BreakdownDefinition, IndicatorDefinition } from "../types.ts";
import { censusVintage, measure, ratio, sameFile } from "./builders.ts";
import { aggregatedLevels, individualLevels } from "./levels.ts";
import { partnerSource } from "./sources.ts";

const apa = "apa-domicile";

export const apaBreakdowns: BreakdownDefinition[] = [
  {
    id: "sex",
    label: "Sexe",
    additive: true,
    categories: [
      { id: "F", label: "Femmes", where: { field: "sex", equals: "F" } },
      { id: "M", label: "Hommes", where: { field: "sex", equals: "M" } },
    ],
  },
  {
    id: "age",
    label: "Âge à la date d'observation",
    additive: true,
    categories: [
      { id: "<75", label: "Moins de 75 ans", where: { field: "age", max: 74 } },
      { id: "75-84", label: "75 à 84 ans", where: { field: "age", min: 75, max: 84 } },
      { id: ">=85", label: "85 ans et plus", where: { field: "age", min: 85 } },
    ],
  },
  {
    id: "gir",
    label: "Niveau de dépendance (GIR)",
    additive: true,
    categories: [
      { id: "1-2", label: "GIR 1 ou 2", where: { field: "gir", min: 1, max: 2 } },
      { id: "3-4", label: "GIR 3 ou 4", where: { field: "gir", min: 3, max: 4 } },
    ],
  },
  {
    id: "living",
    label: "Situation familiale",
    additive: true,
    categories: [
      { id: "alone", label: "Personne isolée", where: { field: "livingAlone", equals: true } },
      { id: "couple", label: "En couple", where: { field: "livingAlone", equals: false } },
    ],
  },
];

const apaFile = sameFile("Bénéficiaires de l'APA à domicile", partnerSource(apa));

export const elderlyIndicators: IndicatorDefinition[] = [
  measure({
    id: "apa-beneficiaries",
    label: "Bénéficiaires de l'APA à domicile",
    definition:
      "Personnes percevant l'allocation personnalisée d'autonomie à domicile à la date d'observation, par lieu de résidence. L'âge est calculé à la date d'observation.",
    theme: "personnes-agees",
    unit: "count",
    computation: { kind: "records", dataset: apa },
    numerator: `Lignes du fichier APA à domicile (${partnerSource(apa)})`,
    levels: individualLevels,
    breakdowns: apaBreakdowns,
  }),
  measure({
    id: "apa-beneficiaries-75p",
    label: "Bénéficiaires de l'APA à domicile âgés de 75 ans et plus",
    definition:
      "Bénéficiaires de l'APA à domicile âgés de 75 ans ou plus à la date d'observation (75 à 84 ans + 85 ans et plus).",
    theme: "personnes-agees",
    unit: "count",
    computation: {
      kind: "sum",
      of: { indicator: "apa-beneficiaries", breakdown: "age", categories: ["75-84", ">=85"] },
    },
    numerator: `Lignes du fichier APA à domicile dont l'âge est d'au moins 75 ans (${partnerSource(apa)})`,
    levels: individualLevels,
  }),
  ratio({
    id: "apa-per-100-aged-75p",
    label: "Bénéficiaires de l'APA à domicile âgés de 75 ans et plus pour 100 habitants de 75 ans et plus",
    definition:
      "Bénéficiaires de l'APA à domicile âgés de 75 ans ou plus, rapportés à la population de 75 ans ou plus.",
    theme: "personnes-agees",
    unit: "rate",
    numerator: { indicator: "apa-beneficiaries-75p" },
    numeratorLabel: "Bénéficiaires de l'APA à domicile de 75 ans et plus",
    denominator: { indicator: "population-75p" },
    denominatorLabel: {
      label: "Population de 75 ans et plus (P16_POP75P)",
      source: "INSEE, recensement de la population",
      vintage: censusVintage,
    },
    per: 100,
    levels: individualLevels,
  }),
  ratio({
    id: "apa-gir-1-2-share",
    label: "Part des bénéficiaires de l'APA à domicile en GIR 1 ou 2",
    definition:
      "Part des bénéficiaires les plus dépendants (GIR 1 et 2) parmi les bénéficiaires de l'APA à domicile (l'APA couvre les GIR 1 à 4).",
    theme: "personnes-agees",
    unit: "share",
    numerator: { indicator: "apa-beneficiaries", breakdown: "gir", categories: ["1-2"] },
    numeratorLabel: "Bénéficiaires de l'APA à domicile en GIR 1 ou 2",
    denominator: { indicator: "apa-beneficiaries" },
    denominatorLabel: apaFile,
    per: 100,
    levels: individualLevels,
  }),
  ratio({
    id: "apa-gir-3-4-share",
    label: "Part des bénéficiaires de l'APA à domicile en GIR 3 ou 4",
    definition:
      "Part des bénéficiaires moyennement dépendants (GIR 3 et 4) parmi les bénéficiaires de l'APA à domicile.",
    theme: "personnes-agees",
    unit: "share",
    numerator: { indicator: "apa-beneficiaries", breakdown: "gir", categories: ["3-4"] },
    numeratorLabel: "Bénéficiaires de l'APA à domicile en GIR 3 ou 4",
    denominator: { indicator: "apa-beneficiaries" },
    denominatorLabel: apaFile,
    per: 100,
    levels: individualLevels,
  }),
  ratio({
    id: "apa-living-alone-share",
    label: "Part des bénéficiaires de l'APA à domicile vivant seuls",
    definition: "Part des personnes isolées (situation familiale) parmi les bénéficiaires de l'APA à domicile.",
    theme: "personnes-agees",
    unit: "share",
    numerator: { indicator: "apa-beneficiaries", breakdown: "living", categories: ["alone"] },
    numeratorLabel: "Bénéficiaires de l'APA à domicile isolés",
    denominator: { indicator: "apa-beneficiaries" },
    denominatorLabel: apaFile,
    per: 100,
    levels: individualLevels,
  }),
  measure({
    id: "ash-elderly-beneficiaries",
    label: "Personnes âgées bénéficiaires de l'aide sociale à l'hébergement (ASH)",
    definition: "Personnes âgées bénéficiaires de l'ASH, selon le tableau des aides légales PA/PH du Département.",
    theme: "personnes-agees",
    unit: "count",
    computation: { kind: "aggregate", dataset: "aides-legales-pa-ph", field: "ashElderly" },
    numerator: `Tableau des aides légales PA/PH (${partnerSource("aides-legales-pa-ph")})`,
    levels: aggregatedLevels,
    breakdowns: [
      {
        id: "sex",
        label: "Sexe",
        additive: "checked",
        categories: [
          { id: "F", label: "Femmes", field: "ashElderlyWomen" },
          { id: "M", label: "Hommes", field: "ashElderlyMen" },
        ],
      },
    ],
  }),
  ratio({
    id: "ash-elderly-per-1000-aged-60p",
    label: "Bénéficiaires de l'ASH pour 1 000 habitants de 60 ans et plus",
    definition: "Personnes âgées bénéficiaires de l'ASH rapportées à la population de 60 ans ou plus.",
    theme: "personnes-agees",
    unit: "rate",
    numerator: { indicator: "ash-elderly-beneficiaries" },
    numeratorLabel: "Personnes âgées bénéficiaires de l'ASH",
    denominator: { indicator: "population-60p" },
    denominatorLabel: {
      label: "Population de 60 ans et plus",
      source: "INSEE, recensement de la population",
      vintage: censusVintage,
    },
    per: 1000,
    levels: aggregatedLevels,
  }),
];
