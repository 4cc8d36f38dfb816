/**
 * The arrondissement level of a commune split into municipal arrondissements (Marseille): a
 * hand-made commune of four IRIS in two arrondissements, every expected value counted by hand.
 */
import { describe, expect, test } from "vitest";
import {
  ANNEX1_DATASETS,
  cellKey,
  type Cell,
  type DatasetEdition,
  type Level,
  type PrivateRecord,
  type ReferenceValue,
} from "../../loaders/contracts.ts";
import { audit } from "../../loaders/disclosure/audit.ts";
import { primarySecrets } from "../../loaders/disclosure/primary.ts";
import { protect } from "../../loaders/disclosure/protect.ts";
import { computeIndicators, type IndicatorInput } from "../../loaders/indicators/compute.ts";
import { publicRelations } from "../../loaders/publish/publication.ts";
import { zonePopulations } from "../../loaders/publish/zones.ts";
import { irisByArrondissement, municipalArrondissements } from "../../loaders/reference/communes.ts";
import { cellOf } from "./fixture.ts";

// 13201 (1er): IRIS a and b; 13202 (2e): IRIS c and d.
const [a, b, c, d] = ["132010101", "132010102", "132020101", "132020102"] as const;
const communeIris = [a, b, c, d];
const arrondissements = irisByArrondissement(communeIris, municipalArrondissements("13055"));

const apa = (iris: string | null, commune: string, sex: "F" | "M", age: number): PrivateRecord => ({
  dataset: "apa-domicile",
  year: 2015,
  observationDate: "2015-12-31",
  iris,
  commune,
  matchType: iris === null ? "not-found" : "exact",
  fields: { sex, age, livingAlone: false, gir: 3 },
});

const repeat = (n: number, make: (i: number) => PrivateRecord): PrivateRecord[] =>
  Array.from({ length: n }, (_, i) => make(i));

/**
 * 1er: 2 in IRIS a (secret) and 12 in IRIS b, so that 1er − b would give a away. 2e: 3 in c
 * and 0 in d: the arrondissement's own count (3) is under the threshold. Elsewhere: Aix (13001).
 */
const records: PrivateRecord[] = [
  ...repeat(2, () => apa(a, "13055", "F", 80)),
  ...repeat(12, (i) => apa(b, "13055", i % 2 === 0 ? "F" : "M", 70 + i)),
  ...repeat(3, () => apa(c, "13055", "M", 90)),
  ...repeat(40, (i) => apa(null, "13001", i % 3 === 0 ? "M" : "F", 65 + (i % 30))),
];

const editions: DatasetEdition[] = ANNEX1_DATASETS.map((dataset) => ({
  dataset,
  year: 2015,
  observationDate: "2015-12-31",
  lastUpdate: "2016-03-15",
  synthetic: true,
}));

/** Every zone has a few thousand inhabitants: only the counts decide what is secret. */
const population: Record<string, number> = {
  [a]: 2000,
  [b]: 2500,
  [c]: 1800,
  [d]: 2200,
  "13201": 4500,
  "13202": 4000,
  "13055": 8500,
  "13001": 140000,
  "13": 2000000,
};
const denominators = {
  get(measure: string, _level: Level, code: string): ReferenceValue | null {
    const value = population[code];
    if (value === undefined) return null;
    return { value: measure === "population75p" ? value / 10 : value, source: "INSEE, recensement", vintage: 2016 };
  },
};

const input: IndicatorInput = {
  records,
  aggregates: [],
  editions,
  denominators,
  commune: "13055",
  departement: "13",
  communeIris,
  communes: ["13001", "13055"],
  arrondissements,
};

const output = await computeIndicators(input);
const key = (level: Level, code: string, breakdown = "", category = "", indicator = "apa-beneficiaries") =>
  cellKey({ indicator, year: 2015, level, code, breakdown, category });

describe("arrondissement level", () => {
  test("the reference names Marseille's 16 arrondissements and groups IRIS by their code", () => {
    const all = municipalArrondissements("13055");
    expect(all.map((x) => x.code)).toEqual(Array.from({ length: 16 }, (_, i) => String(13201 + i)));
    expect(all[0]!.name).toBe("Marseille 1er arrondissement");
    expect(all[15]!.name).toBe("Marseille 16e arrondissement");
    expect(arrondissements).toEqual([
      { code: "13201", iris: [a, b] },
      { code: "13202", iris: [c, d] },
    ]);
    expect(municipalArrondissements("13001")).toEqual([]);
  });

  test("an arrondissement's cells are the sums of its IRIS, for the total and every breakdown", () => {
    const irisCells = output.cells.filter((x) => x.level === "iris" && x.indicator === "apa-beneficiaries");
    const arrondissementCells = output.cells.filter(
      (x) => x.level === "arrondissement" && x.indicator === "apa-beneficiaries",
    );
    expect(new Set(arrondissementCells.map((x) => x.code))).toEqual(new Set(["13201", "13202"]));
    for (const cell of arrondissementCells) {
      const parts = irisCells.filter(
        (x) => x.code.startsWith(cell.code) && x.breakdown === cell.breakdown && x.category === cell.category,
      );
      expect(parts.length).toBe(2);
      expect(cell.value).toBe(parts.reduce((s, p) => s + (p.value as number), 0));
      expect(cell.contributors).toBe(parts.reduce((s, p) => s + (p.contributors as number), 0));
    }
    expect(cellOf(output.cells, "apa-beneficiaries", 2015, "arrondissement", "13201")?.value).toBe(14);
    expect(cellOf(output.cells, "apa-beneficiaries", 2015, "arrondissement", "13202")?.value).toBe(3);
    expect(cellOf(output.cells, "apa-beneficiaries", 2015, "commune", "13055")?.value).toBe(17);
  });

  test("rates have their denominator at the arrondissement level", () => {
    const rate = output.cells.find(
      (x) => x.level === "arrondissement" && x.code === "13201" && x.indicator === "apa-per-100-aged-75p",
    );
    expect(rate).toBeDefined();
    expect(rate!.inputs).toContain(key("arrondissement", "13201", "", "", "population-75p"));
  });

  test("relations: IRIS -> arrondissement (complete) -> commune -> département, no IRIS -> commune", () => {
    const total = (k: string) => output.relations.filter((r) => r.total === k);
    expect(total(key("arrondissement", "13201"))).toContainEqual({
      total: key("arrondissement", "13201"),
      parts: [key("iris", a), key("iris", b)],
      complete: true,
    });
    const commune = total(key("commune", "13055")).filter((r) => r.parts.every((p) => !p.includes("|age|")));
    expect(commune.map((r) => r.parts)).toContainEqual([
      key("arrondissement", "13201"),
      key("arrondissement", "13202"),
    ]);
    expect(
      output.relations.some((r) => r.total.includes("|commune|") && r.parts.some((p) => p.includes("|iris|"))),
    ).toBe(false);
    // The same hierarchy in every breakdown.
    expect(total(key("arrondissement", "13202", "sex", "M"))).toContainEqual({
      total: key("arrondissement", "13202", "sex", "M"),
      parts: [key("iris", c, "sex", "M"), key("iris", d, "sex", "M")],
      complete: true,
    });
  });

  test("a commune without arrondissements gets no arrondissement cell", async () => {
    const aix = await computeIndicators({
      ...input,
      records: records.map((r) => ({ ...r, iris: null, commune: "13001" })),
      commune: "13001",
      communeIris: [],
      arrondissements: [],
    });
    expect(aix.cells.some((x) => x.level === "arrondissement")).toBe(false);
  });

  test("a small arrondissement count is primary; no IRIS is recomputable from its arrondissement; the audit passes", async () => {
    const zones = zonePopulations(denominators, {
      communeIris,
      arrondissements: arrondissements.map((x) => x.code),
      communes: ["13001", "13055"],
      departement: "13",
      years: [2015],
    });
    expect(zones.filter((z) => z.level === "arrondissement")).toEqual([
      { level: "arrondissement", code: "13201", population: 4500 },
      { level: "arrondissement", code: "13202", population: 4000 },
    ]);
    const primary = primarySecrets(output.cells as Cell[], zones, { threshold: 5, minPopulation: 100 });
    expect(primary.has(key("arrondissement", "13202"))).toBe(true);
    expect(primary.has(key("iris", a))).toBe(true);
    expect(primary.has(key("arrondissement", "13201"))).toBe(false);

    const table = protect(output.cells, output.relations, zones, { threshold: 5, minPopulation: 100 });
    const published = new Map(table.cells.map((x) => [cellKey(x), x]));
    expect(published.get(key("arrondissement", "13202"))?.secret).toBe(true);
    // IRIS a (2) = 1er (14) − IRIS b (12): one of the two must be hidden with it.
    expect(published.get(key("iris", a))?.secret).toBe(true);
    expect(published.get(key("arrondissement", "13201"))?.secret || published.get(key("iris", b))?.secret).toBe(true);

    const catalogue = publicRelations({ cells: output.cells, relations: output.relations, zones, revisions: [] }, 100);
    expect(catalogue.zones?.some((z) => z.level === "arrondissement" && z.code === "13202")).toBe(true);
    expect(
      catalogue.sums.some((s) => s.total === key("arrondissement", "13201") && s.parts.includes(key("iris", a))),
    ).toBe(true);
    const report = await audit(table.cells, catalogue, { threshold: 5 });
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);

    // The audit does read the arrondissement relations: publishing IRIS b and the 1er beside
    // IRIS a's secret gives IRIS a away by subtraction, and the audit says so.
    const leaky = table.cells.map((x) =>
      cellKey(x) === key("iris", b) || cellKey(x) === key("arrondissement", "13201")
        ? { ...x, secret: false, value: (output.cells.find((y) => cellKey(y) === cellKey(x)) as Cell).value }
        : x,
    );
    const leak = await audit(leaky, catalogue, { threshold: 5 });
    expect(leak.ok).toBe(false);
    expect(leak.failures.map((f) => f.cell)).toContain(key("iris", a));
  });
});
