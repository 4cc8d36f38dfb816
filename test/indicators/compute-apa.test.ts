import { describe, expect, test } from "vitest";
import { cellKey, type Level } from "../../loaders/contracts.ts";
import { computeIndicators } from "../../loaders/indicators/compute.ts";
import { cellOf, input, iris1, iris2, iris3, testValues, valueOf } from "./fixture.ts";

// Computed once for the file, from the hand-made fixture.
const output = await computeIndicators(input);

type Expected = { total: number; sex: number[]; age: number[]; gir: number[]; living: number[] };
const zero: Expected = { total: 0, sex: [0, 0], age: [0, 0, 0], gir: [0, 0], living: [0, 0] };
const categories = { sex: ["F", "M"], age: ["<75", "75-84", ">=85"], gir: ["1-2", "3-4"], living: ["alone", "couple"] };

// Counted by hand from the APA rows of fixture.ts.
const expected: [number, Level, string, Expected][] = [
  [2015, "iris", iris1, { total: 2, sex: [2, 0], age: [0, 1, 1], gir: [2, 0], living: [2, 0] }],
  [2015, "iris", iris2, { total: 1, sex: [0, 1], age: [1, 0, 0], gir: [0, 1], living: [0, 1] }],
  [2015, "iris", iris3, zero],
  [2015, "commune", "13001", { total: 4, sex: [2, 2], age: [1, 2, 1], gir: [2, 2], living: [2, 2] }],
  [2015, "commune", "13002", { total: 1, sex: [1, 0], age: [0, 0, 1], gir: [0, 1], living: [1, 0] }],
  [2015, "commune", "13055", { total: 1, sex: [0, 1], age: [0, 0, 1], gir: [1, 0], living: [0, 1] }],
  [2015, "departement", "13", { total: 6, sex: [3, 3], age: [1, 2, 3], gir: [3, 3], living: [3, 3] }],
  [2016, "iris", iris1, { total: 3, sex: [3, 0], age: [0, 2, 1], gir: [2, 1], living: [2, 1] }],
  [2016, "iris", iris2, { total: 1, sex: [0, 1], age: [1, 0, 0], gir: [0, 1], living: [0, 1] }],
  [2016, "iris", iris3, zero],
  [2016, "commune", "13001", { total: 4, sex: [3, 1], age: [1, 2, 1], gir: [2, 2], living: [2, 2] }],
  [2016, "commune", "13002", { total: 2, sex: [1, 1], age: [0, 1, 1], gir: [1, 1], living: [1, 1] }],
  [2016, "commune", "13055", zero],
  [2016, "departement", "13", { total: 7, sex: [5, 2], age: [1, 3, 3], gir: [3, 4], living: [4, 3] }],
];

describe("APA à domicile", () => {
  test.each(expected)("%i %s %s: beneficiaries by sex, age, GIR and living situation", (year, level, code, want) => {
    const cells = output.cells;
    expect(valueOf(cells, "apa-beneficiaries", year, level, code)).toBe(want.total);
    for (const breakdown of ["sex", "age", "gir", "living"] as const) {
      const got = categories[breakdown].map((category) =>
        valueOf(cells, "apa-beneficiaries", year, level, code, breakdown, category),
      );
      expect(got, breakdown).toEqual(want[breakdown]);
    }
    // A count's contributors are the individuals themselves.
    expect(cellOf(cells, "apa-beneficiaries", year, level, code)?.contributors).toBe(want.total);
  });

  test("no cell outside the published areas, no category outside the declared ones", () => {
    const apa = output.cells.filter((c) => c.indicator === "apa-beneficiaries");
    expect(new Set(apa.map((c) => c.code))).toEqual(new Set([iris1, iris2, iris3, "13001", "13002", "13055", "13"]));
    expect(apa.some((c) => c.category === "unknown")).toBe(false);
    // 7 areas x (1 total + 9 categories) x 2 years
    expect(apa).toHaveLength(7 * 10 * 2);
  });

  test.each([
    [2015, "iris", iris1, 2],
    [2015, "iris", iris3, 0],
    [2015, "commune", "13001", 3],
    [2015, "departement", "13", 5],
    [2016, "commune", "13002", 2],
    [2016, "departement", "13", 6],
  ] as const)(
    "%i %s %s: %i beneficiaries aged 75+, published with the relation 75-84 + 85+",
    (year, level, code, count) => {
      const cell = cellOf(output.cells, "apa-beneficiaries-75p", year, level, code);
      expect(cell).toMatchObject({ value: count, contributors: count, unit: "count" });
      const key = (category: string) =>
        cellKey({ indicator: "apa-beneficiaries", year, level, code, breakdown: "age", category });
      expect(output.relations).toContainEqual({
        total: cellKey(cell!),
        parts: [key("75-84"), key(">=85")],
        complete: true,
      });
    },
  );

  test.each([
    [2015, "iris", iris1, 1.0],
    [2015, "iris", iris2, 0],
    [2015, "iris", iris3, null],
    [2015, "commune", "13001", 0.3],
    [2015, "commune", "13002", 0.3],
    [2015, "commune", "13055", 0.1],
    [2015, "departement", "13", 0.1],
    [2016, "iris", iris1, 1.5],
    [2016, "commune", "13002", 0.7],
    [2016, "commune", "13055", 0],
    [2016, "departement", "13", 0.2],
  ] as const)("%i %s %s: beneficiaries aged 75+ per 100 inhabitants aged 75+ = %s", (year, level, code, rate) => {
    expect(valueOf(output.cells, "apa-per-100-aged-75p", year, level, code)).toBe(rate);
  });

  test("a rate names its numerator and denominator cells, and the denominator is published", () => {
    const rate = cellOf(output.cells, "apa-per-100-aged-75p", 2015, "iris", iris1);
    expect(rate?.unit).toBe("rate");
    expect(rate?.contributors).toBeNull();
    expect(rate?.inputs).toEqual([`apa-beneficiaries-75p|2015|iris|${iris1}||`, `population-75p|2015|iris|${iris1}||`]);
    const denominator = cellOf(output.cells, "population-75p", 2015, "iris", iris1);
    expect(denominator).toMatchObject({ value: 200, unit: "count", contributors: null });
    // Unknown population: no denominator cell, a null rate that still names its numerator.
    expect(cellOf(output.cells, "population-75p", 2015, "iris", iris3)).toBeUndefined();
    expect(cellOf(output.cells, "apa-per-100-aged-75p", 2015, "iris", iris3)?.inputs).toEqual([
      `apa-beneficiaries-75p|2015|iris|${iris3}||`,
    ]);
  });

  testValues(output.cells, [
    ["apa-gir-1-2-share", 2015, { [iris1]: 100, [iris3]: null, "13001": 50, "13055": 100 }],
    ["apa-gir-1-2-share", 2016, { [iris1]: 66.7, "13": 42.9 }],
    ["apa-gir-3-4-share", 2016, { "13": 57.1 }],
    ["apa-gir-3-4-share", 2015, { "13002": 100 }],
    ["apa-living-alone-share", 2016, { "13": 57.1, "13001": 50 }],
    ["apa-living-alone-share", 2015, { [iris2]: 0 }],
  ]);

  test.each([
    [iris1, "iris", 50],
    [iris2, "iris", 0],
    [iris3, "iris", null],
    ["13001", "commune", 0],
    ["13002", "commune", 100],
    ["13055", "commune", -100],
    ["13", "departement", 16.7],
  ] as const)("evolution 2015 -> 2016 at %s (%s): %s %%", (code, level, evolution) => {
    const cell = cellOf(output.cells, "apa-beneficiaries-evolution", 2016, level, code);
    expect(cell?.value).toBe(evolution);
    expect(cell?.inputs).toEqual([
      `apa-beneficiaries|2015|${level}|${code}||`,
      `apa-beneficiaries|2016|${level}|${code}||`,
    ]);
    expect(cellOf(output.cells, "apa-beneficiaries-evolution", 2015, level, code)).toBeUndefined();
  });

  test("evolution of a category: women in the département, 3 -> 5", () => {
    expect(valueOf(output.cells, "apa-beneficiaries-evolution", 2016, "departement", "13", "sex", "F")).toBe(66.7);
  });
});

describe("APA relations", () => {
  const find = (total: string) => output.relations.filter((r) => r.total === total);
  const key = (year: number, level: Level, code: string, breakdown = "", category = "") =>
    cellKey({ indicator: "apa-beneficiaries", year, level, code, breakdown, category });

  test("IRIS -> Aix: incomplete in 2015 (one row not placed in an IRIS), complete in 2016", () => {
    const irisParts = (year: number) => [iris1, iris2, iris3].map((code) => key(year, "iris", code));
    expect(find(key(2015, "commune", "13001"))).toContainEqual({
      total: key(2015, "commune", "13001"),
      parts: irisParts(2015),
      complete: false,
    });
    expect(find(key(2016, "commune", "13001"))).toContainEqual({
      total: key(2016, "commune", "13001"),
      parts: irisParts(2016),
      complete: true,
    });
  });

  test("communes -> département: complete in 2015, not in 2016 (one row placed in no commune)", () => {
    const communeParts = (year: number) => ["13001", "13002", "13055"].map((code) => key(year, "commune", code));
    const departement2015 = find(key(2015, "departement", "13")).find((r) => r.parts[0]?.includes("|commune|"));
    const departement2016 = find(key(2016, "departement", "13")).find((r) => r.parts[0]?.includes("|commune|"));
    expect(departement2015).toEqual({
      total: key(2015, "departement", "13"),
      parts: communeParts(2015),
      complete: true,
    });
    expect(departement2016).toEqual({
      total: key(2016, "departement", "13"),
      parts: communeParts(2016),
      complete: false,
    });
  });

  test("each additive breakdown -> total, complete, at every area", () => {
    const sex = output.relations.find(
      (r) => r.total === key(2016, "departement", "13") && r.parts[0]?.includes("|sex|"),
    );
    expect(sex).toEqual({
      total: key(2016, "departement", "13"),
      parts: [key(2016, "departement", "13", "sex", "F"), key(2016, "departement", "13", "sex", "M")],
      complete: true,
    });
    const categoryRelations = output.relations.filter(
      (r) =>
        r.total.startsWith("apa-beneficiaries|") &&
        r.total.split("|")[4] === "" &&
        r.parts.every((p) => p.split("|")[4] !== ""),
    );
    // 7 areas x 4 breakdowns x 2 years
    expect(categoryRelations).toHaveLength(56);
  });

  test("every declared relation holds on the computed values", () => {
    const values = new Map(output.cells.map((c) => [cellKey(c), c.value]));
    for (const relation of output.relations) {
      const total = values.get(relation.total) as number;
      const parts = relation.parts.reduce((sum, part) => sum + (values.get(part) as number), 0);
      if (relation.complete) expect(parts, relation.total).toBe(total);
      else expect(parts, relation.total).toBeLessThanOrEqual(total);
    }
  });

  test("rates, shares and evolutions take part in no sum relation", () => {
    const units = new Map(output.cells.map((c) => [cellKey(c), c.unit]));
    for (const relation of output.relations) {
      for (const key of [relation.total, ...relation.parts]) expect(["count", "amount"]).toContain(units.get(key));
    }
  });
});
