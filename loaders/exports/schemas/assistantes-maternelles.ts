import type { DatasetSchema } from "../schema.ts";
import type { FieldValue } from "../../contracts.ts";
import { countField } from "./count-range.ts";

const num = (v: FieldValue): number | null => (typeof v === "number" ? v : null);

/** Assistantes maternelles agréées PMI: one childminder per row. */
export const assistantesMaternelles: DatasetSchema = {
  id: "assistantes-maternelles",
  label: "Assistantes maternelles agréées",
  kind: "individual",
  fields: [
    countField("placesTotal", "nombre de places agréées", {
      variants: ["nombre places", "places", "nombre places agrement", "capacite agrement", "places agreees"],
      keywords: [["place", "capacite"]],
      exclude: ["moins", "plus", "periscolaire", "enfant"],
      requiredColumn: true,
    }),
    countField("placesUnder3", "places pour enfants de moins de 3 ans", {
      variants: ["places moins 3 ans", "places 0 3 ans"],
      keywords: [["place", "capacite"], ["moins"]],
    }),
    countField("places3Plus", "places pour enfants de 3 ans ou plus", {
      variants: ["places 3 ans plus", "places periscolaire"],
      keywords: [
        ["place", "capacite"],
        ["plus", "periscolaire"],
      ],
    }),
    countField("childrenUnder3", "enfants de moins de 3 ans gardés", {
      variants: ["enfants moins 3 ans", "enfants gardes moins 3 ans"],
      keywords: [["enfant", "garde", "accueilli"], ["moins"]],
      exclude: ["place", "capacite"],
    }),
    countField("children3Plus", "enfants de 3 ans ou plus gardés", {
      variants: ["enfants 3 ans plus", "enfants gardes 3 ans plus"],
      keywords: [
        ["enfant", "garde", "accueilli"],
        ["plus", "periscolaire"],
      ],
      exclude: ["place", "capacite"],
    }),
  ],
  rowRules: [
    {
      // A childminder may keep more children than places (derogations, part-time): flag, keep.
      rule: "enfants-au-dela-des-places",
      severity: "warning",
      column: "childrenUnder3",
      message: "plus d'enfants gardés que de places agréées (ligne conservée)",
      violated: (f) => {
        const kept = (num(f.childrenUnder3) ?? 0) + (num(f.children3Plus) ?? 0);
        const places = num(f.placesTotal);
        return places !== null && kept > places;
      },
    },
  ],
};
