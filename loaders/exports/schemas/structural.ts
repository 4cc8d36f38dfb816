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

export const individualStructure: FieldSpec[] = [
  {
    name: IDENTIFIER,
    label: "identifiant",
    type: "text",
    variants: [
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
    keywords: [["index", "identifiant", "cle", "dossier"]],
    exclude: ["adresse", "iris", "postal", ...LOCATION_EXCLUDE],
  },
  {
    name: ADDRESS,
    label: "adresse",
    type: "text",
    variants: ["adresse", "adresse complete", "adresse postale", "adresse domicile", "adresse residence"],
    keywords: [["adresse"]],
    exclude: ["postal", "cp", "commune", "iris", ...LOCATION_EXCLUDE],
  },
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
  {
    name: ADDRESS_POSTCODE,
    label: "code postal",
    type: "text",
    variants: ["cp", "code postal", "codepostal"],
    keywords: [["postal"]],
    exclude: LOCATION_EXCLUDE,
  },
  {
    name: COMMUNE_LABEL,
    label: "libellé géographique",
    type: "text",
    variants: ["commune", "ville", "libelle geographique", "libelle commune", "nom commune", "localite"],
    keywords: [["commune", "ville", "geographique", "localite"]],
    exclude: ["adresse", "code", ...LOCATION_EXCLUDE],
  },
  {
    name: IRIS,
    label: "IRIS",
    type: "text",
    variants: ["iris", "code iris", "iris residence"],
    keywords: [["iris"]],
    exclude: LOCATION_EXCLUDE,
  },
];

export const aggregateStructure: FieldSpec[] = [
  {
    name: COMMUNE_LABEL,
    label: "libellé géographique",
    type: "text",
    variants: ["commune", "territoire", "libelle", "libelle geographique", "nom commune", "zone", "departement"],
    keywords: [["commune", "geographique", "territoire", "departement", "libelle"]],
    exclude: LOCATION_EXCLUDE,
  },
];
