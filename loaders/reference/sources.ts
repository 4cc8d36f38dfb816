import { existsSync } from "node:fs";
import { join } from "node:path";
import { communePopulationSource, legalPopulationVintage } from "./communes.ts";
import { readObservatoryConfig } from "../config.ts";
import { ofCommune } from "../common/commune-phrases.ts";

/** One public source of the reference data, as cited on the methodology page. */
export interface ReferenceSource {
  id: string;
  /** French, for the page. */
  title: string;
  producer: string;
  vintage: string;
  licence: string;
  /** File as found in the reference directory (or the package that carries it). */
  file: string;
}

export const OPEN_LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)";

/**
 * The sources of the configured territory (data/observatory.json): its département's files and
 * its commune's name. FANTOIR is cited only when the reference directory holds the commune's
 * list: without it the sample's street names are invented (and the site says so).
 */
export function referenceSources(refDir: string | null): readonly ReferenceSource[] {
  const { commune, communeName, departement } = readObservatoryConfig().territory;
  const fantoirFile = `fantoir/fantoir-voies-${commune}-2015.txt`;
  const all: ReferenceSource[] = [
    {
      id: "iris-contours",
      title: "Contours des IRIS",
      producer: "IGN et INSEE, CONTOURS-IRIS",
      vintage: "édition 2020",
      licence: OPEN_LICENCE,
      file: `geo/iris-${departement}-2020.geojson`,
    },
    {
      id: "commune-outlines",
      title: "Contours des communes et du département",
      producer: "IGN, ADMIN EXPRESS COG",
      vintage: "2018",
      licence: OPEN_LICENCE,
      file: `geo/communes-${departement}-2018.geojson, geo/departement-${departement}-2018.geojson`,
    },
    {
      id: "iris-table",
      title: "Table d'appartenance géographique des IRIS",
      producer: "INSEE",
      vintage: "géographie 2021",
      licence: OPEN_LICENCE,
      file: `insee/iris-table-2021-${departement}.csv`,
    },
    {
      id: "rp-population",
      title: "Population par IRIS et tranche d'âge",
      producer: "INSEE, recensement de la population",
      vintage: "2016",
      licence: OPEN_LICENCE,
      file: `insee/rp2016-iris-population-${departement}.csv`,
    },
    {
      id: "rp-housing",
      title: "Résidences principales par IRIS (maisons, appartements, locataires HLM)",
      producer: "INSEE, recensement de la population",
      vintage: "2016",
      licence: OPEN_LICENCE,
      file: `insee/rp2016-iris-housing-${departement}.csv`,
    },
    {
      id: "rp-households",
      title: "Personnes des ménages par type de ménage et par IRIS",
      producer: "INSEE, recensement de la population",
      vintage: "2016",
      licence: OPEN_LICENCE,
      file: `insee/rp2016-iris-household-${departement}.csv`,
    },
    {
      id: "filosofi",
      title: "Revenus disponibles et pauvreté par IRIS",
      producer: "INSEE, Filosofi",
      vintage: "2014 à 2019",
      licence: OPEN_LICENCE,
      file: `insee/filosofi-disp-iris-AAAA-${departement}.csv`,
    },
    {
      id: "caf",
      title: "Allocataires CAF par IRIS (enfants de moins de 3 ans, RSA, AAH, aides au logement)",
      producer: "CNAF",
      vintage: "2016 à 2020",
      licence: OPEN_LICENCE,
      file: `caf/caf-iris-AAAA-${departement}.csv`,
    },
    {
      id: "populations-legales",
      title: "Codes, noms, codes postaux et populations légales des communes",
      producer:
        "INSEE (Code officiel géographique, populations légales) et La Poste, via @etalab/decoupage-administratif",
      vintage: `populations légales ${legalPopulationVintage()} (paquet ${communePopulationSource.packageVersion})`,
      licence: OPEN_LICENCE,
      file: "@etalab/decoupage-administratif/data/communes.json",
    },
    {
      id: "fantoir",
      title: `Voies et lieux-dits ${ofCommune(communeName)}`,
      producer: "DGFiP, FANTOIR",
      vintage: "novembre 2015",
      licence: OPEN_LICENCE,
      file: fantoirFile,
    },
    {
      id: "ban",
      title: "Base Adresse Nationale",
      producer: "IGN, DGFiP, La Poste, collectivités (BAN)",
      vintage: "téléchargée par « abs reference fetch »",
      licence: OPEN_LICENCE,
      file: `adresses-${departement}.csv.gz`,
    },
  ];
  return all.filter((s) => s.id !== "fantoir" || (refDir !== null && existsSync(join(refDir, fantoirFile))));
}
