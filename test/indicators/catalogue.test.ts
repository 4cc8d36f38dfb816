import { beforeAll, describe, expect, test } from "vitest";
import { computeIndicators, type IndicatorOutput } from "../../loaders/indicators/compute.ts";
import { indicatorById, indicatorCatalogue } from "../../loaders/indicators/catalogue.ts";
import type { CellSelector } from "../../loaders/indicators/types.ts";
import { FIRST_CATALOGUE } from "../helpers/first-catalogue.ts";
import { input } from "./fixture.ts";

function checkSelector(selector: CellSelector): void {
  const definition = indicatorById(selector.indicator);
  expect(definition, selector.indicator).toBeDefined();
  if (selector.breakdown === undefined) return;
  const breakdown = definition?.breakdowns.find((b) => b.id === selector.breakdown);
  expect(breakdown, `${selector.indicator} ${selector.breakdown}`).toBeDefined();
  for (const category of selector.categories ?? []) expect(breakdown?.categories.map((c) => c.id)).toContain(category);
}

describe("indicator catalogue", () => {
  test("covers docs/INDICATORS.md", () => {
    const ids = indicatorCatalogue.map((d) => d.id);
    for (const id of FIRST_CATALOGUE) expect(ids).toContain(id);
  });

  test("ids are unique and kebab-case", () => {
    const ids = indicatorCatalogue.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test("every rate and evolution refers to declared indicators, breakdowns and categories", () => {
    for (const definition of indicatorCatalogue) {
      const computation = definition.computation;
      if (computation.kind === "ratio") {
        // One cell each side: disclosure reads a rate's inputs as [numerator, denominator].
        expect(computation.numerator.categories?.length ?? 1, definition.id).toBe(1);
        expect(computation.denominator.categories?.length ?? 1, definition.id).toBe(1);
        checkSelector(computation.numerator);
        checkSelector(computation.denominator);
        expect(definition.decimals, definition.id).toBe(1);
        expect(definition.denominator, definition.id).not.toBeNull();
      }
      if (computation.kind === "evolution") expect(indicatorById(computation.of)).toBeDefined();
    }
  });

  test("additivity follows docs/INDICATORS.md", () => {
    const additivity = (id: string) => Object.fromEntries(indicatorById(id)!.breakdowns.map((b) => [b.id, b.additive]));
    expect(additivity("apa-beneficiaries")).toEqual({ sex: true, age: true, gir: true, living: true });
    expect(additivity("births")).toEqual({ "mother-age": true, "birth-rank": true });
    // The partner's own totals and parts: declared where they add up, never assumed.
    expect(additivity("childminder-places")).toEqual({ age: "checked" });
    expect(additivity("ash-elderly-beneficiaries")).toEqual({ sex: "checked" });
    expect(additivity("actp-pch-beneficiaries")).toEqual({ sex: "checked", age: "checked" });
    expect(additivity("fsl-beneficiaries")).toEqual({ type: false });
  });

  test("estimated denominators declare their approximation", () => {
    for (const id of ["population-0-17", "population-18-24", "households", "children-under-3"]) {
      expect(indicatorById(id)?.approximations.length, id).toBeGreaterThan(0);
    }
  });
});

describe("catalogue published with the tables", () => {
  let output: IndicatorOutput;
  beforeAll(async () => {
    output = await computeIndicators(input);
  });

  test("one line per indicator and year: every indicator for 2015 and 2016, evolutions from 2016", () => {
    const lines = new Set(output.catalogue.map((c) => `${c.indicator}|${c.year}`));
    for (const definition of indicatorCatalogue) {
      const years = definition.computation.kind === "evolution" ? [2016] : [2015, 2016];
      for (const year of years) expect(lines, `${definition.id} ${year}`).toContain(`${definition.id}|${year}`);
    }
    expect(lines).not.toContain("apa-beneficiaries-evolution|2015");
    expect(output.catalogue).toHaveLength(lines.size);
  });

  test("every cell has its catalogue line and a declared unit", () => {
    const lines = new Map(output.catalogue.map((c) => [`${c.indicator}|${c.year}`, c]));
    for (const cell of output.cells) {
      const line = lines.get(`${cell.indicator}|${cell.year}`);
      expect(line, `${cell.indicator} ${cell.year}`).toBeDefined();
      expect(cell.unit).toBe(line?.unit);
    }
  });

  test("rates are rounded to one decimal, counts are whole", () => {
    for (const cell of output.cells) {
      if (cell.value === null) continue;
      const decimals = cell.unit === "count" || cell.unit === "amount" ? 0 : 1;
      expect(
        Math.abs(cell.value * 10 ** decimals - Math.round(cell.value * 10 ** decimals)),
        `${cell.indicator}`,
      ).toBeLessThan(1e-9);
    }
  });
});
