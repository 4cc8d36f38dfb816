import type { DatasetSchema } from "../schema.ts";

/** APA à domicile: one beneficiary per row; the birth date becomes an age downstream. */
export const apaDomicile: DatasetSchema = {
  id: "apa-domicile",
  label: "APA à domicile",
  kind: "individual",
  fields: [
    {
      name: "sex",
      label: "sexe",
      type: "sex",
      variants: ["sexe", "sex", "genre", "s", "h f", "civilite"],
      keywords: [["sexe", "genre"]],
      requiredColumn: true,
      mandatory: true,
    },
    {
      name: "birthDate",
      label: "date de naissance",
      type: "date",
      variants: ["date naissance", "ddn", "naissance", "date naissance beneficiaire", "ne le"],
      keywords: [["naissance", "ddn"]],
      exclude: ["nom", "prenom", "lieu", "commune", "pay", "rang"],
      requiredColumn: true,
      mandatory: true,
      // APA is paid from 60 years of age; beyond 115 the date is a typing error.
      ageAtObservation: {
        min: 60,
        max: 115,
        rule: "age-apa-hors-plage",
        message: "âge au jour d'observation hors de la plage de l'APA (60 à 115 ans)",
      },
    },
    {
      name: "livingAlone",
      label: "situation familiale",
      type: "livingAlone",
      variants: ["situation familiale", "situation", "sit fam", "situation famille", "isole couple", "couple isole"],
      keywords: [["situation", "familiale", "isole", "couple"]],
      requiredColumn: true,
      mandatory: true,
    },
    {
      name: "gir",
      label: "niveau GIR",
      type: "gir",
      variants: ["gir", "niveau gir", "groupe iso ressource"],
      keywords: [["gir"]],
      requiredColumn: true,
      mandatory: true,
      range: { min: 1, max: 4, rule: "gir-hors-plage", message: "niveau GIR hors de la plage de l'APA (1 à 4)" },
    },
  ],
};
