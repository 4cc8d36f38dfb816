import type { FieldSpec, RangeRule } from "../schema.ts";

export const countRange: RangeRule = {
  min: 0,
  rule: "effectif-negatif",
  message: "effectif négatif (attendu un nombre supérieur ou égal à 0)",
};

/**
 * A column counting people or places: an integer, never negative. Most columns of the
 * aggregate files are one; only their name, label and how their header is recognised differ.
 */
export const countField = (
  name: string,
  label: string,
  header: Pick<FieldSpec, "variants" | "keywords" | "exclude" | "requiredColumn"> = {},
): FieldSpec => ({ name, label, type: "integer", ...header, range: countRange });
