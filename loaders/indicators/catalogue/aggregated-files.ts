import type { DatasetId } from "../../contracts.ts";
import type { BreakdownDefinition, IndicatorDefinition, IndicatorTheme } from "../types.ts";
import { censusVintage, measure, ratio } from "./builders.ts";
import { aggregatedLevels } from "./levels.ts";
import { partnerSource } from "./sources.ts";

const count = (
  id: string,
  theme: IndicatorTheme,
  dataset: DatasetId,
  field: string,
  label: string,
  definition: string,
  breakdowns: BreakdownDefinition[] = [],
): IndicatorDefinition =>
  measure({
    id,
    label,
    definition,
    theme,
    unit: "count",
    computation: { kind: "aggregate", dataset, field },
    numerator: `${label} (${partnerSource(dataset)})`,
    levels: aggregatedLevels,
    breakdowns,
  });

const estimate = (measure: string) => ({
  label: measure,
  source: "INSEE, recensement de la population (estimation à partir des tranches d'âge)",
  vintage: censusVintage,
});

const handicap: IndicatorDefinition[] = [
  count(
    "actp-pch-beneficiaries",
    "handicap",
    "aides-legales-pa-ph",
    "actpPch",
    "Personnes handicapées bénéficiaires de l'ACTP ou de la PCH",
    "Personnes handicapées bénéficiaires de l'allocation compensatrice tierce personne ou de la prestation de compensation du handicap.",
    [
      {
        id: "sex",
        label: "Sexe",
        additive: "checked",
        categories: [
          { id: "F", label: "Femmes", field: "actpPchWomen" },
          { id: "M", label: "Hommes", field: "actpPchMen" },
        ],
      },
      {
        id: "age",
        label: "Âge",
        additive: "checked",
        categories: [
          { id: "<40", label: "Moins de 40 ans", field: "actpPchUnder40" },
          { id: ">=40", label: "40 ans et plus", field: "actpPch40Plus" },
        ],
      },
    ],
  ),
  ratio({
    id: "actp-pch-per-1000",
    label: "Bénéficiaires de l'ACTP ou de la PCH pour 1 000 habitants",
    definition: "Bénéficiaires de l'ACTP ou de la PCH rapportés à la population.",
    theme: "handicap",
    unit: "rate",
    numerator: { indicator: "actp-pch-beneficiaries" },
    numeratorLabel: "Bénéficiaires de l'ACTP ou de la PCH",
    denominator: { indicator: "population" },
    denominatorLabel: { label: "Population municipale", source: "INSEE, populations légales", vintage: censusVintage },
    per: 1000,
    levels: aggregatedLevels,
  }),
];

/** The ASE counts are separate measures (flows of the year and stocks at 31/12): no total. */
const childWelfareMeasures: [string, string, string, string][] = [
  ["ase-reports", "reports", "Signalements", "Signalements reçus au cours de l'année."],
  [
    "ase-followed-at-home",
    "followedAtHome",
    "Enfants suivis à domicile (AED, AEMO)",
    "Enfants suivis à domicile par une aide éducative (AED ou AEMO), stock au 31 décembre.",
  ],
  [
    "ase-in-care",
    "inCare",
    "Enfants confiés à l'ASE",
    "Enfants confiés à l'aide sociale à l'enfance, stock au 31 décembre.",
  ],
  [
    "ase-placed-by-judge",
    "placedByJudge",
    "Enfants placés directement par le juge",
    "Enfants placés directement par le juge, stock au 31 décembre.",
  ],
  [
    "ase-monthly-allowances",
    "monthlyAllowances",
    "Bénéficiaires d'allocations mensuelles ou de secours d'urgence ASE",
    "Bénéficiaires d'allocations mensuelles ou de secours d'urgence de l'ASE au cours de l'année.",
  ],
];

const childWelfare: IndicatorDefinition[] = childWelfareMeasures.flatMap(([id, field, label, definition]) => [
  count(id, "enfance", "ase", field, label, definition),
  ratio({
    id: `${id}-per-1000-aged-0-17`,
    label: `${label} pour 1 000 habitants de 0 à 17 ans`,
    definition: `${definition} Rapporté à la population de 0 à 17 ans (estimation).`,
    theme: "enfance",
    unit: "rate",
    numerator: { indicator: id },
    numeratorLabel: label,
    denominator: { indicator: "population-0-17" },
    denominatorLabel: estimate("Population de 0 à 17 ans"),
    per: 1000,
    levels: aggregatedLevels,
  }),
]);

const financialAid: IndicatorDefinition[] = [
  count(
    "faj-beneficiaries",
    "aides-financieres",
    "aides-financieres",
    "faj",
    "Bénéficiaires du FAJ",
    "Jeunes bénéficiaires du fonds d'aide aux jeunes au cours de l'année.",
  ),
  ratio({
    id: "faj-per-1000-aged-18-24",
    label: "Bénéficiaires du FAJ pour 1 000 habitants de 18 à 24 ans",
    definition: "Bénéficiaires du fonds d'aide aux jeunes rapportés à la population de 18 à 24 ans (estimation).",
    theme: "aides-financieres",
    unit: "rate",
    numerator: { indicator: "faj-beneficiaries" },
    numeratorLabel: "Bénéficiaires du FAJ",
    denominator: { indicator: "population-18-24" },
    denominatorLabel: estimate("Population de 18 à 24 ans"),
    per: 1000,
    levels: aggregatedLevels,
  }),
  count(
    "fsl-beneficiaries",
    "aides-financieres",
    "aides-financieres",
    "fslTotal",
    "Bénéficiaires du FSL",
    "Bénéficiaires du fonds de solidarité pour le logement au cours de l'année ; un ménage peut avoir reçu une aide à l'accès (dépôt de garantie) et une aide au maintien (impayés), ou aucune des deux : les deux aides ne s'additionnent pas au total.",
    [
      {
        id: "type",
        label: "Type d'aide",
        additive: false,
        categories: [
          { id: "access", label: "Accès (dépôt de garantie)", field: "fslAccess" },
          { id: "upkeep", label: "Maintien (impayés)", field: "fslUpkeep" },
        ],
      },
    ],
  ),
  ratio({
    id: "fsl-per-1000-households",
    label: "Bénéficiaires du FSL pour 1 000 ménages",
    definition: "Bénéficiaires du fonds de solidarité pour le logement rapportés au nombre de ménages.",
    theme: "aides-financieres",
    unit: "rate",
    numerator: { indicator: "fsl-beneficiaries" },
    numeratorLabel: "Bénéficiaires du FSL",
    denominator: { indicator: "households" },
    denominatorLabel: {
      label: "Ménages (résidences principales)",
      source: "INSEE, recensement de la population",
      vintage: censusVintage,
    },
    per: 1000,
    levels: aggregatedLevels,
  }),
];

export const aggregatedFileIndicators: IndicatorDefinition[] = [...handicap, ...childWelfare, ...financialAid];
