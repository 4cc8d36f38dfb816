import type { IndicatorDefinition } from "../types.ts";
import { measure } from "./builders.ts";
import { individualLevels } from "./levels.ts";

/**
 * Denominators are published as indicators of their own, so that disclosure control and the
 * audit see every input of a rate. Their producer and vintage come with each value.
 */
const reference = (
  id: string,
  measureName: string,
  label: string,
  definition: string,
  approximations: string[] = [],
): IndicatorDefinition =>
  measure({
    id,
    label,
    definition,
    theme: "denominateurs",
    unit: "count",
    computation: { kind: "reference", measure: measureName },
    numerator: "Donnée de référence (voir la source et le millésime de chaque valeur)",
    levels: individualLevels,
    approximations,
  });

export const denominatorIndicators: IndicatorDefinition[] = [
  reference(
    "population",
    "population",
    "Population",
    "Population municipale : populations légales pour les communes et le département, recensement de la population pour les IRIS.",
    [
      "Les communes non découpées en IRIS sont absentes du fichier IRIS du recensement : leur population vient des populations légales.",
    ],
  ),
  reference(
    "population-75p",
    "population75p",
    "Population de 75 ans et plus",
    "Habitants âgés de 75 ans ou plus (recensement de la population).",
  ),
  reference(
    "population-60p",
    "population60p",
    "Population de 60 ans et plus",
    "Habitants âgés de 60 ans ou plus (recensement de la population).",
  ),
  reference(
    "population-0-17",
    "population0_17",
    "Population de 0 à 17 ans (estimation)",
    "Habitants de moins de 18 ans, estimés à partir des tranches d'âge du recensement.",
    ["Estimation : 0-14 ans + 3/15 des 15-29 ans (le recensement par IRIS ne donne pas la tranche 0-17 ans)."],
  ),
  reference(
    "population-18-24",
    "population18_24",
    "Population de 18 à 24 ans (estimation)",
    "Habitants de 18 à 24 ans, estimés à partir des tranches d'âge du recensement.",
    ["Estimation : 7/15 des 15-29 ans (le recensement par IRIS ne donne pas la tranche 18-24 ans)."],
  ),
  reference(
    "children-under-3",
    "childrenUnder3",
    "Enfants de moins de 3 ans",
    "Enfants de moins de 3 ans des foyers allocataires de la CAF (ENF_2).",
    [
      "Les enfants de moins de 3 ans sont ceux des foyers allocataires de la CAF, publiés à partir de 2016 : un millésime différent de l'année d'observation est signalé.",
    ],
  ),
  reference(
    "households",
    "households",
    "Ménages",
    "Ménages, comptés comme les résidences principales (maisons et appartements) du recensement.",
    ["Ménages approchés par les résidences principales (P16_RPMAISON + P16_RPAPPART)."],
  ),
];
