import type { RangeRule } from "../schema.ts";

export const countRange: RangeRule = {
  min: 0,
  rule: "effectif-negatif",
  message: "effectif négatif (attendu un nombre supérieur ou égal à 0)",
};
