/**
 * Columns that are not dataset fields but locate a row: identifier, address parts, commune
 * label, IRIS (Protocol 1 return). Shared by every schema of the same kind.
 */
import type { FieldSpec } from "../schema.ts";

export const IDENTIFIER = "identifier";
export const ADDRESS = "address";
export const ADDRESS_NUMBER = "address.number";
export const ADDRESS_STREET_TYPE = "address.streetType";
export const ADDRESS_STREET = "address.street";
export const ADDRESS_POSTCODE = "address.postcode";
export const COMMUNE_LABEL = "communeLabel";
export const IRIS = "iris";

const LOCATION_EXCLUDE = ["nombre"];

/**
 * A column that locates a row: text, found by its usual names or by one of its keywords, and
 * never taken from a count header (« nombre de … ») nor from the other headers named in `exclude`.
 */
function locatingColumn(
  name: string,
  label: string,
  variants: string[],
  keywords: string[],
  exclude: string[] = [],
): FieldSpec {
  return { name, label, type: "text", variants, keywords: [keywords], exclude: [...exclude, ...LOCATION_EXCLUDE] };
}

export const individualStructure: FieldSpec[] = [
  locatingColumn(
    IDENTIFIER,
    "identifiant",
    [
      "index",
      "index dossier",
      "identifiant",
      "id",
      "numero dossier",
      "cle",
      "cle unique",
      "numero identifiant",
      "ref dossier",
      "reference dossier",
      "id dossier",
      "index assistante maternelle",
      "index enfant",
      "code dossier",
      "numero certificat",
      "numero agrement",
      "numero enfant",
      "numero beneficiaire",
    ],
    ["index", "identifiant", "cle", "dossier"],
    ["adresse", "iris", "postal"],
  ),
  locatingColumn(
    ADDRESS,
    "adresse",
    ["adresse", "adresse complete", "adresse postale", "adresse domicile", "adresse residence"],
    ["adresse"],
    ["postal", "cp", "commune", "iris"],
  ),
  {
    name: ADDRESS_NUMBER,
    label: "numéro de voie",
    type: "text",
    variants: ["numero", "numero rue", "numero voie", "numero dans voie"],
  },
  {
    name: ADDRESS_STREET_TYPE,
    label: "type de voie",
    type: "text",
    variants: ["voie", "type voie", "typ voie", "nature voie"],
  },
  {
    name: ADDRESS_STREET,
    label: "nom de la voie",
    type: "text",
    variants: ["rue", "nom rue", "nom voie", "libelle voie", "libelle rue", "nom la rue", "nom la voie"],
  },
  locatingColumn(ADDRESS_POSTCODE, "code postal", ["cp", "code postal", "codepostal"], ["postal"]),
  locatingColumn(
    COMMUNE_LABEL,
    "libellé géographique",
    ["commune", "ville", "libelle geographique", "libelle commune", "nom commune", "localite"],
    ["commune", "ville", "geographique", "localite"],
    ["adresse", "code"],
  ),
  locatingColumn(IRIS, "IRIS", ["iris", "code iris", "iris residence"], ["iris"]),
];

export const aggregateStructure: FieldSpec[] = [
  locatingColumn(
    COMMUNE_LABEL,
    "libellé géographique",
    ["commune", "territoire", "libelle", "libelle geographique", "nom commune", "zone", "departement"],
    ["commune", "geographique", "territoire", "departement", "libelle"],
  ),
];
