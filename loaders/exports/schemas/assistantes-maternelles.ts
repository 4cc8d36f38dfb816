import type { DatasetSchema } from "../schema.ts";
import type { FieldValue } from "../../contracts.ts";
import { countRange } from "./count-range.ts";

const num = (v: FieldValue): number | null => (typeof v === "number" ? v : null);

/** Assistantes maternelles agréées PMI: one childminder per row. */
export const assistantesMaternelles: DatasetSchema = {
  id: "assistantes-maternelles",
  label: "Assistantes maternelles agréées",
  kind: "individual",
  fields: [
    {
      name: "placesTotal",
      label: "nombre de places agréées",
      type: "integer",
      variants: ["nombre places", "places", "nombre places agrement", "capacite agrement", "places agreees"],
      keywords: [["place", "capacite"]],
      exclude: ["moins", "plus", "periscolaire", "enfant"],
      requiredColumn: true,
      range: countRange,
    },
    {
      name: "placesUnder3",
      label: "places pour enfants de moins de 3 ans",
      type: "integer",
      variants: ["places moins 3 ans", "places 0 3 ans"],
      keywords: [["place", "capacite"], ["moins"]],
      range: countRange,
    },
    {
      name: "places3Plus",
      label: "places pour enfants de 3 ans ou plus",
      type: "integer",
      variants: ["places 3 ans plus", "places periscolaire"],
      keywords: [
        ["place", "capacite"],
        ["plus", "periscolaire"],
      ],
      range: countRange,
    },
    {
      name: "childrenUnder3",
      label: "enfants de moins de 3 ans gardés",
      type: "integer",
      variants: ["enfants moins 3 ans", "enfants gardes moins 3 ans"],
      keywords: [["enfant", "garde", "accueilli"], ["moins"]],
      exclude: ["place", "capacite"],
      range: countRange,
    },
    {
      name: "children3Plus",
      label: "enfants de 3 ans ou plus gardés",
      type: "integer",
      variants: ["enfants 3 ans plus", "enfants gardes 3 ans plus"],
      keywords: [
        ["enfant", "garde", "accueilli"],
        ["plus", "periscolaire"],
      ],
      exclude: ["place", "capacite"],
      range: countRange,
    },
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
