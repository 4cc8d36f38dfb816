import { beforeAll, describe, expect, it } from "vitest";
import { communesOfDepartement } from "../../loaders/reference/communes.ts";
import { loadDenominators, type ReferenceDenominators } from "../../loaders/reference/denominators.ts";
import { readIrisPopulation } from "../../loaders/reference/population.ts";
import { sharedReferenceDir } from "../helpers/shared-reference.ts";

describe("loadDenominators on the real files", () => {
  let d: ReferenceDenominators;
  beforeAll(async () => {
    d = await loadDenominators(sharedReferenceDir);
  });

  it("takes commune and département populations from the populations légales, not the IRIS sum", async () => {
    const legal = communesOfDepartement("13");
    const aix = d.get("population", "commune", "13001", 2015)!;
    expect(aix.value).toBe(legal.find((c) => c.code === "13001")!.population);
    expect(aix.source).toMatch(/^INSEE, populations légales \d{4}$/);
    const dep = d.get("population", "departement", "13", 2015)!;
    expect(dep.value).toBe(legal.reduce((s, c) => s + c.population!, 0));
    expect(dep.value).toBeGreaterThan(2_000_000);
    const pop = await readIrisPopulation(sharedReferenceDir);
    const irisSum = pop.codes().reduce((s, c) => s + (pop.total(c) ?? 0), 0);
    // The IRIS file misses the 67 communes not split into IRIS: about 1.77 M against 2.09 M.
    expect(irisSum).toBeLessThan(1_800_000);
    expect(dep.value! - irisSum).toBeGreaterThan(250_000);
  });

  it("gives IRIS populations from the RP, and null (not 0) for 130010906", () => {
    const rotonde = d.get("population", "iris", "130010101", 2015)!;
    expect(rotonde.source).toBe("INSEE, recensement de la population 2016");
    expect(rotonde.vintage).toBe(2016);
    expect(rotonde.value).toBeCloseTo(2316.436, 2);
    expect(d.get("population", "iris", "130010906", 2015)).toEqual({
      value: null,
      source: "INSEE, recensement de la population 2016",
      vintage: 2016,
    });
    expect(d.get("population75p", "iris", "130010906", 2015)?.value).toBeNull();
  });

  it("flags the 0-17 and 18-24 estimates and computes them from 0-14 and 15-29", () => {
    const young = d.get("population0_17", "iris", "130010101", 2015)!;
    expect(young.value).toBeCloseTo(248.9311893150425 + (3 / 15) * 955.1239694334048, 9);
    expect(young.approximation).toMatch(/0-14 ans \+ 3\/15 des 15-29 ans/);
    const students = d.get("population18_24", "iris", "130010101", 2015)!;
    expect(students.value).toBeCloseTo((7 / 15) * 955.1239694334048, 9);
    expect(students.approximation).toMatch(/7\/15 des 15-29 ans/);
    expect(d.get("population75p", "iris", "130010101", 2015)!.approximation).toBeUndefined();
    expect(d.get("population60p", "iris", "130010101", 2015)!.value).toBeCloseTo(
      270.4425683589028 + 181.3842866960764,
      9,
    );
  });

  it("counts households as main residences (houses + flats), flagged", () => {
    const h = d.get("households", "iris", "130010101", 2015)!;
    expect(h.value).toBeCloseTo(39.89467211298885 + 1386.436033951063, 9);
    expect(h.approximation).toMatch(/résidences principales/);
  });

  it("uses CAF ENF_2 of 2016 for 2015 and says so; the year itself from 2016 on", () => {
    const y2015 = d.get("childrenUnder3", "iris", "130010101", 2015)!;
    expect(y2015.value).toBe(37);
    expect(y2015.vintage).toBe(2016);
    expect(y2015.approximation).toMatch(/CAF 2016 utilisées pour 2015/);
    const y2018 = d.get("childrenUnder3", "iris", "130010101", 2018)!;
    expect(y2018.value).toBe(32);
    expect(y2018.approximation).not.toMatch(/utilisées pour/);
  });

  it("sums the IRIS of a fully covered commune (Aix: 53 habitat IRIS, the activity IRIS unknown)", async () => {
    const pop = await readIrisPopulation(sharedReferenceDir);
    const aix75 = pop
      .codes()
      .filter((c) => c.startsWith("13001"))
      .reduce((s, c) => s + pop.ageGroup(c, "75+")!, 0);
    expect(d.get("population75p", "commune", "13001", 2015)!.value).toBeCloseTo(aix75, 6);
    const marseille = d.get("population75p", "commune", "13055", 2015)!;
    expect(marseille.value).toBeGreaterThan(50_000);
  });

  it("answers null for a commune not split into IRIS (absent from the IRIS file), never 0", () => {
    // Alleins (13003) is one IRIS of type Z, absent from the RP extract.
    const v = d.get("population75p", "commune", "13003", 2015)!;
    expect(v.value).toBeNull();
    expect(d.get("population", "commune", "13003", 2015)!.value).toBeGreaterThan(0);
  });

  it("flags the département sum of IRIS as incomplete", () => {
    const v = d.get("population75p", "departement", "13", 2015)!;
    expect(v.value).toBeGreaterThan(100_000);
    expect(v.approximation).toMatch(/communes absentes.*sous-estimation/);
  });

  it("returns null for an unknown measure or place", () => {
    expect(d.get("unicorns", "iris", "130010101", 2015)).toBeNull();
    expect(d.get("population", "commune", "75056", 2015)).toBeNull();
    expect(d.get("population", "departement", "84", 2015)).toBeNull();
    expect(d.get("population", "iris", "999999999", 2015)).toBeNull();
  });
});
