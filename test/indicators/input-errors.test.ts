import { describe, expect, test } from "vitest";
import { InputError } from "../../loaders/contracts.ts";
import { computeIndicators } from "../../loaders/indicators/compute.ts";
import { input, iris1 } from "./fixture.ts";

async function rejection(change: Partial<typeof input>): Promise<InputError> {
  const error = await computeIndicators({ ...input, ...change }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("unusable input", () => {
  test("two lines for Aix in one aggregated file", async () => {
    const first = input.aggregates[0]!;
    const error = await rejection({ aggregates: [...input.aggregates, { ...first }] });
    expect(error.rule).toBe("ligne-unique");
    expect(error.file).toBe("aides-legales-pa-ph");
    expect(error.message).toContain("deux lignes pour le territoire 13001");
  });

  test("a negative count names the file, the line and the column", async () => {
    const first = input.aggregates[0]!;
    const error = await rejection({
      aggregates: [{ ...first, fields: { ...first.fields, ashElderlyMen: -4 } }, ...input.aggregates.slice(1)],
    });
    expect(error.rule).toBe("effectif-positif");
    expect(error.message).toContain("« ashElderlyMen »");
    expect(error.message).toContain("13001");
  });

  test("a wrongly typed field is named, its value is not printed", async () => {
    const record = {
      dataset: "apa-domicile" as const,
      year: 2015,
      observationDate: "2015-12-31",
      iris: iris1,
      commune: "13001",
      matchType: "exact" as const,
      fields: { sex: "F", age: "87", livingAlone: true, gir: 2 },
    };
    const error = await rejection({ records: [...input.records, record] });
    expect(error.rule).toBe("type-champ");
    expect(error.message).toContain("« age »");
    expect(error.message).not.toContain("87");
  });
});
