import { describe, expect, test } from "vitest";
import { cellKey, type Level } from "../../loaders/contracts.ts";
import { computeIndicators } from "../../loaders/indicators/compute.ts";
import { cellOf, input, iris1, iris2, iris3, relationOf as relationIn, testValues, valueOf } from "./fixture.ts";

// Computed once for the file, from the hand-made fixture.
const output = await computeIndicators(input);

const relationOf = (total: string, breakdown: string) => relationIn(output.relations, total, breakdown);

describe("childminders (Aix's own extract)", () => {
  test.each([
    [2015, "iris", iris1, 2],
    [2015, "iris", iris2, 1],
    [2015, "iris", iris3, 0],
    [2015, "commune", "13001", 3],
    [2016, "iris", iris1, 0],
    [2016, "iris", iris2, 1],
    [2016, "commune", "13001", 1],
  ] as const)("%i %s %s: %i childminders", (year, level, code, count) => {
    expect(valueOf(output.cells, "childminders", year, level, code)).toBe(count);
  });

  test("a file with nobody outside Aix publishes neither other communes nor the département", () => {
    const codes = new Set(output.cells.filter((c) => c.indicator.startsWith("childminder")).map((c) => c.code));
    expect(codes).toEqual(new Set([iris1, iris2, iris3, "13001"]));
  });

  // [year, level, code, breakdown, category, places, childminders behind them]
  test.each([
    [2015, "iris", iris1, "", "", 7, 2],
    [2015, "iris", iris1, "age", "<3", 6, 2],
    [2015, "iris", iris1, "age", ">=3", 1, 1],
    [2015, "iris", iris2, "", "", 2, 1],
    [2015, "iris", iris2, "age", ">=3", 0, 0],
    [2015, "iris", iris3, "", "", 0, 0],
    [2015, "commune", "13001", "", "", 9, 3],
    [2015, "commune", "13001", "age", "<3", 7, 3],
    [2015, "commune", "13001", "age", ">=3", 1, 1],
    [2016, "commune", "13001", "age", "<3", 2, 1],
  ] as const)(
    "places %i %s %s %s %s: %i places, %i contributors",
    (year, level, code, breakdown, category, places, contributors) => {
      const cell = cellOf(output.cells, "childminder-places", year, level, code, breakdown, category);
      expect(cell).toMatchObject({ value: places, contributors, unit: "amount" });
    },
  );

  test.each([
    [2015, "iris", iris1, "", "", 6, 2],
    [2015, "iris", iris1, "age", "<3", 5, 2],
    [2015, "iris", iris1, "age", ">=3", 1, 1],
    [2015, "iris", iris2, "", "", 0, 0],
    [2015, "iris", iris2, "age", ">=3", null, 0],
    [2015, "commune", "13001", "", "", 6, 2],
    [2015, "commune", "13001", "age", ">=3", 1, 1],
  ] as const)(
    "children kept %i %s %s %s %s: %s, %i contributors",
    (year, level, code, breakdown, category, children, contributors) => {
      expect(cellOf(output.cells, "childminder-children", year, level, code, breakdown, category)).toMatchObject({
        value: children,
        contributors,
      });
    },
  );

  test("places by age add up to the total with the places not split as a residual cell (a « dont » relation)", () => {
    const key = (year: number, level: Level, code: string) =>
      cellKey({ indicator: "childminder-places", year, level, code, breakdown: "", category: "" });
    expect(relationOf(key(2015, "iris", iris1), "age")?.complete).toBe(true);
    // Where the partner's parts leave places out, the remainder is a cell of its own, in the relation.
    for (const total of [key(2015, "iris", iris2), key(2015, "commune", "13001")]) {
      const relation = relationOf(total, "age")!;
      expect(relation.parts.some((p) => p.endsWith("|age|non-ventile"))).toBe(true);
      const residual = output.cells.find((c) => cellKey(c) === relation.parts.find((p) => p.endsWith("non-ventile")))!;
      expect(residual.value).toBeGreaterThan(0);
      expect(residual.contributors).toBeNull(); // unknown: kept secret unless zero
    }
    expect(relationOf(key(2016, "commune", "13001"), "age")?.complete).toBe(true);
  });

  test("children kept: the total is the sum of the ages, except where a part is unknown", () => {
    const key = (code: string, level: Level) =>
      cellKey({ indicator: "childminder-children", year: 2015, level, code, breakdown: "", category: "" });
    expect(relationOf(key(iris1, "iris"), "age")?.complete).toBe(true);
    expect(relationOf(key(iris2, "iris"), "age")).toBeUndefined();
  });

  testValues(output.cells, [
    ["childminder-occupancy-under-3", 2015, { [iris1]: 83.3, [iris2]: 0, [iris3]: null, "13001": 71.4 }],
    ["childminder-occupancy-under-3", 2016, { [iris2]: 100 }],
    ["childminder-coverage-under-3", 2015, { [iris1]: 12, [iris2]: 2.5, [iris3]: null, "13001": 1 }],
    ["childminder-coverage-under-3", 2016, { [iris2]: 5, "13001": 0.3 }],
    ["childminders-evolution", 2016, { "13001": -66.7 }],
    ["childminder-places-evolution", 2016, { "13001": -77.8 }],
  ]);

  test("the IRIS add up to Aix when every row is placed", () => {
    const relation = output.relations.find((r) => r.total === "childminders|2015|commune|13001||");
    expect(relation).toEqual({
      total: "childminders|2015|commune|13001||",
      parts: [iris1, iris2, iris3].map((c) => `childminders|2015|iris|${c}||`),
      complete: true,
    });
  });

  test("the catalogue says when the children under 3 of another year are used", () => {
    const info = (year: number) =>
      output.catalogue.find((c) => c.indicator === "childminder-coverage-under-3" && c.year === year);
    expect(info(2015)?.approximations).toContain(
      "CNAF, données CAF par IRIS : valeurs du millésime 2016 utilisées pour l'année 2015.",
    );
    expect(info(2016)?.approximations.some((a) => a.includes("utilisées pour l'année"))).toBe(false);
    expect(info(2015)?.denominatorVintages).toEqual(["CNAF, données CAF par IRIS (millésime 2016)"]);
  });
});

describe("births (8th-day certificates)", () => {
  const motherAges = ["<20", "20-24", "25-29", "30-34", "35-39", ">=40", "unknown"];
  test.each([
    [2015, "iris", iris1, 1, [1, 0, 0, 0, 0, 0, 0], [1, 0, 0]],
    [2015, "iris", iris2, 2, [0, 0, 0, 0, 0, 1, 1], [0, 1, 1]],
    [2015, "iris", iris3, 0, [0, 0, 0, 0, 0, 0, 0], [0, 0, 0]],
    [2015, "commune", "13001", 3, [1, 0, 0, 0, 0, 1, 1], [1, 1, 1]],
    [2015, "commune", "13002", 0, [0, 0, 0, 0, 0, 0, 0], [0, 0, 0]],
    [2015, "commune", "13055", 1, [0, 0, 0, 1, 0, 0, 0], [0, 0, 1]],
    [2015, "departement", "13", 4, [1, 0, 0, 1, 0, 1, 1], [1, 1, 2]],
    [2016, "commune", "13001", 1, [0, 0, 1, 0, 0, 0, undefined], [1, 0, 0]],
    [2016, "departement", "13", 2, [0, 0, 1, 0, 1, 0, undefined], [1, 1, 0]],
  ] as const)("%i %s %s: %i births by mother's age and birth rank", (year, level, code, total, ages, ranks) => {
    expect(valueOf(output.cells, "births", year, level, code)).toBe(total);
    expect(motherAges.map((a) => valueOf(output.cells, "births", year, level, code, "mother-age", a))).toEqual(ages);
    expect(["1", "2", ">=3"].map((r) => valueOf(output.cells, "births", year, level, code, "birth-rank", r))).toEqual(
      ranks,
    );
  });

  test("the unknown mother's age keeps the classes additive", () => {
    const relation = relationOf("births|2015|commune|13001||", "mother-age");
    expect(relation?.parts).toContain("births|2015|commune|13001|mother-age|unknown");
    expect(relation?.complete).toBe(true);
  });

  testValues(output.cells, [
    ["births-per-1000", 2015, { [iris1]: 2, [iris2]: 5, [iris3]: null }],
    ["births-per-1000", 2015, { "13001": 1.5, "13002": 0, "13055": 0.3, "13": 0.5 }],
    ["births-per-1000", 2016, { "13": 0.3, "13002": 1 }],
    ["births-mother-under-20-share", 2015, { "13001": 33.3, "13": 25 }],
    ["births-mother-40-plus-share", 2016, { "13": 0 }],
    ["births-rank-3-plus-share", 2015, { "13": 50, "13055": 100 }],
    ["births-evolution", 2016, { "13": -50 }],
  ]);

  test("shares of rare mothers' ages are not published by IRIS (rareClassLevels)", () => {
    for (const indicator of ["births-mother-40-plus-share", "births-mother-under-20-share"]) {
      expect(output.cells.filter((c) => c.indicator === indicator && c.level === "iris")).toEqual([]);
      expect(output.cells.some((c) => c.indicator === indicator && c.level === "commune")).toBe(true);
    }
  });

  test("Marseille's arrondissements are counted in 13055", () => {
    expect(valueOf(output.cells, "apa-beneficiaries", 2015, "commune", "13055")).toBe(1);
    expect(output.cells.some((c) => c.code.startsWith("132"))).toBe(false);
  });
});
