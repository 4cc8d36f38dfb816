import { describe, expect, test } from "vitest";
import { computeIndicators } from "../../loaders/indicators/compute.ts";
import { cellOf, input, relationOf, testValues, valueOf } from "./fixture.ts";

// Computed once for the file, from the hand-made fixture.
const output = await computeIndicators(input);

const breakdownRelation = (total: string, breakdown: string) => relationOf(output.relations, total, breakdown);

describe("aggregated files (one line for Aix, one for the département)", () => {
  test.each([
    ["ash-elderly-beneficiaries", 2015, "commune", "13001", "", "", 10],
    ["ash-elderly-beneficiaries", 2015, "commune", "13001", "sex", "F", 6],
    ["ash-elderly-beneficiaries", 2015, "commune", "13001", "sex", "M", 4],
    ["ash-elderly-beneficiaries", 2016, "departement", "13", "", "", 110],
    ["actp-pch-beneficiaries", 2015, "commune", "13001", "age", "<40", 5],
    ["actp-pch-beneficiaries", 2015, "departement", "13", "sex", "M", 90],
    ["ase-in-care", 2016, "commune", "13001", "", "", 42],
    ["ase-monthly-allowances", 2016, "commune", "13001", "", "", null],
    ["faj-beneficiaries", 2016, "departement", "13", "", "", 330],
    ["fsl-beneficiaries", 2015, "commune", "13001", "type", "access", 20],
    ["fsl-beneficiaries", 2015, "commune", "13001", "type", "upkeep", 40],
  ] as const)("%s %i %s %s %s %s = %s", (indicator, year, level, code, breakdown, category, value) => {
    const cell = cellOf(output.cells, indicator, year, level, code, breakdown, category);
    // The partner's count is the number of individuals behind the cell.
    expect(cell).toMatchObject({ value, contributors: value, unit: "count" });
  });

  test("published at commune and département only", () => {
    const levels = new Set(
      output.cells.filter((c) => /^(ash|actp|ase|faj|fsl)-/.test(c.indicator)).map((c) => c.level),
    );
    expect(levels).toEqual(new Set(["commune", "departement"]));
  });

  testValues(output.cells, [
    ["ash-elderly-per-1000-aged-60p", 2015, { "13001": 2, "13": 2.5 }],
    ["ash-elderly-per-1000-aged-60p", 2016, { "13001": 2.4, "13": 2.8 }],
    ["actp-pch-per-1000", 2015, { "13001": 10, "13": 25 }],
    ["ase-reports-per-1000-aged-0-17", 2015, { "13001": 5, "13": 7.5 }],
    ["ase-monthly-allowances-per-1000-aged-0-17", 2016, { "13001": null }],
    ["faj-per-1000-aged-18-24", 2015, { "13001": 20 }],
    ["faj-per-1000-aged-18-24", 2016, { "13001": 24 }],
    ["fsl-per-1000-households", 2015, { "13001": 50, "13": 100 }],
    ["faj-beneficiaries-evolution", 2016, { "13001": 20 }],
    ["fsl-beneficiaries-evolution", 2016, { "13001": -20 }],
    ["ase-monthly-allowances-evolution", 2016, { "13001": null }],
  ]);

  test("an estimated denominator is published rounded, the rate uses the estimate", () => {
    // 15 / 3000.4 x 1000 = 4.9993..., published 5.0 beside a population of 3000
    expect(valueOf(output.cells, "population-0-17", 2015, "commune", "13001")).toBe(3000);
  });

  test("the partner's breakdowns are declared only where they add up; FSL access + upkeep never", () => {
    expect(breakdownRelation("ash-elderly-beneficiaries|2015|commune|13001||", "sex")?.complete).toBe(true);
    expect(breakdownRelation("actp-pch-beneficiaries|2015|commune|13001||", "sex")?.complete).toBe(true);
    // Parts that leave people out: the residual « non ventilé » completes the relation.
    expect(breakdownRelation("actp-pch-beneficiaries|2015|commune|13001||", "age")?.parts).toContain(
      "actp-pch-beneficiaries|2015|commune|13001|age|non-ventile",
    );
    expect(breakdownRelation("actp-pch-beneficiaries|2015|departement|13||", "age")?.complete).toBe(true);
    expect(output.relations.some((r) => r.parts.some((p) => p.includes("|type|")) && r.total.endsWith("||"))).toBe(
      false,
    );
  });

  test("Aix is part of the département, with a hidden rest (the other communes are not sent)", () => {
    expect(output.relations).toContainEqual({
      total: "ase-reports|2015|departement|13||",
      parts: ["ase-reports|2015|commune|13001||"],
      complete: false,
    });
  });

  test("the ASE measures are separate: no relation between them", () => {
    const ase = output.relations.filter((r) => r.total.startsWith("ase-"));
    for (const relation of ase) {
      const indicator = relation.total.split("|")[0];
      expect(relation.parts.every((p) => p.split("|")[0] === indicator)).toBe(true);
    }
  });
});

describe("catalogue lines of the aggregated files", () => {
  const info = (indicator: string, year: number) =>
    output.catalogue.find((c) => c.indicator === indicator && c.year === year);

  test("sources, dates, vintage and approximations of an estimated rate", () => {
    const line = info("faj-per-1000-aged-18-24", 2015);
    expect(line?.sources[0]).toMatch(
      /^Source Le Conseil Départemental – Analyse des Besoins Sociaux du CCAS de la Ville d'Aix-en-Provence/,
    );
    expect(line?.sources).toContain("INSEE, recensement de la population 2016");
    expect(line).toMatchObject({
      observationDate: "2015-12-31",
      lastUpdate: "2016-03-15",
      synthetic: true,
      decimals: 1,
    });
    expect(line?.denominatorVintages).toEqual(["INSEE, recensement de la population 2016 (millésime 2016)"]);
    expect(line?.approximations).toContain("Estimation à partir des tranches d'âge du recensement.");
    expect(line?.approximations).toContain(
      "INSEE, recensement de la population 2016 : valeurs du millésime 2016 utilisées pour l'année 2015.",
    );
    expect(line?.rounding).toMatch(/arrondie à 1 décimale/);
    expect(info("faj-per-1000-aged-18-24", 2016)?.approximations.some((a) => a.includes("pour l'année"))).toBe(false);
  });

  test("a count is exact and names only the partner's file", () => {
    const line = info("fsl-beneficiaries", 2016);
    expect(line?.rounding).toBeNull();
    expect(line?.sources).toHaveLength(1);
    expect(line?.sources[0]).toContain("aides financières");
    expect(line?.denominatorVintages).toEqual([]);
  });
});
