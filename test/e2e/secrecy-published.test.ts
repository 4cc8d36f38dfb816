import { beforeAll, describe, expect, test } from "vitest";
import { loadDenominators } from "../../loaders/reference/denominators.ts";
import { resolveReferenceDir } from "../../loaders/reference/resolve.ts";
import { readAllBuiltTables, type CellRow } from "./site-files.ts";

/**
 * Article 7 on what actually reached dist/, read back from the published Parquet files with an
 * independent reader: no count of 1 to 4, no value for a zone under 100 inhabitants or of
 * unknown population, and a single secret flag whose cells carry no value.
 */
describe("secrecy of the published tables", () => {
  let cells: CellRow[];
  beforeAll(async () => {
    cells = await readAllBuiltTables();
  });

  test("thousands of cells are published, some of them secret", () => {
    expect(cells.length).toBeGreaterThan(5000);
    expect(cells.some((c) => c.secret)).toBe(true);
  });

  test("no public count rests on 1 to 4 individuals", () => {
    const small = cells.filter(
      (c) => c.unit === "count" && !c.secret && c.value !== null && c.value >= 1 && c.value <= 4,
    );
    expect(small.map((c) => `${c.indicator}|${c.year}|${c.level}|${c.code}|${c.breakdown}|${c.category}`)).toEqual([]);
  });

  test("a secret cell carries no value, and the tables say nothing else about it", () => {
    expect(cells.filter((c) => c.secret && c.value !== null)).toEqual([]);
    expect(Object.keys(cells[0]!).sort()).toEqual([
      "breakdown",
      "category",
      "code",
      "indicator",
      "level",
      "secret",
      "unit",
      "value",
      "year",
    ]);
  });

  test("no value is published for an IRIS under 100 inhabitants or of unknown population", async () => {
    const denominators = await loadDenominators(resolveReferenceDir());
    const small = new Set<string>();
    for (const code of new Set(cells.filter((c) => c.level === "iris").map((c) => c.code))) {
      const population = denominators.get("population", "iris", code, 2016)?.value ?? null;
      if (population === null || population < 100) small.add(code);
    }
    expect(small.has("130010906")).toBe(true);
    const leaked = cells.filter(
      (c) => c.level === "iris" && small.has(c.code) && c.value !== null && !c.indicator.startsWith("population"),
    );
    expect(leaked.map((c) => `${c.indicator}|${c.year}|${c.code}`)).toEqual([]);
  });
});
