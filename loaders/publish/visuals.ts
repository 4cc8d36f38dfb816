/**
 * The registry of the site's visuals: one entry per map, chart, figure set or table a page
 * shows. It ties a visual to its page, the indicators it draws and the zip members it reads, so
 * that the commentary gate (Article 6: only analysed and commented data is published) and the
 * downloads know what each visual publishes. Published in the zip as visuals.json.
 */
import { inCommune, ofCommune } from "../common/commune-phrases.ts";
import { readObservatoryConfig } from "../config.ts";

/** Titles name the configured commune (data/observatory.json). */
const communeName = readObservatoryConfig().territory.communeName;

export type VisualKind = "iris-map" | "commune-map" | "comparison" | "evolution" | "key-figures" | "table";

export interface VisualDefinition {
  /** kebab-case; also the name of the commentary file data/commentary/<year>/<id>.md. */
  id: string;
  /** Page path without slash or extension, e.g. "personnes-agees". */
  page: string;
  /** French title shown above the visual. */
  title: string;
  kind: VisualKind;
  /** Indicator ids of loaders/indicators/catalogue.ts (context visuals: ids of context.json). */
  indicators: string[];
  /** Zip members the visual reads. */
  tables: string[];
}

const PA = "personnes-agees.parquet";
const PE = "petite-enfance.parquet";
const HA = "handicap.parquet";
const EN = "enfance.parquet";
const AF = "aides-financieres.parquet";
const DENOMINATORS = "denominateurs.parquet";

const apaMapIndicators = [
  "apa-beneficiaries",
  "apa-beneficiaries-75p",
  "apa-per-100-aged-75p",
  "apa-gir-1-2-share",
  "apa-gir-3-4-share",
  "apa-living-alone-share",
];
const earlyChildhoodMapIndicators = [
  "births",
  "births-per-1000",
  "births-rank-3-plus-share",
  "childminders",
  "childminder-places",
  "childminder-coverage-under-3",
  "childminder-occupancy-under-3",
];
// The shares of mothers under 20 and aged 40 or more exist for the commune and the département only.
const earlyChildhoodComparison = [
  ...earlyChildhoodMapIndicators.slice(0, 2),
  "births-mother-under-20-share",
  "births-mother-40-plus-share",
  ...earlyChildhoodMapIndicators.slice(2),
];
const aseIndicators = [
  "ase-reports",
  "ase-reports-per-1000-aged-0-17",
  "ase-followed-at-home",
  "ase-followed-at-home-per-1000-aged-0-17",
  "ase-in-care",
  "ase-in-care-per-1000-aged-0-17",
  "ase-placed-by-judge",
  "ase-placed-by-judge-per-1000-aged-0-17",
  "ase-monthly-allowances",
  "ase-monthly-allowances-per-1000-aged-0-17",
];

export const visuals: VisualDefinition[] = [
  // Accueil: the key figures of the commune and what changed since the previous year.
  {
    id: "accueil-chiffres-cles",
    page: "index",
    title: `Chiffres clés ${ofCommune(communeName)}`,
    kind: "key-figures",
    indicators: [
      "apa-beneficiaries",
      "apa-beneficiaries-evolution",
      "births",
      "births-evolution",
      "childminders",
      "childminders-evolution",
      "actp-pch-beneficiaries",
      "actp-pch-beneficiaries-evolution",
      "ase-in-care",
      "ase-in-care-evolution",
      "fsl-beneficiaries",
      "fsl-beneficiaries-evolution",
    ],
    tables: [PA, PE, HA, EN, AF],
  },

  // Personnes âgées.
  {
    id: "apa-iris-map",
    page: "personnes-agees",
    title: "L'APA à domicile par IRIS",
    kind: "iris-map",
    indicators: apaMapIndicators,
    tables: [PA, DENOMINATORS, "iris.json"],
  },
  {
    id: "personnes-agees-comparaison",
    page: "personnes-agees",
    title: "IRIS, commune et département",
    kind: "comparison",
    indicators: apaMapIndicators,
    tables: [PA],
  },
  {
    id: "personnes-agees-evolution",
    page: "personnes-agees",
    title: "Évolution de l'APA à domicile et de l'ASH",
    kind: "evolution",
    indicators: ["apa-beneficiaries", "ash-elderly-beneficiaries"],
    tables: [PA],
  },
  {
    id: "ash-tableau",
    page: "personnes-agees",
    title: "L'aide sociale à l'hébergement (ASH)",
    kind: "table",
    indicators: ["ash-elderly-beneficiaries", "ash-elderly-per-1000-aged-60p"],
    tables: [PA],
  },

  // Petite enfance.
  {
    id: "petite-enfance-iris-map",
    page: "petite-enfance",
    title: "Naissances et accueil chez les assistantes maternelles par IRIS",
    kind: "iris-map",
    indicators: earlyChildhoodMapIndicators,
    tables: [PE, DENOMINATORS, "iris.json"],
  },
  {
    id: "petite-enfance-communes",
    page: "petite-enfance",
    title: "Les communes du département",
    kind: "commune-map",
    indicators: ["births", "births-per-1000", "childminders", "childminder-coverage-under-3"],
    tables: [PE, "communes-13.json"],
  },
  {
    id: "petite-enfance-comparaison",
    page: "petite-enfance",
    title: "IRIS, commune et département",
    kind: "comparison",
    indicators: earlyChildhoodComparison,
    tables: [PE],
  },
  {
    id: "petite-enfance-evolution",
    page: "petite-enfance",
    title: "Évolution des naissances et de l'accueil",
    kind: "evolution",
    indicators: ["births", "childminders", "childminder-places"],
    tables: [PE],
  },

  // Handicap.
  {
    id: "handicap-comparaison",
    page: "handicap",
    title: `L'ACTP et la PCH ${inCommune(communeName)} et dans le département`,
    kind: "comparison",
    indicators: ["actp-pch-beneficiaries", "actp-pch-per-1000"],
    tables: [HA],
  },
  {
    id: "handicap-evolution",
    page: "handicap",
    title: "Évolution des bénéficiaires de l'ACTP ou de la PCH",
    kind: "evolution",
    indicators: ["actp-pch-beneficiaries"],
    tables: [HA],
  },

  // Enfance et famille.
  {
    id: "enfance-comparaison",
    page: "enfance-famille",
    title: `Protection de l'enfance ${inCommune(communeName)} et dans le département`,
    kind: "comparison",
    indicators: aseIndicators,
    tables: [EN],
  },
  {
    id: "enfance-evolution",
    page: "enfance-famille",
    title: "Évolution des mesures de protection de l'enfance",
    kind: "evolution",
    indicators: ["ase-reports", "ase-followed-at-home", "ase-in-care", "ase-placed-by-judge", "ase-monthly-allowances"],
    tables: [EN],
  },

  // Aides financières.
  {
    id: "aides-financieres-comparaison",
    page: "aides-financieres",
    title: `FAJ et FSL ${inCommune(communeName)} et dans le département`,
    kind: "comparison",
    indicators: ["faj-beneficiaries", "faj-per-1000-aged-18-24", "fsl-beneficiaries", "fsl-per-1000-households"],
    tables: [AF],
  },
  {
    id: "aides-financieres-evolution",
    page: "aides-financieres",
    title: "Évolution des bénéficiaires du FAJ et du FSL",
    kind: "evolution",
    indicators: ["faj-beneficiaries", "fsl-beneficiaries"],
    tables: [AF],
  },

  // Portrait du territoire: public context data (INSEE, CNAF) only.
  {
    id: "contexte-population-age",
    page: "portrait-territoire",
    title: "La population par âge",
    kind: "table",
    indicators: ["context-population"],
    tables: ["contexte.parquet", "contexte.json"],
  },
  {
    id: "contexte-iris-map",
    page: "portrait-territoire",
    title: "Pauvreté, revenus et allocataires CAF par IRIS",
    kind: "iris-map",
    indicators: [
      "context-poverty-rate",
      "context-median-income",
      "context-caf-recipients",
      "context-caf-rsa",
      "context-caf-aah",
      "context-caf-single-parent",
    ],
    tables: ["contexte.parquet", "contexte.json", "iris.json"],
  },
];
